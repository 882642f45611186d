"""A tie as the searches show it (:class:`RankedTie`), made from the rows they read.

The searches read their rows with hand-written SQL (:mod:`.ranked_ties`), the role search
through a :class:`~weakties.people.models.TieRank` query (:func:`ranked_rows`); both come
out as the same records, with no contact details (DESIGN.md).
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from weakties.people.models import TieRank

__all__ = ["RankedTie", "as_ranked", "ranked_rows"]


@dataclass(frozen=True)
class RankedTie:
    """A tie as the searches show it: no contact details, ever (DESIGN.md)."""

    tie_id: int
    strength: float | None  # from the last analysis; None when not analysed yet
    tier: str
    connected_on: dt.date | None
    sources: list[str]
    employee_email: str
    employee_first_name: str
    person_id: int
    person_first_name: str
    person_last_name: str
    position: str
    company: str
    #: From the last analysis (None until analysed): people both know, the job-lead fit
    #: (Rajkumar et al. 2022) and the share of the strength model the strength rests on.
    mutual_connections: int | None = None
    job_score: float | None = None
    evidence: float | None = None


_FIELDS = (
    "tie_id",
    "strength",
    "tier",
    "tie__connected_on",
    "tie__sources",
    "employee__email",
    "employee__first_name",
    "person_id",
    "person__first_name",
    "person__last_name",
    "person__position",
    "company__name",
    "mutual_connections",
    "job_score",
    "evidence",
)


@functools.lru_cache(maxsize=256)
def _sources(text: str) -> tuple[str, ...]:
    """A tie's sources from their JSON text: a few dozen distinct lists, decoded once each."""
    return tuple(json.loads(text) or ())


def as_ranked(rows: list[tuple[Any, ...]]) -> list[RankedTie]:
    """Rows in the order of :class:`RankedTie` (the searches' ``SELECT`` in
    :mod:`.ranked_ties`, or :data:`_FIELDS`) as its records."""
    out = []
    for v in rows:
        sources = v[4]
        if isinstance(sources, str):  # JSON text (SQLite; PostgreSQL's jsonb arrives parsed)
            sources = _sources(sources)
        out.append(
            RankedTie(
                tie_id=v[0],
                strength=v[1],
                tier=v[2],
                connected_on=_date(v[3]),
                sources=list(sources or ()),
                employee_email=v[5],
                employee_first_name=v[6],
                person_id=v[7],
                person_first_name=v[8],
                person_last_name=v[9],
                position=v[10] or "",
                company=v[11] or "",
                mutual_connections=v[12],
                job_score=v[13],
                evidence=v[14],
            )
        )
    return out


def _date(value: Any) -> dt.date | None:
    """A date column as a date (SQLite hands raw SQL its ISO text)."""
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


def ranked_rows(qs: QuerySet[TieRank]) -> list[RankedTie]:
    """The rows of a :class:`TieRank` query as :class:`RankedTie` records (the role search)."""
    return as_ranked(list(qs.values_list(*_FIELDS)))
