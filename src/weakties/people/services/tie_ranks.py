"""Keeping :class:`~weakties.people.models.TieRank` true: one row per tie of a sharing employee.

"Sharing" is what :func:`~weakties.people.services.consent.sharing_employees`
says: an active employee with an active consent.  The rows change where that
or the ties change:

* an import adds rows for the ties it creates (:func:`tie_ranks_add`);
* withdrawing consent deletes the employee's ties, and their rows with them;
* the directory import drops the rows of employees who left and adds them
  back for those who return (:func:`tie_ranks_drop`, :func:`tie_ranks_add`);
* erasing a person deletes their ties, and the rows with them;
* a new employee who is already someone's contact becomes a colleague on
  those rows (:func:`tie_ranks_mark_colleagues`);
* ``weakties analyze`` stores every tie's strength, tier, evidence, mutual
  connections and job score on its row (:func:`tie_ranks_store_strength`).

Rows are written with set-based SQL (``INSERT … SELECT``, ``UPDATE … FROM``):
the database copies what it already has instead of Python reading and
writing it back.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from django.db import connection

from weakties.core.bulk import update_from
from weakties.people.models import TieRank

__all__ = [
    "tie_ranks_add",
    "tie_ranks_drop",
    "tie_ranks_rebuild",
    "tie_ranks_store_strength",
    "tie_ranks_mark_colleagues",
]

#: The rows that should exist: every tie of an active employee with an active consent.
#: A person's job title as ``people_title.key`` holds it (``NULL``: no title).
_TITLE_KEY = "NULLIF(lower(trim(p.position)), '')"
_FROM_SHARING_TIES = """
    FROM people_tie t
    JOIN people_person p ON p.id = t.person_id
    JOIN accounts_employee e ON e.id = t.employee_id
    WHERE e.active AND EXISTS (
        SELECT 1 FROM accounts_consent c WHERE c.employee_id = e.id AND c.withdrawn_at IS NULL
    )
"""
_SHARING_TIES = (
    """
    SELECT t.id, e.organisation_id, p.company_id, t.person_id, t.employee_id, NULL, '',
        EXISTS (SELECT 1 FROM accounts_employee ce
                WHERE ce.person_id = t.person_id AND ce.organisation_id = e.organisation_id),
        (SELECT tt.id FROM people_title tt WHERE tt.key = """
    + _TITLE_KEY
    + ") AS title_id"
    + _FROM_SHARING_TIES
)
#: The titles those rows need, added first (a title is never removed).
_NEW_TITLES = (
    f"INSERT INTO people_title (key) SELECT DISTINCT {_TITLE_KEY}"
    + _FROM_SHARING_TIES
    + f" AND {_TITLE_KEY} IS NOT NULL"
)
_INSERT = (
    "INSERT INTO people_tierank (tie_id, organisation_id, company_id, person_id, employee_id,"
    " strength, tier, colleague, title_id) "
)
#: Employees per statement: well under SQLite's limit of bound parameters.
_CHUNK = 500


def tie_ranks_add(
    *, employee_ids: Sequence[int], first_tie: int | None = None, last_tie: int | None = None
) -> None:
    """Add the missing rows of these employees' ties (only while they share).

    ``first_tie``/``last_tie`` bound the tie ids looked at: an import gives
    the range of the ties it just created, so the statement reads only those.
    """
    bounds = ""
    params: list[int] = []
    if first_tie is not None and last_tie is not None:
        bounds = " AND t.id BETWEEN %s AND %s"
        params = [first_tie, last_tie]
    with connection.cursor() as cursor:
        for start in range(0, len(employee_ids), _CHUNK):
            chunk = list(employee_ids[start : start + _CHUNK])
            marks = ", ".join(["%s"] * len(chunk))
            scope = f" AND t.employee_id IN ({marks}){bounds} ON CONFLICT DO NOTHING"
            cursor.execute(_NEW_TITLES + scope, [*chunk, *params])
            cursor.execute(_INSERT + _SHARING_TIES + scope, [*chunk, *params])


def tie_ranks_drop(*, employee_ids: Sequence[int]) -> int:
    """Remove the rows of these employees' ties (they stopped sharing); returns how many."""
    deleted, _by_model = TieRank.objects.filter(employee_id__in=list(employee_ids)).delete()
    return deleted


def tie_ranks_rebuild() -> int:
    """Make the whole table what it should be (after a restore, or to repair); returns its size.

    Rows of ties that no longer count are removed, missing rows are added
    with no strength (the next ``weakties analyze`` measures them); rows that
    stay keep their strength.
    """
    with connection.cursor() as cursor:
        cursor.execute(
            "DELETE FROM people_tierank WHERE tie_id NOT IN (SELECT s.id FROM ("
            + _SHARING_TIES
            + ") s)"
        )
        cursor.execute(_NEW_TITLES + " ON CONFLICT DO NOTHING")
        cursor.execute(_INSERT + _SHARING_TIES + " ON CONFLICT DO NOTHING")
    return TieRank.objects.count()


#: A stored strength within this of the analysis' is left as it is: a re-analysis
#: moves most strengths by less (ties age a day), and rewriting a row costs three
#: index updates.  Rankings compare strengths far coarser than this.
STRENGTH_TOLERANCE = 1e-3


#: Rows without a strength from which a store rewrites the table without its strength indexes.
BULK_STORE_ROWS = 200_000
#: The indexes whose keys hold the strength: every stored strength moves an entry in each.
STRENGTH_INDEXES = (
    "tierank_company",
    "tierank_person",
    "tierank_employee",
    "tierank_title",
    "tierank_company_job",
    "tierank_title_job",
    "tierank_employee_job",
)

#: ``(tie id, strength, tier)``, optionally followed by ``(evidence, mutual connections, job score)``.
StoredRow = tuple[Any, ...]


def tie_ranks_store_strength(*, rows: Sequence[StoredRow]) -> None:
    """Store ``(tie id, strength, tier[, evidence, mutual connections, job score])`` from an
    analysis on the ties' rows that moved (the job score is kept true with the strength).

    A re-analysis moves few strengths by more than :data:`STRENGTH_TOLERANCE`
    and writes only those rows.  The first analysis of a large network writes
    every row, and each write moves an entry in four indexes: for
    :data:`BULK_STORE_ROWS` rows or more without a strength, the indexes that
    hold the strength are dropped, the rows written, and the indexes built
    again from sorted keys, which is several times faster (issue 9: 3M ties
    at 10,000 employees).  It must run inside the caller's transaction: a
    failure rolls the indexes back with the rows (SQLite's DDL is
    transactional); readers keep reading the snapshot they started with.

    Only on SQLite.  On PostgreSQL the rows written without their indexes
    are HOT updates, and an index built over them afterwards is marked
    ``indcheckxmin``: no query may use it while any transaction older than
    the index runs anywhere in the cluster (an import in progress, a
    backup).  The hot path then read TieRank by a parallel sequential scan:
    131 ms of PostgreSQL CPU per request instead of 1.8 (found with
    ``bench/hot.py`` while another organisation was being imported).  There
    the rows are updated with their indexes in place.
    """
    bulk = connection.vendor == "sqlite" and len(rows) >= BULK_STORE_ROWS
    if bulk and _unmeasured() >= BULK_STORE_ROWS:
        with _without_strength_indexes():
            _store(rows)
    else:
        _store(rows)


def _unmeasured() -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT COUNT(*) FROM people_tierank WHERE strength IS NULL OR job_score IS NULL"
        )
        return int(cursor.fetchone()[0])


