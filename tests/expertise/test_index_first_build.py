"""The finder's indexes are first built chunk by chunk, in short transactions (issue 12).

One transaction for a whole organisation held SQLite's write lock for
seconds (every search writes an audit line, and waited).  Now each chunk of
employees commits on its own; these tests hold the build to what one
transaction gave: the same rows, none twice, whoever builds, however often it
is interrupted, and no search answering from half an index.  The chunks are
made tiny here (two employees, a tie or two) so that Acme's handful of
employees takes many of them.
"""

from __future__ import annotations

import subprocess
import sys

import pytest
from django.db import connection, transaction

from weakties.accounts.models import Employee
from weakties.expertise.models import CompanyReach, GroupReach, IndexState, ProfileTerm
from weakties.expertise.selectors.finder import expertise_search
from weakties.expertise.services import index
from weakties.expertise.services.index import index_ensure, index_restart_unfinished
from weakties.expertise.tasks import after_directory_imported
from weakties.people.models import TieRank
from weakties.people.services.consent import consent_withdraw
from weakties.people.services.network_import.importer import NetworkImporter

from .conftest import employee
from .index_helpers import (
    QUERIES,
    Killed,
    dropped,
    found,
    index_rows,
    index_rows_in,
    killed_after,
    killed_past,
    shared_database,
    whole_build,
)


@pytest.fixture
def small_chunks(monkeypatch):
    monkeypatch.setattr(index, "TERMS_PER_CHUNK", 2)
    monkeypatch.setattr(index, "TIES_PER_CHUNK", 2)


@pytest.fixture
def never_built(orgs, small_chunks):
    """Acme, whose indexes were never built, and what a whole build gives it."""
    acme, _globex = orgs
    expected = whole_build(acme)
    assert all(expected), "Acme has terms and reach to build"
    dropped(acme)
    return acme, expected


def _partly_built(monkeypatch, acme, writer: str, chunks: int = 1, past: int = 0) -> None:
    """A build of Acme's indexes that died halfway (its last chunk rolled back)."""
    with monkeypatch.context() as m:
        if past:
            killed_past(m, writer, past)
        else:
            killed_after(m, writer, chunks)
        with pytest.raises(Killed):
            index_ensure(organisation=acme)


@pytest.mark.django_db(transaction=True)
def test_the_first_build_commits_chunk_by_chunk_what_one_transaction_wrote(never_built, orgs):
    acme, expected = never_built
    _acme, globex = orgs
    elsewhere = index_rows(globex)
    progress: list[tuple[int, int, bool, bool]] = []

    def committed() -> None:
        state = IndexState.objects.get(organisation=acme)
        progress.append(
            (state.terms_through, state.reach_through, bool(state.terms_built_at),
             bool(state.reach_built_at))
        )  # fmt: skip

    def hook(execute, sql, params, many, context):
        if connection.in_atomic_block and not connection.run_on_commit:
            transaction.on_commit(committed)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(hook):
        state = index_ensure(organisation=acme)

    assert state.terms_built_at and state.reach_built_at
    assert state.employees == Employee.objects.filter(organisation=acme, active=True).count()
    assert index_rows(acme) == expected
    assert index_rows(globex) == elsewhere
    employees = Employee.objects.filter(organisation=acme).count()
    sharing = TieRank.objects.filter(organisation=acme).values("employee").distinct().count()
    # one transaction per two employees' terms, and per employee with ties (two ties a chunk)
    assert len(progress) >= employees // 2 + sharing
    terms = [p[0] for p in progress if not p[2]]
    assert terms == sorted(set(terms)) and len(terms) >= employees // 2 - 1
    assert progress[-1] == (0, 0, True, True)


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("writer", ["_write_terms", "_count"])
def test_a_build_killed_halfway_is_finished_by_the_next_call(never_built, monkeypatch, writer):
    acme, expected = never_built
    _partly_built(monkeypatch, acme, writer)
    state = IndexState.objects.get(organisation=acme)
    through = state.terms_through if writer == "_write_terms" else state.reach_through
    assert through > 0 and not state.reach_built_at  # a chunk committed, the next one lost
    assert index_rows(acme) != expected
    index_ensure(organisation=acme)
    assert index_rows(acme) == expected
    index_ensure(organisation=acme)  # built: nothing to do, nothing written twice
    assert index_rows(acme) == expected


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("writer", ["_write_terms", "_count"])
def test_a_search_during_a_partial_build_answers_as_after_a_whole_one(
    never_built, monkeypatch, writer
):
    acme, expected = never_built
    whole_build(acme)
    answers = {q: found(acme, q) for q in QUERIES}
    assert all(answers.values())
    dropped(acme)
    _partly_built(monkeypatch, acme, writer)
    assert index_rows(acme) != expected
    assert {q: found(acme, q) for q in QUERIES} == answers
    assert index_rows(acme) == expected


