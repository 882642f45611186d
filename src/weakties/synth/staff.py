"""The HR directory of a synthetic organisation: departments, roles, hierarchy.

Departments are sized by a typical mix (Engineering the largest, then
Customer Service, Operations, Sales ...); every department has a head who
reports to the director, larger ones have team leads (one per ten staff).
Account managers sit in Sales and recruiters in HR & Recruitment, whose head
is the organisation's admin in weakties.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

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


@dataclass(slots=True)
class _Post:
    """One place in the hierarchy, before a person fills it."""

    department: str
    title: str
    role: str
    manager: int  # index of the manager's post, -1 for none
    location: str


def make_employees(
    rng: np.random.Generator, n: int, domain: str, am: int, rec: int
) -> list[SynthEmployee]:
    """The directory: ``n`` employees with ``am`` account managers and ``rec`` recruiters.

    The director (role ``"representative"``) comes first and has no manager;
    everybody else reports to a department head or a team lead.  Names are
    drawn for the office's country; namesakes are redrawn, and e-mail
    addresses are ``first.last@domain`` (``jan.vandenberg@demo.nl``).
    """
    posts = _hierarchy(rng, _department_sizes(n, am, rec), am, rec)
    countries = np.array([_country(post.location) for post in posts])
    _, first, surname = sample_names(rng, countries)
    _redraw_namesakes(rng, first, surname)
    return _fill(posts, first, surname, domain)


def _pick(rng: np.random.Generator, options: Sequence[str]) -> str:
    """One of ``options``, uniformly."""
    return options[int(rng.integers(len(options)))]


def _place(rng: np.random.Generator, near: str, others: list[str]) -> str:
    """Where someone works: at ``near`` seven times in ten, else at another office."""
    return near if rng.random() < 0.7 else _pick(rng, others)


def _country(location: str) -> str:
    """The country of an office."""
    return REGIONS[[r.name for r in REGIONS].index(location)].country


def _hierarchy(rng: np.random.Generator, sizes: dict[str, int], am: int, rec: int) -> list[_Post]:
    """Every post, the director first: department heads report to the director,
    staff to a team lead (or the head where the department has none)."""
    hq = LOCATIONS[int(rng.integers(4))]
    others = [loc for loc in LOCATIONS if loc != hq]
    mgmt = DEPARTMENTS["Management"]
    posts = [_Post("Management", _pick(rng, mgmt[1]), "representative", -1, hq)]
    for dept, (_, _, _, staff_titles) in DEPARTMENTS.items():
        count = sizes[dept] - (1 if dept == "Management" else 0)
        if count <= 0:
            continue
        if dept == "Management":
            posts += [
                _Post(dept, _pick(rng, staff_titles), "employee", 0, hq) for _ in range(count)
            ]
            continue
        special = am if dept == "Sales" else (rec if dept == "HR & Recruitment" else 0)
        _add_department(rng, posts, dept, count, special, hq, others)
    if sizes["HR & Recruitment"] <= 0:
        posts[0].role = "admin"
    return posts


def _add_department(
    rng: np.random.Generator,
    posts: list[_Post],
    dept: str,
    count: int,
    special: int,
    hq: str,
    others: list[str],
) -> None:
    """A department's ``count`` posts: its head, a team lead per ten staff (from ten
    staff on), and the staff, ``special`` of them account managers or recruiters."""
    _, heads, lead_title, staff_titles = DEPARTMENTS[dept]
    head = len(posts)
    role = "admin" if dept == "HR & Recruitment" else "employee"
    posts.append(_Post(dept, _pick(rng, heads), role, 0, hq))
    pool = count - 1
    non_special = pool - special
    n_leads = min(non_special, math.ceil(pool / 10)) if pool > 9 else 0
    leads = []
    for _ in range(n_leads):
        leads.append(len(posts))
        posts.append(_Post(dept, lead_title, "employee", head, _place(rng, hq, others)))
    bosses = leads or [head]
    is_special = [True] * special + [False] * (non_special - n_leads)
    order = rng.permutation(len(is_special))
    for slot, m in enumerate(order):
        boss = bosses[slot % len(bosses)]
        title, role = _staff_title(rng, dept, is_special[m], staff_titles)
        posts.append(_Post(dept, title, role, boss, _place(rng, posts[boss].location, others)))


def _staff_title(
    rng: np.random.Generator, dept: str, special: bool, staff_titles: tuple[str, ...]
) -> tuple[str, str]:
    """Title and role of a staff member: account manager in Sales, recruiter in HR."""
    if special and dept == "Sales":
        return _pick(rng, ACCOUNT_MANAGER_TITLES), "account_manager"
    if special:
        return _pick(rng, RECRUITER_TITLES), "recruiter"
    return _pick(rng, staff_titles), "employee"


def _redraw_namesakes(rng: np.random.Generator, first: np.ndarray, surname: np.ndarray) -> None:
    """Redraw the surname of anyone who shares first name and surname with someone
    before them (namesakes do work together, but rarely); ``surname`` changes in place."""
    seen: set[tuple[str, str]] = set()
    for k in range(len(first)):
        for attempt in range(60):
            key = (FIRST_KEYS[first[k]], SURNAME_KEYS[surname[k]])
            if key not in seen:
                seen.add(key)
                break
            options = (
                surnames_of_origin(SURNAME_ORIGIN[surname[k]]) if attempt < 10 else ALL_SURNAMES
            )
            surname[k] = options[int(rng.integers(len(options)))]


def _fill(
    posts: list[_Post], first: np.ndarray, surname: np.ndarray, domain: str
) -> list[SynthEmployee]:
    """The employees in the posts, with unique ``first.last@domain`` addresses."""
    emails: list[str] = []
    used: set[str] = set()
    employees: list[SynthEmployee] = []
    for k, post in enumerate(posts):
        fn = FIRST_NAMES[first[k]]
        particle, base = SURNAMES[surname[k]]
        ln = f"{particle} {base}" if particle else base
        local = f"{slug(fn, '')}.{slug(ln, '')}"
        email, m = f"{local}@{domain}", 2
        while email in used:
            email, m = f"{local}{m}@{domain}", m + 1
        used.add(email)
        emails.append(email)
        manager = emails[post.manager] if post.manager >= 0 else ""
        employees.append(
            SynthEmployee(
                email, fn, ln, post.department, post.title, post.location, manager, post.role, k + 1
            )
        )
    return employees


def org_domain(name: str) -> str:
    """E-mail domain of an organisation: ``"Demo BV"`` → ``"demo.nl"``."""
    return (slug(company_core(name), "") or "example") + ".nl"