@contextmanager
def _without_strength_indexes() -> Iterator[None]:
    """Drop the strength indexes for the block and build them again after it (no ``finally``:
    on an error the transaction's rollback restores them)."""
    if not connection.in_atomic_block:
        raise RuntimeError("the bulk store must run inside a transaction")
    q = connection.ops.quote_name
    table = q(TieRank._meta.db_table)
    indexes = [i for i in TieRank._meta.indexes if i.name in STRENGTH_INDEXES]
    with connection.cursor() as cursor:
        for index in indexes:
            cursor.execute(f"DROP INDEX {q(index.name)}")
    yield
    with connection.cursor() as cursor:
        for index in indexes:  # the model's definitions: plain indexes over these columns
            columns = ", ".join(q(TieRank._meta.get_field(f).column) for f in index.fields)
            cursor.execute(f"CREATE INDEX {q(index.name)} ON {table} ({columns})")


def _store(rows: Sequence[StoredRow]) -> None:
    full = [tuple(r) + (None,) * (6 - len(r)) for r in rows]
    update_from(
        "people_tierank",
        key=("tie_id", "bigint"),
        columns=(
            ("strength", "double precision"),
            ("tier", "varchar(10)"),
            ("evidence", "double precision"),
            ("mutual_connections", "integer"),
            ("job_score", "double precision"),
        ),
        rows=full,
        changed=(
            "people_tierank.strength IS NULL OR s.strength IS NULL"
            f" OR abs(people_tierank.strength - s.strength) > {STRENGTH_TOLERANCE}"
            " OR people_tierank.tier <> s.tier"
            " OR (people_tierank.job_score IS NULL) <> (s.job_score IS NULL)"
            f" OR abs(people_tierank.job_score - s.job_score) > {STRENGTH_TOLERANCE}"
            " OR (people_tierank.mutual_connections IS NULL) <> (s.mutual_connections IS NULL)"
            " OR people_tierank.mutual_connections <> s.mutual_connections"
            " OR (people_tierank.evidence IS NULL) <> (s.evidence IS NULL)"
            f" OR abs(people_tierank.evidence - s.evidence) > {STRENGTH_TOLERANCE}"
        ),
    )


def tie_ranks_mark_colleagues(*, organisation_id: int, person_ids: Sequence[int]) -> int:
    """These people became employees of the organisation: colleagues now, on its rows."""
    return TieRank.objects.filter(
        organisation_id=organisation_id, person_id__in=list(person_ids), colleague=False
    ).update(colleague=True)
