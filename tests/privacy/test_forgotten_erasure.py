"""Erasing someone that compare and forget kept as a digest (issue 12).

A forgotten contact leaves one :class:`ForgottenContact` row per employee who knew them: "this
employee knew this digest".  An erased person must leave nothing but the suppression digests
(:class:`~weakties.people.models.Erasure`), and must not come back, as a contact nor as a
forgotten one, when the same LinkedIn or vCard file is imported again.  Zoë Peeters (Stripe,
LinkedIn URL only, known by Jan and Sophie) and Eva Smit (Coolblue, address only, in Jan's vCard)
match nothing Acme asks for, so they are forgotten when the setting is on.

The three files go through one warm importer, with compare and forget after each commit: it
deleted Mehmet after Jan's LinkedIn file, and the vCard's tie went to a person who was gone
until the import's watermark counted deletions too (``network_import.faults.watermark``).
"""

from __future__ import annotations

import pytest

from tests.factories import DATA, employee
from tests.privacy.conftest import signed_in
from weakties.accounts.services.organisations import organisation_create
from weakties.ambassadors.services.targets import target_add
from weakties.minimisation.models import ForgottenContact
from weakties.minimisation.services.forget import forget_sweep, forgotten_count
from weakties.people.models import Erasure, ImportBatch, Person, PersonIdentifier, Tie
from weakties.people.services.consent import consent_give
from weakties.people.services.directory import directory_import
from weakties.people.services.identity import digest, name_company_digest
from weakties.people.services.network_import.importer import NetworkImporter
from weakties.privacy.services.erasure import subject_erase
from weakties.privacy.services.exports import subject_export
from weakties.privacy.services.subjects import held_by, subject_of
from weakties.resolve import normalize_linkedin_url

pytestmark = pytest.mark.django_db

JAN, SOPHIE = "jan.vandenberg@acme.nl", "sophie.bakker@acme.nl"
ZOE_URL = "https://www.linkedin.com/in/zoe-peeters-1a2b3c"
EVA = "eva.smit@example.org"
FILES = (
    (DATA / "jan_Connections.csv", JAN),
    (DATA / "jan_contacts.vcf", JAN),
    (DATA / "sophie_Connections.csv", SOPHIE),
)


@pytest.fixture
def acme(settings, django_capture_on_commit_callbacks):
    """Acme, asking for Rabobank only; a function that imports the three networks (again)."""
    org = organisation_create(name="Acme BV", domain="acme.nl")
    assert directory_import(path=DATA / "directory.csv", organisation=org).ok
    target_add(organisation=org, kind="company", name="Rabobank")

    def load():
        ImportBatch.objects.filter(owner__isnull=False).delete()  # no checksum shortcut
        importer = NetworkImporter()
        for path, owner in FILES:
            consent_give(employee=employee(owner), via="cli")
            with django_capture_on_commit_callbacks(execute=True):
                assert importer.import_file(path=path, owner=employee(owner)).ok
        # Every tie has its person (the foreign key is only checked at the test's end).
        people = set(Person.objects.values_list("pk", flat=True))
        assert set(Tie.objects.values_list("person_id", flat=True)) <= people

    load.org = org
    return load


def _zoe() -> str:
    return digest(normalize_linkedin_url(ZOE_URL))


def _people_named(last: str) -> int:
    return Person.objects.filter(last_name__startswith=last).count()


