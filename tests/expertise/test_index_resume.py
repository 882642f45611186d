"""A rebuild of the finder's indexes whose process died is finished by itself (issue 12).

A ``weakties expertise --reindex`` (or a directory import's re-index) killed halfway left a
whole index, partly old, until the next ``--reindex`` or directory import.  Now the index
state says when and by which process the pass last moved: a search or a task that finds a
pass that has not moved for ``WEAKTIES_INDEX_STALL_SECONDS`` has the worker finish it (the
search does not wait for it, and only the first to come enqueues it), and ``--reindex`` run
again continues a pass whose process is gone instead of starting over.  The clock is moved
by moving the pass's last move back.  SQLite and PostgreSQL (``DATABASE_URL``).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest
from django.db import connection, transaction

from weakties.expertise.models import IndexState
from weakties.expertise.services import index
from weakties.expertise.services.index import index_ensure, index_rebuild
from weakties.expertise.tasks import after_directory_imported, index_resume_stalled_pass

from .index_helpers import (
    QUERIES,
    Killed,
    found,
    index_inserts,
    index_rows,
    killed_after,
    whole_build,
)

pytestmark = pytest.mark.django_db(transaction=True)

STALL = 120


@pytest.fixture
def built(orgs, monkeypatch, settings):
    """Acme built, tiny chunks, what a whole rebuild writes, and a rebuild killed halfway
    (after its first chunk of the reach: the terms rebuilt, the reach partly)."""
    acme, _globex = orgs
    settings.WEAKTIES_INDEX_STALL_SECONDS = STALL
    monkeypatch.setattr(index, "TERMS_PER_CHUNK", 2)
    monkeypatch.setattr(index, "TIES_PER_CHUNK", 2)
    expected = whole_build(acme)
    answers = {q: found(acme, q) for q in QUERIES}
    assert all(answers.values())
    index.CompanyReach.objects.filter(organisation=acme).update(people=99)  # out of step
    with monkeypatch.context() as m:
        killed_after(m, "_count", 1)
        with pytest.raises(Killed):
            index_rebuild(organisation=acme)
    state = IndexState.objects.get(organisation=acme)
    assert state.reach_through > 0 and state.terms_through == 0 and state.moved_at
    assert index_rows(acme) != expected  # the rest of the reach was never rebuilt
    return acme, expected


def _clock_moved(acme, seconds: float) -> None:
    """As if ``seconds`` went by since the pass last moved."""
    state = IndexState.objects.get(organisation=acme)
    state.moved_at -= dt.timedelta(seconds=seconds)
    state.save(update_fields=["moved_at"])


@pytest.fixture
def enqueued(monkeypatch) -> list[int]:
    """The organisations whose resumption was enqueued (the task is not run)."""
    calls: list[int] = []
    monkeypatch.setattr(index, "_enqueue_resume", calls.append)
    return calls


SEARCHES = {
    "the finder": lambda acme: found(acme, "Stripe"),
    "a target list (index_ensure)": lambda acme: index_ensure(organisation=acme),
}


@pytest.mark.parametrize("search", SEARCHES.values(), ids=SEARCHES.keys())
def test_a_search_has_a_stalled_rebuild_finished_in_the_background(built, enqueued, search):
    acme, expected = built
    written = Counter()
    with connection.execute_wrapper(index_inserts(written)):
        search(acme)  # the pass moved a moment ago: its rebuilder may be at work
        assert enqueued == []
        _clock_moved(acme, STALL + 1)
        search(acme)
        assert enqueued == [acme.pk]
        search(acme)  # the first to come took it up: the pass counts as moved again
        assert enqueued == [acme.pk]
    assert not written, "the search wrote index rows: it rebuilt instead of enqueueing"
    assert index_rows(acme) != expected
    assert index_resume_stalled_pass.call(acme.pk) == {"resumed": True}  # what the worker runs
    assert index_rows(acme) == expected
    state = IndexState.objects.get(organisation=acme)
    assert (state.terms_through, state.reach_through) == (0, 0)
    assert index_resume_stalled_pass.call(acme.pk) == {"resumed": False}  # nothing left to do


def test_the_worker_finishes_the_stalled_rebuild_a_search_found(built):
    """End to end, the tests' task backend running the enqueued task at once."""
    acme, expected = built
    _clock_moved(acme, STALL + 1)
    with transaction.atomic():
        found(acme, "Stripe")
        assert index_rows(acme) != expected  # enqueued once the search commits
    assert index_rows(acme) == expected


def test_a_task_has_a_stalled_rebuild_finished(built, enqueued):
    acme, expected = built
    after_directory_imported.call(acme.pk)  # re-indexes the terms; the reach's pass moved lately
    assert enqueued == []
    _clock_moved(acme, STALL + 1)
    after_directory_imported.call(acme.pk)
    assert enqueued == [acme.pk]
    index_resume_stalled_pass.call(acme.pk)
    assert index_rows(acme) == expected


def _chunks_of_reach(monkeypatch, acme) -> int:
    """How many chunks of the reach the next ``index_rebuild`` writes."""
    real, calls = index._count, [0]

    def counted(*args, **kwargs):
        calls[0] += 1
        return real(*args, **kwargs)

    with monkeypatch.context() as m:
        m.setattr(index, "_count", counted)
        index_rebuild(organisation=acme)
    return calls[0]


def test_reindex_run_again_continues_a_stalled_pass(built, monkeypatch):
    acme, expected = built
    whole = _chunks_of_reach(monkeypatch, acme)  # starts over: the pass moved a moment ago
    assert index_rows(acme) == expected
    with monkeypatch.context() as m:
        killed_after(m, "_count", 2)
        with pytest.raises(Killed):
            index_rebuild(organisation=acme)
    _clock_moved(acme, STALL + 1)
    continued = _chunks_of_reach(monkeypatch, acme)
    assert continued == whole - 2, (continued, whole)  # the two chunks written are not again
    assert index_rows(acme) == expected


def test_reindex_run_again_starts_over_a_pass_that_still_moves(built, monkeypatch):
    """Its rebuilder may be at work, and have begun before what this rebuild is for."""
    acme, expected = built
    state = IndexState.objects.get(organisation=acme)
    state.moved_by = "another-host 4242"  # whether it lives is not known here
    state.save(update_fields=["moved_by"])
    started = _chunks_of_reach(monkeypatch, acme)
    assert index_rows(acme) == expected
    assert IndexState.objects.get(organisation=acme).reach_through == 0
    assert started == _chunks_of_reach(monkeypatch, acme) >= 3  # a pass over every employee
