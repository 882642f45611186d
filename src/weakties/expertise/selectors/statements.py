"""The expertise finder's reads, written as SQL: what one search asks the database.

Every search of :mod:`weakties.expertise.selectors.finder` runs these, so they
are written once as SQL rather than composed by the ORM on every request:
composing the finder's queries through the ORM cost about four times
the CPU that the database spent answering them, and made a search cost
three times a "who can introduce me to" request under load (issue 10;
``bench/expertise.py --cpu``).  The same was done for the introductions'
hot path (:mod:`weakties.people.selectors.ranked_ties`, issue 9).

Each read is one index range (the plans are tested with ``EXPLAIN`` on SQLite
and PostgreSQL, ``tests/expertise/test_query_plans.py``); reads that a search
always makes together are sent as one statement (``UNION ALL``: :func:`first_read`,
:func:`network`), each part still reading its own index.  A list of values
(``IN (…)``) is padded to a power of two by repeating its last value, so that
PostgreSQL, which plans these statements once per connection
(:mod:`weakties.core.prepared`), sees a few shapes instead of one per length.
The SQL is portable between SQLite and PostgreSQL.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import Any

from django.db import connection

from weakties.people.selectors.ranked_ties import Statement

__all__ = [
    "term_holders",
    "text_scores",
    "companies_keyed",
    "reach_best",
    "reach_of",
    "colleagues",
    "reasons_of",
    "first_read",
    "network",
]


@functools.cache
def _tables() -> dict[str, str]:
    """The quoted table names the statements read."""
    from weakties.accounts.models import Consent, Employee
    from weakties.expertise.models import CompanyReach, GroupReach, IndexState, ProfileTerm
    from weakties.people.models import Company

    models: dict[str, Any] = {
        "state": IndexState,
        "term": ProfileTerm,
        "company": Company,
        "company_reach": CompanyReach,
        "group_reach": GroupReach,
        "employee": Employee,
        "consent": Consent,
    }
    tables = {name: connection.ops.quote_name(m._meta.db_table) for name, m in models.items()}
    tables["group"] = connection.ops.quote_name("group")
    return tables


@functools.cache
def _sql(template: str) -> str:
    return template.format(**_tables())


def padded(values: Sequence[Any]) -> list[Any]:
    """``values`` padded to a power of two with their last value (an empty list: ``[None]``).

    Examples
    --------
    >>> padded([7, 8, 9])
    [7, 8, 9, 9]
    >>> padded([])
    [None]
    """
    if not values:
        return [None]
    size = 1 << (len(values) - 1).bit_length()
    return [*values, *([values[-1]] * (size - len(values)))]


def _marks(values: Sequence[Any]) -> str:
    return "(" + ", ".join(["%s"] * len(values)) + ")"


def term_holders(organisation_id: int, terms: Sequence[str], *, tag: str = "") -> Statement:
    """``(term, holders)``: how many colleagues' profiles hold each of these terms (its df).

    One covering index range per term, counted by the database.  ``tag``: a first
    column of this value (and a last one, ``NULL``), for :func:`first_read`.
    """
    values = padded(terms)
    columns = (
        f"'{tag}', term, COUNT(DISTINCT employee_id), NULL"
        if tag
        else "term, COUNT(DISTINCT employee_id)"
    )
    return Statement(
        _sql(f"SELECT {columns} FROM {{term}} WHERE organisation_id = %s AND term IN ")
        + _marks(values)
        + " GROUP BY term",
        (organisation_id, *values),
    )


@functools.cache
def _field_weight_case() -> str:
    """``CASE field …``: each field's weight (:data:`~weakties.expertise.terms.FIELD_WEIGHT`)."""
    from weakties.expertise.terms import FIELD_WEIGHT

    whens = " ".join(f"WHEN '{f}' THEN {float(w)!r}" for f, w in FIELD_WEIGHT.items())
    return f"CASE field {whens} ELSE 0.5 END"


#: Text scores are sent as whole multiples of ``1 / SCALE`` (rounded to 12 decimals).
SCALE = 10**12


@functools.cache
def _bucket() -> str:
    """``{}`` → the score rounded to a whole number of :data:`SCALE`-ths, in integer arithmetic.

    SQLite truncates a cast to integer; PostgreSQL rounds it, hence its ``FLOOR``.  Rounding
    by ``ROUND(CAST(… AS NUMERIC), 12)`` cost a third of a common title's search (it prints
    every colleague's score as decimal text).
    """
    if connection.vendor == "postgresql":
        return "CAST(FLOOR(({}) * " + f"{SCALE}.0 + 0.5) AS BIGINT)"
    return "CAST(({}) * " + f"{SCALE}.0 + 0.5 AS INTEGER)"


