"""The first analysis of a large network stores strengths without the strength indexes (issue 9).

The bulk way must store exactly what the row-by-row way stores, leave every
index as it was, and on a failure roll back the rows and the indexes together.
"""

from __future__ import annotations

import pytest
from django.db import connection, transaction

from tests.factories import acme
from weakties.people.models import TieRank
from weakties.people.services import tie_ranks
from weakties.people.services.tie_ranks import STRENGTH_INDEXES, tie_ranks_store_strength

pytestmark = pytest.mark.django_db(transaction=True)


def _indexes() -> dict[str, tuple[str, ...]]:
    """Each index of the table and its columns, in order."""
    with connection.cursor() as cursor:
        found = connection.introspection.get_constraints(cursor, TieRank._meta.db_table)
    return {name: tuple(c["columns"]) for name, c in found.items() if c["index"]}


def _strengths() -> dict[int, tuple[float | None, str]]:
    return {
        t: (s, tier) for t, s, tier in TieRank.objects.values_list("tie_id", "strength", "tier")
    }


def _rows() -> list[tuple[int, float | None, str]]:
    ids = sorted(TieRank.objects.values_list("tie_id", flat=True))
    return [(t, (t % 7) / 7, "weak" if t % 2 else "strong") for t in ids]


def test_the_bulk_store_writes_what_the_row_store_writes_and_keeps_the_indexes(monkeypatch):
    acme()
    before = _indexes()
    assert set(STRENGTH_INDEXES) <= set(before)
    rows = _rows()
    with transaction.atomic():
        tie_ranks_store_strength(rows=rows)  # few rows: row by row
    by_rows = _strengths()
    TieRank.objects.update(strength=None, tier="")
    monkeypatch.setattr(tie_ranks, "BULK_STORE_ROWS", 1)
    dropped = []
    real = tie_ranks._without_strength_indexes

    def watched():
        dropped.append(True)
        return real()

    monkeypatch.setattr(tie_ranks, "_without_strength_indexes", watched)
    with transaction.atomic():
        tie_ranks_store_strength(rows=rows)
    # SQLite drops and rebuilds the indexes; PostgreSQL keeps them (indcheckxmin, below)
    assert bool(dropped) == (connection.vendor == "sqlite"), "the bulk way (SQLite only)"
    assert _strengths() == by_rows == {t: (s, tier) for t, s, tier in rows}
    assert _indexes() == before


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's index flag")
def test_a_large_store_leaves_every_index_usable_by_any_query_on_postgresql(monkeypatch):
    """An index rebuilt over HOT-updated rows is marked indcheckxmin: no query may use it
    while an older transaction runs anywhere, and the searches fall back to a scan."""
    acme()
    monkeypatch.setattr(tie_ranks, "BULK_STORE_ROWS", 1)
    with transaction.atomic():
        tie_ranks_store_strength(rows=_rows())
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexrelid::regclass::text FROM pg_index"
            " WHERE indrelid = %s::regclass AND (indcheckxmin OR NOT indisvalid)",
            [TieRank._meta.db_table],
        )
        assert cursor.fetchall() == []


def test_a_failure_in_the_bulk_store_rolls_back_rows_and_indexes(monkeypatch):
    acme()
    before, stored = _indexes(), _strengths()
    monkeypatch.setattr(tie_ranks, "BULK_STORE_ROWS", 1)

    def broken(rows):
        raise RuntimeError("disk full")

    monkeypatch.setattr(tie_ranks, "_store", broken)
    with pytest.raises(RuntimeError), transaction.atomic():
        tie_ranks_store_strength(rows=_rows())
    assert _indexes() == before
    assert _strengths() == stored


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the bulk way is SQLite's")
def test_the_bulk_store_refuses_to_run_outside_a_transaction(monkeypatch):
    acme()
    monkeypatch.setattr(tie_ranks, "BULK_STORE_ROWS", 1)
    with pytest.raises(RuntimeError, match="transaction"):
        tie_ranks_store_strength(rows=_rows())
    assert set(STRENGTH_INDEXES) <= set(_indexes())
