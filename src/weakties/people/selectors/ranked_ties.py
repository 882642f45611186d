"""The sharing employees' ties at a company or to a person, best first, a page at a time.

The one reader behind "who knows someone at X" (:mod:`.who_knows`) and "who can
introduce me to X" (:mod:`weakties.insights.services.introductions`).  It reads
:class:`~weakties.people.models.TieRank`, which holds only ties of active,
consenting employees, through an index that starts with the asked company (or
person) and the organisation, ordered by strength:

* ties measured by the last analysis are read best first, straight off the
  index, and the read stops after the page (``k`` rows from each side of the
  ``around`` strength, or the ``k`` strongest): the cost of a page does not
  grow with the size of the company or the organisation;
* ties not analysed yet (strength ``NULL``: imported since) are read from the
  same index, all of them (at most :data:`MAX_UNMEASURED`); the caller gives
  them a provisional strength.  After ``weakties analyze`` there are none.

The plans are tested with ``EXPLAIN`` on SQLite and PostgreSQL
(``tests/people/test_hot_query_plans.py``).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from django.db.models import Exists, OuterRef, QuerySet
from django.utils.translation import gettext as _

from weakties.accounts.models import Consent, Organisation
from weakties.core.errors import ServiceError
from weakties.people.models import TieRank

__all__ = [
    "Page",
    "RankedTie",
    "Target",
    "parse_cursor",
    "ranked_rows",
    "as_page",
    "measured_ties",
    "unmeasured_ties",
    "count_ties",
    "MAX_UNMEASURED",
    "DEFAULT_PAGE",
]

#: Results per page unless asked otherwise.
DEFAULT_PAGE = 50
#: Ties not analysed yet that one search looks at.
MAX_UNMEASURED = 50_000

T = TypeVar("T")


@dataclass(frozen=True)
class Page(Generic[T]):
    """One page of results, best first: the rows, how many there are in all, and where to go on."""

    rows: list[T]
    total: int
    next_cursor: str | None


@dataclass(frozen=True)
class Target:
    """What a search asks for: the ties to people at one company, or to some people."""

    organisation: Organisation | None
    company_id: int | None = None
    person_ids: tuple[int, ...] = ()
    #: Leave out contacts who are themselves employees of the organisation.
    exclude_colleagues: bool = False


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
)


def parse_cursor(cursor: str | None) -> int:
    """The offset a cursor stands for (cursors are opaque to callers: they pass back what they got)."""
    if cursor in (None, ""):
        return 0
    try:
        offset = int(str(cursor))
    except ValueError:
        offset = -1
    if offset < 0:
        raise ServiceError(_("cursor {cursor} is not one this search gave").format(cursor=cursor))
    return offset


def _range(target: Target) -> QuerySet[TieRank]:
    """The index range of the search: one company (or some people) in one organisation."""
    qs = TieRank.objects.all()
    if target.organisation is not None:
        qs = qs.filter(organisation=target.organisation)
    if target.company_id is not None:
        return qs.filter(company_id=target.company_id)
    return qs.filter(person_id__in=list(target.person_ids))


def _base(target: Target) -> QuerySet[TieRank]:
    """The rows a search shows, each checked again as it is read.

    TieRank holds sharing employees' ties only; checking again on every row
    read costs two look-ups per row, which only the rows of a page pay, and
    keeps out a consent changed behind the services' back.
    """
    consenting = Consent.objects.filter(employee_id=OuterRef("employee_id"), withdrawn_at=None)
    qs = _range(target).filter(employee__active=True).filter(Exists(consenting))
    if target.exclude_colleagues:
        qs = qs.filter(colleague=False)
    return qs


def ranked_rows(qs: QuerySet[TieRank]) -> list[RankedTie]:
    """The rows of a :class:`TieRank` query as :class:`RankedTie` records."""
    out = []
    for v in qs.values_list(*_FIELDS):
        sources = v[4]
        if isinstance(sources, str):  # JSON text, as SQLite returns it
            sources = json.loads(sources)
        out.append(
            RankedTie(
                tie_id=v[0],
                strength=v[1],
                tier=v[2],
                connected_on=v[3],
                sources=list(sources or ()),
                employee_email=v[5],
                employee_first_name=v[6],
                person_id=v[7],
                person_first_name=v[8],
                person_last_name=v[9],
                position=v[10] or "",
                company=v[11] or "",
            )
        )
    return out


def measured_queries(target: Target, *, k: int, around: float | None) -> list[QuerySet[TieRank]]:
    """The index reads behind :func:`measured_ties` (exposed for the plan tests)."""
    qs = _base(target).filter(strength__isnull=False)
    if around is None:
        return [qs.order_by("-strength", "-tie_id")[:k]]
    return [
        qs.filter(strength__lte=around).order_by("-strength", "-tie_id")[:k],
        qs.filter(strength__gt=around).order_by("strength", "tie_id")[:k],
    ]


def measured_ties(target: Target, *, k: int, around: float | None = None) -> list[RankedTie]:
    """The best ``k`` analysed ties: the strongest, or the ``k`` nearest below and above ``around``.

    Whatever ranks by a function of strength that falls with the distance
    from one peak (the inverted U of Rajkumar et al. 2022) or rises with
    strength finds its top ``k`` among these rows.
    """
    if k <= 0:
        return []
    rows: list[RankedTie] = []
    for qs in measured_queries(target, k=k, around=around):
        rows.extend(ranked_rows(qs))
    return rows


def unmeasured_queryset(target: Target) -> QuerySet[TieRank]:
    """The index read behind :func:`unmeasured_ties` (exposed for the plan tests)."""
    return _base(target).filter(strength__isnull=True).order_by("tie_id")[:MAX_UNMEASURED]


def unmeasured_ties(target: Target) -> list[RankedTie]:
    """Ties not analysed yet (at most :data:`MAX_UNMEASURED`), oldest first."""
    return ranked_rows(unmeasured_queryset(target))


def count_ties(target: Target) -> int:
    """How many ties the search has in all: the index range, less the colleagues' rows.

    Counted off the indexes alone (the range, and the small partial index of
    colleagues' rows), so it costs about a millisecond for the largest
    company; it trusts TieRank to hold sharing employees' ties only, which
    :mod:`weakties.people.services.tie_ranks` keeps so.
    """
    total = _range(target).count()
    if target.exclude_colleagues:
        total -= _range(target).filter(colleague=True).count()
    return total


def as_page(rows: list[Any], *, offset: int, limit: int, total: int) -> Page[Any]:
    """The page ``offset … offset + limit`` of ``rows`` ranked best first."""
    chosen = rows[offset : offset + limit]
    more = offset + len(chosen) < total and len(chosen) == limit
    return Page(rows=chosen, total=total, next_cursor=str(offset + limit) if more else None)
