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


MEHMET_URL = "https://www.linkedin.com/in/mehmet-celik-77"
MEHMET = "mehmet.celik@example.com"


def _mehmet_url() -> str:
    return digest(normalize_linkedin_url(MEHMET_URL))


def test_a_contact_forgotten_under_linkedin_is_found_and_erased_by_the_address_alone(
    acme, settings
):
    """Mehmet's line in Jan's LinkedIn file has his URL and his address: he is forgotten under
    the URL's digest, with the address's beside it, so a request by address alone finds him,
    and his erasure keeps both digests out of the next import."""
    settings.WEAKTIES_COMPARE_AND_FORGET = True
    acme()
    row = ForgottenContact.objects.get(digest=_mehmet_url())
    assert row.email_digest == digest(MEHMET) and row.employee == employee(JAN)
    # His vCard line (the address only) is the same contact: Jan's count holds him once.
    assert not ForgottenContact.objects.filter(digest=digest(MEHMET)).exists()
    assert not ForgottenContact.objects.filter(digest=_zoe()).exclude(email_digest="").exists()

    subject = subject_of("Mehmet.Celik@Example.com")
    assert subject.person is None and held_by(subject, acme.org)
    export = subject_export(subject=subject, organisation=acme.org)
    assert export["found"] and [f["employee"] for f in export["forgotten_by"]] == [
        employee(JAN).full_name
    ]
    result = subject_erase(subject=subject, actor_label="test")
    assert result["found"] and result["removed"]["forgotten_contacts"] == 1
    assert result["suppressed"] == ["email", "linkedin"]  # the URL's digest is kept out too
    assert not ForgottenContact.objects.filter(digest=_mehmet_url()).exists()

    acme()
    forget_sweep()
    assert _people_named("Çelik") == 0
    assert not ForgottenContact.objects.filter(digest=_mehmet_url()).exists()


def test_found_by_the_url_the_address_digest_beside_it_is_kept_out_too(acme, settings):
    settings.WEAKTIES_COMPARE_AND_FORGET = True
    acme()
    subject = subject_of(MEHMET_URL)
    assert digest(MEHMET) in subject.emails
    subject_erase(subject=subject, actor_label="test")
    assert Erasure.objects.filter(kind="email", digest=digest(MEHMET)).exists()


def test_a_row_without_the_address_digest_needs_the_url(acme, settings):
    """A row forgotten before the address digest was kept (or from a line without one) is not
    found by the address: the URL finds it, and given together both are kept out."""
    settings.WEAKTIES_COMPARE_AND_FORGET = True
    acme()
    ForgottenContact.objects.filter(digest=_mehmet_url()).update(email_digest="")
    assert not held_by(subject_of(MEHMET), acme.org)
    both = subject_of(MEHMET, MEHMET_URL)
    assert held_by(both, acme.org)
    assert subject_erase(subject=both, actor_label="test")["removed"]["forgotten_contacts"] == 1


def test_the_address_first_then_the_url_is_still_one_forgotten_contact(
    acme, settings, django_capture_on_commit_callbacks
):
    """Jan's vCard first (Mehmet by address), then his LinkedIn file (URL and address): the
    address-only row becomes the URL's row with the address beside it; one contact, once."""
    settings.WEAKTIES_COMPARE_AND_FORGET = True
    acme()
    jan = employee(JAN)
    ForgottenContact.objects.filter(employee=jan).delete()
    ImportBatch.objects.filter(owner=jan).delete()
    Tie.objects.filter(employee=jan).delete()
    importer = NetworkImporter()
    for path in (DATA / "jan_contacts.vcf", DATA / "jan_Connections.csv"):
        with django_capture_on_commit_callbacks(execute=True):
            assert importer.import_file(path=path, owner=jan).ok
        if path.suffix == ".vcf":
            assert ForgottenContact.objects.filter(employee=jan, digest=digest(MEHMET)).exists()
    mine = ForgottenContact.objects.filter(employee=jan)
    assert not mine.filter(digest=digest(MEHMET)).exists()
    assert mine.get(digest=_mehmet_url()).email_digest == digest(MEHMET)
    assert forgotten_count(jan) == 3  # Mehmet, Eva, Zoë