def text_scores(
    organisation_id: int,
    shares: dict[str, float],
    *,
    employee_ids: Sequence[int] | None = None,
    limit: int | None = None,
) -> Statement:
    """``(employee, score × SCALE)``: each colleague's share of the query, best first.

    A colleague's score is the sum over the query's terms of the term's share
    (its idf over the found terms' idf) times the weight of the best field it
    is held in.  ``employee_ids`` restricts it to these colleagues; ``limit``
    reads only the best (ties by employee id, as the finder orders them).
    Scoring here, rather than reading every holder's rows into Python, keeps
    a query that names a common job ("manager": thousands of holders) at the
    cost of a rare one.

    One grouping by colleague, in the index's order when the query has one
    term: each term's best weight is a ``MAX`` of its own, and the terms are
    added in a fixed order (sorted), so that equal matches get equal sums on
    both databases.  The sum is rounded to 12 decimals all the same, as a whole
    number of :data:`SCALE`-ths (``score / SCALE`` is the score): a colleague
    holding three terms in other fields than another can reach the same score
    through another order of additions, one unit in the last place apart, and
    equal scores must stay equal (ties are ranked by id).
    """
    found = sorted(shares)
    terms = padded(found)
    weight = _field_weight_case()
    part = "COALESCE(MAX(CASE WHEN term = %s THEN " + weight + " END), 0)"
    score = " + ".join([part + " * CAST(%s AS DOUBLE PRECISION)"] * len(found))
    sql = (
        "SELECT employee_id, "
        + _bucket().format(score)
        + _sql(" FROM {term} WHERE organisation_id = %s AND term IN ")
        + _marks(terms)
    )
    params: list[Any] = [v for t in found for v in (t, shares[t])]
    params += [organisation_id, *terms]
    if employee_ids is not None:
        people = padded(employee_ids)
        sql += " AND employee_id IN " + _marks(people)
        params += people
    sql += " GROUP BY employee_id ORDER BY 2 DESC, employee_id"
    if limit is not None:
        sql += " LIMIT %s"
        params.append(limit)
    return Statement(sql, tuple(params))


def companies_keyed(keys: Sequence[str], *, tag: str = "") -> Statement:
    """``(key, id, name)`` of the companies with these keys (``resolve.company_key``).

    ``tag``: a first column of this value, for :func:`first_read`.
    """
    values = padded(keys)
    columns = f"'{tag}', key, id, name" if tag else "key, id, name"
    return Statement(
        _sql(f"SELECT {columns} FROM {{company}} WHERE key IN ") + _marks(values), tuple(values)
    )


def _reach_range(what: str) -> str:
    """The reach rows of one company, or of one sector or region, of an organisation."""
    if what == "company":
        return "FROM {company_reach} WHERE company_id = %s AND organisation_id = %s"
    return "FROM {group_reach} WHERE organisation_id = %s AND kind = %s AND {group} = %s"


def _range_params(what: str, key: Any, organisation_id: int) -> tuple[Any, ...]:
    return (key, organisation_id) if what == "company" else (organisation_id, what, key)


def reach_best(what: str, key: Any, organisation_id: int, limit: int) -> Statement:
    """``(employee, people)`` of those who know most people there, best first.

    ``what`` is ``"company"`` (``key``: its id), ``"sector"`` or ``"region"``.
    """
    return Statement(
        _sql(
            "SELECT employee_id, people "
            + _reach_range(what)
            + " ORDER BY people DESC, employee_id DESC LIMIT %s"
        ),
        (*_range_params(what, key, organisation_id), limit),
    )


def reach_of(
    what: str, key: Any, organisation_id: int, employee_ids: Sequence[int], *, tag: str = ""
) -> Statement:
    """``(employee, people)`` of these employees there (those who know someone).

    Read employee by employee (each one's row there through the reach tables'
    unique key: employee, company or employee, kind, group), not through the
    range of everyone who knows someone there: in a large company or a region
    that range holds nearly every colleague (0.8-1 ms a search at 10,000
    employees, 0.07 ms this way).  ``tag``: a first column of this value
    (SQL), for :func:`network`.
    """
    values = padded(employee_ids)
    if what == "company":
        join = "{company_reach} r ON r.employee_id = e.id AND r.company_id = %s"
        params: tuple[Any, ...] = (key,)
    else:
        join = "{group_reach} r ON r.employee_id = e.id AND r.kind = %s AND r.{group} = %s"
        params = (what, key)
    columns = f"{tag}, r.employee_id, r.people" if tag else "r.employee_id, r.people"
    return Statement(
        _sql(
            f"SELECT {columns} FROM {{employee}} e JOIN "
            + join
            + " WHERE e.organisation_id = %s AND e.id IN "
        )
        + _marks(values),
        (*params, organisation_id, *values),
    )


