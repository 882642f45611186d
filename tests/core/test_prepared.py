"""Hot statements are really prepared on PostgreSQL, and logged like Django's own queries.

Django opens psycopg connections with preparing off (``prepare_threshold=None``),
and psycopg then ignores ``prepare=True``: the hot path was planned on every
request (7.9 ms of PostgreSQL CPU per request instead of 1.8, issue 9).  These
tests fail if that comes back.
"""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from weakties.core import prepared

pytestmark = pytest.mark.django_db

SQL = "SELECT %s + 1"


def _prepared_here() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        return [row[0] for row in cursor.fetchall()]


def test_a_hot_statement_answers_and_is_logged():
    with CaptureQueriesContext(connection) as queries:
        assert prepared.fetch_one(SQL, [41]) == (42,)
        assert prepared.fetch_all(SQL, [1]) == [(2,)]
    assert len(queries.captured_queries) == 2


@pytest.mark.skipif(connection.vendor != "postgresql", reason="preparing is PostgreSQL's")
def test_postgresql_keeps_the_plan_of_a_hot_statement():
    assert prepared.PREPARE
    for value in range(3):
        assert prepared.fetch_one(SQL, [value]) == (value + 1,)
    statements = _prepared_here()
    assert any("$1 + 1" in s for s in statements), statements


@pytest.mark.skipif(connection.vendor != "postgresql", reason="preparing is PostgreSQL's")
def test_django_s_own_queries_stay_unprepared():
    prepared.fetch_one(SQL, [1])
    with connection.cursor() as cursor:
        for _ in range(7):
            cursor.execute("SELECT %s + 2", [1])
    assert not any("+ 2" in s for s in _prepared_here())
