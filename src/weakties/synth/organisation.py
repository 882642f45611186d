"""Generate a whole synthetic organisation: directory, people and ties.

The default is the firm of the seed texts: 100 employees, of whom five
account managers and one recruiter, whose LinkedIn networks make 95 extra
passive sellers and 99 extra passive recruiters.

References
----------
.. [1] Granovetter, M. (1973). The strength of weak ties. *AJS* 78(6).
.. [2] Ugander, J., Karrer, B., Backstrom, L., Marlow, C. (2011). The anatomy
   of the Facebook social graph. arXiv:1111.4503.
"""

from __future__ import annotations

import math
from collections import defaultdict
from datetime import date

import numpy as np

from .companies import REGIONS, SECTORS, company_core
from .model import SynthEmployee, SynthOrganisation, SynthPerson, SynthTie
from .names import (
    FIRST_KEYS,
    FIRST_NAMES,
    SURNAME_KEYS,
    SURNAME_ORIGIN,
    SURNAMES,
    ascii_fold,
    sample_names,
    slug,
    surnames_of_origin,
)

ALL_SURNAMES = np.arange(len(SURNAMES))
from .population import build_population, force_homonyms, materialize
from .positions import ACCOUNT_MANAGER_TITLES, DEPARTMENTS, RECRUITER_TITLES
from .ties import YEARS as YEARS_BACK
from .ties import colleague_edges, connection_dates, contact_mixture, sample_degrees

__all__ = ["LOCATIONS", "generate_organisation"]

#: Office locations (each is also the name of its region).
LOCATIONS = ("Amsterdam", "Utrecht", "Rotterdam", "Eindhoven", "Antwerpen", "Gent")
ADDRESS_BOOK_SHARE = 0.30
ADDRESS_BOOK_FORMATS = ("google", "outlook", "vcard")
_AB_FORMAT_P = (0.45, 0.25, 0.30)


def _department_sizes(n: int, am: int, rec: int) -> dict[str, int]:
    weights = {d: spec[0] for d, spec in DEPARTMENTS.items()}
    raw = {d: w * n for d, w in weights.items()}
    sizes = {d: int(math.floor(v)) for d, v in raw.items()}
    for d in sorted(raw, key=lambda d: (sizes[d] - raw[d], d))[: n - sum(sizes.values())]:
        sizes[d] += 1
    need = {
        "Management": 1,
        "Sales": am + (1 if am else 0),
        "HR & Recruitment": rec + (1 if rec else 0),
    }
    for d, k in need.items():
        while sizes[d] < k:
            donors = [x for x in sizes if sizes[x] > need.get(x, 0)]
            if not donors:
                raise ValueError(f"{n} employees cannot hold {am} account managers and {rec} recruiters")
            sizes[max(donors, key=lambda x: (sizes[x], x))] -= 1
            sizes[d] += 1
    return sizes


def _make_employees(
    rng: np.random.Generator, n: int, domain: str, am: int, rec: int
) -> list[SynthEmployee]:
    sizes = _department_sizes(n, am, rec)
    hq = LOCATIONS[int(rng.integers(4))]
    others = [loc for loc in LOCATIONS if loc != hq]
    # (department, title, role, manager slot, location) with manager as an index
    rows: list[list] = []

    def title(options: tuple[str, ...]) -> str:
        return options[int(rng.integers(len(options)))]

    def place(near: str) -> str:
        return near if rng.random() < 0.7 else others[int(rng.integers(len(others)))]

    mgmt = DEPARTMENTS["Management"]
    rows.append(["Management", title(mgmt[1]), "representative", -1, hq])
    has_hr = sizes["HR & Recruitment"] > 0
    for dept, (_, heads, lead_title, staff_titles) in DEPARTMENTS.items():
        count = sizes[dept] - (1 if dept == "Management" else 0)
        if count <= 0:
            continue
        if dept == "Management":
            for _ in range(count):
                rows.append([dept, title(staff_titles), "employee", 0, hq])
            continue
        head = len(rows)
        rows.append([dept, title(heads), "admin" if dept == "HR & Recruitment" else "employee", 0, hq])
        k_special = am if dept == "Sales" else (rec if dept == "HR & Recruitment" else 0)
        pool = count - 1
        non_special = pool - k_special
        n_leads = min(non_special, math.ceil(pool / 10)) if pool > 9 else 0
        leads = []
        for _ in range(n_leads):
            leads.append(len(rows))
            rows.append([dept, lead_title, "employee", head, place(hq)])
        bosses = leads or [head]
        members = [("special", k) for k in range(k_special)] + [
            ("staff", k) for k in range(non_special - n_leads)
        ]
        order = rng.permutation(len(members))
        for slot, m in enumerate(order):
            kind, _ = members[m]
            boss = bosses[slot % len(bosses)]
            if kind == "special" and dept == "Sales":
                t, role = title(ACCOUNT_MANAGER_TITLES), "account_manager"
            elif kind == "special":
                t, role = title(RECRUITER_TITLES), "recruiter"
            else:
                t, role = title(staff_titles), "employee"
            rows.append([dept, t, role, boss, place(rows[boss][4])])
    if not has_hr:
        rows[0][2] = "admin"
    countries = np.array([REGIONS[[r.name for r in REGIONS].index(r[4])].country for r in rows])
    _, first, surname = sample_names(rng, countries)
    seen: set[tuple[str, str]] = set()
    for k in range(len(rows)):  # namesakes do work together, but rarely: redraw the surname
        for attempt in range(60):
            key = (FIRST_KEYS[first[k]], SURNAME_KEYS[surname[k]])
            if key not in seen:
                seen.add(key)
                break
            pool = surnames_of_origin(SURNAME_ORIGIN[surname[k]]) if attempt < 10 else ALL_SURNAMES
            surname[k] = pool[int(rng.integers(len(pool)))]
    emails: list[str] = []
    used: set[str] = set()
    employees: list[SynthEmployee] = []
    for k, row in enumerate(rows):
        fn = FIRST_NAMES[first[k]]
        particle, base = SURNAMES[surname[k]]
        ln = f"{particle} {base}" if particle else base
        local = f"{slug(fn, '')}.{slug(ln, '')}"
        email, m = f"{local}@{domain}", 2
        while email in used:
            email, m = f"{local}{m}@{domain}", m + 1
        used.add(email)
        emails.append(email)
        manager = emails[row[3]] if row[3] >= 0 else ""
        employees.append(SynthEmployee(email, fn, ln, row[0], row[1], row[4], manager, row[2], k + 1))
    return employees


