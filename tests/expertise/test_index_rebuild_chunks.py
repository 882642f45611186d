"""Rebuilds of the finder's indexes go chunk by chunk too, in short transactions (issue 12).

``weakties expertise --reindex`` (:func:`index_rebuild`) and a directory import's re-index of
the terms each held SQLite's write lock for the whole organisation (9 s and 1.5 s at 3,000
employees) while every search waited to write its audit line.  They now go through the first
build's chunks, one pass over every employee, the index marked built all the while; these
tests hold them to what one transaction wrote: the same rows, no transaction writing more than
a chunk, every search during the rebuild answering from a whole index, a rebuild killed
halfway put right by the next one, rebuilders at once taking turns, and a writer beside the
rebuild never waiting long.  The chunks are tiny (two employees, a tie or two) so that Acme's
handful of employees takes many.  SQLite and PostgreSQL (``DATABASE_URL``).
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import time
from bisect import bisect_left
from collections import Counter

import pytest
from django.db import connection, transaction

from weakties.accounts.models import Employee
from weakties.expertise.models import CompanyReach, GroupReach, IndexState, ProfileTerm
from weakties.expertise.services import index
from weakties.expertise.services.index import index_ensure, index_rebuild
from weakties.expertise.tasks import after_directory_imported
from weakties.people.services.consent import consent_withdraw

from .conftest import employee
from .index_helpers import (
    QUERIES,
    Killed,
    dropped,
    found,
    index_inserts,
    index_rows,
    index_rows_in,
    killed_after,
    killed_past,
    shared_database,
    whole_build,
)

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def built(orgs, monkeypatch):
    """Acme with both indexes built, what one transaction rebuilds, and tiny chunks."""
    acme, _globex = orgs
    expected = whole_build(acme)
    assert all(expected), "Acme has terms and reach to rebuild"
    monkeypatch.setattr(index, "TERMS_PER_CHUNK", 2)
    monkeypatch.setattr(index, "TIES_PER_CHUNK", 2)
    state = index_ensure(organisation=acme)
    assert state.terms_built_at and state.reach_built_at and index_rows(acme) == expected
    return acme, expected


def _spoiled(acme) -> None:
    """Rows out of step with their sources, as a rebuild is run to put right: of the first and
    the last employees with terms and with reach (the first and last chunks of a pass)."""
    for model, bad in (
        (ProfileTerm, lambda rows: rows.filter(field="title").delete()),
        (CompanyReach, lambda rows: rows.update(people=99)),
        (GroupReach, lambda rows: rows.delete()),
    ):
        ids = model.objects.filter(organisation=acme).values_list("employee_id", flat=True)
        for pk in (min(ids), max(ids)):
            bad(model.objects.filter(employee_id=pk))
    assert index_rows(acme) != _whole_now(acme)


def _whole_now(acme):
    """What one transaction would write now, without writing it (rolled back)."""
    with transaction.atomic():
        rows = whole_build(acme)
        transaction.set_rollback(True)
    return rows


class _Written:
    """Rows inserted into the expertise tables by each committed transaction."""

    def __init__(self) -> None:
        self.per_transaction: list[int] = []
        self._open = 0

    def __call__(self, execute, sql, params, many, context):
        result = execute(sql, params, many, context)
        if sql.lstrip().upper().startswith(("INSERT INTO EXPERTISE_", 'INSERT INTO "EXPERTISE_')):
            if not self._open and connection.in_atomic_block:
                transaction.on_commit(self._commit)
            self._open += max(context["cursor"].rowcount, 0)
        return result

    def _commit(self) -> None:
        self.per_transaction.append(self._open)
        self._open = 0


def _most_a_chunk_writes(acme) -> int:
    """The rows a chunk may write at most: those of the two employees with the most rows."""
    terms, companies, groups = index_rows(acme)
    per_employee: Counter = Counter()
    for rows in (terms, companies, groups):
        for key, n in rows.items():
            per_employee[key[0]] += n
    return sum(n for _pk, n in per_employee.most_common(2))


def test_a_rebuild_commits_chunk_by_chunk_what_one_transaction_writes(built, orgs):
    acme, expected = built
    _acme, globex = orgs
    elsewhere = index_rows(globex)
    _spoiled(acme)
    written = _Written()
    with connection.execute_wrapper(written):
        figures = index_rebuild(organisation=acme)
    assert index_rows(acme) == expected
    assert index_rows(globex) == elsewhere
    assert figures == {
        "employees": Employee.objects.filter(organisation=acme, active=True).count(),
        "company_rows": CompanyReach.objects.filter(organisation=acme).count(),
    }
    state = IndexState.objects.get(organisation=acme)
    assert (state.terms_through, state.reach_through) == (0, 0)
    total = sum(sum(rows.values()) for rows in expected)
    most = _most_a_chunk_writes(acme)
    assert most < total / 2
    assert len(written.per_transaction) >= Employee.objects.filter(organisation=acme).count() // 2
    assert sum(written.per_transaction) == total
    assert max(written.per_transaction) <= most, written.per_transaction


def test_the_directory_imports_reindex_goes_in_chunks(built):
    acme, _expected = built
    tom = employee("tom.jansen@acme.nl")
    Employee.objects.filter(pk=tom.pk).update(job_title="Sommelier")
    written = _Written()
    with connection.execute_wrapper(written):
        after_directory_imported.call(acme.pk)  # what the directory import's commit enqueues
    terms, _, _ = index_rows(acme)
    assert len(written.per_transaction) >= Employee.objects.filter(organisation=acme).count() // 2
    assert sum(written.per_transaction) == sum(terms.values())
    assert max(written.per_transaction) <= _most_a_chunk_writes(acme)
    assert [h.employee["name"] for h in _search(acme, "sommelier")] == ["Tom Jansen"]
    assert index_rows(acme) == _whole_now(acme)


def _search(acme, query):
    from weakties.expertise.selectors.finder import expertise_search

    return expertise_search(organisation=acme, query=query)


def _chunks_of(monkeypatch, acme, writer: str) -> int:
    """How many chunks of ``writer`` a whole rebuild writes."""
    real = getattr(index, writer)
    calls = [0]

    def counted(*args, **kwargs):
        calls[0] += 1
        return real(*args, **kwargs)

    with monkeypatch.context() as m:
        m.setattr(index, writer, counted)
        index_rebuild(organisation=acme)
    return calls[0]


@pytest.mark.parametrize("writer", ["_write_terms", "_count"])
def test_a_search_between_any_two_chunks_answers_from_a_whole_index(built, monkeypatch, writer):
    """What a search reads during the rebuild: the rebuild stopped after each chunk in turn.

    It answers at once (the index stays marked built: it neither waits nor helps), and as
    from the whole index: nobody is missing from it, whatever chunk the rebuild is at.
    """
    acme, expected = built
    answers = {q: found(acme, q) for q in QUERIES}
    assert all(answers.values())
    chunks = _chunks_of(monkeypatch, acme, writer)
    assert chunks >= 3
    for done in range(1, chunks):
        with monkeypatch.context() as m:
            killed_after(m, writer, done)
            with pytest.raises(Killed):
                index_rebuild(organisation=acme)
        state = IndexState.objects.get(organisation=acme)
        assert state.terms_built_at and state.reach_built_at
        through = state.terms_through if writer == "_write_terms" else state.reach_through
        assert through > 0, "a pass under way"
        written = Counter()
        with connection.execute_wrapper(index_inserts(written)):
            assert {q: found(acme, q) for q in QUERIES} == answers, f"after {done} chunks"
        assert not written, "the search wrote index rows: it helped instead of reading"
        assert index_rows(acme) == expected


@pytest.mark.parametrize("writer", ["_write_terms", "_count"])
def test_a_rebuild_killed_halfway_is_put_right_by_the_next(built, monkeypatch, writer):
    acme, expected = built
    _spoiled(acme)
    with monkeypatch.context() as m:
        killed_after(m, writer, 1)
        with pytest.raises(Killed):
            index_rebuild(organisation=acme)
    assert index_rows(acme) != expected  # the rest of the pass was never written
    index_rebuild(organisation=acme)
    assert index_rows(acme) == expected
    state = IndexState.objects.get(organisation=acme)
    assert (state.terms_through, state.reach_through) == (0, 0)
    index_ensure(organisation=acme)  # built: nothing to do, nothing written twice
    assert index_rows(acme) == expected


def test_a_rebuild_of_an_index_never_built_builds_it(built):
    acme, expected = built
    dropped(acme)
    index_rebuild(organisation=acme)
    assert index_rows(acme) == expected


def test_a_network_withdrawn_during_the_rebuild_is_counted_by_nobody(built, monkeypatch):
    acme, _expected = built
    jan = employee("jan.vandenberg@acme.nl")
    with monkeypatch.context() as m:
        killed_past(m, "_count", jan.pk)  # the pass stopped after Jan's chunk
        with pytest.raises(Killed):
            index_rebuild(organisation=acme)
    assert CompanyReach.objects.filter(employee=jan).exists()
    consent_withdraw(employee=jan)
    assert not CompanyReach.objects.filter(employee=jan).exists()
    index_rebuild(organisation=acme)
    assert not CompanyReach.objects.filter(employee=jan).exists()
    assert not GroupReach.objects.filter(employee=jan).exists()
    assert "Jan van den Berg" not in dict(found(acme, "Stripe"))
    assert index_rows(acme) == _whole_now(acme)


REBUILDER = """
import json, sys, time
from pathlib import Path
import django
django.setup()
from django.db import connection
from weakties.accounts.models import Organisation
from weakties.expertise.services import index

