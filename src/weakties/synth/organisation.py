"""Generate a whole synthetic organisation: directory, people and ties.

The default is the firm of the seed texts: 100 employees, of whom five
account managers and one recruiter, whose LinkedIn networks make 95 extra
passive sellers and 99 extra passive recruiters.

References
----------
.. [1] Granovetter, M. (1973). The strength of weak ties. *AJS* 78(6).
.. [2] Ugander, J., Karrer, B., Backstrom, L., Marlow, C. (2011). The anatomy
   of the Facebook social graph. arXiv:1111.4503.
.. [3] Haythornthwaite, C. (2002). Strong, weak, and latent ties and the impact
   of new media. *The Information Society* 18(5), 385-401 (multiplexity: one
   tie seen through several media).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

import numpy as np

from .companies import REGIONS, SECTORS
from .model import SynthEmployee, SynthOrganisation, SynthPerson, SynthTie
from .names import ascii_fold, slug
from .population import Population, build_population, force_homonyms, materialize
from .staff import make_employees, org_domain
from .ties import YEARS as YEARS_BACK
from .ties import (
    Colleagues,
    colleague_edges,
    connection_dates,
    contact_mixture,
    sample_degrees,
)

__all__ = ["generate_organisation"]

#: Share of employees who also export their address book.
ADDRESS_BOOK_SHARE = 0.30
#: Size of the external pool: a base plus this many candidates per LinkedIn connection.
POOL_BASE = 5000
POOL_PER_TIE = 1.0
ADDRESS_BOOK_FORMATS = ("google", "outlook", "vcard")
_AB_FORMAT_P = (0.45, 0.25, 0.30)


def _address_books(
    rng: np.random.Generator,
    staff: list[SynthEmployee],
    pop: Population,
    linked: list[np.ndarray],
    colleagues: Colleagues,
) -> dict[int, tuple[str, np.ndarray, list[int]]]:
    """Address books of ~30 % of the employees: ``{employee: (format, externals, colleagues)}``.

    About 40 % of a book are LinkedIn contacts too (multiplexity: the same
    tie seen in two media [3]_), some are colleagues, and the
    rest are people the employee knows outside LinkedIn (mostly nearby).
    """
    n = len(staff)
    owners = np.sort(rng.choice(n, size=int(round(ADDRESS_BOOK_SHARE * n)), replace=False))
    by_dept: dict[str, list[int]] = defaultdict(list)
    for k, e in enumerate(staff):
        by_dept[e.department].append(k)
    reg_w = np.array([r.weight for r in REGIONS])
    sec_w = np.array(list(SECTORS.values()))
    region_names = [r.name for r in REGIONS]
    books: dict[int, tuple[str, np.ndarray, list[int]]] = {}
    for k in owners.tolist():
        fmt = ADDRESS_BOOK_FORMATS[int(rng.choice(3, p=_AB_FORMAT_P))]
        size = int(np.clip(rng.lognormal(np.log(120), 0.8), 5, 1500))
        li = linked[k]
        from_li = rng.choice(li, size=min(len(li), int(size * 0.4)), replace=False)
        near = sorted((set(colleagues.of(k)[0].tolist()) | set(by_dept[staff[k].department])) - {k})
        work = sorted(rng.permutation(near)[: int(size * 0.12) + 1].tolist()) if near else []
        region_p = 0.3 * reg_w / reg_w.sum()
        region_p[region_names.index(staff[k].location)] += 0.7
        personal = pop.sample(
            rng,
            max(0, size - len(from_li) - len(work)),
            np.outer(sec_w / sec_w.sum(), region_p).ravel(),
            exclude=li,
        )
        books[k] = (fmt, np.concatenate((np.sort(from_li), personal)), work)
    return books


def generate_organisation(
    *,
    employees: int = 100,
    seed: int = 0,
    name: str = "Demo BV",
    account_managers: int | None = None,
    recruiters: int | None = None,
    today: date = date(2026, 11, 1),
) -> SynthOrganisation:
    """Generate an organisation with its employees' networks.

    Parameters
    ----------
    employees : int
        Head count (the director included).
    seed : int
        Everything is derived from it; the same seed gives the same organisation.
    name : str
        Organisation name; its e-mail domain is derived from it.
    account_managers, recruiters : int, optional
        Default 5 % and 1 % of the head count (5 and 1 for 100 employees).
    today : date
        Export day; connection dates lie in the 15 years before it.

    Returns
    -------
    SynthOrganisation
    """
    if employees < 1:
        raise ValueError("an organisation needs at least one employee")
    am = int(employees * 0.05 + 0.5) if account_managers is None else account_managers
    rec = (
        (max(1, int(employees * 0.01 + 0.5)) if employees >= 20 else int(employees >= 5))
        if recruiters is None
        else recruiters
    )
    streams = [np.random.default_rng(s) for s in np.random.SeedSequence(seed).spawn(8)]
    domain = org_domain(name)
    staff = make_employees(streams[0], employees, domain, am, rec)
    n = len(staff)
    sector_names = [s for s in SECTORS if s != "it"]
    customer = tuple(sorted(streams[1].choice(sector_names, size=4, replace=False).tolist()))
    degrees = sample_degrees(streams[1], staff)
    ei, ej = colleague_edges(streams[2], staff, degrees)
    tenure = np.clip(streams[2].exponential(5.0, size=n), 0.2, 20.0)
    age = np.floor(streams[2].random(len(ei)) * np.minimum(tenure[ei], tenure[ej]) * 365.25)
    colleagues = Colleagues(n, ei, ej, today.toordinal() - age.astype(np.int64))

    rng = streams[3]
    pop = build_population(rng, int(POOL_BASE + POOL_PER_TIE * degrees.sum()))
    hq_region = [r.name for r in REGIONS].index(staff[0].location)
    linked: list[np.ndarray] = []
    for k, e in enumerate(staff):
        mix = contact_mixture(rng, e, k, customer, hq_region)
        want = max(0, int(degrees[k]) - colleagues.count(k))
        # A few contacts come in bulk from two former employers (ex-colleagues).
        former = pop.sample(rng, 2, mix)
        picked = [pop.sample_company(rng, int(want * 0.06), int(pop.company[f])) for f in former]
        got = np.concatenate(picked) if picked else np.empty(0, np.int64)
        rest = pop.sample(rng, want - len(got), mix, exclude=got)
        linked.append(np.concatenate((got, rest)))
    books = _address_books(streams[4], staff, pop, linked, colleagues)

    known = np.unique(
        np.concatenate(linked + [b[1] for b in books.values()] + [np.empty(0, np.int64)])
    )
    hrng = streams[5]
    force_homonyms(hrng, pop, known, max(3, round(len(known) / 4000)))
    used_emails = {e.email for e in staff}
    used_urls: set[str] = set()
    used_phones: set[str] = set()
    prng = streams[6]
    people = _employee_people(prng, staff, name, used_urls, used_phones)
    people += materialize(prng, pop, known, n + 1, used_emails, used_urls, used_phones)
    _flag_homonyms(people)
    pid = np.zeros(len(pop), dtype=np.int64)
    pid[known] = np.arange(n + 1, n + 1 + len(known))

    ties = _ties(streams[7], staff, linked, colleagues, books, pid, len(people), today)
    return SynthOrganisation(
        name=name,
        domain=domain,
        employees=staff,
        people=people,
        ties=ties,
        seed=seed,
        sector="it",
        customer_sectors=customer,
        today=today,
    )


def _ties(
    rng: np.random.Generator,
    staff: list[SynthEmployee],
    linked: list[np.ndarray],
    colleagues: Colleagues,
    books: dict[int, tuple[str, np.ndarray, list[int]]],
    pid: np.ndarray,
    n_people: int,
    today: date,
) -> list[SynthTie]:
    """One tie per (employee, person), with merged sources, ordered by employee then person."""
    first_day = today.toordinal() - int(YEARS_BACK * 366) - 1
    days = [date.fromordinal(o) for o in range(first_day, today.toordinal() + 1)]
    id_objs = list(range(n_people + 1))
    ties: list[SynthTie] = []
    for k, e in enumerate(staff):
        col, col_days = colleagues.of(k)
        col = col + 1
        li = np.concatenate((pid[linked[k]], col))
        li_days = np.concatenate((connection_dates(rng, len(linked[k]), today), col_days))
        fmt = ""
        ids, when, code = li, li_days, np.ones(len(li), dtype=np.int8)
        if k in books:
            fmt, ext, work = books[k]
            ab = np.concatenate((pid[ext], np.asarray(work, dtype=np.int64) + 1))
            ids = np.concatenate((li, ab))
            when = np.concatenate((li_days, connection_dates(rng, len(ab), today)))
            code = np.concatenate((code, np.full(len(ab), 2, dtype=np.int8)))
        order = np.lexsort((code, ids))
        ids, when, code = ids[order], when[order], code[order]
        starts = np.flatnonzero(np.r_[True, ids[1:] != ids[:-1]])
        merged = np.bitwise_or.reduceat(code, starts) if len(ids) else code
        src = {1: ("linkedin",), 2: (fmt,), 3: ("linkedin", fmt)}
        email = e.email
        ties.extend(
            SynthTie(email, id_objs[p], days[o - first_day], src[c])
            for p, o, c in zip(
                ids[starts].tolist(), when[starts].tolist(), merged.tolist(), strict=True
            )
        )
    return ties


def _employee_people(
    rng: np.random.Generator,
    staff: list[SynthEmployee],
    org_name: str,
    used_urls: set[str],
    used_phones: set[str],
) -> list[SynthPerson]:
    out = []
    for e in staff:
        s = slug(f"{e.first_name} {e.last_name}")
        url = f"https://www.linkedin.com/in/{s}-{int(rng.integers(2**32)):08x}"
        while url in used_urls:
            url = f"https://www.linkedin.com/in/{s}-{int(rng.integers(2**32)):08x}"
        used_urls.add(url)
        country = "BE" if e.location in ("Antwerpen", "Gent") else "NL"
        digits = int(rng.integers(10**7, 10**8))
        phone = f"+316{digits}" if country == "NL" else f"+3247{digits % 10**7:07d}"
        while phone in used_phones:
            phone = phone[:-1] + str((int(phone[-1]) + 1) % 10)
        used_phones.add(phone)
        out.append(
            SynthPerson(
                id=e.person_id,
                first_name=e.first_name,
                last_name=e.last_name,
                company=org_name,
                position=e.job_title,
                sector="it",
                region=e.location,
                linkedin_url=url,
                email=e.email,
                phone=phone,
                employee=e.email,
                department=e.department,
            )
        )
    return out


def _flag_homonyms(people: list[SynthPerson]) -> None:
    groups: dict[tuple[str, str, str], list[SynthPerson]] = defaultdict(list)
    for p in people:
        key = (ascii_fold(p.first_name).lower(), ascii_fold(p.last_name).lower(), p.company)
        groups[key].append(p)
    for group in groups.values():
        if len(group) > 1:
            for p in group:
                p.homonym = True
