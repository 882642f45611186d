"""Fast bulk writes for imports, over SQLite and PostgreSQL alike.

The ORM's ``bulk_create`` builds a model instance and compiles every value of
every row; for hundreds of thousands of ties that is most of an import's
time.  These helpers write plain tuples with ``executemany`` instead.  Domain
code does not branch on the database: the small :class:`Dialect` does
(splink's habit).

Ids are reserved up front, so ties can be written together with their
provenance without reading them back:

* SQLite: the import holds the write lock from ``BEGIN IMMEDIATE`` on, so
  ``max(id) + 1 …`` cannot be taken by anyone else;
* PostgreSQL: ``nextval`` on the table's sequence, which is safe under
  concurrency.

Call these only inside ``transaction.atomic()``.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import connection

__all__ = [
    "Dialect",
    "dialect",
    "gc_paused",
    "reserve_ids",
    "insert_rows",
    "update_rows",
    "update_from",
]

BATCH = 5000
#: From this many rows on, PostgreSQL gets them by ``COPY``.
COPY_MIN_ROWS = 50


@dataclass(frozen=True)
class Dialect:
    vendor: str

    def placeholder(self, column_type: str) -> str:
        """The parameter marker for a column; PostgreSQL needs JSON cast to jsonb."""
        if column_type == "json" and self.vendor == "postgresql":
            return "%s::jsonb"
        return "%s"

    @property
    def on_conflict_ignore(self) -> str:
        return "ON CONFLICT DO NOTHING"

    def iso_date(self, value: str | None) -> str | date | None:
        """A date column's parameter from an ISO date: SQLite stores the text itself."""
        if value is None or self.vendor == "sqlite":
            return value
        return date.fromisoformat(value)


def dialect() -> Dialect:
    return Dialect(connection.vendor)


