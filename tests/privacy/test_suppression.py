"""An erased person stays erased: through every importer, the same file brings nobody back.

For each contact format, a real sample file is imported, one person in it is
erased by the address or LinkedIn URL the file gives, the earlier imports are
forgotten (so the checksum shortcut is not what keeps them out) and the same
file is imported again.  Mailboxes and calendars add nobody by design; the
HR directory and help-request sheets leave the erased address out.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.factories import DATA, employee, meeting
from weakties.meetings.services.help_requests import help_requests_import
from weakties.people.models import ImportBatch, Person, PersonIdentifier, Tie
from weakties.people.services.directory import directory_import
from weakties.people.services.identity import digest
from weakties.people.services.interactions import interactions_import
from weakties.people.services.network_import.importer import NetworkImporter
from weakties.privacy.services.erasure import employee_erase, subject_erase
from weakties.privacy.services.subjects import subject_of
from weakties.resolve import normalize_email, normalize_linkedin_url

pytestmark = pytest.mark.django_db

SAMPLES = Path(__file__).parent.parent / "data" / "importers"

CONTACT_FILES = [
    DATA / "jan_Connections.csv",
    DATA / "jan_contacts.vcf",
    SAMPLES / "linkedin_nl_months.csv",
    SAMPLES / "linkedin_excel_semicolon.csv",
    SAMPLES / "google_new.csv",
    SAMPLES / "google_old_utf16.csv",
    SAMPLES / "outlook_en_cp1252.csv",
    SAMPLES / "outlook_nl_cp1252.csv",
    SAMPLES / "vcard21_qp.vcf",
    SAMPLES / "vcard30_apple.vcf",
    SAMPLES / "vcard40_social.vcf",
]


def _identifier(tie: Tie) -> str:
    return normalize_linkedin_url(tie.profile_url) or normalize_email(tie.email)


def _names(owner) -> set[tuple[str, str]]:
    return set(
        Tie.objects.filter(employee=owner).values_list("person__first_name", "person__last_name")
    )


def _held(value: str) -> int:
    kind = "linkedin" if "linkedin" in value else "email"
    return PersonIdentifier.objects.filter(kind=kind, digest=digest(value)).count()


@pytest.mark.parametrize("path", CONTACT_FILES, ids=lambda p: p.name)
def test_the_same_contact_file_brings_an_erased_person_back_through_no_importer(org, path):
    tom = employee("tom.jansen@acme.nl")  # Tom shares nothing yet: the file is his only one
    report = NetworkImporter().import_file(path=path, owner=tom)
    assert report.ok, report.errors
    ties = (
        Tie.objects.filter(employee=tom, person__employee__isnull=True)
        .exclude(email="", profile_url="")
        .select_related("person")
        .order_by("pk")
    )
    tie = next(t for t in ties if _identifier(t))
    value, name = _identifier(tie), (tie.person.first_name, tie.person.last_name)
    before = _names(tom)
    result = subject_erase(subject=subject_of(value), actor_label="test")
    assert result["ties_removed"] >= 1 and _held(value) == 0
    ImportBatch.objects.filter(owner=tom).delete()
    again = NetworkImporter().import_file(path=path, owner=tom)
    assert again.ok, again.errors
    assert _held(value) == 0, f"{name} came back through {path.name}"
    # Everyone else is back (a contact without any identifier may come back twice: the
    # importer does not merge on a name alone), the erased person is not.
    assert _names(tom) == before - {name}


def test_mail_and_calendar_imports_add_nobody_erased(org, tmp_path):
    jan = employee("jan.vandenberg@acme.nl")
    mbox = tmp_path / "inbox.mbox"
    mbox.write_text(
        "From sanne@x Mon Nov  2 09:14:20 2026\n"
        "From: Sanne de Vries <Sanne.deVries@Bakkerij-DeVries.nl>\n"
        "To: Jan <jan.vandenberg@acme.nl>\nDate: Mon, 2 Nov 2026 09:14:20 +0100\n"
        "Subject: hallo\n\nbody\n"
    )
    ics = tmp_path / "agenda.ics"
    ics.write_text(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:1@x\r\n"
        "DTSTART:20261103T090000Z\r\nORGANIZER:mailto:jan.vandenberg@acme.nl\r\n"
        "ATTENDEE;CN=Sanne:mailto:sanne.devries@bakkerij-devries.nl\r\n"
        "END:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    card = tmp_path / "sanne.vcf"
    card.write_text(
        "BEGIN:VCARD\nVERSION:3.0\nN:de Vries;Sanne;;;\nFN:Sanne de Vries\n"
        "EMAIL:sanne.devries@bakkerij-devries.nl\nEND:VCARD\n"
    )
    assert NetworkImporter().import_file(path=card, owner=jan).ok
    assert interactions_import(path=tmp_path / "inbox.mbox", owner=jan).ok
    assert Tie.objects.get(employee=jan, person__first_name="Sanne").interactions == 1
    subject_erase(subject=subject_of("Sanne.deVries@Bakkerij-DeVries.nl"), actor_label="test")
    ImportBatch.objects.filter(owner=jan).delete()
    assert NetworkImporter().import_file(path=card, owner=jan).ok
    for path in (mbox, ics):
        report = interactions_import(path=path, owner=jan)
        assert report.ok, report.errors
    assert _held("sanne.devries@bakkerij-devries.nl") == 0
    assert not Person.objects.filter(first_name="Sanne").exists()


def test_an_erased_employee_is_not_brought_back_by_the_same_hr_directory(org):
    tom = employee("tom.jansen@acme.nl")
    employee_erase(employee=tom, actor_label="test")
    report = directory_import(path=DATA / "directory.csv", organisation=org)
    assert report.ok and report.erased == 1 and report.created == 0
    assert not org.employees.filter(email="tom.jansen@acme.nl").exists()
    assert org.employees.count() == 3


def test_a_help_request_sheet_keeps_an_erased_address_out(org):
    m = meeting(org)
    subject_erase(subject=subject_of("myriam.roo@example.nl"), actor_label="test")
    sheet = Path(__file__).parent.parent / "data" / "faults" / "requests_en.csv"
    from weakties.accounts.services.organisations import organisation_create

    for name in ("Rijkswaterstaat", "Ministerie LNV"):
        o = organisation_create(name=name)
        m.federation.members.add(o)
    rows = help_requests_import(meeting=m, path=sheet)
    assert rows and all("myriam" not in r.requester_email for r in rows)
    assert rows[0].title == "Road inspector"


def test_a_target_list_of_the_same_lines_keeps_an_erased_person_out(org):
    from weakties.expertise.models import Target
    from weakties.expertise.services.target_lists import target_lines, target_list_create

    jan = employee("jan.vandenberg@acme.nl")
    text = "Coolblue\nhttps://www.linkedin.com/in/zoe-peeters-1a2b3c\n"
    first = target_list_create(owner=jan, name="doelen", lines=target_lines(text=text))
    assert first.targets.filter(kind=Target.Kind.PERSON).count() == 1
    subject_erase(
        subject=subject_of("https://www.linkedin.com/in/zoe-peeters-1a2b3c"), actor_label="t"
    )
    assert not first.targets.filter(kind=Target.Kind.PERSON).exists()
    again = target_list_create(owner=jan, name="doelen 2", lines=target_lines(text=text))
    assert list(again.targets.values_list("kind", flat=True)) == ["company"]