@pytest.mark.parametrize(
    ("language", "why"),
    [
        ("en", "not always found by the other"),
        ("nl", "niet altijd met het andere"),
    ],
)
def test_the_admins_page_asks_for_both_and_finds_an_old_row_with_both(
    acme, settings, client, language, why
):
    counted = {
        "en": "digests kept by compare and forget: 1",
        "nl": "digests bewaard door vergelijken en vergeten: 1",
    }[language]
    settings.WEAKTIES_COMPARE_AND_FORGET = True
    acme()
    ForgottenContact.objects.filter(digest=_mehmet_url()).update(email_digest="")  # an old row
    admin = employee("anna.devries@acme.nl")
    admin.language = language
    admin.save()
    signed_in(client, admin.email, role="admin")
    for page in ("/privacy/requests/", "/privacy/people/"):
        html = client.get(page).content.decode()
        assert 'name="q2"' in html and why in html
    alone = client.post("/privacy/people/", {"q": MEHMET}).content.decode()
    assert 'id="not-found"' in alone
    both = client.post("/privacy/people/", {"q": MEHMET, "q2": MEHMET_URL}).content.decode()
    assert 'id="forgotten"' in both and f'name="q2" value="{MEHMET_URL}"' in both
    erased = client.post(
        "/privacy/people/erase/", {"q": MEHMET, "q2": MEHMET_URL, "confirm": "ERASE"}
    ).content.decode()
    assert 'id="erased"' in erased and counted in erased
    assert not ForgottenContact.objects.filter(digest=_mehmet_url()).exists()


@pytest.mark.parametrize(
    ("language", "why"),
    [
        ("en", "hold you under your LinkedIn profile alone"),
        ("nl", "alleen onder uw LinkedIn-profiel"),
    ],
)
def test_the_objection_form_says_why_it_asks_for_the_linkedin_url(client, db, language, why):
    html = client.get("/privacy/object/", HTTP_ACCEPT_LANGUAGE=language).content.decode()
    assert why in html


def test_the_cli_takes_the_other_identifier(acme, settings, capsys):
    from django.core.management import call_command

    settings.WEAKTIES_COMPARE_AND_FORGET = True
    acme()
    ForgottenContact.objects.filter(digest=_mehmet_url()).update(email_digest="")
    call_command("person", "export", MEHMET, "--json")
    assert '"forgotten_by": []' in capsys.readouterr().out
    call_command("person", "erase", MEHMET, "--also", MEHMET_URL, "--json")
    assert '"forgotten_contacts": 1' in capsys.readouterr().out
    assert not ForgottenContact.objects.filter(digest=_mehmet_url()).exists()


def test_an_objection_by_address_alone_reaches_the_admin_and_erases_the_forgotten_row(
    acme, settings
):
    """Through the public form's path: Mehmet gives only his address; Acme's admin sees the
    request (Acme holds his forgotten row) and carrying it out removes the row."""
    from tests.privacy.conftest import user_of
    from weakties.privacy.services.objections import (
        objection_confirm,
        objection_decide,
        objection_submit,
        objections_for,
    )

    settings.WEAKTIES_COMPARE_AND_FORGET = True
    acme()
    request = objection_submit(kind="erase", email=MEHMET)
    objection_confirm(token=request.token)
    anna = user_of("anna.devries@acme.nl", role="admin")
    assert list(objections_for(anna)) == [request]
    done = objection_decide(request=request, accept=True, actor=anna)
    assert done.result["forgotten_contacts"] == 1
    assert not ForgottenContact.objects.filter(digest=_mehmet_url()).exists()
    assert Erasure.objects.filter(kind="linkedin", digest=_mehmet_url()).exists()


def test_a_lookup_is_audited_with_the_digests_asked_for_only(acme, settings):
    """Widened with Mehmet's LinkedIn digest (from Acme's forgotten row), a search by his
    address must not write that digest into the log (read by the searcher's own admins, who
    could be another organisation's)."""
    from weakties.accounts.models import AuditEvent
    from weakties.privacy.services.subjects import subject_find

    settings.WEAKTIES_COMPARE_AND_FORGET = True
    acme()
    assert _mehmet_url() in subject_of(MEHMET).linkedins  # widened
    assert subject_find(MEHMET, actor_label="elsewhere", may_see=lambda s: False) is None
    event = AuditEvent.objects.filter(action="privacy.person_lookup").latest("pk")
    assert event.detail["digests"] == [digest(MEHMET)[:8]] and event.detail["person"] is None