BUILDER = """
import os, sys, time
from pathlib import Path
import django
django.setup()
from django.db import connection
from weakties.accounts.models import Organisation
from weakties.expertise.services import index

index.TERMS_PER_CHUNK, index.TIES_PER_CHUNK = 2, 2
for name in ("_write_terms", "_count"):
    def slow(*args, _write=getattr(index, name), **kwargs):  # the two builders overlap
        _write(*args, **kwargs)
        time.sleep(0.05)
    setattr(index, name, slow)
chunks = 0
def counted(execute, sql, params, many, context):
    global chunks
    chunks += sql.lstrip().upper().startswith(("INSERT INTO EXPERTISE_", 'INSERT INTO "EXPERTISE_'))
    return execute(sql, params, many, context)
organisation = Organisation.objects.get(pk=int(sys.argv[1]))
print("ready", flush=True)
while not Path(sys.argv[2]).exists():
    time.sleep(0.01)
with connection.execute_wrapper(counted):
    index.index_ensure(organisation=organisation)
print(chunks)
"""


@pytest.mark.django_db(transaction=True)
def test_two_processes_building_at_once_take_turns_and_write_nothing_twice(never_built, tmp_path):
    acme, expected = never_built
    db = shared_database(tmp_path)
    go = tmp_path / "go"
    builders = [
        subprocess.Popen(
            [sys.executable, "-c", BUILDER, str(acme.pk), str(go)],
            env=db.env(),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )  # fmt: skip
        for _ in range(2)
    ]
    for b in builders:
        assert b.stdout is not None and b.stdout.readline().strip() == "ready"
    go.touch()
    chunks = []
    for b in builders:
        out, err = b.communicate(timeout=300)
        assert b.returncode == 0, err[-2000:]
        chunks.append(int(out.split()[-1]))
    assert index_rows_in(db, acme) == expected
    assert all(chunks), f"both wrote chunks, taking turns: {chunks}"
    with db.snapshot() as query:
        ((terms, reach, through),) = query(
            "SELECT terms_built_at IS NOT NULL, reach_built_at IS NOT NULL,"
            " terms_through + reach_through FROM expertise_indexstate WHERE organisation_id = ?",
            [acme.pk],
        )
    assert (bool(terms), bool(reach), through) == (True, True, 0)


@pytest.mark.django_db(transaction=True)
def test_a_network_withdrawn_during_the_build_is_counted_by_nobody(never_built, monkeypatch):
    acme, _expected = never_built
    jan = employee("jan.vandenberg@acme.nl")
    _partly_built(monkeypatch, acme, "_count", past=jan.pk)
    assert CompanyReach.objects.filter(employee=jan).exists()  # Jan's chunk committed
    consent_withdraw(employee=jan)
    assert not CompanyReach.objects.filter(employee=jan).exists()
    index_ensure(organisation=acme)
    assert not CompanyReach.objects.filter(employee=jan).exists()
    assert not GroupReach.objects.filter(employee=jan).exists()
    assert "Jan van den Berg" not in dict(found(acme, "Stripe"))


@pytest.mark.django_db(transaction=True)
def test_a_directory_import_during_the_build_starts_it_over(never_built, monkeypatch):
    acme, _expected = never_built
    tom = employee("tom.jansen@acme.nl")
    _partly_built(monkeypatch, acme, "_write_terms", past=tom.pk)
    assert ProfileTerm.objects.filter(employee=tom).exists()  # his chunk committed
    Employee.objects.filter(pk=tom.pk).update(job_title="Sommelier")
    after_directory_imported.call(acme.pk)  # what the directory import's commit enqueues
    state = IndexState.objects.get(organisation=acme)
    assert (state.terms_through, state.reach_through) == (0, 0)
    index_ensure(organisation=acme)
    assert [h.employee["name"] for h in expertise_search(organisation=acme, query="sommelier")] == [
        "Tom Jansen"
    ]
    assert index_rows(acme) == whole_build(acme)


@pytest.mark.django_db(transaction=True)
def test_restarting_a_built_index_changes_nothing(never_built):
    acme, expected = never_built
    index_ensure(organisation=acme)
    index_restart_unfinished(organisation=acme)
    state = IndexState.objects.get(organisation=acme)
    assert state.terms_built_at and state.reach_built_at
    assert index_rows(acme) == expected


@pytest.mark.django_db(transaction=True)
def test_an_import_during_the_build_is_counted_once_it_is_finished(
    never_built, monkeypatch, tmp_path
):
    acme, _expected = never_built
    jan = employee("jan.vandenberg@acme.nl")
    _partly_built(monkeypatch, acme, "_count", past=jan.pk)  # Jan counted before his import
    path = tmp_path / "jan_Connections.csv"
    path.write_text(
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        "Noor,Visser,https://www.linkedin.com/in/noor-visser,,Vandebron,Energy trader,"
        "02 Feb 2021\n",
        encoding="utf-8",
    )
    assert NetworkImporter().import_file(path=path, owner=jan).ok
    # its commit ran the task (at once in the tests): the build finished, Jan recounted
    assert IndexState.objects.get(organisation=acme).reach_built_at
    assert found(acme, "Vandebron") == [("Jan van den Berg", ("knows 1 person at Vandebron",))]
    assert index_rows(acme) == whole_build(acme)
