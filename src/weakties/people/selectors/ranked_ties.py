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
(``tests/people/test_hot_query_plans.py``).  :func:`purpose_fit` ranks the rows
read for a purpose, for every caller alike.

The pieces around the reads live beside this module and are importable from it as
before: :mod:`.pages` (a page and its cursor), :mod:`.tie_records` (:class:`RankedTie`),
:mod:`.company_search` (the companies a name means), :mod:`.job_titles` (the role
search's titles) and :mod:`.purpose_fit`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import connection

from weakties.accounts.models import Organisation
from weakties.core.prepared import fetch_all
from weakties.people.models import TieRank

from .company_search import MATCHED_COMPANIES as MATCHED_COMPANIES
from .company_search import SIMILAR as SIMILAR
from .company_search import (
    companies_matching,
    company_id,
    company_suggestions,
)
from .job_titles import titles_like
from .pages import DEFAULT_PAGE, Page, as_page, parse_cursor
from .purpose_fit import UNKNOWN_STRENGTH, purpose_fit
from .tables import quoted_tables
from .tie_records import RankedTie, as_ranked, ranked_rows

__all__ = [
    "Page",
    "RankedTie",
    "Target",
    "parse_cursor",
    "ranked_rows",
    "as_page",
    "purpose_fit",
    "UNKNOWN_STRENGTH",
    "measured_ties",
    "measured_queries",
    "unmeasured_ties",
    "unmeasured_query",
    "search_statement",
    "search_ties",
    "count_query",
    "company_id",
    "companies_matching",
    "company_suggestions",
    "titles_like",
    "Statement",
    "count_ties",
    "MAX_UNMEASURED",
    "DEFAULT_PAGE",
]


#: Ties not analysed yet that one search looks at.
MAX_UNMEASURED = 50_000


@dataclass(frozen=True)
class Target:
    """What a search asks for: the ties to people at one company, or to some people."""

    organisation: Organisation | None
    company_id: int | None = None
    person_ids: tuple[int, ...] = ()
    #: Or the ties to people with some job titles (``people.Title`` ids: the role search).
    title_ids: tuple[int, ...] = ()
    #: Leave out contacts who are themselves employees of the organisation.
    exclude_colleagues: bool = False


#: The columns of :class:`RankedTie`, in its order, from the rank row and what it points to.
_SELECT = (
    "SELECT r.tie_id, r.strength, r.tier, t.connected_on, t.sources, e.email, e.first_name,"
    " r.person_id, p.first_name, p.last_name, p.position, c.name,"
    " r.mutual_connections, r.job_score, r.evidence"
    " FROM {rank} r"
    " JOIN {tie} t ON t.id = r.tie_id"
    " JOIN {employee} e ON e.id = r.employee_id"
    " JOIN {person} p ON p.id = r.person_id"
    " LEFT JOIN {company} c ON c.id = r.company_id"
)


@dataclass(frozen=True)
class Statement:
    """One SQL statement of a search and its parameters (what the plan tests ``EXPLAIN``)."""

    sql: str
    params: tuple[Any, ...]


def _range(target: Target) -> tuple[str, list[Any]]:
    """The index range of the search: one company (or some people) in one organisation."""
    where: list[str] = []
    params: list[Any] = []
    if target.organisation is not None:
        where.append("r.organisation_id = %s")
        params.append(target.organisation.pk)
    if target.company_id is not None:
        where.append("r.company_id = %s")
        params.append(target.company_id)
    elif target.title_ids:
        where.append("r.title_id IN (" + ", ".join(["%s"] * len(target.title_ids)) + ")")
        params.extend(target.title_ids)
    else:
        ids = list(target.person_ids) or [-1]
        where.append("r.person_id IN (" + ", ".join(["%s"] * len(ids)) + ")")
        params.extend(ids)
    return " AND ".join(where), params


def _base(
    target: Target, condition: str, order: str, k: int, extra: tuple[Any, ...] = ()
) -> Statement:
    """The rows a search shows, best first, each checked again as it is read.

    TieRank holds sharing employees' ties only; checking again on every row
    read (the employee active, a consent not withdrawn) costs two look-ups per
    row, which only the rows of a page pay, and keeps out a consent changed
    behind the services' back.

    Written as SQL, not built by the ORM: the search runs on every request of
    the hot path, and composing its query through the ORM cost more CPU than
    the database spent answering it (issue 9, ``bench/hot.py``). The SQL is
    portable between SQLite and PostgreSQL, and its plan is tested on both.
    """
    where, params = _range(target)
    sql = (
        _SELECT + " WHERE " + where + " AND e.active AND EXISTS (SELECT 1 FROM {consent} k"
        " WHERE k.employee_id = r.employee_id AND k.withdrawn_at IS NULL)"
    )
    if target.exclude_colleagues:
        sql += " AND NOT r.colleague"
    sql += f" AND {condition} ORDER BY {order} LIMIT %s"
    return Statement(sql.format(**quoted_tables()), (*params, *extra, k))


def _run(statement: Statement) -> list[tuple[Any, ...]]:
    return fetch_all(statement.sql, statement.params)  # planned once per connection


_DOWN = "r.strength DESC, r.tie_id DESC"
_UP = "r.strength ASC, r.tie_id ASC"
_JOB_DOWN = "r.job_score DESC, r.tie_id DESC"

#: What a search ranks by: ``"strength"`` (who knows, sales, senior roles) or ``"job"`` (the
#: job score stored by the analysis: job leads and new information, Rajkumar et al. 2022).
RANK_BY = ("strength", "job")


def measured_queries(
    target: Target, *, k: int, around: float | None, by: str = "strength"
) -> list[Statement]:
    """The index reads behind :func:`measured_ties` (exposed for the plan tests)."""
    if by == "job":  # one range read, best job score first (index ``tierank_*_job``)
        return [_base(target, "r.job_score IS NOT NULL", _JOB_DOWN, k)]
    measured = "r.strength IS NOT NULL"
    if around is None:
        return [_base(target, measured, _DOWN, k)]
    return [
        _base(target, measured + " AND r.strength <= %s", _DOWN, k, (float(around),)),
        _base(target, measured + " AND r.strength > %s", _UP, k, (float(around),)),
    ]


def measured_ties(
    target: Target, *, k: int, around: float | None = None, by: str = "strength"
) -> list[RankedTie]:
    """The best ``k`` analysed ties: the strongest, the ``k`` nearest below and above
    ``around``, or (``by="job"``) the ``k`` with the best stored job score.

    Whatever ranks by a function of strength that falls with the distance
    from one peak or rises with strength finds its top ``k`` among the
    first rows; the job ranking (mutual connections and intensity, Rajkumar
    et al. 2022) is stored per tie by the analysis and read best first.
    """
    if k <= 0:
        return []
    rows: list[RankedTie] = []
    for statement in measured_queries(target, k=k, around=around, by=by):
        rows.extend(as_ranked(_run(statement)))
    return rows


def unmeasured_query(target: Target, *, by: str = "strength") -> Statement:  # noqa: ARG001
    """The index read behind :func:`unmeasured_ties` (exposed for the plan tests).

    The same for every ranking: a tie not analysed has neither a strength nor
    a job score, and one analysis stores both.  (A database analysed before
    the job score was stored has strengths without job scores: the job search
    then reads the weakest analysed ties, see ``insights.services.introductions``.)
    """
    return _base(target, "r.strength IS NULL", "r.tie_id ASC", MAX_UNMEASURED)


def unmeasured_ties(target: Target, *, by: str = "strength") -> list[RankedTie]:
    """Ties not analysed yet (at most :data:`MAX_UNMEASURED`), oldest first."""
    return as_ranked(_run(unmeasured_query(target, by=by)))


def search_statement(
    target: Target, *, k: int, around: float | None = None, by: str = "strength"
) -> Statement:
    """:func:`measured_queries` and :func:`unmeasured_query` as one statement.

    Each part keeps its own index read, order and limit inside a subquery, and
    its rows are tagged (0 analysed, 1 not yet) in a last column: one round
    trip instead of two or three on every search of the hot path (issue 9:
    on PostgreSQL each statement cost about 0.7 ms of CPU, client and server).
    """
    parts = [(0, q) for q in measured_queries(target, k=k, around=around, by=by)] if k > 0 else []
    parts.append((1, unmeasured_query(target, by=by)))
    sql = " UNION ALL ".join(f"SELECT x.*, {tag} FROM ({q.sql}) x" for tag, q in parts)
    return Statement(sql, tuple(p for _tag, q in parts for p in q.params))


def search_ties(
    target: Target, *, k: int, around: float | None = None, by: str = "strength"
) -> tuple[list[RankedTie], list[RankedTie]]:
    """:func:`measured_ties` and :func:`unmeasured_ties` of one target, in one statement."""
    rows = _run(search_statement(target, k=k, around=around, by=by))
    return (
        as_ranked([r for r in rows if r[-1] == 0]),
        as_ranked([r for r in rows if r[-1] == 1]),
    )


def count_query(target: Target) -> Statement:
    """The statement behind :func:`count_ties` (exposed for the plan tests)."""
    where, params = _range(target)
    table = connection.ops.quote_name(TieRank._meta.db_table)
    sql = f"SELECT (SELECT COUNT(*) FROM {table} r WHERE {where})"
    if target.exclude_colleagues:
        sql += f", (SELECT COUNT(*) FROM {table} r WHERE {where} AND r.colleague)"
        params = params + params
    return Statement(sql, tuple(params))


def count_ties(target: Target) -> int:
    """How many ties the search has in all: the index range, less the colleagues' rows.

    Counted off the indexes alone (the range, and the small partial index of
    colleagues' rows), in one statement, so it costs about a millisecond for
    the largest company; it trusts TieRank to hold sharing employees' ties
    only, which :mod:`weakties.people.services.tie_ranks` keeps so.
    """
    row = _run(count_query(target))[0]
    return int(row[0]) - (int(row[1]) if target.exclude_colleagues else 0)