def org_domain(name: str) -> str:
    """E-mail domain of an organisation: ``"Demo BV"`` → ``"demo.nl"``."""
    return (slug(company_core(name), "") or "example") + ".nl"


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
    rec = (max(1, int(employees * 0.01 + 0.5)) if employees >= 20 else int(employees >= 5)) if recruiters is None else recruiters
    streams = [np.random.default_rng(s) for s in np.random.SeedSequence(seed).spawn(8)]
    domain = org_domain(name)
    staff = _make_employees(streams[0], employees, domain, am, rec)
    n = len(staff)
    sector_names = [s for s in SECTORS if s != "it"]
    customer = tuple(sorted(streams[1].choice(sector_names, size=4, replace=False).tolist()))
    degrees = sample_degrees(streams[1], staff)
    ei, ej = colleague_edges(streams[2], staff, degrees)
    tenure = np.clip(streams[2].exponential(5.0, size=n), 0.2, 20.0)
    colleagues: list[dict[int, int]] = [{} for _ in range(n)]
    age = np.floor(streams[2].random(len(ei)) * np.minimum(tenure[ei], tenure[ej]) * 365.25)
    for a, b, d in zip(ei.tolist(), ej.tolist(), (today.toordinal() - age.astype(np.int64)).tolist(), strict=True):
        colleagues[a][b] = d
        colleagues[b][a] = d

    rng = streams[3]
    pop = build_population(rng, int(3000 + 0.55 * degrees.sum()))
    hq_region = [r.name for r in REGIONS].index(staff[0].location)
    linked: list[np.ndarray] = []
    for k, e in enumerate(staff):
        mix = contact_mixture(rng, e, k, customer, hq_region)
        want = max(0, int(degrees[k]) - len(colleagues[k]))
        former = pop.sample(rng, 2, mix)
        picked = [pop.sample_company(rng, int(want * 0.06), int(pop.company[f])) for f in former]
        got = np.concatenate(picked) if picked else np.empty(0, np.int64)
        rest = pop.sample(rng, want - len(got), mix, exclude=got)
        linked.append(np.concatenate((got, rest)))

    # Address books of ~30 % of the employees (multiplexity: partly the same people).
    arng = streams[4]
    owners = np.sort(arng.choice(n, size=int(round(ADDRESS_BOOK_SHARE * n)), replace=False))
    books: dict[int, tuple[str, np.ndarray, list[int]]] = {}
    reg_w = np.array([r.weight for r in REGIONS])
    sec_w = np.array(list(SECTORS.values()))
    for k in owners.tolist():
        fmt = ADDRESS_BOOK_FORMATS[int(arng.choice(3, p=_AB_FORMAT_P))]
        size = int(np.clip(arng.lognormal(np.log(120), 0.8), 5, 1500))
        li = linked[k]
        from_li = arng.choice(li, size=min(len(li), int(size * 0.4)), replace=False) if len(li) else li
        same_dept = [c for c in range(n) if c != k and staff[c].department == staff[k].department]
        work = sorted(set(colleagues[k]) | set(arng.permutation(same_dept)[: max(1, int(size * 0.1))].tolist()))
        work = work[: int(size * 0.15) + 1]
        region_p = 0.3 * reg_w / reg_w.sum()
        region_p[[r.name for r in REGIONS].index(staff[k].location)] += 0.7
        personal = pop.sample(arng, max(0, size - len(from_li) - len(work)), np.outer(sec_w / sec_w.sum(), region_p).ravel(), exclude=li)
        books[k] = (fmt, np.concatenate((np.sort(from_li), personal)), work)

    known = np.unique(np.concatenate(linked + [b[1] for b in books.values()] + [np.empty(0, np.int64)]))
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

    drng = streams[7]
    first_day = today.toordinal() - int(YEARS_BACK * 366) - 1
    days = [date.fromordinal(o) for o in range(first_day, today.toordinal() + 1)]
    id_objs = list(range(len(people) + 1))
    ties: list[SynthTie] = []
    for k, e in enumerate(staff):
        col = np.fromiter(colleagues[k].keys(), dtype=np.int64, count=len(colleagues[k])) + 1
        col_days = np.fromiter(colleagues[k].values(), dtype=np.int64, count=len(colleagues[k]))
        li = np.concatenate((pid[linked[k]], col))
        li_days = np.concatenate((connection_dates(drng, len(linked[k]), today), col_days))
        fmt = ""
        ids, when, code = li, li_days, np.ones(len(li), dtype=np.int8)
        if k in books:
            fmt, ext, work = books[k]
            ab = np.concatenate((pid[ext], np.asarray(work, dtype=np.int64) + 1))
            ids = np.concatenate((li, ab))
            when = np.concatenate((li_days, connection_dates(drng, len(ab), today)))
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
        phone = f"+316{int(rng.integers(10**7, 10**8))}" if country == "NL" else f"+3247{int(rng.integers(10**7, 10**8))}"
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
