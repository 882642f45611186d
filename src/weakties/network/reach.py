"""Reach: whom the organisation can reach through its employees, and who holds it.

The power of a network lies in the second degree: the organisation is the
employees' first degree, and everyone they know is its second.

* **Reach** of an employee: the distinct people they know.
* **Unique reach**: the people *only* that employee knows among the
  employees considered (normally those who consented).  It is key-person
  risk: what the organisation loses when that employee leaves.
* **Organisation reach**: the distinct people known by at least one
  employee, and its **coverage** of companies, sectors and regions.
* **Growth**: how organisation reach grew, dated by when each tie was made
  (``connected_on``) or imported.

References
----------
.. [1] Granovetter, M. S. (1973). The Strength of Weak Ties. *American
   Journal of Sociology* 78(6), 1360-1380.
.. [2] Burt, R. S. (1992). *Structural Holes*. Harvard University Press
   (non-redundant contacts as the source of information benefits).

Examples
--------
>>> from weakties.network import NetworkSnapshot, employee_reach
>>> snap = NetworkSnapshot.from_edges(
...     [1, 2], [10, 11, 12], [0, 0, 1, 1], [2, 3, 3, 4])
>>> r = employee_reach(snap)
>>> r.reach.tolist(), r.unique_reach.tolist(), r.people_reached
([2, 2], [1, 1], 3)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from .snapshot import NetworkSnapshot

__all__ = ["Coverage", "Growth", "Reach", "coverage", "employee_reach", "reach_growth"]


def _employee_mask(snapshot: NetworkSnapshot, employees: Any) -> np.ndarray:
    E = snapshot.n_employees
    if employees is None:
        return np.ones(E, dtype=bool)
    mask = np.asarray(employees)
    if mask.dtype != bool:
        out = np.zeros(E, dtype=bool)
        out[mask.astype(np.int64)] = True
        return out
    if mask.size != E:
        raise ValueError(f"employee mask has {mask.size} entries for {E} employees")
    return mask


def _employee_person_ties(
    snapshot: NetworkSnapshot, employees: Any
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(employee, person index, tie id) of every tie of a considered employee to a person."""
    E = snapshot.n_employees
    mask = _employee_mask(snapshot, employees)
    stop = int(snapshot.indptr[E])
    rows = snapshot.rows[:stop]
    cols = snapshot.indices[:stop]
    keep = (cols >= E) & mask[rows]
    return rows[keep], (cols[keep] - E).astype(np.int64), snapshot.edge_id[:stop][keep]


@dataclass(frozen=True, eq=False)
class Reach:
    """Reach of every employee and of the organisation.

    Attributes
    ----------
    reach : ndarray of int64
        People each employee knows (0 for employees not considered).
    unique_reach : ndarray of int64
        People known by that employee only (key-person risk).
    known_by : ndarray of int64
        For every person, how many considered employees know them.
    people_reached : int
        People known by at least one considered employee.
    """

    reach: np.ndarray
    unique_reach: np.ndarray
    known_by: np.ndarray
    people_reached: int


def employee_reach(snapshot: NetworkSnapshot, *, employees: Any = None) -> Reach:
    """Reach and unique reach of every employee.

    Parameters
    ----------
    snapshot : NetworkSnapshot
    employees : bool mask or index array, optional
        The employees to count (e.g. those who consented); default all.
    """
    E, P = snapshot.n_employees, snapshot.n_people
    emp, person, _ = _employee_person_ties(snapshot, employees)
    known_by = np.bincount(person, minlength=P).astype(np.int64)
    reach = np.bincount(emp, minlength=E).astype(np.int64)
    unique = np.bincount(emp[known_by[person] == 1], minlength=E).astype(np.int64)
    return Reach(
        reach=reach,
        unique_reach=unique,
        known_by=known_by,
        people_reached=int(np.count_nonzero(known_by)),
    )


@dataclass(frozen=True, eq=False)
class Coverage:
    """The organisation's reach into each category of a person attribute.

    Attributes
    ----------
    attribute : str
    labels : tuple of str
    people : ndarray of int64
        Distinct people reached in each category.
    employees : ndarray of int64
        Distinct employees who know someone in each category.
    unknown : int
        People reached whose category is unknown.
    categories_covered : int
        Categories with at least one person reached.
    """

    attribute: str
    labels: tuple[str, ...]
    people: np.ndarray
    employees: np.ndarray
    unknown: int
    categories_covered: int

    def top(self, k: int = 10, *, min_people: int = 1) -> list[tuple[str, int]]:
        """The ``k`` categories with most people reached, at least ``min_people`` each.

        Pass ``min_people=5`` to hide small groups, as the dashboards do.
        """
        order = np.lexsort((np.arange(self.people.size), -self.people))
        keep = [i for i in order if self.people[i] >= max(min_people, 1)][:k]
        return [(self.labels[i], int(self.people[i])) for i in keep]