index.TERMS_PER_CHUNK, index.TIES_PER_CHUNK = 2, 2
# Each chunk holds its transaction a while (20 ms per employee whose terms it writes, 20 ms per
# count of ties), as a chunk of a large organisation does.
def slow_terms(employees, _write=index._write_terms):
    _write(employees)
    time.sleep(0.02 * len(employees))
def slow_count(*args, _count=index._count):
    _count(*args)
    time.sleep(0.02)
index._write_terms, index._count = slow_terms, slow_count
spans = []  # each transaction that wrote index rows: [first write, commit]
def timed(execute, sql, params, many, context):
    if sql.lstrip().upper().startswith(("INSERT INTO EXPERTISE_", 'INSERT INTO "EXPERTISE_')):
        if not spans or spans[-1][1] is not None:
            spans.append([time.time(), None])
            connection.on_commit(lambda: spans[-1].__setitem__(1, time.time()))
    return execute(sql, params, many, context)
organisation = Organisation.objects.get(pk=int(sys.argv[1]))
print("ready", flush=True)
while not Path(sys.argv[2]).exists():
    time.sleep(0.01)
with connection.execute_wrapper(timed):
    index.index_rebuild(organisation=organisation)
print(json.dumps(spans))
"""


def _rebuilders(db, acme, tmp_path, n: int) -> tuple[list[subprocess.Popen], object]:
    go = tmp_path / "go"
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", REBUILDER, str(acme.pk), str(go)],
            env=db.env(),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )  # fmt: skip
        for _ in range(n)
    ]
    for p in procs:
        assert p.stdout is not None and p.stdout.readline().strip() == "ready"
    return procs, go


def _finished(procs) -> list[list[list[float]]]:
    """Each rebuilder's transactions that wrote index rows: ``[first write, commit]``."""
    spans = []
    for p in procs:
        out, err = p.communicate(timeout=300)
        assert p.returncode == 0, err[-2000:]
        spans.append(json.loads(out.splitlines()[-1]))
    return spans


