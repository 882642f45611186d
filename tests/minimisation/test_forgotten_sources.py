"""A forgotten contact is traced to the imports it came from (issue 12, trust).

Acme asks for Rabobank only, and compare and forget is on.  Through the real importer:
Jan's LinkedIn file holds Zoë Peeters (URL only) and Mehmet Çelik (URL and address); his
vCard holds Mehmet again (address only) and Eva Smit.  So Jan forgets Zoë (from the LinkedIn
file), Mehmet (from both: one row, under his URL's digest with the address's beside it) and
Eva (from the vCard).  Sophie's LinkedIn file holds Zoë and Pieter de Graaf: she forgets both.

Removing an import removes the digests only it held, as it removes the ties only it held;
SQLite and PostgreSQL alike (``DATABASE_URL``).
"""

from __future__ import annotations

import pytest
from django.utils import translation

from tests.factories import DATA, employee
from weakties.accounts.models import AuditEvent
from weakties.minimisation.models import ForgottenContact, ForgottenSource
from weakties.minimisation.selectors import forgotten_by_import
from weakties.minimisation.services.forget import forget_sweep, forgotten_count
from weakties.minimisation.services.retention import import_remove
from weakties.people.models import Erasure, ImportBatch, Person, PersonIdentifier, Tie
from weakties.people.services.consent import consent_withdraw
from weakties.people.services.identity import digest, name_company_digest
from weakties.people.services.network_import.importer import NetworkImporter
from weakties.resolve import normalize_linkedin_url

from .conftest import JAN, LINKEDIN, SOPHIE, SOPHIES, VCARD

pytestmark = pytest.mark.django_db

ZOE = digest(normalize_linkedin_url("https://www.linkedin.com/in/zoe-peeters-1a2b3c"))
MEHMET = digest(normalize_linkedin_url("https://www.linkedin.com/in/mehmet-celik-77"))
MEHMET_ADDRESS = digest("mehmet.celik@example.com")
EVA = digest("eva.smit@example.org")
PIETER = digest(normalize_linkedin_url("https://www.linkedin.com/in/pieterdegraaf"))


def _held(email: str) -> set[str]:
    return set(
        ForgottenContact.objects.filter(employee=employee(email)).values_list("digest", flat=True)
    )


def _remove(file_name: str) -> dict[str, int]:
    return import_remove(batch=ImportBatch.objects.get(file_name=file_name), reason="test")


def _files(forgotten_digest: str, email: str) -> set[str]:
    return set(
        ForgottenSource.objects.filter(
            forgotten__digest=forgotten_digest, forgotten__employee=employee(email)
        ).values_list("batch__file_name", flat=True)
    )


def test_each_digest_knows_the_imports_it_came_from(load):
    load()
    assert _held(JAN) == {ZOE, MEHMET, EVA}
    assert _files(ZOE, JAN) == {LINKEDIN}
    assert _files(MEHMET, JAN) == {LINKEDIN, VCARD}  # one row for both lines
    assert ForgottenContact.objects.get(employee=employee(JAN), digest=MEHMET).email_digest == (
        MEHMET_ADDRESS
    )
    assert _files(EVA, JAN) == {VCARD}
    assert _files(ZOE, SOPHIE) == {SOPHIES} and _files(PIETER, SOPHIE) == {SOPHIES}


@pytest.mark.parametrize(
    ("first", "gone", "left"),
    [(LINKEDIN, {ZOE}, {MEHMET, EVA}), (VCARD, {EVA}, {ZOE, MEHMET})],
    ids=["linkedin-first", "vcard-first"],
)
def test_removing_one_of_two_imports_removes_the_digests_only_it_held(load, first, gone, left):
    load()
    sophie_before = _held(SOPHIE)
    removed = _remove(first)
    assert removed["forgotten_removed"] == len(gone)
    assert _held(JAN) == left and forgotten_count(employee(JAN)) == len(left)
    # Another owner's digests are untouched, Zoë's (whom Jan knew too) included.
    assert _held(SOPHIE) == sophie_before == {ZOE, PIETER}
    event = AuditEvent.objects.filter(action="import.removed").get()
    assert event.detail["forgotten"] == len(gone) and event.detail["batch"] is not None
    # The other import goes too: nothing of Jan's is left, Sophie's still are.
    (other,) = {LINKEDIN, VCARD} - {first}
    _remove(other)
    assert _held(JAN) == set() and _held(SOPHIE) == sophie_before
    assert not ForgottenSource.objects.filter(forgotten__employee=employee(JAN)).exists()


def test_a_digest_forgotten_again_from_a_newer_import_stays_while_that_one_is_kept(load, tmp_path):
    """Zoë forgotten from the LinkedIn file, then from a fresh export of it: removing the old
    file keeps her digest (the count stays right); removing the fresh one too takes it."""
    load(LINKEDIN)
    fresh = tmp_path / "jan_Connections_2.csv"
    fresh.write_text((DATA / LINKEDIN).read_text() + "\n")
    assert NetworkImporter().import_file(path=fresh, owner=employee(JAN)).ok
    forget_sweep()
    assert _files(ZOE, JAN) == {LINKEDIN, fresh.name}
    _remove(LINKEDIN)
    assert _held(JAN) == {ZOE, MEHMET}
    _remove(fresh.name)
    assert _held(JAN) == set()


