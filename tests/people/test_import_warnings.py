"""What an import read in part or left out is said, never a reason to refuse (issue 11).

``broken_Connections.csv`` has a date nobody can read on line 3: the contact is
imported without it, and the line is named in the report, on the import page
and by the command line.
"""

from __future__ import annotations

import json

import pytest
from django.urls import reverse
from django.utils import translation

from tests.factories import DATA, acme, employee, login
from weakties.cli.main import main
from weakties.people.models import ImportBatch, Tie
from weakties.people.services.network_import.importer import NetworkImporter

pytestmark = pytest.mark.django_db

FILE = DATA / "broken_Connections.csv"


def test_the_report_and_the_batch_name_the_line_that_was_read_in_part():
    acme(networks=False)
    with translation.override("en"):
        report = NetworkImporter().import_file(path=FILE, owner=employee("tom.jansen@acme.nl"))
    assert report.ok and report.contacts >= 1 and Tie.objects.exists()
    assert [w["line"] for w in report.warnings] == [3]
    assert "31 Foo 2020" in report.warnings[0]["message"]
    batch = ImportBatch.objects.get(pk=report.batch)
    assert batch.status == ImportBatch.Status.DONE
    assert batch.errors[0]["line"] == 3 and "text" in batch.errors[0]  # said again in Dutch


def test_the_import_page_shows_the_warnings_in_the_readers_language(client):
    acme(networks=False)
    report = NetworkImporter().import_file(path=FILE, owner=employee("tom.jansen@acme.nl"))
    login(client, "tom.jansen@acme.nl")
    html = client.get(reverse("import_status", args=[report.batch])).content.decode()
    assert 'id="import-warnings"' in html and "31 Foo 2020" in html
    assert "deels gelezen of overgeslagen" in html


def test_the_command_line_prints_the_warnings(capsys):
    acme(networks=False)
    code = main(["import", str(FILE), "--owner", "tom.jansen@acme.nl", "--json"])
    assert code == 0
    report = json.loads(capsys.readouterr().out)
    report = report[0] if isinstance(report, list) else report
    assert [w["line"] for w in report["warnings"]] == [3]
