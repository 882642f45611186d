"""An importer whose index another import has outdated loads it again (issue 12, concurrency).

Two importers stand for two processes: the first keeps its resolution index warm between files,
the second stores a new person in between.  Without the catch-up the first would create that
person a second time (its identifier insert silently ignored as a duplicate).
"""

from __future__ import annotations

import pytest

from tests.factories import acme, employee
from weakties.people.models import Person, Tie
from weakties.people.services.network_import.importer import NetworkImporter

pytestmark = pytest.mark.django_db

HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"


def _file(tmp_path, name: str, *people: tuple[str, str, str]):
    rows = "".join(
        f"{first},{last},https://www.linkedin.com/in/{slug},,Zuidas Advies,Partner,07 Feb 2026\n"
        for first, last, slug in people
    )
    path = tmp_path / name
    path.write_text(HEADER + rows, encoding="utf-8")
    return path


def _brams() -> int:
    return Person.objects.filter(first_name="Bram", last_name="Geel").count()


def test_a_warm_index_catches_up_with_people_another_import_stored(tmp_path):
    acme(networks=False)
    jan, sophie = employee("jan.vandenberg@acme.nl"), employee("sophie.bakker@acme.nl")
    first, other = NetworkImporter(), NetworkImporter()
    assert first.import_file(
        path=_file(tmp_path, "a.csv", ("Aafke", "Zwart", "aafke")), owner=jan
    ).ok
    assert other.import_file(
        path=_file(tmp_path, "b.csv", ("Bram", "Geel", "bram")), owner=sophie
    ).ok
    report = first.import_file(path=_file(tmp_path, "c.csv", ("Bram", "Geel", "bram")), owner=jan)
    assert report.ok and report.people_created == 0
    assert _brams() == 1
    assert Tie.objects.filter(person__first_name="Bram").count() == 2  # Sophie's and Jan's


def test_a_many_file_run_continues_file_by_file_after_another_import(tmp_path, monkeypatch):
    acme(networks=False)
    jan, sophie = employee("jan.vandenberg@acme.nl"), employee("sophie.bakker@acme.nl")
    monkeypatch.setattr(NetworkImporter, "group_contacts", 1)  # one commit per file
    jobs = [
        (_file(tmp_path, "a.csv", ("Aafke", "Zwart", "aafke")), jan),
        (_file(tmp_path, "c.csv", ("Bram", "Geel", "bram"), ("Cor", "Rood", "cor")), jan),
        (_file(tmp_path, "d.csv", ("Cor", "Rood", "cor"), ("Dirk", "Blauw", "dirk")), jan),
    ]
    run = NetworkImporter().import_files(jobs=jobs)
    reports = [next(run)]  # a.csv stored; c.csv and d.csv were planned ahead without Bram
    other = NetworkImporter()
    assert other.import_file(
        path=_file(tmp_path, "b.csv", ("Bram", "Geel", "bram")), owner=sophie
    ).ok
    reports += list(run)
    assert [r.ok for r in reports] == [True, True, True]
    assert _brams() == 1
    assert Person.objects.filter(first_name="Cor").count() == 1
    linked = Person.objects.filter(identifiers__kind="linkedin")
    assert linked.count() == linked.distinct().count() == 4  # Aafke, Bram, Cor, Dirk once each
    assert Tie.objects.filter(employee=jan).count() == 4


@pytest.mark.django_db(transaction=True)
def test_the_people_are_loaded_before_the_import_lock(tmp_path, monkeypatch):
    """Loading every stored person takes seconds at real size; on SQLite the import lock is the
    database's write lock, which every search's audit line needs.  So it is loaded outside."""
    from django.db import connection

    from weakties.people.services.network_import import importer

    acme(networks=False)
    jan = employee("jan.vandenberg@acme.nl")
    real, inside = importer.load_person_index, []

    def watched(contacts=None):
        inside.append(connection.in_atomic_block)
        return real(contacts)

    monkeypatch.setattr(importer, "load_person_index", watched)
    report = NetworkImporter().import_file(
        path=_file(tmp_path, "a.csv", ("Aafke", "Zwart", "aafke")), owner=jan
    )
    assert report.ok and inside == [False]


@pytest.mark.django_db(transaction=True)
def test_a_person_stored_while_the_people_load_is_found_under_the_lock(tmp_path, monkeypatch):
    """Another import stores Bram after the watermark was read: the importer loads again, under
    the lock, and ties to that Bram instead of creating him a second time."""
    from django.db import connection

    from weakties.people.services.network_import import importer

    acme(networks=False)
    jan, sophie = employee("jan.vandenberg@acme.nl"), employee("sophie.bakker@acme.nl")
    real, inside = importer.load_person_index, []

    def another_import_meanwhile(contacts=None):
        inside.append(connection.in_atomic_block)
        if len(inside) == 1:
            assert (
                NetworkImporter()
                .import_file(path=_file(tmp_path, "b.csv", ("Bram", "Geel", "bram")), owner=sophie)
                .ok
            )
        return real(contacts)

    monkeypatch.setattr(importer, "load_person_index", another_import_meanwhile)
    report = NetworkImporter().import_file(
        path=_file(tmp_path, "c.csv", ("Bram", "Geel", "bram")), owner=jan
    )
    # the first load (outside) ran before Sophie's import wrote: the second (under the lock) not
    assert report.ok and report.people_created == 0
    assert inside[0] is False and inside[-1] is True
    assert _brams() == 1
    assert Tie.objects.filter(person__first_name="Bram").count() == 2
