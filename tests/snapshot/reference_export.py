"""The snapshot export as it was before it streamed: every table whole in memory (issue 14).

Kept as the reference the streaming export is checked against (``test_streaming_export``): the
same data must give the same manifest, row counts, checksums and fingerprint. Not used by
weakties itself.
"""

from __future__ import annotations

from collections.abc import Iterator

import pyarrow as pa
import pyarrow.compute as pc
from django.db import connection

from weakties.accounts.models import Employee
from weakties.engines.resolution import COLUMNS as RESOLUTION_COLUMNS
from weakties.engines.resolution import resolution_columns
from weakties.resolve.functions import function_of
from weakties.resolve.sectors import region_of
from weakties.snapshots.selectors import Scope

__all__ = ["snapshot_tables", "write_reference"]

FETCH = 50_000


def _text(column: str) -> str:
    """A date or time column as its date, ``YYYY-MM-DD`` text, on either database."""
    if connection.vendor == "postgresql":
        return f"CAST(CAST({column} AS date) AS text)"
    return f"date({column})"


def _json_length(column: str) -> str:
    if connection.vendor == "postgresql":
        return f"jsonb_array_length({column})"
    return f"json_array_length({column})"


def _rows(sql: str, params: list) -> Iterator[list[tuple]]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        while rows := cursor.fetchmany(FETCH):
            yield rows


