"""The external population that employees know, held as numpy arrays.

People are grouped into clusters (sector × region) and into companies.  Each
person has a log-normal *popularity*; an employee samples contacts from a few
clusters with probability proportional to popularity, so that some people are
known by many employees while most are known by one or two, and colleagues
who work with the same sectors share contacts (embeddedness).  Only people
somebody actually knows are turned into :class:`~weakties.synth.SynthPerson`
objects (:func:`materialize`).

References
----------
.. [1] Granovetter, M. (1985). Economic action and social structure: the
   problem of embeddedness. *AJS* 91(3), 481-510.
.. [2] Ugander, J., Karrer, B., Backstrom, L., Marlow, C. (2011). The anatomy
   of the Facebook social graph. arXiv:1111.4503.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from .companies import REGIONS, SECTORS, Company, build_companies
from .model import SynthPerson
from .names import (
    FIRST_KEYS,
    FIRST_NAMES,
    FIRST_SLUGS,
    SURNAME_KEYS,
    SURNAME_ORIGIN,
    SURNAME_SLUGS,
    SURNAMES,
    sample_names,
    surnames_of_origin,
)
from .positions import GENERIC_POSITIONS, SECTOR_POSITIONS

ALL_SURNAMES = np.arange(len(SURNAMES))

__all__ = ["Groups", "Population", "build_population", "materialize", "sample_distinct"]

SECTOR_KEYS: tuple[str, ...] = tuple(SECTORS)
#: Shape of the log-normal popularity of external people.
POPULARITY_SIGMA = 0.9
N_CLUSTERS = len(SECTOR_KEYS) * len(REGIONS)
POSITIONS: tuple[str, ...] = tuple(
    dict.fromkeys([p for ps in SECTOR_POSITIONS.values() for p in ps] + list(GENERIC_POSITIONS))
)
_POS_INDEX = {p: i for i, p in enumerate(POSITIONS)}
_PERSONAL = {
    "NL": (
        "gmail.com",
        "hotmail.com",
        "outlook.com",
        "ziggo.nl",
        "kpnmail.nl",
        "live.nl",
        "icloud.com",
    ),
    "BE": ("gmail.com", "hotmail.com", "telenet.be", "skynet.be", "outlook.com", "proximus.be"),
}


class Groups:
    """Weighted sampling of members from a partition of the population.

    Members of group ``g`` are ``order[start[g]:start[g + 1]]``; a draw picks a
    member with probability proportional to its weight (inverse CDF on one
    global cumulative array, so a whole batch of draws is one ``searchsorted``).
    """

    def __init__(self, keys: np.ndarray, n_groups: int, weights: np.ndarray) -> None:
        self.order = np.argsort(keys, kind="stable")
        self.start = np.searchsorted(keys[self.order], np.arange(n_groups + 1))
        cum0 = np.concatenate(([0.0], np.cumsum(weights[self.order])))
        self.cum = cum0[1:]
        self.base = cum0[self.start[:-1]]
        self.total = cum0[self.start[1:]] - self.base
        self.size = np.diff(self.start)

    def draw(self, rng: np.random.Generator, groups: np.ndarray) -> np.ndarray:
        """One member per entry of ``groups`` (which must be non-empty groups)."""
        target = self.base[groups] + rng.random(len(groups)) * self.total[groups]
        pos = np.searchsorted(self.cum, target, side="right")
        pos = np.clip(pos, self.start[groups], self.start[groups + 1] - 1)
        return self.order[pos]


def sample_distinct(
    k: int,
    draw: Callable[[int], np.ndarray],
    exclude: np.ndarray | None = None,
    max_rounds: int = 12,
) -> np.ndarray:
    """First ``k`` distinct values of an i.i.d. weighted stream (successive sampling).

    Draws in batches until ``k`` distinct values not in ``exclude`` are found,
    or gives back fewer when the groups are nearly exhausted.
    """
    if k <= 0:
        return np.empty(0, dtype=np.int64)
    stream = np.empty(0, dtype=np.int64)
    distinct = stream
    for _ in range(max_rounds):
        need = k - len(distinct)
        # Popular members repeat; draw as many as the distinct rate so far says are needed.
        rate = len(distinct) / len(stream) if len(stream) else 1.0
        stream = np.concatenate((stream, draw(int(need * 1.3 / max(rate, 0.02)) + 8)))
        values, first = np.unique(stream, return_index=True)
        if exclude is not None and len(exclude):
            keep = ~np.isin(values, exclude, assume_unique=False)
            values, first = values[keep], first[keep]
        distinct = values[np.argsort(first, kind="stable")]
        if len(distinct) >= k:
            return distinct[:k]
    return distinct


@dataclass
class Population:
    """Attributes of every external person, one array entry per person."""

    companies: list[Company]
    sector: np.ndarray  # index into SECTOR_KEYS
    region: np.ndarray  # index into REGIONS
    company: np.ndarray  # index into companies
    popularity: np.ndarray
    gender: np.ndarray
    first: np.ndarray  # index into FIRST_NAMES
    surname: np.ndarray  # index into SURNAMES
    position: np.ndarray  # index into POSITIONS
    clusters: Groups  # sector * len(REGIONS) + region
    by_company: Groups
    company_weight: np.ndarray

    def __len__(self) -> int:
        return len(self.sector)

    def sample(
        self,
        rng: np.random.Generator,
        k: int,
        cluster_p: np.ndarray,
        exclude: np.ndarray | None = None,
    ) -> np.ndarray:
        """``k`` distinct people from clusters mixed by ``cluster_p`` (length N_CLUSTERS)."""
        p = np.where(self.clusters.size > 0, cluster_p, 0.0)
        cum = np.cumsum(p / p.sum())
        cum[-1] = 1.0

        def draw(m: int) -> np.ndarray:
            groups = np.searchsorted(cum, rng.random(m), side="right")
            return self.clusters.draw(rng, np.minimum(groups, N_CLUSTERS - 1))

        return sample_distinct(k, draw, exclude)

    def sample_company(
        self, rng: np.random.Generator, k: int, company: int, exclude: np.ndarray | None = None
    ) -> np.ndarray:
        """``k`` distinct people (at most all) working at one company."""
        k = min(k, int(self.by_company.size[company]))
        groups = np.full(1, company)
        return sample_distinct(
            k, lambda m: self.by_company.draw(rng, np.repeat(groups, m)), exclude
        )


def build_population(rng: np.random.Generator, size: int) -> Population:
    """Draw ``size`` external people: sector, company (Zipf), region, name, position.

    Parameters
    ----------
    rng : numpy.random.Generator
        Seeded generator.
    size : int
        Number of people in the pool (only those someone knows are kept later).
    """
    sector_w = np.array(list(SECTORS.values()))
    sector = rng.choice(len(SECTOR_KEYS), size=size, p=sector_w / sector_w.sum()).astype(np.int16)
    sizes = {s: int((sector == i).sum()) for i, s in enumerate(SECTOR_KEYS)}
    companies, cweights = build_companies(rng, sizes)
    comp_sector = np.array([SECTOR_KEYS.index(c.sector) for c in companies])
    company = np.empty(size, dtype=np.int32)
    for i in range(len(SECTOR_KEYS)):
        members = np.flatnonzero(sector == i)
        idx = np.flatnonzero(comp_sector == i)
        company[members] = rng.choice(idx, size=len(members), p=cweights[idx] / cweights[idx].sum())

    # Region: most people of a local firm live in its region; national and
    # international employers spread over their country (or everywhere).
    comp_region = np.array([c.region for c in companies])
    comp_country = np.array([c.country for c in companies])
    reg_country = np.array([r.country for r in REGIONS])
    reg_w = np.array([r.weight for r in REGIONS])
    region = comp_region[company].astype(np.int16)
    wander = (region < 0) | (rng.random(size) < 0.2)
    for country in ("NL", "BE", "*"):
        m = wander & (comp_country[company] == country)
        if country == "*":
            w = reg_w
        else:
            w = np.where(reg_country == country, reg_w, 0.0)
        region[m] = rng.choice(len(REGIONS), size=int(m.sum()), p=w / w.sum())
    gender, first, surname = sample_names(rng, reg_country[region])

    position = np.empty(size, dtype=np.int32)
    generic = np.array([_POS_INDEX[p] for p in GENERIC_POSITIONS])
    for i, s in enumerate(SECTOR_KEYS):
        m = np.flatnonzero(sector == i)
        own = np.array([_POS_INDEX[p] for p in SECTOR_POSITIONS[s]])
        pick = rng.random(len(m)) < 0.78
        position[m] = np.where(pick, rng.choice(own, size=len(m)), rng.choice(generic, size=len(m)))
    popularity = rng.lognormal(0.0, POPULARITY_SIGMA, size=size)
    cluster_key = sector.astype(np.int64) * len(REGIONS) + region
    return Population(
        companies=companies,
        sector=sector,
        region=region,
        company=company,
        popularity=popularity,
        gender=gender,
        first=first,
        surname=surname,
        position=position,
        clusters=Groups(cluster_key, N_CLUSTERS, popularity),
        by_company=Groups(company.astype(np.int64), len(companies), popularity),
        company_weight=cweights,
    )


def force_homonyms(rng: np.random.Generator, pop: Population, known: np.ndarray, pairs: int) -> int:
    """Give ``pairs`` known people the full name of a colleague at the same company.

    Two different people with the same name at the same employer exist in
    every large firm (two "Jan de Jong" at Rabobank); a resolver that merges
    on name and company alone must be caught by them.
    """
    _dedupe_names(rng, pop, known)
    comp = pop.company[known]
    order = np.argsort(comp, kind="stable")
    sorted_comp = comp[order]
    starts = np.flatnonzero(np.r_[True, sorted_comp[1:] != sorted_comp[:-1]])
    counts = np.diff(np.r_[starts, len(sorted_comp)])
    eligible = starts[counts >= 2]
    if len(eligible) == 0:
        return 0
    chosen = rng.choice(eligible, size=min(pairs, len(eligible)), replace=False)
    for s in np.sort(chosen):
        a, b = known[order[s]], known[order[s + 1]]
        pop.first[b], pop.surname[b], pop.gender[b] = pop.first[a], pop.surname[a], pop.gender[a]
    return len(chosen)


def _dedupe_names(rng: np.random.Generator, pop: Population, known: np.ndarray) -> None:
    """Redraw the surname of chance namesakes at one company, so homonyms are only the forced ones."""
    seen: set[tuple[str, str, int]] = set()
    first, surname, company = pop.first.tolist(), pop.surname, pop.company.tolist()
    for i in known.tolist():
        for attempt in range(60):
            key = (FIRST_KEYS[first[i]], SURNAME_KEYS[surname[i]], company[i])
            if key not in seen:
                seen.add(key)
                break
            pool = surnames_of_origin(SURNAME_ORIGIN[surname[i]]) if attempt < 10 else ALL_SURNAMES
            pop.surname[i] = pool[int(rng.integers(len(pool)))]


def _unique_url(used: set[str], url_slug: str, h: int) -> str:
    m = 0
    url = f"https://www.linkedin.com/in/{url_slug}-{h:08x}"
    while url in used:
        m += 1
        url = f"https://www.linkedin.com/in/{url_slug}-{(h + m) % 2**32:08x}"
    used.add(url)
    return url


def _unique_email(used: set[str], local: str, domain: str) -> str:
    n = 1
    email = f"{local}@{domain}"
    while email in used:
        n += 1
        email = f"{local}{n}@{domain}"
    used.add(email)
    return email


def _unique_phone(used: set[str], phone: str) -> str:
    m = 0
    value = phone
    while value in used:
        m += 1
        value = f"{phone[:-3]}{(int(phone[-3:]) + m) % 1000:03d}"
    used.add(value)
    return value


def materialize(
    rng: np.random.Generator,
    pop: Population,
    indices: np.ndarray,
    first_id: int,
    used_emails: set[str],
    used_urls: set[str],
    used_phones: set[str],
) -> list[SynthPerson]:
    """Turn population entries into :class:`SynthPerson` objects with ids from ``first_id``.

    Emails, LinkedIn URLs and phone numbers are unique across everyone
    (the ``used_*`` sets are shared with the employees).
    """
    n = len(indices)
    u = rng.random((n, 6))
    hexes = rng.integers(0, 2**32, size=n)
    digits = rng.integers(10**7, 10**8, size=n)
    out: list[SynthPerson] = []
    fi, si, ci = (
        pop.first[indices].tolist(),
        pop.surname[indices].tolist(),
        pop.company[indices].tolist(),
    )
    ri, pi, sec = (
        pop.region[indices].tolist(),
        pop.position[indices].tolist(),
        pop.sector[indices].tolist(),
    )
    hexes, digits = hexes.tolist(), digits.tolist()
    u = u.tolist()
    for k in range(n):
        c = pop.companies[ci[k]]
        first = FIRST_NAMES[fi[k]]
        particle, base = SURNAMES[si[k]]
        last = f"{particle} {base}" if particle else base
        fs, ls = FIRST_SLUGS[fi[k]].replace("-", ""), SURNAME_SLUGS[si[k]].replace("-", "")
        region = REGIONS[ri[k]]
        country = region.country
        url_slug = f"{FIRST_SLUGS[fi[k]]}-{SURNAME_SLUGS[si[k]]}"
        url = _unique_url(used_urls, url_slug, hexes[k])
        domain = c.domain
        if u[k][0] < 0.3:
            local = f"{fs[:1]}.{ls}"
        elif u[k][0] < 0.45:
            local = f"{fs}{ls}"
        else:
            local = f"{fs}.{ls}"
        work = _unique_email(used_emails, local, domain)
        personal_domains = _PERSONAL[country]
        pd = personal_domains[int(u[k][1] * len(personal_domains))]
        plocal = f"{fs}.{ls}" if u[k][2] < 0.5 else f"{fs}{ls}{int(u[k][2] * 90) + 10}"
        personal = _unique_email(used_emails, plocal, pd)
        email, alt = (work, personal) if u[k][3] < 0.6 else (personal, work)
        if u[k][4] > 0.25:
            alt = ""
        phone = ""
        if u[k][5] < 0.72:
            d = digits[k]
            cand = f"+316{d}" if country == "NL" else f"+3247{d % 10**7:07d}"
            phone = _unique_phone(used_phones, cand)
        out.append(
            SynthPerson(
                id=first_id + k,
                first_name=first,
                last_name=last,
                company=c.name,
                position=POSITIONS[pi[k]],
                sector=SECTOR_KEYS[sec[k]],
                region=region.name,
                linkedin_url=url,
                email=email,
                phone=phone,
                alt_email=alt,
            )
        )
    return out
