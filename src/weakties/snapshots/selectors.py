"""The tables of a snapshot, read from the database into Arrow (no ORM object per row).

What leaves, and what does not (DESIGN.md, privacy):

* **employees**: active employees of the scope, with whether they share their network; no
  e-mail address or name.
* **ties**: only those of employees who share (an active consent), with the features tie
  strength is made of and the strength and tier of the last analysis; never the e-mail,
  phone or profile address an employee imported.
* **people**: the people those ties reach and the employees' own person rows: normalised name,
  company, position, and what identity resolution compares (the name's parts, the company's
  compact key, the job title without its level: :mod:`weakties.engines.resolution`). **identifiers**: the digests the database
  already stores (never the address itself).
* **companies** and **groups** (an employee's department, region and function; a person's
  function): what coverage and diversity group people by.

Every table is read as a stream of Arrow record batches of at most ``batch_rows`` rows, from a
server-side cursor on PostgreSQL (a client-side one would hold the whole result), so a snapshot
of any size is read with the memory of one batch.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

import pyarrow as pa
import pyarrow.compute as pc
from django.db import connection

from weakties.engines.resolution import COLUMNS as RESOLUTION_COLUMNS
from weakties.engines.resolution import resolution_columns
from weakties.resolve.functions import function_of
from weakties.resolve.sectors import region_of

__all__ = ["BATCH_ROWS", "Scope", "TableStream", "snapshot_groups", "snapshot_streams"]

#: Rows per batch (and per Parquet row group): the export holds about one batch of a table.
BATCH_ROWS = 50_000
#: Rows per fetch from the database, as Python tuples before they become Arrow.
FETCH = 5_000


@dataclass(frozen=True)
class Scope:
    """What a snapshot covers: one organisation, or the members of a federation."""

    kind: str  # "organisation" | "federation"
    name: str
    organisation_ids: tuple[int, ...]

    def as_json(self) -> dict[str, str]:
        return {"kind": self.kind, "name": self.name}


def _text(column: str) -> str:
    """A date or time column as its date, ``YYYY-MM-DD`` text, on either database."""
    if connection.vendor == "postgresql":
        return f"CAST(CAST({column} AS date) AS text)"
    return f"date({column})"


def _json_length(column: str) -> str:
    if connection.vendor == "postgresql":
        return f"jsonb_array_length({column})"
    return f"json_array_length({column})"


def _batch(rows: list[tuple], schema: pa.Schema) -> pa.RecordBatch:
    """``rows`` as a record batch of ``schema`` (dates come as ``YYYY-MM-DD`` text)."""
    columns = list(zip(*rows, strict=True))
    arrays = []
    for values, column in zip(columns, schema, strict=True):
        if pa.types.is_date32(column.type):
            arrays.append(pa.array(values, pa.string()).cast(pa.date32()))
        elif pa.types.is_boolean(column.type):
            arrays.append(pa.array([None if v is None else bool(v) for v in values], pa.bool_()))
        else:
            arrays.append(pa.array(values, column.type))
    return pa.record_batch(arrays, schema=schema)


def _batches(sql: str, params: list, schema: pa.Schema, size: int) -> Iterator[pa.RecordBatch]:
    """Record batches of ``size`` rows (one chunk each), from fetches of a few thousand.

    Python rows cost about ten times their Arrow form, so they are turned into Arrow a fetch
    at a time. The cursor is a named (server-side) one on PostgreSQL: psycopg's ordinary
    cursor fetches the whole result at execute, whatever fetchmany asks for afterwards.
    """
    with connection.chunked_cursor() as cursor:
        cursor.execute(sql, params)
        pending: list[pa.RecordBatch] = []
        count = 0
        while rows := cursor.fetchmany(min(FETCH, size - count)):
            pending.append(_batch(rows, schema))
            count += len(rows)
            if count >= size:
                yield pending[0] if len(pending) == 1 else pa.concat_batches(pending)
                pending, count = [], 0
        if pending:
            yield pending[0] if len(pending) == 1 else pa.concat_batches(pending)


def _in(ids: tuple[int, ...]) -> str:
    return ", ".join(["%s"] * len(ids))


EMPLOYEES = pa.schema(
    [
        ("id", pa.int64()),
        ("organisation_id", pa.int64()),
        ("person_id", pa.int64()),
        ("department", pa.string()),
        ("job_title", pa.string()),
        ("location", pa.string()),
        ("manager_id", pa.int64()),
        ("sharing", pa.bool_()),
    ]
)
TIES = pa.schema(
    [
        ("id", pa.int64()),
        ("employee_id", pa.int64()),
        ("person_id", pa.int64()),
        ("sources", pa.int32()),
        ("connected_on", pa.date32()),
        ("interactions", pa.int64()),
        ("interactions_sent", pa.int64()),
        ("last_interaction", pa.date32()),
        ("rating", pa.string()),
        ("intros_accepted", pa.int64()),
        ("intros_declined", pa.int64()),
        ("first_seen", pa.date32()),
        ("strength", pa.float64()),
        ("tier", pa.string()),
    ]
)
PEOPLE = pa.schema(
    [
        ("id", pa.int64()),
        ("name_key", pa.string()),
        ("company_id", pa.int64()),
        ("position", pa.string()),
        *RESOLUTION_COLUMNS,  # what identity resolution compares (engines.resolution)
    ]
)
#: The people as read from the database: the names and the company's name, which stay here,
#: give the resolution columns (:func:`_people`).
_PEOPLE_READ = pa.schema(
    [
        *(PEOPLE.field(i) for i in range(4)),
        ("first_name", pa.string()),
        ("last_name", pa.string()),
        ("company", pa.string()),
    ]
)
IDENTIFIERS = pa.schema([("person_id", pa.int64()), ("kind", pa.string()), ("digest", pa.string())])
COMPANIES = pa.schema(
    [
        ("id", pa.int64()),
        ("name", pa.string()),
        ("key", pa.string()),
        ("domain", pa.string()),
        ("sector", pa.string()),
        ("region", pa.string()),
    ]
)
GROUPS = pa.schema(
    [("node", pa.string()), ("id", pa.int64()), ("attribute", pa.string()), ("label", pa.string())]
)


TIES_OUT = TIES.append(pa.field("colleague", pa.bool_()))


@dataclass(frozen=True)
class TableStream:
    """One table of a snapshot: its schema and its record batches, in ``id`` order."""

    schema: pa.Schema
    batches: Callable[[], Iterator[pa.RecordBatch]]


def _sharing_sql(scope: Scope) -> str:
    return (
        "SELECT e.id FROM accounts_employee e JOIN accounts_consent c ON c.employee_id = e.id "
        f"WHERE e.organisation_id IN ({_in(scope.organisation_ids)}) AND e.active "
        "AND c.withdrawn_at IS NULL"
    )


def _employees(scope: Scope, size: int) -> Iterator[pa.RecordBatch]:
    # ``sharing`` as the in-process analysis has it (insights.services.snapshots, through
    # people.services.consent.sharing_employees): an active consent; never given is not sharing.
    sql = f"""
        SELECT e.id, e.organisation_id, e.person_id, e.department, e.job_title, e.location,
               e.manager_id,
               CASE WHEN EXISTS (SELECT 1 FROM accounts_consent c WHERE c.employee_id = e.id
                                 AND c.withdrawn_at IS NULL) THEN 1 ELSE 0 END
        FROM accounts_employee e
        WHERE e.organisation_id IN ({_in(scope.organisation_ids)}) AND e.active
        ORDER BY e.id
    """
    return _batches(sql, list(scope.organisation_ids), EMPLOYEES, size)


def _staff(scope: Scope) -> pa.Array:
    """The person ids of the scope's active employees (a tie to one is a colleague tie)."""
    sql = (
        "SELECT person_id FROM accounts_employee "
        f"WHERE organisation_id IN ({_in(scope.organisation_ids)}) AND active "
        "AND person_id IS NOT NULL"
    )
    schema = pa.schema([("person_id", pa.int64())])
    batches = list(_batches(sql, list(scope.organisation_ids), schema, BATCH_ROWS))
    return pa.concat_arrays([b.column(0) for b in batches]) if batches else pa.array([], pa.int64())


