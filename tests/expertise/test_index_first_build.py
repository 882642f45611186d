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

import sqlite3
import subprocess
import sys
from collections import Counter

import pytest
from django.db import connection, transaction

from tests.faults.kill_campaign import Database
from weakties.accounts.models import Employee
from weakties.expertise.models import CompanyReach, GroupReach, IndexState, ProfileTerm
from weakties.expertise.selectors.finder import expertise_search
from weakties.expertise.services import index
from weakties.expertise.services.index import (
    index_ensure,
    index_restart_unfinished,
    reach_rebuild,
    terms_rebuild,
)
from weakties.expertise.tasks import after_directory_imported
from weakties.people.models import TieRank
from weakties.people.services.consent import consent_withdraw
from weakties.people.services.network_import.importer import NetworkImporter

from .conftest import employee

QUERIES = ["data engineering", "Stripe", "recruiter", "finance", "sales"]


class Killed(Exception):
    """The process building the index died in the middle of a chunk."""


def _rows(org) -> tuple[Counter, Counter, Counter]:
    """Every index row of the organisation, counted (a row written twice counts 2)."""
    return (
        Counter(
            ProfileTerm.objects.filter(organisation=org).values_list(
                "employee_id", "term", "field", "label"
            )
        ),
        Counter(
            CompanyReach.objects.filter(organisation=org).values_list(
                "employee_id", "company_id", "people"
            )
        ),
        Counter(
            GroupReach.objects.filter(organisation=org).values_list(
                "employee_id", "kind", "group", "people"
            )
        ),
    )


def _whole(org) -> tuple[Counter, Counter, Counter]:
    """The indexes as one transaction builds them (before issue 12): what a build must give."""
    with transaction.atomic():
        terms_rebuild(organisation=org)
        reach_rebuild(organisation=org)
    return _rows(org)


def _dropped(org) -> None:
    """As if the indexes of the organisation were never built."""
    for model in (ProfileTerm, CompanyReach, GroupReach, IndexState):
        model.objects.filter(organisation=org).delete()


def _found(org, query: str) -> list[tuple[str, tuple[str, ...]]]:
    return [
        (h.employee["name"], tuple(h.why)) for h in expertise_search(organisation=org, query=query)
    ]


def _killed_after(monkeypatch, writer: str, chunks: int) -> None:
    """The build dies inside the chunk after ``chunks`` of ``writer``'s chunks committed."""
    real = getattr(index, writer)
    done = [0]

    def dying(*args, **kwargs):
        if done[0] == chunks:
            raise Killed
        done[0] += 1
        return real(*args, **kwargs)

    monkeypatch.setattr(index, writer, dying)


def _killed_past(monkeypatch, writer: str, pk: int) -> None:
    """The build dies in its first chunk of ``writer`` that starts after employee ``pk``."""
    real = getattr(index, writer)

    def dying(*args, **kwargs):
        if writer == "_count" and args[1][1] >= pk:  # (where, [organisation, after, upto])
            raise Killed
        if writer == "_write_terms" and args[0] and args[0][0].pk > pk:  # employees by id
            raise Killed
        return real(*args, **kwargs)

    monkeypatch.setattr(index, writer, dying)


@pytest.fixture
def small_chunks(monkeypatch):
    monkeypatch.setattr(index, "TERMS_PER_CHUNK", 2)
    monkeypatch.setattr(index, "TIES_PER_CHUNK", 2)


@pytest.fixture
def never_built(orgs, small_chunks):
    """Acme, whose indexes were never built, and what a whole build gives it."""
    acme, _globex = orgs
    expected = _whole(acme)
    assert all(expected), "Acme has terms and reach to build"
    _dropped(acme)
    return acme, expected


def _partly_built(monkeypatch, acme, writer: str, chunks: int = 1, past: int = 0) -> None:
    """A build of Acme's indexes that died halfway (its last chunk rolled back)."""
    with monkeypatch.context() as m:
        if past:
            _killed_past(m, writer, past)
        else:
            _killed_after(m, writer, chunks)
        with pytest.raises(Killed):
            index_ensure(organisation=acme)


@pytest.mark.django_db(transaction=True)
def test_the_first_build_commits_chunk_by_chunk_what_one_transaction_wrote(never_built, orgs):
    acme, expected = never_built
    _acme, globex = orgs
    elsewhere = _rows(globex)
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
    assert _rows(acme) == expected
    assert _rows(globex) == elsewhere
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
    assert _rows(acme) != expected
    index_ensure(organisation=acme)
    assert _rows(acme) == expected
    index_ensure(organisation=acme)  # built: nothing to do, nothing written twice
    assert _rows(acme) == expected


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("writer", ["_write_terms", "_count"])
def test_a_search_during_a_partial_build_answers_as_after_a_whole_one(
    never_built, monkeypatch, writer
):
    acme, expected = never_built
    _whole(acme)
    answers = {q: _found(acme, q) for q in QUERIES}
    assert all(answers.values())
    _dropped(acme)
    _partly_built(monkeypatch, acme, writer)
    assert _rows(acme) != expected
    assert {q: _found(acme, q) for q in QUERIES} == answers
    assert _rows(acme) == expected


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


def _database(tmp_path) -> Database:
    """The test's database where other processes can write it (the test is transactional)."""
    if connection.vendor == "postgresql":
        s = connection.settings_dict
        user = s["USER"] or "postgres"
        auth = f"{user}:{s['PASSWORD']}" if s["PASSWORD"] else user
        host = f"{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}"
        return Database(tmp_path, f"postgres://{auth}@{host}/{s['NAME']}")
    connection.ensure_connection()
    target = sqlite3.connect(tmp_path / "weakties.sqlite3")
    connection.connection.backup(target)  # the in-memory test database, to a file
    target.close()
    return Database(tmp_path)


def _rows_in(db: Database, org) -> tuple[Counter, Counter, Counter]:
    """:func:`_rows`, read by a connection of its own."""
    where = "WHERE organisation_id = ?"
    with db.snapshot() as query:
        return (
            Counter(query(f"SELECT employee_id, term, field, label FROM expertise_profileterm {where}", [org.pk])),
            Counter(query(f"SELECT employee_id, company_id, people FROM expertise_companyreach {where}", [org.pk])),
            Counter(query(f'SELECT employee_id, kind, "group", people FROM expertise_groupreach {where}', [org.pk])),
        )  # fmt: skip


@pytest.mark.django_db(transaction=True)
def test_two_processes_building_at_once_take_turns_and_write_nothing_twice(never_built, tmp_path):
    acme, expected = never_built
    db = _database(tmp_path)
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
    assert _rows_in(db, acme) == expected
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
    assert "Jan van den Berg" not in dict(_found(acme, "Stripe"))


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
    assert _rows(acme) == _whole(acme)


@pytest.mark.django_db(transaction=True)
def test_restarting_a_built_index_changes_nothing(never_built):
    acme, expected = never_built
    index_ensure(organisation=acme)
    index_restart_unfinished(organisation=acme)
    state = IndexState.objects.get(organisation=acme)
    assert state.terms_built_at and state.reach_built_at
    assert _rows(acme) == expected


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
    assert _found(acme, "Vandebron") == [("Jan van den Berg", ("knows 1 person at Vandebron",))]
    assert _rows(acme) == _whole(acme)
