"""Reach counts only consenting employees; withdrawing consent removes the network."""

from __future__ import annotations

import pytest

from tests.factories import acme, employee
from weakties.accounts.models import AuditEvent
from weakties.people.models import ImportBatch, Person, Tie
from weakties.people.selectors.reach import organisation_reach
from weakties.people.selectors.who_knows import who_knows
from weakties.people.services.consent import consent_withdraw

pytestmark = pytest.mark.django_db


def test_reach_counts_second_degree_once_and_excludes_colleagues():
    org = acme()
    reach = organisation_reach(organisation=org)
    # Jan: Zoë, Mehmet, Lotte, Sophie (colleague), Eva (vCard). Sophie: Zoë, Pieter, Jan (colleague).
    assert reach == {
        "employees": 4,
        "employees_sharing": 2,
        "ties": 8,
        "unique_people": 5,  # Zoë, Mehmet, Lotte, Eva, Pieter
        "companies": 5,  # Stripe, Bakker Logistiek, Rabobank, Coolblue, Gemeente Utrecht
    }


def test_withdrawing_consent_removes_the_network_and_orphans():
    org = acme()
    jan = employee("jan.vandenberg@acme.nl")
    removed = consent_withdraw(employee=jan)
    assert removed["ties_removed"] == 5
    assert not Tie.objects.filter(employee=jan).exists()
    # Zoë is still known by Sophie; Lotte, Mehmet and Eva were only Jan's.
    assert Person.objects.filter(last_name__startswith="Peeters").exists()
    assert not Person.objects.filter(first_name__in=["Lotte", "Mehmet", "Eva"]).exists()
    # Colleagues are never deleted with someone's network.
    assert Person.objects.filter(employee__email="sophie.bakker@acme.nl").exists()
    assert set(ImportBatch.objects.filter(owner=jan).values_list("status", flat=True)) == {
        "withdrawn"
    }
    assert organisation_reach(organisation=org)["employees_sharing"] == 1


def test_network_without_consent_does_not_count():
    org = acme()
    sophie = employee("sophie.bakker@acme.nl")
    sophie.consents.update(withdrawn_at="2026-01-01T00:00:00Z")  # consent gone, ties still stored
    reach = organisation_reach(organisation=org)
    assert reach["employees_sharing"] == 1
    assert reach["ties"] == 5
    assert all(r["employee"] != sophie.email for r in who_knows(company="Stripe").rows)


def test_who_knows_matches_company_after_normalisation_and_is_audited():
    acme()
    rows = who_knows(company="stripe inc.", actor_label="test").rows
    assert {r["employee"] for r in rows} == {"jan.vandenberg@acme.nl", "sophie.bakker@acme.nl"}
    assert all(r["contact"]["company"] == rows[0]["contact"]["company"] for r in rows)
    assert all(set(r) == {"employee", "contact", "sources", "matched"} for r in rows)
    assert all(r["matched"] == r["contact"]["company"] and "Stripe" in r["matched"] for r in rows)
    assert all(set(r["contact"]) == {"name", "company", "position"} for r in rows)
    assert AuditEvent.objects.filter(action="who_knows", detail__company="stripe inc.").exists()


def test_who_knows_unknown_company_is_empty():
    acme()
    assert who_knows(company="Nonexistent Widgets GmbH").rows == []