@contextmanager
def gc_paused() -> Iterator[None]:
    """Hold off Python's cyclic garbage collector during bulk work.

    An import allocates millions of short-lived tuples and keeps a large
    resolution index alive; every full collection walks all of it, which cost
    about a fifth of an import's time.  Bulk work creates no reference cycles
    worth collecting, so the collector waits until the work is done.  Nested
    use is safe: only the outermost call turns the collector back on.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def reserve_ids(table: str, count: int) -> list[int]:
    """``count`` fresh primary keys for ``table``."""
    if count <= 0:
        return []
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT array_agg(nextval(pg_get_serial_sequence(%s, 'id'))) FROM generate_series(1, %s)",
                [table, count],
            )
            return list(cursor.fetchone()[0])  # one array, not one row per id
        cursor.execute(f'SELECT COALESCE(MAX(id), 0) FROM "{table}"')  # noqa: S608 - table is ours
        start = cursor.fetchone()[0] + 1
        return list(range(start, start + count))


def _chunks(rows: Sequence[Sequence[Any]], size: int) -> Iterable[Sequence[Sequence[Any]]]:
    for i in range(0, len(rows), size):
        yield rows[i : i + size]


def insert_rows(
    table: str,
    columns: Sequence[str],
    rows: Sequence[Sequence[Any]],
    *,
    json_columns: frozenset[str] = frozenset(),
    ignore_conflicts: bool = False,
) -> None:
    """``INSERT`` plain tuples (values already adapted for the database).

    On PostgreSQL many rows go in with ``COPY``: one stream instead of one
    statement per row, several times faster (rows that may conflict are
    copied into a temporary table first and inserted from there).
    """
    if not rows:
        return
    if connection.vendor == "postgresql" and len(rows) >= COPY_MIN_ROWS:
        _copy_rows(table, columns, rows, ignore_conflicts=ignore_conflicts)
        return
    d = dialect()
    marks = ", ".join(d.placeholder("json" if c in json_columns else "") for c in columns)
    cols = ", ".join(f'"{c}"' for c in columns)
    sql = f'INSERT INTO "{table}" ({cols}) VALUES ({marks})'  # noqa: S608 - names are ours
    if ignore_conflicts:
        sql += " " + d.on_conflict_ignore
    with connection.cursor() as cursor:
        for chunk in _chunks(rows, BATCH):
            cursor.executemany(sql, chunk)


def _copy_rows(
    table: str, columns: Sequence[str], rows: Sequence[Sequence[Any]], *, ignore_conflicts: bool
) -> None:
    cols = ", ".join(f'"{c}"' for c in columns)
    with connection.cursor() as cursor:
        raw = cursor.cursor  # psycopg's own cursor: Django's wrapper has no copy()
        target = f'"{table}"'
        if ignore_conflicts:
            target = f'"weakties_copy_{table}"'
            # Only the copied columns: no defaults (sequences), no constraints.
            raw.execute(
                f"CREATE TEMP TABLE IF NOT EXISTS {target} ON COMMIT DELETE ROWS AS "  # noqa: S608
                f'SELECT {cols} FROM "{table}" WITH NO DATA'
            )
        with raw.copy(f"COPY {target} ({cols}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        if ignore_conflicts:
            raw.execute(
                f'INSERT INTO "{table}" ({cols}) SELECT {cols} FROM {target} ON CONFLICT DO NOTHING'  # noqa: S608
            )
            raw.execute(f"TRUNCATE {target}")


def update_rows(
    table: str,
    columns: Sequence[str],
    rows: Sequence[Sequence[Any]],
    *,
    json_columns: frozenset[str] = frozenset(),
) -> None:
    """``UPDATE table SET columns… WHERE id = last value`` for every row."""
    if not rows:
        return
    d = dialect()
    sets = ", ".join(
        f'"{c}" = {d.placeholder("json" if c in json_columns else "")}' for c in columns
    )
    sql = f'UPDATE "{table}" SET {sets} WHERE id = %s'  # noqa: S608 - names are ours
    with connection.cursor() as cursor:
        for chunk in _chunks(rows, BATCH):
            cursor.executemany(sql, chunk)


def update_from(
    table: str,
    *,
    key: tuple[str, str],
    columns: Sequence[tuple[str, str]],
    rows: Sequence[Sequence[Any]],
    changed: str = "",
) -> None:
    """Set ``columns`` of many rows of ``table`` at once, matched on ``key``.

    ``key`` and ``columns`` are ``(name, SQL type)`` pairs; ``rows`` are
    ``(key, value…)`` tuples.  The rows go into a temporary staging table
    (``COPY`` on PostgreSQL) with the key as its primary key, and one
    ``UPDATE … FROM`` (SQLite 3.33+, PostgreSQL) joins it to ``table``: one
    statement instead of one per row, which for a million rows is the
    difference between seconds and minutes.  ``changed`` is an SQL condition
    on ``table`` and ``s`` (the staged row) that a row must meet to be
    written: rows that would not change are left alone, so their indexes are
    not touched.
    """
    if not rows:
        return
    staging = f"weakties_stage_{table}"
    names = [key[0], *(name for name, _type in columns)]
    ddl = ", ".join([f'"{key[0]}" {key[1]} PRIMARY KEY', *(f'"{n}" {t}' for n, t in columns)])
    sets = ", ".join(f'"{n}" = s."{n}"' for n, _type in columns)
    with connection.cursor() as cursor:
        cursor.execute(f'DROP TABLE IF EXISTS "{staging}"')
        cursor.execute(f'CREATE TEMP TABLE "{staging}" ({ddl})')
        insert_rows(staging, names, rows)
        cursor.execute(
            f'UPDATE "{table}" SET {sets} FROM "{staging}" s '  # noqa: S608 - names are ours
            f'WHERE "{table}"."{key[0]}" = s."{key[0]}"' + (f" AND ({changed})" if changed else "")
        )
        cursor.execute(f'DROP TABLE "{staging}"')