def _ties(scope: Scope, size: int) -> Iterator[pa.RecordBatch]:
    sql = f"""
        SELECT t.id, t.employee_id, t.person_id, {_json_length("t.sources")},
               CAST(t.connected_on AS text), t.interactions, t.interactions_sent,
               CAST(t.last_interaction AS text), t.rating, t.intros_accepted, t.intros_declined,
               {_text("t.created_at")}, r.strength, r.tier
        FROM people_tie t LEFT JOIN people_tierank r ON r.tie_id = t.id
        WHERE +t.employee_id IN ({_sharing_sql(scope)})
        ORDER BY t.id
    """
    # ``+t.employee_id`` (a no-op on PostgreSQL) keeps SQLite from reading the ties through
    # the employee index and then sorting every row by id in a temporary b-tree (in memory:
    # temp_store=MEMORY): it walks the table in id order instead, a batch at a time.
    staff = _staff(scope)
    for batch in _batches(sql, list(scope.organisation_ids), TIES, size):
        colleague = pc.is_in(batch.column("person_id"), value_set=staff)
        yield pa.record_batch([*batch.columns, colleague], schema=TIES_OUT)


def _people_sql(scope: Scope) -> str:
    return (
        f"SELECT person_id FROM people_tie WHERE employee_id IN ({_sharing_sql(scope)}) "
        "UNION SELECT person_id FROM accounts_employee "
        f"WHERE organisation_id IN ({_in(scope.organisation_ids)}) AND active"
    )


