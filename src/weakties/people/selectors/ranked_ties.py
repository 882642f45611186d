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
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from django.db import connection
from django.db.models import Model, QuerySet
from django.utils.translation import gettext as _

from weakties.accounts.models import Consent, Organisation
from weakties.core.errors import ServiceError
from weakties.core.prepared import fetch_all, fetch_one
from weakties.people.models import TieRank

if TYPE_CHECKING:
    import numpy as np

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
    #: Or the ties to people with some job titles (``people.Title`` ids: the role search).
    title_ids: tuple[int, ...] = ()
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


@functools.cache
def _tables() -> dict[str, str]:
    """The quoted table names the searches' SQL reads."""
    from weakties.accounts.models import Employee
    from weakties.people.models import Company, Person, Tie

    models: dict[str, type[Model]] = {
        "rank": TieRank,
        "tie": Tie,
        "employee": Employee,
        "person": Person,
        "company": Company,
        "consent": Consent,
    }
    return {name: connection.ops.quote_name(m._meta.db_table) for name, m in models.items()}


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
    return Statement(sql.format(**_tables()), (*params, *extra, k))


def _run(statement: Statement) -> list[tuple[Any, ...]]:
    return fetch_all(statement.sql, statement.params)  # planned once per connection


@functools.lru_cache(maxsize=256)
def _sources(text: str) -> tuple[str, ...]:
    """A tie's sources from their JSON text: a few dozen distinct lists, decoded once each."""
    return tuple(json.loads(text) or ())


def _as_ranked(rows: list[tuple[Any, ...]]) -> list[RankedTie]:
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
    return _as_ranked(list(qs.values_list(*_FIELDS)))


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
        rows.extend(_as_ranked(_run(statement)))
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
    return _as_ranked(_run(unmeasured_query(target, by=by)))


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
        _as_ranked([r for r in rows if r[-1] == 0]),
        _as_ranked([r for r in rows if r[-1] == 1]),
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


def company_id(name: str) -> int | None:
    """The company a searched name stands for exactly ("Stripe, Inc." = "Stripe"), or ``None``.

    One look-up in the unique index on the normalised key, in plain SQL: this
    runs on every search (issue 9).
    """

    found = _exact_company(name)
    return None if found is None else found[0]


def _exact_company(name: str) -> tuple[int, str] | None:
    """``(id, name)`` of the company a name stands for exactly: one index look-up."""
    from weakties.resolve import company_key

    key = company_key(name)
    if not key:
        return None
    row = fetch_one(f"SELECT id, name FROM {_tables()['company']} WHERE key = %s", [key])
    return None if row is None else (int(row[0]), str(row[1]))


#: Companies a search that names none exactly looks in at most.
MATCHED_COMPANIES = 5
#: How alike (0-100, rapidfuzz ``WRatio``) a company's name must be to a misspelt search.
SIMILAR = 80


def companies_matching(name: str, *, limit: int = MATCHED_COMPANIES) -> list[tuple[int, str]]:
    """The companies a searched name means, best first: ``[(id, name)]``.

    1. the exact company ("Stripe, Inc." = "stripe"), alone;
    2. else the companies whose normalised name starts with it ("Rabo" →
       Rabobank, "Booking" → Booking.com), shortest first;
    3. else the names most alike (a typo: "Stirpe"), scored with rapidfuzz
       over every company name, kept in memory (:class:`_Names`).

    Only the exact look-up runs on the hot path; the others run when it
    found nothing.
    """
    exact = _exact_company(name)
    if exact is not None:
        return [exact]
    from weakties.resolve import company_key

    key = company_key(name)
    if not key:
        return []
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT id, name FROM {_tables()['company']} WHERE key LIKE %s ESCAPE '!'"
            " ORDER BY length(key), key LIMIT %s",
            [_like_prefix(key), limit],
        )
        rows = [(int(i), str(n)) for i, n in cursor.fetchall()]
    return rows or _NAMES.similar(key, limit=limit)


def company_suggestions(text: str, *, limit: int = 8) -> list[tuple[int, str]]:
    """Companies for a search box that completes as one types: ``[(id, name)]``, best first.

    The exact company first, then those whose name starts with the text,
    then the most alike names; each company once.
    """
    from weakties.resolve import company_key

    key = company_key(text)
    if len(key) < 2:
        return []
    seen: dict[int, str] = {}
    exact = company_id(text)
    if exact is not None:
        seen[exact] = _company_name(exact)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT id, name FROM {_tables()['company']} WHERE key LIKE %s ESCAPE '!'"
            " ORDER BY length(key), key LIMIT %s",
            [_like_prefix(key), limit],
        )
        for pk, name in cursor.fetchall():
            seen.setdefault(int(pk), str(name))
    if len(seen) < limit:
        for pk, name in _NAMES.similar(key, limit=limit):
            seen.setdefault(pk, name)
    return list(seen.items())[:limit]


