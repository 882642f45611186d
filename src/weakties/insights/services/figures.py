"""Figures of the organisation's reach that ``weakties analyze`` stores for every page to read.

The dashboard, ``weakties reach`` and the insights page show how far the
organisation's second degree reaches.  Counted live, that reads every tie of
the organisation (46 s for ``weakties reach`` at 3,000 employees and 0.9M
ties, issue 9).  The analysis already holds those ties in its snapshot, so
:func:`~weakties.insights.services.analytics.analytics_refresh` stores the
counts on the :class:`~weakties.insights.models.AnalysisRun` (``employees``,
``employees_sharing``, ``ties``, ``people_reached``, ``coverage`` …) and, from
:func:`reach_figures`, the few that nothing else counted:

``sources``
    ``{source: ties}``: the ties each source (``linkedin``, ``google`` …) brought.
``growth_years``
    ``[{"year", "people"}]``: people reached by the end of each year in which
    someone was first reached (cumulative).  A person counts from the day of
    their first tie: the day it was made (``connected_on``), or else the day
    it was imported.
``roles``
    ``{role: n}``: the Gould & Fernandez brokerage counts summed over employees.

Small groups are hidden when the figures are *shown*
(:mod:`weakties.insights.selectors`), so a change of ``WEAKTIES_MIN_GROUP``
needs no new analysis.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from typing import TYPE_CHECKING, Any

import numpy as np
from django.db import connection

from weakties.insights.services.snapshots import NetworkData
from weakties.network import ROLES, reach_growth

if TYPE_CHECKING:
    from weakties.network.analysis import Analysis

__all__ = ["reach_figures", "tie_sources", "growth_by_year"]

#: Employees per statement: well under SQLite's limit of bound parameters.
_CHUNK = 500


def reach_figures(result: Analysis, data: NetworkData) -> dict[str, Any]:
    """The figures above, from an analysis and the data it was computed from."""
    E = result.n_employees
    roles = result.roles
    return {
        "sources": tie_sources(data),
        "growth_years": growth_by_year(data),
        "roles": {r: int(getattr(roles, r)[:E].sum()) for r in ROLES} if roles is not None else {},
    }


def tie_sources(data: NetworkData) -> dict[str, int]:
    """Ties of the sharing employees by source, most first.

    The database groups the ties by their list of sources (a handful of
    distinct lists), so only those few rows come back.
    """
    sharing = [
        row["id"] for row, shares in zip(data.employees, data.sharing, strict=True) if shares
    ]
    counts: Counter[str] = Counter()
    with connection.cursor() as cursor:
        for start in range(0, len(sharing), _CHUNK):
            chunk = sharing[start : start + _CHUNK]
            marks = ", ".join(["%s"] * len(chunk))
            cursor.execute(
                "SELECT sources, COUNT(*) FROM people_tie"
                f" WHERE employee_id IN ({marks}) GROUP BY sources",
                chunk,
            )
            for sources, n in cursor.fetchall():
                names = json.loads(sources) if isinstance(sources, str | bytes) else sources
                for name in names or ():
                    counts[name] += n
    return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


def growth_by_year(data: NetworkData) -> list[dict[str, int]]:
    """People reached by the end of each year in which someone was first reached (cumulative)."""
    snapshot = data.snapshot
    days = np.asarray(data.tie_day, dtype="datetime64[D]")
    numbers = days.astype(np.int64).astype(np.float64)
    numbers[np.isnat(days)] = np.nan
    if not np.isfinite(numbers).any():
        return []
    tie_day = snapshot.aggregate_ties(numbers, "min")
    known = tie_day[np.isfinite(tie_day)]
    if not known.size:
        return []
    first = _year(known.min())
    last = _year(known.max())
    ends = [(dt.date(y, 12, 31) - dt.date(1970, 1, 1)).days for y in range(first, last + 1)]
    people = reach_growth(snapshot, tie_day, ends, employees=data.sharing).people.tolist()
    out = []
    before = 0
    for year, n in zip(range(first, last + 1), people, strict=True):
        if n > before:
            out.append({"year": year, "people": int(n)})
        before = n
    return out


def _year(day: float) -> int:
    return (dt.date(1970, 1, 1) + dt.timedelta(days=int(day))).year
