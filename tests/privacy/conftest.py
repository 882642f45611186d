"""Acme with a second organisation (Globex), logins, and a real SMTP server."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from tests.factories import acme, employee
from tests.smtp import smtp_server
from weakties.accounts.models import ApiToken, Employee, Organisation
from weakties.accounts.services.organisations import organisation_create

PASSWORD = "s3cret-Passw0rd"


@pytest.fixture
def org(db) -> Organisation:
    return acme()


@pytest.fixture
def globex(org) -> Organisation:
    """Another organisation with one admin, who knows nobody in Acme's networks."""
    other = organisation_create(name="Globex NV", domain="globex.be")
    person = employee("tom.jansen@acme.nl").person.__class__.objects.create(
        first_name="Greta", last_name="Globex"
    )
    Employee.objects.create(
        organisation=other, person=person, email="greta@globex.be", role="admin"
    )
    return other


def user_of(email: str, *, role: str | None = None):
    e = Employee.objects.get(email=email)
    if e.user is None:
        e.user = get_user_model().objects.create_user(
            username=email, email=email, password=PASSWORD
        )
    if role:
        e.role = role
    e.save()
    return e.user


def signed_in(client, email: str, *, role: str | None = None):
    client.force_login(user_of(email, role=role))
    return client


def bearer(email: str, *, role: str | None = None) -> dict:
    _, key = ApiToken.issue(user_of(email, role=role), "test")
    return {"Authorization": f"Bearer {key}"}


@pytest.fixture(autouse=True)
def many_forms_an_hour(settings):
    """The objection form's limit per client is counted in the shared cache, which outlives a
    run: tests that are not about the limit are not limited (the limit's own test sets it)."""
    settings.PRIVACY_REQUESTS_PER_HOUR = 1_000_000


@pytest.fixture
def smtp():
    with smtp_server() as inbox, inbox.django():
        yield inbox