def test_two_processes_rebuilding_at_once_take_turns(built, tmp_path):
    acme, expected = built
    _spoiled(acme)
    db = shared_database(tmp_path)
    procs, go = _rebuilders(db, acme, tmp_path, 2)
    go.touch()
    chunks = [len(spans) for spans in _finished(procs)]
    assert all(chunks), f"both wrote chunks, taking turns: {chunks}"
    assert index_rows_in(db, acme) == expected
    with db.snapshot() as query:
        ((terms, reach, through),) = query(
            "SELECT terms_built_at IS NOT NULL, reach_built_at IS NOT NULL,"
            " terms_through + reach_through FROM expertise_indexstate WHERE organisation_id = ?",
            [acme.pk],
        )
    assert (bool(terms), bool(reach), through) == (True, True, 0)


def _state_in(db, acme) -> tuple[bool, bool, int, int]:
    with db.snapshot() as query:
        ((terms, reach, terms_through, reach_through),) = query(
            "SELECT terms_built_at IS NOT NULL, reach_built_at IS NOT NULL, terms_through,"
            " reach_through FROM expertise_indexstate WHERE organisation_id = ?",
            [acme.pk],
        )
    return bool(terms), bool(reach), terms_through, reach_through


def test_a_rebuild_killed_by_sigkill_halfway_is_continued_by_the_next(built, tmp_path):
    """The process dies (SIGKILL) in the middle of the pass: what it committed stays, the
    index stays whole and marked built, and the next rebuild (its process gone: no waiting
    for the pass to stall) continues the pass instead of starting it over, and writes it right."""
    acme, expected = built
    whole = _Written()
    with connection.execute_wrapper(whole):
        index_rebuild(organisation=acme)  # how many chunks a whole pass writes
    _spoiled(acme)
    db = shared_database(tmp_path)
    (proc,), go = _rebuilders(db, acme, tmp_path, 1)
    go.touch()
    deadline = time.monotonic() + 60
    while _state_in(db, acme)[2] == 0 and time.monotonic() < deadline:
        time.sleep(0.005)  # until the first chunk of the terms committed
    proc.kill()
    proc.communicate(timeout=60)
    assert proc.returncode == -9
    terms, reach, terms_through, _reach_through = _state_in(db, acme)
    assert terms and reach and terms_through > 0  # whole, and the pass was under way
    assert index_rows_in(db, acme) != expected  # the reach was not rebuilt yet
    (again,), _go = _rebuilders(db, acme, tmp_path, 1)  # "go" is there already
    ((*spans,),) = _finished([again])
    assert index_rows_in(db, acme) == expected
    assert 0 < len(spans) < len(whole.per_transaction), (spans, whole.per_transaction)
    assert _state_in(db, acme) == (True, True, 0, 0)