def _people(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
    """People batches with the resolution columns in place of the names they come from."""
    for batch in batches:
        keys = [
            resolution_columns(first or "", last or "", company or "", position or "")
            for first, last, company, position in zip(
                batch.column("first_name").to_pylist(),
                batch.column("last_name").to_pylist(),
                batch.column("company").to_pylist(),
                batch.column("position").to_pylist(),
                strict=True,
            )
        ]
        added = [pa.array(list(column), pa.string()) for column in zip(*keys, strict=True)]
        if not keys:
            added = [pa.array([], pa.string()) for _ in RESOLUTION_COLUMNS]
        yield pa.record_batch([*batch.columns[:4], *added], schema=PEOPLE)


def snapshot_streams(scope: Scope, *, batch_rows: int = BATCH_ROWS) -> dict[str, TableStream]:
    """The tables of a snapshot of ``scope`` read from the database, but ``groups``.

    ``groups`` is made from ``employees`` and ``people`` (:func:`snapshot_groups`).
    """
    ids = list(scope.organisation_ids)
    people = _people_sql(scope)

    def query(sql: str, params: list, schema: pa.Schema) -> TableStream:
        return TableStream(schema, lambda: _batches(sql, params, schema, batch_rows))

    return {
        "people": TableStream(
            PEOPLE,
            lambda: _people(
                _batches(
                    "SELECT p.id, p.name_key, p.company_id, p.position, p.first_name, "
                    "p.last_name, c.name FROM people_person p "
                    "LEFT JOIN people_company c ON c.id = p.company_id "
                    f"WHERE p.id IN ({people}) ORDER BY p.id",
                    ids * 2,
                    _PEOPLE_READ,
                    batch_rows,
                )
            ),
        ),
        "identifiers": query(
            "SELECT person_id, kind, digest FROM people_personidentifier "
            f"WHERE person_id IN ({people}) ORDER BY person_id, kind, digest",
            ids * 2,
            IDENTIFIERS,
        ),
        "companies": query(
            "SELECT id, name, key, domain, sector, region FROM people_company WHERE id IN "
            f"(SELECT company_id FROM people_person WHERE id IN ({people})) ORDER BY id",
            ids * 2,
            COMPANIES,
        ),
        "employees": TableStream(EMPLOYEES, lambda: _employees(scope, batch_rows)),
        "ties": TableStream(TIES_OUT, lambda: _ties(scope, batch_rows)),
    }


class _Rows:
    """Group rows gathered into record batches of ``size``."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.columns: tuple[list, ...] = ([], [], [], [])

    def add(self, node: str, node_id: int, attribute: str, label: str) -> pa.RecordBatch | None:
        for column, value in zip(self.columns, (node, node_id, attribute, label), strict=True):
            column.append(value)
        return self.flush() if len(self.columns[0]) >= self.size else None

    def flush(self) -> pa.RecordBatch | None:
        if not self.columns[0]:
            return None
        batch = pa.record_batch(
            [pa.array(c, f.type) for c, f in zip(self.columns, GROUPS, strict=True)], schema=GROUPS
        )
        self.columns = ([], [], [], [])
        return batch


def snapshot_groups(
    employees: Callable[[], Iterable[pa.RecordBatch]],
    people: Callable[[], Iterable[pa.RecordBatch]],
    *,
    batch_rows: int = BATCH_ROWS,
) -> Iterator[pa.RecordBatch]:
    """The groups people fall in, one row per (node, attribute) with a known label.

    ``employees`` and ``people`` give their tables' batches again on each call (the export
    reads back what it wrote): every employee's department, then region, then function,
    then every person's function.
    """
    passes: list[tuple[str, Callable[[], Iterable[pa.RecordBatch]], str, str, Callable]] = [
        ("employee", employees, "department", "department", lambda x: x),
        ("employee", employees, "region", "location", lambda x: region_of(x) or x),
        ("employee", employees, "function", "job_title", function_of),
        ("person", people, "function", "position", lambda x: function_of(x or "")),
    ]
    rows = _Rows(batch_rows)
    for node, source, attribute, column, label_of in passes:
        for batch in source():
            for i, value in zip(
                batch.column("id").to_pylist(), batch.column(column).to_pylist(), strict=True
            ):
                label = label_of(value)
                if label and (full := rows.add(node, i, attribute, label)) is not None:
                    yield full
    if (last := rows.flush()) is not None:
        yield last
