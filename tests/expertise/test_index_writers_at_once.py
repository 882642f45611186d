"""Two writers of one employee's index rows at once: the second waits for the first (issue 12).

A rebuild's chunk (:func:`~weakties.expertise.services.index.index_rebuild`), a profile edit
(``terms_refresh``), an import's recount (``reach_refresh``, a task) and a removal's recount
(``reach_recount_removed``, inside the removing transaction) each delete an employee's rows
and write them again.  On PostgreSQL (READ COMMITTED) two of them at once both deleted, and
both inserted: the second's delete waited for the first's commit, then found nothing of what
the first had inserted, and its insert hit the reach's unique key (``IntegrityError``) or
wrote the terms twice.  The writers now take the organisation's index state row first, so
the second waits for the first's commit and then deletes what the first wrote.

Each writer here is a process of its own on the test's database.  The first stops after its
writes, before its commit; the second is started and, on PostgreSQL, seen waiting for a lock
(``pg_stat_activity``) before the first is let go, so the two interleave the same way every
time.  On SQLite (one writer at a time: the second waits at ``BEGIN IMMEDIATE``) the second
starts while the first holds the lock and the rows must come out as right.  Searches never
take the lock, and never wait for it (PostgreSQL).
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection, transaction
from django.utils import timezone

from weakties.expertise.models import CompanyReach, IndexState
from weakties.expertise.services import index
from weakties.expertise.services.index import index_ensure, reach_recount_removed, terms_refresh

from .conftest import employee
from .index_helpers import dropped, found, index_rows, index_rows_in, shared_database, whole_build

pytestmark = pytest.mark.django_db(transaction=True)

WRITER = """
import sys, time
from pathlib import Path
import django
django.setup()
from django.db import transaction
from weakties.accounts.models import Organisation
from weakties.expertise.services import index

role, what, org, pk, control = sys.argv[1:]
organisation, pk, control = Organisation.objects.get(pk=int(org)), int(pk), Path(control)

def wait_for(name):
    while not (control / name).exists():
        time.sleep(0.005)

from weakties.accounts.models import Employee
from weakties.privacy.services import erasure

if role == "first":  # stop after the writes, before the commit
    for module, name in ((index, "_write_terms"), (index, "_count"), (erasure, "_work_of")):
        def paused(*args, _write=getattr(module, name), **kwargs):
            result = _write(*args, **kwargs)
            (control / "wrote").touch()
            wait_for("commit")
            return result
        setattr(module, name, paused)
else:
    wait_for("go")
    print("calling", flush=True)

def chunk(kind):  # the chunk of a rebuild's pass that holds employee pk: (pk - 1, pk]
    state = index.IndexState.objects.get(organisation=organisation)
    setattr(state, kind.through, pk - 1)
    state.save(update_fields=[kind.through])
    index._build_chunk(organisation, kind, [pk])

def removed():
    with transaction.atomic():  # as consent_withdraw: inside the removing transaction
        index.reach_recount_removed(employee_ids=[pk])

writers = {
    "reach chunk": lambda: chunk(index._REACH),
    "terms chunk": lambda: chunk(index._TERMS),
    "reach_refresh": lambda: index.reach_refresh(employee_ids=[pk]),
    "reach_recount_removed": removed,
    "terms_refresh": lambda: index.terms_refresh(employee_ids=[pk]),
    "erasure": lambda: erasure.employee_erase(employee=Employee.objects.get(pk=pk)),
}
try:
    writers[what]()
except Exception as error:
    print(f"failed: {type(error).__name__}: {error}", flush=True)
    sys.exit(1)