def colleagues(organisation_id: int, employee_ids: Sequence[int]) -> Statement:
    """``(id, first, last, email, department, job title, shares now)`` of the active ones."""
    values = padded(employee_ids)
    return Statement(
        _sql(
            "SELECT e.id, e.first_name, e.last_name, e.email, e.department, e.job_title,"
            " EXISTS (SELECT 1 FROM {consent} k"
            " WHERE k.employee_id = e.id AND k.withdrawn_at IS NULL)"
            " FROM {employee} e WHERE e.organisation_id = %s AND e.active AND e.id IN "
        )
        + _marks(values),
        (organisation_id, *values),
    )


def reasons_of(
    organisation_id: int, employee_ids: Sequence[int], terms: Sequence[str]
) -> Statement:
    """``(employee, term, field, label)`` of these colleagues' profile entries with these terms."""
    people, words = padded(employee_ids), padded(terms)
    return Statement(
        _sql("SELECT employee_id, term, field, label FROM {term} WHERE organisation_id = %s")
        + " AND employee_id IN "
        + _marks(people)
        + " AND term IN "
        + _marks(words),
        (organisation_id, *people, *words),
    )


# -- reads merged into one statement ------------------------------------------------------------


def _union(parts: Sequence[Statement]) -> Statement:
    return Statement(
        " UNION ALL ".join(p.sql for p in parts), tuple(v for p in parts for v in p.params)
    )


#: What a row of :func:`first_read` is (its first column).
STATE, TERM, COMPANY = "n", "t", "c"


def first_read(
    organisation_id: int, terms: Sequence[str], keys: Sequence[str], stalled_before: Any
) -> Statement:
    """What a search reads from its words alone, in one statement: ``(what, key, number, name)``.

    * ``("n", stalled, employees, None)``: the index's state, the N of the terms' idf
      (``-1`` while the indexes were never built whole; no row: never started), and
      ``"stalled"`` where a pass under way last moved before ``stalled_before`` (else ``None``);
    * ``("t", term, holders, None)`` for each term held (:func:`term_holders`);
    * ``("c", key, id, name)`` for each company with one of these keys (:func:`companies_keyed`).

    One statement instead of three: each costs its own round through Django's cursor
    (about as much as reading a term's holders), and every search ran all three.
    """
    state = Statement(
        _sql(
            f"SELECT '{STATE}', CASE WHEN (terms_through > 0 OR reach_through > 0)"
            " AND (moved_at IS NULL OR moved_at < %s) THEN 'stalled' END,"
            " CASE WHEN terms_built_at IS NOT NULL"
            " AND reach_built_at IS NOT NULL THEN employees ELSE -1 END, NULL"
            " FROM {state} WHERE organisation_id = %s"
        ),
        (connection.ops.adapt_datetimefield_value(stalled_before), organisation_id),
    )
    parts = [state]
    if terms:
        parts.append(term_holders(organisation_id, terms, tag=TERM))
    if keys:
        parts.append(companies_keyed(keys, tag=COMPANY))
    return _union(parts)


def network(
    reads: Sequence[tuple[str, Any]], organisation_id: int, limit: int, employee_ids: Sequence[int]
) -> Statement:
    """``(read, employee, people)``: for each ``(what, key)`` read (its index in ``reads``),
    the best ``limit`` (:func:`reach_best`) and these employees' counts (:func:`reach_of`).

    One statement for every company, sector and region a query names; a colleague among
    both the best and ``employee_ids`` comes twice, with the same count.
    """
    parts = []
    for i, (what, key) in enumerate(reads):
        best = reach_best(what, key, organisation_id, limit)
        parts.append(Statement(f"SELECT {i:d}, * FROM ({best.sql}) best{i:d}", best.params))
        if employee_ids:
            parts.append(reach_of(what, key, organisation_id, employee_ids, tag=f"{i:d}"))
    return _union(parts)
