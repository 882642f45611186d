"""The HR directory of a synthetic organisation: departments, roles, hierarchy.

Departments are sized by a typical mix (Engineering the largest, then
Customer Service, Operations, Sales ...); every department has a head who
reports to the director, larger ones have team leads (one per ten staff).
Account managers sit in Sales and recruiters in HR & Recruitment, whose head
is the organisation's admin in weakties.
"""

from __future__ import annotations

import math

import numpy as np

from .companies import REGIONS, company_core
from .model import SynthEmployee
from .names import (
    FIRST_KEYS,
    FIRST_NAMES,
    SURNAME_KEYS,
    SURNAME_ORIGIN,
    SURNAMES,
    sample_names,
    slug,
    surnames_of_origin,
)
from .positions import ACCOUNT_MANAGER_TITLES, DEPARTMENTS, RECRUITER_TITLES

__all__ = ["LOCATIONS", "make_employees", "org_domain"]

#: Office locations (each is also the name of its region).
LOCATIONS = ("Amsterdam", "Utrecht", "Rotterdam", "Eindhoven", "Antwerpen", "Gent")
ALL_SURNAMES = np.arange(len(SURNAMES))


def _department_sizes(n: int, am: int, rec: int) -> dict[str, int]:
    """Head count per department (largest remainder), with room for the special roles."""
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
                raise ValueError(
                    f"{n} employees cannot hold {am} account managers and {rec} recruiters"
                )
            sizes[max(donors, key=lambda x: (sizes[x], x))] -= 1
            sizes[d] += 1
    return sizes


def make_employees(
    rng: np.random.Generator, n: int, domain: str, am: int, rec: int
) -> list[SynthEmployee]:
    """The directory: ``n`` employees with ``am`` account managers and ``rec`` recruiters.

    The director (role ``"representative"``) comes first and has no manager;
    everybody else reports to a department head or a team lead.  Names are
    drawn for the office's country; namesakes are redrawn, and e-mail
    addresses are ``first.last@domain`` (``jan.vandenberg@demo.nl``).
    """
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
        rows.append(
            [dept, title(heads), "admin" if dept == "HR & Recruitment" else "employee", 0, hq]
        )
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
            options = (
                surnames_of_origin(SURNAME_ORIGIN[surname[k]]) if attempt < 10 else ALL_SURNAMES
            )
            surname[k] = options[int(rng.integers(len(options)))]
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
        employees.append(
            SynthEmployee(email, fn, ln, row[0], row[1], row[4], manager, row[2], k + 1)
        )
    return employees


def org_domain(name: str) -> str:
    """E-mail domain of an organisation: ``"Demo BV"`` → ``"demo.nl"``."""
    return (slug(company_core(name), "") or "example") + ".nl"