def _table(sql: str, params: list, schema: pa.Schema) -> pa.Table:
    """The rows of ``sql`` as a table of ``schema`` (dates come as ``YYYY-MM-DD`` text)."""
    batches = []
    for rows in _rows(sql, params):
        columns = list(zip(*rows, strict=True))
        arrays = []
        for values, column in zip(columns, schema, strict=True):
            if pa.types.is_date32(column.type):
                arrays.append(pa.array(values, pa.string()).cast(pa.date32()))
            elif pa.types.is_boolean(column.type):
                arrays.append(pa.array([None if v is None else bool(v) for v in values]))
            else:
                arrays.append(pa.array(values, column.type))
        batches.append(pa.record_batch(arrays, schema=schema))
    return pa.Table.from_batches(batches, schema=schema)


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
        *RESOLUTION_COLUMNS,
    ]
)
#: Since schema version 2 (identity resolution on the engines): read with the names, which
#: give the resolution columns and stay in the database.
PEOPLE_READ = pa.schema(
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


def _sharing_sql(scope: Scope) -> str:
    return (
        "SELECT e.id FROM accounts_employee e JOIN accounts_consent c ON c.employee_id = e.id "
        f"WHERE e.organisation_id IN ({_in(scope.organisation_ids)}) AND e.active "
        "AND c.withdrawn_at IS NULL"
    )


def _employees(scope: Scope) -> pa.Table:
    sharing = set(
        Employee.objects.filter(  # an active consent (never given is not sharing)
            organisation_id__in=scope.organisation_ids,
            active=True,
            consents__withdrawn_at__isnull=True,
            consents__isnull=False,
        ).values_list("id", flat=True)
    )
    rows = list(
        Employee.objects.filter(organisation_id__in=scope.organisation_ids, active=True)
        .order_by("id")
        .values_list(
            "id", "organisation_id", "person_id", "department", "job_title", "location", "manager"
        )
    )
    columns = list(zip(*rows, strict=True)) if rows else [()] * 7
    arrays = [
        pa.array(values, field.type) for values, field in zip(columns, EMPLOYEES, strict=False)
    ]
    arrays.append(pa.array([row[0] in sharing for row in rows], pa.bool_()))
    return pa.Table.from_arrays(arrays, schema=EMPLOYEES)


def _ties(scope: Scope, employees: pa.Table) -> pa.Table:
    sql = f"""
        SELECT t.id, t.employee_id, t.person_id, {_json_length("t.sources")},
               CAST(t.connected_on AS text), t.interactions, t.interactions_sent,
               CAST(t.last_interaction AS text), t.rating, t.intros_accepted, t.intros_declined,
               {_text("t.created_at")}, r.strength, r.tier
        FROM people_tie t LEFT JOIN people_tierank r ON r.tie_id = t.id
        WHERE t.employee_id IN ({_sharing_sql(scope)})
        ORDER BY t.id
    """
    ties = _table(sql, list(scope.organisation_ids), TIES)
    staff = pc.drop_null(employees.column("person_id"))
    colleague = pc.is_in(ties.column("person_id"), value_set=staff.combine_chunks())
    return ties.append_column("colleague", colleague)


def _people_sql(scope: Scope) -> str:
    return (
        f"SELECT person_id FROM people_tie WHERE employee_id IN ({_sharing_sql(scope)}) "
        "UNION SELECT person_id FROM accounts_employee "
        f"WHERE organisation_id IN ({_in(scope.organisation_ids)}) AND active"
    )


def _people(read: pa.Table) -> pa.Table:
    rows = zip(
        *(read.column(c).to_pylist() for c in ("first_name", "last_name", "company", "position")),
        strict=True,
    )
    keys = [resolution_columns(f or "", la or "", c or "", p or "") for f, la, c, p in rows]
    columns = [list(c) for c in zip(*keys, strict=True)] or [[] for _ in RESOLUTION_COLUMNS]
    return pa.table(
        [*read.columns[:4], *(pa.chunked_array([pa.array(c, pa.string())]) for c in columns)],
        schema=PEOPLE,
    )


def snapshot_tables(scope: Scope) -> dict[str, pa.Table]:
    """Every table of a snapshot of ``scope`` (:data:`weakties.engines.SNAPSHOT_TABLES`)."""
    ids = list(scope.organisation_ids)
    employees = _employees(scope)
    ties = _ties(scope, employees)
    people = _people(
        _table(
            "SELECT p.id, p.name_key, p.company_id, p.position, p.first_name, p.last_name, "
            "c.name FROM people_person p LEFT JOIN people_company c ON c.id = p.company_id "
            f"WHERE p.id IN ({_people_sql(scope)}) ORDER BY p.id",
            ids * 2,
            PEOPLE_READ,
        )
    )
    identifiers = _table(
        "SELECT person_id, kind, digest FROM people_personidentifier "
        f"WHERE person_id IN ({_people_sql(scope)}) ORDER BY person_id, kind, digest",
        ids * 2,
        IDENTIFIERS,
    )
    companies = _table(
        "SELECT id, name, key, domain, sector, region FROM people_company WHERE id IN "
        f"(SELECT company_id FROM people_person WHERE id IN ({_people_sql(scope)})) ORDER BY id",
        ids * 2,
        COMPANIES,
    )
    return {
        "people": people,
        "identifiers": identifiers,
        "companies": companies,
        "employees": employees,
        "ties": ties,
        "groups": _groups(employees, people),
    }


def _groups(employees: pa.Table, people: pa.Table) -> pa.Table:
    """The groups people fall in, one row per (node, attribute) with a known label."""
    nodes: list[str] = []
    ids: list[int] = []
    attributes: list[str] = []
    labels: list[str] = []

    def add(node: str, node_ids: list[int], attribute: str, values: list[str]) -> None:
        for i, value in zip(node_ids, values, strict=True):
            if value:
                nodes.append(node)
                ids.append(i)
                attributes.append(attribute)
                labels.append(value)

    emp = employees.to_pydict()
    add("employee", emp["id"], "department", emp["department"])
    add("employee", emp["id"], "region", [region_of(x) or x for x in emp["location"]])
    add("employee", emp["id"], "function", [function_of(x) for x in emp["job_title"]])
    add(
        "person",
        people.column("id").to_pylist(),
        "function",
        [function_of(x or "") for x in people.column("position").to_pylist()],
    )
    return pa.table([nodes, ids, attributes, labels], schema=GROUPS)


def write_reference(folder, scope: Scope) -> dict:
    """The tables as the whole-in-memory export wrote them: rows, SHA-256, fingerprint."""
    import pyarrow.parquet as pq

    from weakties.engines.manifest import SNAPSHOT_TABLES, fingerprint, table_path, table_sha256

    folder.mkdir(parents=True, exist_ok=True)
    tables = snapshot_tables(scope)
    written = {}
    for name in SNAPSHOT_TABLES:
        path = table_path(folder, name)
        pq.write_table(tables[name], str(path), compression="zstd")
        written[name] = {"rows": tables[name].num_rows, "sha256": table_sha256(path)}
    return {"tables": written, "fingerprint": fingerprint(tables)}
