"""Subject access and erasure: an erased person stays erased on re-import."""

from __future__ import annotations

import pytest

from tests.factories import DATA, acme, employee
from weakties.accounts.models import AuditEvent
from weakties.core.errors import ServiceError
from weakties.people.models import ImportBatch, Person, Tie
from weakties.people.services.network_import.importer import NetworkImporter
from weakties.people.services.privacy import person_erase, person_export, person_find

pytestmark = pytest.mark.django_db


def test_find_by_any_url_variant_or_email_is_audited():
    acme()
    zoe = person_find(query="HTTP://LinkedIn.com/in/zoe-peeters-1a2b3c/", actor_label="t")
    assert zoe is not None and zoe.last_name.startswith("Peeters")
    mehmet = person_find(query="MEHMET.CELIK@example.com", actor_label="t")
    assert mehmet is not None and mehmet.first_name == "Mehmet"
    assert AuditEvent.objects.filter(action="find_person").count() == 2


def test_export_lists_who_knows_the_person_without_contact_details():
    acme()
    mehmet = Person.objects.get(first_name="Mehmet")
    data = person_export(person_id=mehmet.pk, actor_label="t")
    assert data["name"] == "Mehmet Çelik"
    assert data["identifiers"] == ["email", "linkedin"]
    [known] = data["known_by"]
    assert known["employee"] == "jan.vandenberg@acme.nl"
    assert known["contact_details_held"] == ["email", "phone", "profile_url"]
    assert "12345678" not in str(data)


def test_erased_person_stays_erased_when_the_same_files_are_imported_again():
    acme()
    mehmet = Person.objects.get(first_name="Mehmet")
    result = person_erase(person_id=mehmet.pk, actor_label="t")
    assert result["ties_removed"] == 1
    assert not Person.objects.filter(first_name="Mehmet").exists()
    jan = employee("jan.vandenberg@acme.nl")
    # The checksum shortcut must not be what keeps him out: forget the earlier imports.
    ImportBatch.objects.filter(owner=jan).delete()
    importer = NetworkImporter()
    for name in ("jan_Connections.csv", "jan_contacts.vcf"):
        report = importer.import_file(path=DATA / name, owner=jan)
        assert report.ok
    assert not Person.objects.filter(first_name="Mehmet").exists()
    assert Tie.objects.filter(employee=jan).count() == 4


def test_employees_cannot_be_erased_as_contacts():
    acme()
    with pytest.raises(ServiceError):
        person_erase(person_id=employee("sophie.bakker@acme.nl").person_id, actor_label="t")