print("done", flush=True)
"""


def _writer(db, role: str, what: str, acme, pk: int, control: Path) -> subprocess.Popen:
    args = [sys.executable, "-c", WRITER, role, what, str(acme.pk), str(pk), str(control)]
    return subprocess.Popen(
        args, env=db.env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def _until(done, what: str, proc: subprocess.Popen, timeout: float = 60) -> None:
    """Polls ``done()`` (a real wait: for a file, or PostgreSQL's view of the locks)."""
    deadline = time.monotonic() + timeout
    while not done():
        assert proc.poll() is None, f"{what}: the writer ended: {proc.communicate()}"
        assert time.monotonic() < deadline, f"no {what} in {timeout} s"
        time.sleep(0.005)


def _waiting_for_a_lock(db) -> bool:
    ((waiting,),) = db.query(
        "SELECT count(*) FROM pg_stat_activity"
        " WHERE datname = current_database() AND wait_event_type = 'Lock'"
    )
    return waiting > 0


def _interleave(db, acme, pk: int, first: str, second: str, tmp_path: Path) -> None:
    """Run ``first`` to just before its commit, then ``second``; on PostgreSQL see the second
    wait for a lock before the first commits; both must end well."""
    control = tmp_path / "control"
    control.mkdir()
    one = _writer(db, "first", first, acme, pk, control)
    two = _writer(db, "second", second, acme, pk, control)
    _until(lambda: (control / "wrote").exists(), f"the writes of {first}", one)
    (control / "go").touch()
    assert two.stdout is not None and two.stdout.readline().strip() == "calling"
    if db.url:
        _until(lambda: _waiting_for_a_lock(db), f"the wait of {second}", two)
    (control / "commit").touch()
    for proc in (one, two):
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0 and out.splitlines()[-1] == "done", (out, err[-2000:])


PAIRS = [
    ("reach chunk", "reach_refresh"),
    ("reach_refresh", "reach chunk"),
    ("reach chunk", "reach_recount_removed"),
    ("reach_refresh", "reach_refresh"),
    ("terms chunk", "terms_refresh"),
    ("terms_refresh", "terms_refresh"),
]


@pytest.mark.parametrize(("first", "second"), PAIRS, ids=[f"{a} + {b}" for a, b in PAIRS])
def test_a_second_writer_of_an_employees_rows_waits_for_the_first(orgs, tmp_path, first, second):
    acme, _globex = orgs
    with transaction.atomic():
        expected = whole_build(acme)  # built, and what one transaction writes
    assert all(expected)
    state = IndexState.objects.get(organisation=acme)
    assert state.terms_built_at and state.reach_built_at
    jan = employee("jan.vandenberg@acme.nl")  # shares a network and has terms
    db = shared_database(tmp_path)
    _interleave(db, acme, jan.pk, first, second, tmp_path)
    assert index_rows_in(db, acme) == expected


def test_an_erasure_and_a_rebuilds_chunk_take_turns(orgs, tmp_path):
    """An erasure deletes the employee's index rows under the index lock, not before it.

    It deleted them first and took the lock later (its recount of the removed ties): a chunk
    that took the lock in between and came to the same rows waited for the erasure, which then
    waited for the chunk's lock, and PostgreSQL broke the circle by failing one of the two.
    """
    acme, _globex = orgs
    with transaction.atomic():
        whole_build(acme)
    jan = employee("jan.vandenberg@acme.nl")
    db = shared_database(tmp_path)
    _interleave(db, acme, jan.pk, "erasure", "reach chunk", tmp_path)
    rows = index_rows_in(db, acme)
    assert all(rows)  # the others' rows are there
    assert not [key for table in rows for key in table if key[0] == jan.pk]  # Jan's are gone


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks: SQLite has one writer")
def test_a_search_never_waits_for_the_index_lock(orgs, tmp_path, monkeypatch):
    """A writer holds the lock; a search that finds a stalled pass answers all the same.

    It would take the pass up (:func:`~weakties.expertise.services.index.index_resume_stalled`)
    but skips the locked row; the next search after the writer's commit takes it up.
    """
    import psycopg

    acme, _globex = orgs
    whole_build(acme)
    answer = found(acme, "Stripe")
    assert answer
    long_ago = timezone.now() - dt.timedelta(days=1)
    IndexState.objects.filter(organisation=acme).update(reach_through=1, moved_at=long_ago)
    enqueued: list[int] = []
    monkeypatch.setattr(index, "_enqueue_resume", enqueued.append)
    db = shared_database(tmp_path)
    with psycopg.connect(db.url) as writer, connection.cursor() as cursor:
        writer.execute(
            "SELECT 1 FROM expertise_indexstate WHERE organisation_id = %s FOR UPDATE", [acme.pk]
        )
        cursor.execute("SET lock_timeout = '5s'")  # a wait fails the test instead of hanging it
        try:
            assert found(acme, "Stripe") == answer
            assert index_ensure(organisation=acme).reach_through == 1
        finally:
            cursor.execute("RESET lock_timeout")
        assert enqueued == []
        writer.rollback()
    assert found(acme, "Stripe") == answer
    assert enqueued == [acme.pk]
    assert IndexState.objects.get(organisation=acme).moved_at > long_ago


def test_the_state_row_a_writer_makes_counts_as_never_built(orgs):
    """A profile edit before the finder was ever used makes the state row it locks; a removal
    then has nothing to recount, and the first search builds the indexes whole."""
    acme, _globex = orgs
    expected = whole_build(acme)
    dropped(acme)
    jan = employee("jan.vandenberg@acme.nl")
    terms_refresh(employee_ids=[jan.pk])
    state = IndexState.objects.get(organisation=acme)
    assert (state.terms_built_at, state.reach_built_at) == (None, None)
    assert reach_recount_removed(employee_ids=[jan.pk]) == 0
    assert not CompanyReach.objects.filter(organisation=acme).exists()
    assert found(acme, "Stripe")
    assert index_rows(acme) == expected
