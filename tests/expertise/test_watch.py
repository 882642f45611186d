"""A watched list: an import that creates a path to a target tells the list's owner."""

from __future__ import annotations

import pytest

from weakties.expertise.models import CompanyReach, IndexState
from weakties.expertise.selectors.finder import expertise_search
from weakties.expertise.services.target_lists import target_lines, target_list_create
from weakties.notifications.models import Notice, Preference
from weakties.people.services.directory import directory_import
from weakties.people.services.network_import.importer import NetworkImporter

from .conftest import CONTACT_ADDRESSES, employee

pytestmark = pytest.mark.django_db

TOM_EXPORT = (
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    "Kees,Mulder,https://www.linkedin.com/in/keesmulder,kees.mulder@asml-mail.example,ASML,Engineer,05 May 2020\n"
    "Ruud,Visser,https://www.linkedin.com/in/ruudvisser,,ASML Netherlands B.V.,Architect,06 May 2020\n"
    "Ilse,Kramer,https://www.linkedin.com/in/ilse-kramer,,Philips,Designer,07 May 2020\n"
)


@pytest.fixture
def watched(orgs):
    jan = employee("jan.vandenberg@acme.nl")
    Preference.objects.create(employee=jan, digest="immediate")
    return target_list_create(
        owner=jan,
        name="Semicon",
        lines=target_lines(text="ASML\nRabobank\nhttps://www.linkedin.com/in/ilse-kramer\n"),
        watched=True,
    )


def import_for_tom(tmp_path, django_capture_on_commit_callbacks, name="tom_Connections.csv"):
    path = tmp_path / name
    path.write_text(TOM_EXPORT, encoding="utf-8")
    with django_capture_on_commit_callbacks(execute=True):
        report = NetworkImporter().import_file(path=path, owner=employee("tom.jansen@acme.nl"))
    assert report.ok, report.errors
    return report


def test_an_import_that_creates_a_path_notifies_the_watcher_by_notice_and_email(
    watched, tmp_path, django_capture_on_commit_callbacks, smtp
):
    expertise_search(organisation=watched.organisation, query="ASML")  # the indexes are built
    import_for_tom(tmp_path, django_capture_on_commit_callbacks)
    (notice,) = Notice.objects.filter(employee=watched.owner, kind="expertise.target_path")
    assert notice.subject == "New paths to 2 targets of “Semicon”"
    assert "ASML: 2 new contacts, through Tom Jansen" in notice.body
    assert "Ilse Kramer (line 3 of your list): now known by Tom Jansen" in notice.body
    assert notice.link == f"/expertise/targets/{watched.pk}/"
    (mail,) = smtp.wait_for(1)
    assert mail.rcpt_tos == ["jan.vandenberg@acme.nl"]
    assert "Semicon" in mail.subject
    assert f"/expertise/targets/{watched.pk}/" in mail.body
    for detail in [*CONTACT_ADDRESSES, "kees.mulder@asml-mail.example", "Kees Mulder"]:
        assert detail not in mail.body and detail not in notice.body
    # the import also recounted whom Tom knows: the finder finds him at ASML now
    assert CompanyReach.objects.filter(employee__email="tom.jansen@acme.nl").exists()
    hits = expertise_search(organisation=watched.organisation, query="ASML")
    assert [h.why for h in hits] == [["knows 2 people at ASML"]]


def test_the_notice_is_in_the_owners_language(
    watched, tmp_path, django_capture_on_commit_callbacks
):
    watched.owner.language = "nl"
    watched.owner.save()
    import_for_tom(tmp_path, django_capture_on_commit_callbacks)
    notice = Notice.objects.get(employee=watched.owner, kind="expertise.target_path")
    assert notice.subject == "Nieuwe routes naar 2 doelen van “Semicon”"
    assert "ASML: 2 nieuwe contacten, via Tom Jansen" in notice.body


def test_no_notice_for_an_unwatched_list_a_repeated_import_or_an_owner_without_the_role(
    watched, tmp_path, django_capture_on_commit_callbacks
):
    watched.watched = False
    watched.save()
    import_for_tom(tmp_path, django_capture_on_commit_callbacks)
    assert not Notice.objects.filter(kind="expertise.target_path").exists()
    watched.watched = True
    watched.save()
    import_for_tom(tmp_path, django_capture_on_commit_callbacks)  # the same file: nothing new
    assert not Notice.objects.filter(kind="expertise.target_path").exists()
    owner = watched.owner
    owner.role = "employee"
    owner.save()
    other = TOM_EXPORT.replace("Kees,Mulder", "Anouk,Smit").replace("keesmulder", "anouksmit")
    (tmp_path / "more.csv").write_text(other, encoding="utf-8")
    with django_capture_on_commit_callbacks(execute=True):
        NetworkImporter().import_file(
            path=tmp_path / "more.csv", owner=employee("tom.jansen@acme.nl")
        )
    assert not Notice.objects.filter(kind="expertise.target_path").exists()


def test_a_directory_import_reindexes_job_titles(
    orgs, tmp_path, django_capture_on_commit_callbacks
):
    acme, _globex = orgs
    assert expertise_search(organisation=acme, query="verpleegkundige") == []
    assert IndexState.objects.get(organisation=acme).terms_built_at is not None
    path = tmp_path / "directory.csv"
    rows = (
        (tmp_path / "acme.csv")
        .read_text(encoding="utf-8")
        .replace("Software engineer", "Verpleegkundige")
    )
    path.write_text(rows, encoding="utf-8")
    with django_capture_on_commit_callbacks(execute=True):
        assert directory_import(path=path, organisation=acme).ok
    hits = expertise_search(organisation=acme, query="nurse")
    assert [h.employee["name"] for h in hits] == ["Tom Jansen"]
    assert hits[0].why == ["job title: Verpleegkundige"]