def _like_prefix(text: str) -> str:
    """``text%`` for ``LIKE … ESCAPE '!'``, with LIKE's own characters taken literally."""
    return "".join("!" + c if c in "!%_" else c for c in text) + "%"


def _company_name(pk: int) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT name FROM {_tables()['company']} WHERE id = %s", [pk])
        row = cursor.fetchone()
    return "" if row is None else str(row[0])


class _Names:
    """Every company's normalised name in memory, for the similarity search.

    Companies are only ever added, so the list is topped up with the rows
    after the highest id it holds; if the table shrank (a company removed,
    or a test's rollback), it is read again.  A match is read back from the
    database before it is used, so a stale entry can never answer.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._ids: list[int] = []
        self._keys: list[str] = []

    def _refresh(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT COUNT(*), MAX(id) FROM {_tables()['company']}")
            count, top = cursor.fetchone()
            if count < len(self._ids) or (self._ids and (top or 0) < self._ids[-1]):
                self._ids, self._keys = [], []
            last = self._ids[-1] if self._ids else 0
            cursor.execute(
                f"SELECT id, key FROM {_tables()['company']} WHERE id > %s ORDER BY id", [last]
            )
            for pk, key in cursor.fetchall():
                self._ids.append(int(pk))
                self._keys.append(str(key))

    def similar(self, key: str, *, limit: int) -> list[tuple[int, str]]:
        from rapidfuzz import fuzz, process

        with self._lock:
            self._refresh()
            hits = process.extract(
                key, self._keys, scorer=fuzz.WRatio, limit=limit, score_cutoff=SIMILAR
            )
            ids = [self._ids[i] for _key, _score, i in hits]
        out = []
        for pk in ids:  # read back: the name, and that the company is still there
            name = _company_name(pk)
            if name:
                out.append((pk, name))
        return out


_NAMES = _Names()


def titles_like(words: Sequence[str], *, limit: int = 5_000) -> list[tuple[int, str]]:
    """Job titles (``people.Title``: id, lower-cased key) that contain one of ``words``.

    Titles are far fewer than people, so reading them all is cheap next to
    reading the ties; the ties to the chosen titles are then read through
    ``TieRank``'s title index.
    """
    from weakties.people.models import Title

    if not words:
        return []
    table = connection.ops.quote_name(Title._meta.db_table)
    where = " OR ".join(["key LIKE %s"] * len(words))
    params = [f"%{w.casefold()}%" for w in words]
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT id, key FROM {table} WHERE {where} LIMIT %s", [*params, limit])
        return [(int(i), str(k)) for i, k in cursor.fetchall()]


def as_page(rows: list[Any], *, offset: int, limit: int, total: int) -> Page[Any]:
    """The page ``offset … offset + limit`` of ``rows`` ranked best first."""
    chosen = rows[offset : offset + limit]
    more = offset + len(chosen) < total and len(chosen) == limit
    return Page(rows=chosen, total=total, next_cursor=str(offset + limit) if more else None)


#: The strength a tie of unknown strength counts at (and is shown with).
UNKNOWN_STRENGTH = 0.25


def purpose_fit(
    purpose: str,
    *,
    strength: np.ndarray,
    unknown: np.ndarray,
    job: np.ndarray,
    mutual: np.ndarray,
    peak: Callable[[], float],
) -> tuple[np.ndarray, np.ndarray]:
    """``(strength, fit)`` of ranked ties for ``purpose``: the one ranking of the searches'
    rows (the introductions search, referral candidates, a plan's own contacts).

    ``strength``: the analysis's, or a tie not analysed yet's provisional one
    (NaN: unknown, counted and shown at :data:`UNKNOWN_STRENGTH`); ``unknown``:
    the ties of unknown tier, whose intensity is unknown too.  Job leads and
    information: the job score stored (``job``, NaN where none), else
    :func:`~weakties.network.job_leads.job_score` of the ``mutual`` connections
    and the intensity (unknown: the middle) at ``peak()``, asked only then
    (Rajkumar et al. 2022, *Science* 377, 1304-1310).  Sales and senior roles:
    strong ties fit best, :func:`~weakties.network.paths.strength_fit`
    (Granovetter 1995, *Getting a Job*).
    """
    # Imported here: "who knows" reads this module and needs no numpy (the command's start-up).
    import numpy as np

    from weakties.network.job_leads import job_score
    from weakties.network.paths import JOB_PURPOSES, PURPOSES, strength_fit

    strength = np.nan_to_num(np.asarray(strength, np.float64), nan=UNKNOWN_STRENGTH)
    if purpose not in JOB_PURPOSES:
        known = np.where(unknown, UNKNOWN_STRENGTH, strength)
        return strength, strength_fit(known, PURPOSES[purpose])
    intensity = np.where(unknown, np.nan, strength)
    fit = np.array(job, np.float64)
    missing = ~np.isfinite(fit)
    if missing.any():
        fit[missing] = job_score(mutual[missing], intensity[missing], peak=peak())
    return strength, fit