def test_a_contact_forgotten_outside_any_import_survives_the_removal_of_every_import(load):
    """A tie no import holds (added otherwise) is not an import's to remove, nor its digest."""
    load()
    noor = Person.objects.create(first_name="Noor", last_name="Visser")
    Tie.objects.create(employee=employee(JAN), person=noor)
    forget_sweep()
    by_name = name_company_digest("Noor", "Visser", "")
    assert by_name in _held(JAN)
    assert list(
        ForgottenSource.objects.filter(forgotten__digest=by_name).values_list("batch", flat=True)
    ) == [None]
    _remove(LINKEDIN)
    _remove(VCARD)
    assert _held(JAN) == {by_name}  # the last import took the rest, not this one


def test_a_digest_an_import_and_no_import_both_held_stays_when_the_import_goes(load):
    """Zoë, forgotten from the LinkedIn file, comes back by hand (a tie no import holds) and is
    forgotten again: that row is needed without the file, and stays when it goes."""
    load(LINKEDIN, VCARD)
    zoe = Person.objects.create(first_name="Zoë", last_name="Peeters")
    PersonIdentifier.objects.create(person=zoe, kind="linkedin", digest=ZOE)
    Tie.objects.create(employee=employee(JAN), person=zoe)
    forget_sweep()
    assert set(
        ForgottenSource.objects.filter(forgotten__digest=ZOE).values_list("batch_id", flat=True)
    ) == {ImportBatch.objects.get(file_name=LINKEDIN).pk, None}
    _remove(LINKEDIN)
    assert _held(JAN) == {ZOE, MEHMET, EVA}
    _remove(VCARD)
    assert _held(JAN) == {ZOE}


def test_an_erasure_request_survives_the_removal_of_an_import(load):
    """Zoë asked to be forgotten (erasure): her digests go, the suppression stays when the import
    that held her goes, and the same file imported again brings her back in no form."""
    from weakties.privacy.services.erasure import subject_erase
    from weakties.privacy.services.subjects import subject_of

    load()
    result = subject_erase(
        subject=subject_of("https://www.linkedin.com/in/zoe-peeters-1a2b3c"), actor_label="test"
    )
    assert result["removed"]["forgotten_contacts"] == 2
    _remove(LINKEDIN)
    assert Erasure.objects.filter(kind="linkedin", digest=ZOE).exists()
    load(LINKEDIN)
    forget_sweep()
    assert ZOE not in _held(JAN) | _held(SOPHIE)
    assert not Person.objects.filter(last_name__startswith="Peeters").exists()
    assert _files(MEHMET, JAN) == {LINKEDIN, VCARD}  # the file was really read again


def test_rows_from_before_the_sources_behave_as_before(load):
    """A row kept before imports were recorded (no source) stays untraced when the contact is
    forgotten again, stays while another import is left, and goes with the last one."""
    from django.utils import timezone

    ForgottenContact.objects.create(employee=employee(JAN), digest=ZOE, forgotten_at=timezone.now())
    load()
    assert _held(JAN) == {ZOE, MEHMET, EVA}
    assert not ForgottenSource.objects.filter(
        forgotten__digest=ZOE, forgotten__employee=employee(JAN)
    ).exists()
    _remove(LINKEDIN)
    assert _held(JAN) == {ZOE, MEHMET, EVA}
    _remove(VCARD)
    assert _held(JAN) == set()


def test_withdrawing_consent_removes_the_digests_and_their_sources(load):
    load()
    consent_withdraw(employee=employee(JAN))
    assert _held(JAN) == set()
    assert not ForgottenSource.objects.filter(forgotten__employee=employee(JAN)).exists()
    assert _held(SOPHIE) == {ZOE, PIETER}
    assert ForgottenSource.objects.filter(forgotten__employee=employee(SOPHIE)).count() == 2


def test_the_owner_reads_how_many_each_of_their_imports_gave_and_no_one_elses(load):
    from django.utils import timezone

    load()
    ForgottenContact.objects.create(
        employee=employee(JAN), digest="0" * 40, forgotten_at=timezone.now()
    )
    noor = Person.objects.create(first_name="Noor", last_name="Visser")
    Tie.objects.create(employee=employee(JAN), person=noor)
    forget_sweep()
    rows = forgotten_by_import(employee=employee(JAN))
    assert [(r.file_name, r.contacts) for r in rows[:2]] == [(LINKEDIN, 2), (VCARD, 2)]
    assert all(r.batch_id is not None for r in rows[:2])
    with translation.override("nl"):
        assert [(r.as_row()["file_name"], r.contacts) for r in rows[2:]] == [
            ("niet uit een import", 1),
            ("import niet vastgelegd", 1),
        ]
    with translation.override("en"):
        assert rows[3].as_row()["file_name"] == "import not recorded"
    sophie = forgotten_by_import(employee=employee(SOPHIE))
    assert [(r.file_name, r.contacts) for r in sophie] == [(SOPHIES, 2)]


@pytest.mark.django_db(transaction=True)
def test_rows_kept_before_the_migration_stay_and_behave_as_before():
    """A row written under 0002 comes through 0003 without a source: it stays while Jan has
    another import, and goes with his last one."""
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor
    from django.utils import timezone

    from tests.factories import acme

    acme()
    before = ("minimisation", "0002_forgotten_email_digest")
    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes("minimisation")  # 0003 or later: as it was
    try:
        executor.migrate([before])
        old = executor.loader.project_state([before]).apps.get_model(
            "minimisation", "ForgottenContact"
        )
        old.objects.create(employee_id=employee(JAN).pk, digest=ZOE, forgotten_at=timezone.now())
    finally:  # forward again, whatever happened
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(latest)
    assert _held(JAN) == {ZOE} and not ForgottenSource.objects.exists()
    _remove(LINKEDIN)
    assert _held(JAN) == {ZOE}
    _remove(VCARD)
    assert _held(JAN) == set()
