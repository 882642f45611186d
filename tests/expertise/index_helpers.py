"""What the tests of the finder's index builds and rebuilds share (issue 12).

The rows of an organisation's indexes counted (:func:`index_rows`; a row written twice counts
2), what one transaction builds (:func:`whole_build`), a build or rebuild that dies in the middle
of a chunk (:func:`killed_after`, :func:`killed_past`), and the test's database where other
processes can write it (:func:`shared_database`, read back by :func:`index_rows_in`).
"""

from __future__ import annotations

import sqlite3
from collections import Counter

from django.db import connection, transaction

from tests.faults.kill_campaign import Database
from weakties.expertise.models import CompanyReach, GroupReach, IndexState, ProfileTerm
from weakties.expertise.selectors.finder import expertise_search
from weakties.expertise.services import index
from weakties.expertise.services.index import reach_rebuild, terms_rebuild

__all__ = [
    "QUERIES",
    "Killed",
    "index_rows",
    "whole_build",
    "dropped",
    "found",
    "killed_after",
    "killed_past",
    "shared_database",
    "index_rows_in",
]

QUERIES = ["data engineering", "Stripe", "recruiter", "finance", "sales"]


class Killed(Exception):
    """The process building the index died in the middle of a chunk."""


def index_rows(org) -> tuple[Counter, Counter, Counter]:
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


def whole_build(org) -> tuple[Counter, Counter, Counter]:
    """The indexes as one transaction builds them (before issue 12): what a build must give."""
    with transaction.atomic():
        terms_rebuild(organisation=org)
        reach_rebuild(organisation=org)
    return index_rows(org)


def dropped(org) -> None:
    """As if the indexes of the organisation were never built."""
    for model in (ProfileTerm, CompanyReach, GroupReach, IndexState):
        model.objects.filter(organisation=org).delete()


def found(org, query: str) -> list[tuple[str, tuple[str, ...]]]:
    return [
        (h.employee["name"], tuple(h.why)) for h in expertise_search(organisation=org, query=query)
    ]


def killed_after(monkeypatch, writer: str, chunks: int) -> None:
    """The build dies inside the chunk after ``chunks`` of ``writer``'s chunks committed."""
    real = getattr(index, writer)
    done = [0]

    def dying(*args, **kwargs):
        if done[0] == chunks:
            raise Killed
        done[0] += 1
        return real(*args, **kwargs)

    monkeypatch.setattr(index, writer, dying)


def killed_past(monkeypatch, writer: str, pk: int) -> None:
    """The build dies in its first chunk of ``writer`` that starts after employee ``pk``."""
    real = getattr(index, writer)

    def dying(*args, **kwargs):
        if writer == "_count" and args[1][1] >= pk:  # (where, [organisation, after, upto])
            raise Killed
        if writer == "_write_terms" and args[0] and args[0][0].pk > pk:  # employees by id
            raise Killed
        return real(*args, **kwargs)

    monkeypatch.setattr(index, writer, dying)


def shared_database(tmp_path) -> Database:
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


def index_rows_in(db: Database, org) -> tuple[Counter, Counter, Counter]:
    """:func:`index_rows`, read by a connection of its own."""
    where = "WHERE organisation_id = ?"
    with db.snapshot() as query:
        return (
            Counter(query(f"SELECT employee_id, term, field, label FROM expertise_profileterm {where}", [org.pk])),
            Counter(query(f"SELECT employee_id, company_id, people FROM expertise_companyreach {where}", [org.pk])),
            Counter(query(f'SELECT employee_id, kind, "group", people FROM expertise_groupreach {where}', [org.pk])),
        )  # fmt: skip


def index_inserts(seen: Counter):
    """An ``execute_wrapper`` that counts, in ``seen``, the statements inserting index rows."""

    def hook(execute, sql, params, many, context):
        if "INSERT INTO" in sql.upper() and "EXPERTISE_" in sql.upper():
            seen[sql[:40]] += 1
        return execute(sql, params, many, context)

    return hook
