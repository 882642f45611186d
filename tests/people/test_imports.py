"""The import use case: counts, idempotence, all-or-nothing, consent."""

from __future__ import annotations

import pytest

from tests.factories import DATA, acme, employee
from weakties.people.models import Company, ImportBatch, Person, Tie, TieProvenance
from weakties.people.services.network_import import importer as imports
from weakties.people.services.network_import.importer import NetworkImporter

pytestmark = pytest.mark.django_db


def _counts():
    return (
        Person.objects.count(),
        Tie.objects.count(),
        TieProvenance.objects.count(),
        Company.objects.count(),
    )


def test_linkedin_import_reports_contacts_skipped_and_created():
    acme(networks=False)
    jan = employee("jan.vandenberg@acme.nl")
    report = NetworkImporter().import_file(path=DATA / "jan_Connections.csv", owner=jan)
    assert report.ok
    assert report.format == "linkedin"
    assert report.contacts == 4
    assert report.skipped == 1  # the blank hidden member
    assert report.ties_created == 4
    # Sophie is a colleague: she resolves to her employee person, not a new one.
    assert report.people_created == 3
    sophie = employee("sophie.bakker@acme.nl")
    assert Tie.objects.filter(employee=jan, person=sophie.person).exists()
    assert jan.has_consent()


def test_reimporting_same_file_changes_nothing():
    acme()
    before = _counts()
    batches = ImportBatch.objects.count()
    report = NetworkImporter().import_file(
        path=DATA / "jan_Connections.csv", owner=employee("jan.vandenberg@acme.nl")
    )
    assert report.ok and report.duplicate
    assert (report.people_created, report.ties_created, report.ties_updated) == (0, 0, 0)
    assert _counts() == before
    assert ImportBatch.objects.count() == batches


def test_same_person_in_two_networks_is_one_person():
    acme()
    # Zoë Peeters: URL case, http, no www, trailing slash, "MSc", diacritics, "Stripe, Inc." vs "Stripe".
    zoe = Person.objects.filter(last_name__startswith="Peeters")
    assert zoe.count() == 1
    assert Tie.objects.filter(person=zoe.get()).count() == 2
    assert Company.objects.filter(key__icontains="stripe").count() == 1


def test_second_source_for_the_same_contact_updates_the_tie():
    acme()
    jan = employee("jan.vandenberg@acme.nl")
    mehmet = Person.objects.get(first_name="Mehmet")
    tie = Tie.objects.get(employee=jan, person=mehmet)
    assert tie.sources == ["linkedin", "vcard"]
    assert tie.phone == "+31 6 12345678"
    provenance = sorted(tie.provenance.values_list("batch__file_name", "line"))
    assert provenance == [("jan_Connections.csv", 6), ("jan_contacts.vcf", 1)]


def test_file_with_a_bad_row_imports_nothing_and_names_the_line():
    acme()
    before = _counts()
    report = NetworkImporter().import_file(
        path=DATA / "unquoted_comma_Connections.csv", owner=employee("tom.jansen@acme.nl")
    )
    assert not report.ok
    assert report.errors and report.errors[0]["line"] == 3
    assert "8 velden" in report.errors[0]["message"]  # Dutch: the default language
    assert _counts() == before
    assert ImportBatch.objects.get(pk=report.batch).status == "failed"


def test_a_date_that_cannot_be_read_does_not_reject_the_file_or_its_contact():
    acme()
    report = NetworkImporter().import_file(
        path=DATA / "broken_Connections.csv", owner=employee("tom.jansen@acme.nl")
    )
    assert report.ok and report.contacts == 2
    visser = Tie.objects.get(employee__email="tom.jansen@acme.nl", person__last_name="Visser")
    assert visser.connected_on is None


def test_wrong_kind_of_file_is_refused_with_a_message(tmp_path):
    acme()
    before = _counts()
    pdf = tmp_path / "cv.pdf"
    pdf.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n" * 20)
    report = NetworkImporter().import_file(path=pdf, owner=employee("tom.jansen@acme.nl"))
    assert not report.ok
    assert "cv.pdf" in report.file
    assert report.errors[0]["message"]
    assert _counts() == before


def test_huge_file_is_refused_without_reading(tmp_path):
    acme()
    big = tmp_path / "Connections.csv"
    with open(big, "wb") as f:
        f.truncate(1 << 30)  # 1 GiB, sparse
    report = NetworkImporter().import_file(path=big, owner=employee("tom.jansen@acme.nl"))
    assert not report.ok
    assert "MiB" in report.errors[0]["message"]


def test_failure_midway_rolls_back_everything(monkeypatch):
    acme(networks=False)
    before = _counts()
    importer = NetworkImporter()

    real_insert = imports.insert_rows

    def insert_then_explode(table, *args, **kwargs):
        if table == "people_tieprovenance":  # people and ties are written by now
            assert Tie.objects.exists()
            raise RuntimeError("disk full")
        return real_insert(table, *args, **kwargs)

    monkeypatch.setattr(imports, "insert_rows", insert_then_explode)
    with pytest.raises(RuntimeError):
        importer.import_file(
            path=DATA / "jan_Connections.csv", owner=employee("jan.vandenberg@acme.nl")
        )
    assert _counts() == before
    monkeypatch.undo()
    # The importer forgot its now-stale index and works again.
    report = importer.import_file(
        path=DATA / "jan_Connections.csv", owner=employee("jan.vandenberg@acme.nl")
    )
    assert report.ok and report.ties_created == 4


def _linkedin(tmp_path, name: str, connected_on: str):
    path = tmp_path / name
    path.write_text(
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        "Mehmet,Çelik,https://www.linkedin.com/in/mehmet-celik-77,,Bakker Logistiek B.V.,"
        f"Planner,{connected_on}\n",
        encoding="utf-8",
    )
    return path


def test_reimport_keeps_the_earliest_connected_on(tmp_path):
    """A tie is as old as its oldest record: a later export never makes it younger."""
    import datetime as dt

    acme(networks=False)
    jan = employee("jan.vandenberg@acme.nl")
    importer = NetworkImporter()

    def stored():
        return Tie.objects.get(employee=jan, person__last_name="Çelik").connected_on

    assert importer.import_file(path=_linkedin(tmp_path, "a.csv", "16 Sep 2021"), owner=jan).ok
    assert stored() == dt.date(2021, 9, 16)
    report = importer.import_file(path=_linkedin(tmp_path, "b.csv", "02 Jan 2024"), owner=jan)
    assert report.ok and report.ties_created == 0
    assert stored() == dt.date(2021, 9, 16)  # the later date does not replace the earlier
    report = importer.import_file(path=_linkedin(tmp_path, "c.csv", "05 May 2018"), owner=jan)
    assert report.ok and report.ties_updated == 1
    assert stored() == dt.date(2018, 5, 5)  # an earlier date does
    # A fresh importer (a new process) reads the stored tie and keeps the same rule.
    report = NetworkImporter().import_file(
        path=_linkedin(tmp_path, "d.csv", "01 Jan 2023"), owner=jan
    )
    assert report.ok
    assert stored() == dt.date(2018, 5, 5)
