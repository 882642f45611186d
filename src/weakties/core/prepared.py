"""Hot statements run as prepared statements on PostgreSQL: planned once per connection, not per request.

The hot path's queries (issue 9: who can introduce me, who knows, the token
look-up, the audit line) are cheap to run but cost PostgreSQL more to plan
than to execute: 1–4 ms of planning against 0.1–1.5 ms of execution for a
search of the largest company at 3,000 employees.  Django binds parameters
on the client, so every request planned its queries anew.  Here they go
through a psycopg cursor with server-side binding and ``prepare=True``:
PostgreSQL keeps the plan for the connection (Django keeps connections for
``CONN_MAX_AGE``).  On SQLite, planning is cheap, and the statements run
through Django's cursor as before.

Django opens its PostgreSQL connections with psycopg's ``prepare_threshold``
at ``None``, which turns preparing off for the whole connection, ``prepare=True``
included (psycopg's ``PrepareManager.get``): until this was found, the hot
statements were planned on every request after all (``pg_prepared_statements``
stayed empty).  :func:`_prepared_connection` turns it on for the connection the
first time a hot statement runs.  Django's own queries are unaffected: they
go through ``ClientCursor``, which never prepares.  Behind a proxy that pools
by transaction (PgBouncer in transaction mode), where a prepared statement
may not outlive its transaction, set ``WEAKTIES_PG_PREPARE=0``.

Statements are still logged where Django logs queries (``connection.queries``
with ``DEBUG`` or in tests), so query counts stay true.
"""

from __future__ import annotations

import os
import time
from collections.abc import Sequence
from typing import Any

from django.db import connection

__all__ = ["fetch_all", "fetch_one", "run", "PREPARE"]

#: Whether hot statements are prepared on PostgreSQL (``WEAKTIES_PG_PREPARE=0``: not).
PREPARE = os.environ.get("WEAKTIES_PG_PREPARE", "1").strip().lower() not in {
    "0",
    "false",
    "no",
    "off",
}
#: psycopg prepares a statement run with ``prepare=True`` at once; others (none here) after 5 runs.
_THRESHOLD = 5


def fetch_all(sql: str, params: Sequence[Any]) -> list[tuple[Any, ...]]:
    """Every row of a hot ``SELECT`` (``%s`` placeholders)."""
    return _execute(sql, params, rows=True) or []


def fetch_one(sql: str, params: Sequence[Any]) -> tuple[Any, ...] | None:
    """The first row of a hot ``SELECT``, or ``None``."""
    rows = _execute(sql, params, rows=True)
    return rows[0] if rows else None


def run(sql: str, params: Sequence[Any]) -> None:
    """A hot statement that returns no rows (an ``INSERT``)."""
    _execute(sql, params, rows=False)


def _execute(sql: str, params: Sequence[Any], *, rows: bool) -> list[tuple[Any, ...]] | None:
    if connection.vendor != "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall() if rows else None
    import psycopg

    raw = _prepared_connection()
    start = time.monotonic()
    with connection.wrap_database_errors, psycopg.Cursor(raw) as cursor:
        cursor.execute(sql, params, prepare=PREPARE)
        found = cursor.fetchall() if rows else None
    if connection.queries_logged:
        connection.queries_log.append(
            {"sql": sql % tuple(repr(p) for p in params), "time": f"{time.monotonic() - start:.3f}"}
        )
    return found


def _prepared_connection() -> Any:
    """Django's psycopg connection, with preparing turned on when :data:`PREPARE` says so."""
    connection.ensure_connection()
    raw = connection.connection
    if PREPARE and raw.prepare_threshold is None:
        raw.prepare_threshold = _THRESHOLD
    return raw
