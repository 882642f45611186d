"""Compare and forget (issue 12; Belgian DPA 25/2020): both modes, through the real import path."""

from __future__ import annotations

import pytest

from tests.factories import DATA, employee
from weakties.accounts.models import AuditEvent
from weakties.accounts.services.organisations import organisation_create
from weakties.ambassadors.services.targets import target_add
from weakties.minimisation.models import ForgottenContact
from weakties.minimisation.services.forget import forget_sweep, forgotten_count
from weakties.people.models import Person, PersonIdentifier, Tie
from weakties.people.services.consent import consent_give
from weakties.people.services.directory import directory_import
from weakties.people.services.network_import.importer import NetworkImporter
from weakties.referrals.services.vacancies import vacancy_create

pytestmark = pytest.mark.django_db

JAN, SOPHIE = "jan.vandenberg@acme.nl", "sophie.bakker@acme.nl"


def _names(email: str) -> set[str]:
    return {
        t.person.name for t in Tie.objects.filter(employee=employee(email)).select_related("person")
    }


@pytest.fixture
def acme_asking(django_capture_on_commit_callbacks):
    """Acme before the networks come in: it targets Rabobank and has a vacancy for a planner."""
    org = organisation_create(name="Acme BV", domain="acme.nl")
    assert directory_import(path=DATA / "directory.csv", organisation=org).ok
    target_add(organisation=org, kind="company", name="Rabobank")
    vacancy_create(organisation=org, title="Planner")

    def load():
        importer = NetworkImporter()
        for path, owner in (
            (DATA / "jan_Connections.csv", JAN),
            (DATA / "jan_contacts.vcf", JAN),
            (DATA / "sophie_Connections.csv", SOPHIE),
        ):
            consent_give(employee=employee(owner), via="cli")
            # The import's signal goes after its commit: run those callbacks as a commit would.
            with django_capture_on_commit_callbacks(execute=True):
                assert importer.import_file(path=path, owner=employee(owner)).ok

    return load


def test_off_keeps_every_contact_in_full(acme_asking, settings):
    settings.WEAKTIES_COMPARE_AND_FORGET = False
    acme_asking()
    assert _names(JAN) == {
        "Zoë Peeters",
        "Mehmet Çelik",
        "Lotte van Dijk",
        "Sophie Bakker",
        "Eva Smit",
    }
    assert ForgottenContact.objects.count() == 0
    assert forget_sweep() == 0


def test_on_keeps_what_was_asked_for_and_forgets_the_rest_as_digests(acme_asking, settings):
    settings.WEAKTIES_COMPARE_AND_FORGET = True
    acme_asking()
    # Lotte works at the target Rabobank, Mehmet is a planner (the vacancy), Sophie a colleague.
    assert _names(JAN) == {"Mehmet Çelik", "Lotte van Dijk", "Sophie Bakker"}
    assert _names(SOPHIE) == {"Jan van den Berg"}
    # Zoë (Stripe), Eva (Coolblue) and Pieter (Gemeente Utrecht) are gone, names and all ...
    for last in ("Peeters", "Smit", "de Graaf"):
        assert not Person.objects.filter(last_name__startswith=last).exists(), last
    # ... and kept as one digest each per employee who knew them: the counts.
    assert forgotten_count(employee(JAN)) == 2
    assert forgotten_count(employee(SOPHIE)) == 2
    digests = set(ForgottenContact.objects.values_list("digest", flat=True))
    assert not digests & set(PersonIdentifier.objects.values_list("digest", flat=True))
    assert all(len(d) == 40 for d in digests)
    assert AuditEvent.objects.filter(action="contacts.forgotten").count() >= 2


def test_importing_the_same_contacts_again_keeps_the_count(acme_asking, settings, tmp_path):
    settings.WEAKTIES_COMPARE_AND_FORGET = True
    acme_asking()
    again = tmp_path / "jan_Connections_2.csv"
    again.write_text((DATA / "jan_Connections.csv").read_text() + "\n")
    NetworkImporter().import_file(path=again, owner=employee(JAN))
    forget_sweep()
    assert forgotten_count(employee(JAN)) == 2
    assert "Zoë Peeters" not in _names(JAN)


def test_the_sweep_forgets_when_a_target_is_dropped(acme_asking, settings):
    settings.WEAKTIES_COMPARE_AND_FORGET = False
    acme_asking()
    assert "Zoë Peeters" in _names(JAN)
    settings.WEAKTIES_COMPARE_AND_FORGET = True
    forgotten = forget_sweep()
    assert forgotten == 4  # Jan: Zoë, Eva; Sophie: Zoe, Pieter
    assert _names(JAN) == {"Mehmet Çelik", "Lotte van Dijk", "Sophie Bakker"}


def test_the_owner_sees_the_count_of_forgotten_contacts(acme_asking, settings, client):
    from tests.factories import login

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.WEAKTIES_COMPARE_AND_FORGET = True
    acme_asking()
    login(client, JAN)
    html = client.get("/import/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'id="forgotten-count"' in html and "2 contacts who matched nothing" in html
    html = client.get("/import/", HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert "2 contacten die bij niets pasten" in html


def test_withdrawing_consent_forgets_the_forgotten_digests_too(acme_asking, settings):
    """The digests are part of the employee's network: a withdrawal removes them with the ties;
    a colleague who still shares keeps theirs."""
    from weakties.people.services.consent import consent_withdraw

    settings.WEAKTIES_COMPARE_AND_FORGET = True
    acme_asking()
    assert forgotten_count(employee(JAN)) > 0 and forgotten_count(employee(SOPHIE)) > 0
    sophie_before = forgotten_count(employee(SOPHIE))
    consent_withdraw(employee=employee(JAN))
    assert forgotten_count(employee(JAN)) == 0
    assert forgotten_count(employee(SOPHIE)) == sophie_before