def coverage(snapshot: NetworkSnapshot, attribute: str, *, employees: Any = None) -> Coverage:
    """People reached per category of a person attribute (company, sector, region).

    Examples
    --------
    >>> from weakties.network import NetworkSnapshot, coverage
    >>> snap = NetworkSnapshot.from_edges(
    ...     [1, 2], [10, 11, 12], [0, 0, 1, 1], [2, 3, 3, 4],
    ...     person_groups={"sector": ([0, 0, 1], ["ICT", "Care"])})
    >>> c = coverage(snap, "sector")
    >>> c.people.tolist(), c.employees.tolist(), c.top(1)
    ([2, 1], [2, 1], [('ICT', 2)])
    """
    group = snapshot.group(attribute, "person")
    k = len(group.labels)
    emp, person, _ = _employee_person_ties(snapshot, employees)
    reached = np.zeros(snapshot.n_people, dtype=bool)
    reached[person] = True
    codes = group.codes
    people = np.bincount(codes[reached & (codes >= 0)], minlength=k).astype(np.int64)
    c = codes[person].astype(np.int64)
    ok = c >= 0
    # distinct (category, employee) pairs: sort the keys and keep the first of each run
    # (a plain sort is several times faster than np.unique's hashing at millions of ties)
    pair = np.sort(c[ok] * max(snapshot.n_employees, 1) + emp[ok])
    if pair.size:
        pair = pair[np.r_[True, pair[1:] != pair[:-1]]]
    employees_per = np.bincount(pair // max(snapshot.n_employees, 1), minlength=k)
    return Coverage(
        attribute=attribute,
        labels=group.labels,
        people=people,
        employees=employees_per.astype(np.int64),
        unknown=int(np.count_nonzero(reached & (codes < 0))),
        categories_covered=int(np.count_nonzero(people)),
    )


@dataclass(frozen=True, eq=False)
class Growth:
    """Organisation reach over time.

    ``people[k]`` is the number of distinct people reachable by day
    ``days[k]`` (ties dated on or before it); ``undated`` people are reached
    only through ties without a date and are not in ``people``.
    """

    days: np.ndarray
    people: np.ndarray
    undated: int


def reach_growth(
    snapshot: NetworkSnapshot, tie_day: Any, days: Any, *, employees: Any = None
) -> Growth:
    """Distinct people reachable over time, from the day each tie was made.

    Parameters
    ----------
    snapshot : NetworkSnapshot
    tie_day : array_like of float, one per tie
        Day number (e.g. days since 1970-01-01) of ``connected_on`` or of the
        import that brought the tie; NaN where unknown.  Use
        :meth:`~weakties.network.NetworkSnapshot.aggregate_ties` with
        ``how="min"`` to bring per-row dates onto ties.
    days : array_like
        The days at which to count.

    Examples
    --------
    >>> from weakties.network import NetworkSnapshot, reach_growth
    >>> snap = NetworkSnapshot.from_edges([1, 2], [10, 11], [0, 1, 1], [2, 2, 3])
    >>> g = reach_growth(snap, [5.0, 3.0, float("nan")], [0, 4, 10])
    >>> g.people.tolist(), g.undated
    ([0, 1, 1], 1)
    """
    t = np.asarray(tie_day, dtype=np.float64).reshape(-1)
    if t.size != snapshot.n_edges:
        raise ValueError(f"got {t.size} tie days for {snapshot.n_edges} ties")
    at = np.asarray(days, dtype=np.float64).reshape(-1)
    _, person, tie = _employee_person_ties(snapshot, employees)
    first = np.full(snapshot.n_people, np.inf)
    day = t[tie]
    dated = np.isfinite(day)
    np.minimum.at(first, person[dated], day[dated])
    reached = np.zeros(snapshot.n_people, dtype=bool)
    reached[person] = True
    known_first = np.sort(first[np.isfinite(first)])
    counts = np.searchsorted(known_first, at, side="right").astype(np.int64)
    return Growth(
        days=at,
        people=counts,
        undated=int(np.count_nonzero(reached & ~np.isfinite(first))),
    )
