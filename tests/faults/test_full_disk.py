"""A full database (issue 12): the import stops with a clear error and leaves a sound database.

SQLite's ``max_page_count`` caps the database just above its size, so the import's writes find
it full (SQLITE_FULL, as a full disk gives).  The file's transaction is rolled back: nothing of
it is stored, and ``PRAGMA integrity_check`` finds the database sound.  (PostgreSQL reports a
full disk as SQLSTATE 53100, which the same code turns into the same error; there is no
portable way to fill a server's disk from a test, so that case is checked on the error alone.)
"""

from __future__ import annotations

import pytest
from django.db import OperationalError, connection
from django.utils import translation

from tests.factories import acme, employee
from weakties.cli.main import main
from weakties.core.errors import ServiceError
from weakties.people.models import ImportBatch, Person, Tie, TieProvenance
from weakties.people.services.network_import.faults import is_database_full
from weakties.people.services.network_import.importer import NetworkImporter

pytestmark = pytest.mark.django_db(transaction=True)  # the import is the outermost transaction

HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"


def _big_file(path, rows: int = 3000):
    lines = [
        f"Voornaam{i},Achternaam{i},https://www.linkedin.com/in/p-{i},,Bedrijf {i % 97},"
        f"Adviseur,07 Feb 2026\n"
        for i in range(rows)
    ]
    path.write_text(HEADER + "".join(lines), encoding="utf-8")
    return path


def _pragma(sql: str):
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return cursor.fetchall()


@pytest.fixture
def full_sqlite():
    """Cap the SQLite database at its current size (plus its free pages), then lift the cap."""
    if connection.vendor != "sqlite":
        pytest.skip("max_page_count is SQLite's; PostgreSQL's disk_full is checked below")

    def cap() -> None:
        pages = _pragma("PRAGMA page_count")[0][0]
        _pragma(f"PRAGMA max_page_count = {pages + 2}")

    yield cap
    _pragma("PRAGMA max_page_count = 4294967294")


def _stored():
    return (
        Person.objects.count(),
        Tie.objects.count(),
        TieProvenance.objects.count(),
        ImportBatch.objects.count(),
    )


def test_an_import_into_a_full_database_says_so_and_changes_nothing(tmp_path, full_sqlite):
    acme(networks=False)
    path = _big_file(tmp_path / "Connections.csv")
    full_sqlite()
    before = _stored()
    with pytest.raises(ServiceError) as caught, translation.override("en"):
        NetworkImporter().import_file(path=path, owner=employee("jan.vandenberg@acme.nl"))
    message = str(caught.value)
    assert message.startswith("Connections.csv: ") and "database is full" in message
    assert "nothing of this file was imported" in message
    assert _stored() == before
    assert _pragma("PRAGMA integrity_check") == [("ok",)]
    assert _pragma("PRAGMA foreign_key_check") == []


def test_the_command_line_gives_one_clear_line_for_a_full_database(tmp_path, full_sqlite, capsys):
    acme(networks=False)
    path = _big_file(tmp_path / "Connections.csv")
    first = _big_file(tmp_path / "first.csv", rows=2)
    full_sqlite()
    code = main(["import", str(first), str(path), "--owner", "jan.vandenberg@acme.nl"])
    assert code != 0
    err = capsys.readouterr().err
    # In the language the command runs in (Dutch unless a test before left English active).
    assert ("database is vol" in err or "database is full" in err) and "Traceback" not in err
    assert _pragma("PRAGMA integrity_check") == [("ok",)]
    assert not Tie.objects.filter(provenance__batch__file_name="Connections.csv").exists()


def test_both_databases_full_errors_are_recognised():
    class PgDiskFull(Exception):
        sqlstate = "53100"

    wrapped = OperationalError("could not extend file")
    wrapped.__cause__ = PgDiskFull()
    assert is_database_full(wrapped)
    assert is_database_full(OperationalError("database or disk is full"))
    assert not is_database_full(OperationalError("database is locked"))