@pytest.mark.parametrize("forget", [True, False], ids=["forget-on", "forget-off"])
def test_erased_while_forgotten_leaves_only_suppression_and_stays_out(acme, settings, forget):
    settings.WEAKTIES_COMPARE_AND_FORGET = True
    acme()
    assert ForgottenContact.objects.filter(digest=_zoe()).count() == 2  # Jan's and Sophie's
    assert ForgottenContact.objects.filter(digest=digest(EVA)).count() == 1
    jan_before = forgotten_count(employee(JAN))

    subject = subject_of(ZOE_URL)
    assert subject.person is None  # nothing but the digests is left of her
    assert held_by(subject, acme.org)  # ... which Acme holds: its admin may act on them
    export = subject_export(subject=subject, organisation=acme.org)
    assert export["found"] and len(export["forgotten_by"]) == 2
    result = subject_erase(subject=subject, actor_label="test")
    assert result["found"] and result["removed"]["forgotten_contacts"] == 2
    assert (
        subject_erase(subject=subject_of(EVA), actor_label="test")["removed"]["forgotten_contacts"]
        == 1
    )

    assert not ForgottenContact.objects.filter(digest__in=[_zoe(), digest(EVA)]).exists()
    assert Erasure.objects.filter(kind="linkedin", digest=_zoe()).exists()
    assert Erasure.objects.filter(kind="email", digest=digest(EVA)).exists()
    assert forgotten_count(employee(JAN)) == jan_before - 2

    # The same files again, forgetting on or off: neither comes back, in full or as a digest.
    settings.WEAKTIES_COMPARE_AND_FORGET = forget
    acme()
    forget_sweep()
    assert _people_named("Peeters") == 0 and _people_named("Smit") == 0
    assert not PersonIdentifier.objects.filter(digest__in=[_zoe(), digest(EVA)]).exists()
    assert not ForgottenContact.objects.filter(digest__in=[_zoe(), digest(EVA)]).exists()
    assert not held_by(subject_of(ZOE_URL), acme.org)
    # Pieter de Graaf (Sophie's, Gemeente Utrecht) was not erased: he is still kept, one way
    # or the other, so the files were really read.
    if forget:
        assert forgotten_count(employee(SOPHIE)) == 1
    else:
        assert _people_named("de Graaf") == 1


def test_erased_in_full_then_forgetting_turned_on_keeps_no_digest_of_them(acme, settings):
    settings.WEAKTIES_COMPARE_AND_FORGET = False
    acme()
    assert _people_named("Peeters") == 1 and _people_named("Smit") == 1
    assert subject_erase(subject=subject_of(ZOE_URL), actor_label="test")["ties_removed"] == 2
    assert subject_erase(subject=subject_of(EVA), actor_label="test")["ties_removed"] == 1
    settings.WEAKTIES_COMPARE_AND_FORGET = True
    acme()
    forget_sweep()
    assert _people_named("Peeters") == 0 and _people_named("Smit") == 0
    assert not ForgottenContact.objects.filter(digest__in=[_zoe(), digest(EVA)]).exists()
    assert ForgottenContact.objects.filter(employee=employee(SOPHIE)).count() == 1  # Pieter


def test_a_contact_forgotten_under_name_and_company_goes_with_the_person(acme, settings):
    """A contact without identifier is forgotten under the digest of name and company; erasing
    the person (still held by a colleague who keeps them) removes that row too."""
    settings.WEAKTIES_COMPARE_AND_FORGET = False
    acme()
    zoe = Person.objects.get(last_name__startswith="Peeters")
    by_name = name_company_digest(zoe.first_name, zoe.last_name, zoe.company.name)
    ForgottenContact.objects.create(
        employee=employee("tom.jansen@acme.nl"), digest=by_name, forgotten_at=zoe.created_at
    )
    subject = subject_of(person_id=zoe.pk)
    assert subject_erase(subject=subject, actor_label="test")["removed"]["forgotten_contacts"] == 1
    assert not ForgottenContact.objects.filter(digest=by_name).exists()
    assert Erasure.objects.filter(kind="name", digest=by_name).exists()


@pytest.mark.parametrize(
    ("language", "shown"),
    [("en", "kept as a digest only by 2 colleagues"), ("nl", "bewaard door 2 collega's")],
)
def test_the_admins_page_shows_a_forgotten_contact_in_their_language(
    acme, settings, client, language, shown
):
    settings.WEAKTIES_COMPARE_AND_FORGET = True
    acme()
    admin = employee("anna.devries@acme.nl")
    admin.language = language
    admin.save()
    signed_in(client, admin.email, role="admin")
    page = client.post("/privacy/people/", {"q": ZOE_URL}).content.decode()
    assert 'id="forgotten"' in page and shown in page
    assert "Peeters" not in page and "zoe-peeters" not in page.replace(ZOE_URL, "")