def _write_once(db, tmp_path) -> float:
    """A one-row write, as a search's audit line; when it committed."""
    if db.url:
        import psycopg

        with psycopg.connect(db.url, autocommit=True) as conn:
            conn.execute("UPDATE rebuild_writer SET n = n + 1")
    else:
        conn = sqlite3.connect(tmp_path / "weakties.sqlite3", timeout=20)
        try:
            conn.execute("BEGIN IMMEDIATE")
            conn.execute("UPDATE rebuild_writer SET n = n + 1")
            conn.execute("COMMIT")
        finally:
            conn.close()
    return time.time()


def test_another_connection_writes_between_the_chunks(built, tmp_path):
    """SQLite's write lock is taken chunk by chunk: another connection writes between them.

    A writer beside the rebuild commits a one-row update again and again; its commits land
    in many of the gaps between the rebuild's transactions (one transaction for the terms
    and one for the reach would leave it one gap), and no transaction of the rebuild is
    longer than a chunk.
    """
    acme, expected = built
    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE rebuild_writer (n integer)")
        cursor.execute("INSERT INTO rebuild_writer VALUES (0)")
    db = shared_database(tmp_path)
    (proc,), go = _rebuilders(db, acme, tmp_path, 1)
    go.touch()
    commits = []
    while proc.poll() is None:
        commits.append(_write_once(db, tmp_path))
        time.sleep(0.005)
    ((*spans,),) = _finished([proc])
    assert len(spans) >= 6, spans
    assert all(end is not None and end - begin < 0.4 for begin, end in spans), spans
    ends = sorted(end for _begin, end in spans)
    gaps = {bisect_left(ends, t) for t in commits if spans[0][0] < t < ends[-1]}
    assert len(gaps) >= 4, (gaps, len(spans))
    assert index_rows_in(db, acme) == expected
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE rebuild_writer")
