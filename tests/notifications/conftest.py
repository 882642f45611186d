"""Two organisations, a real SMTP server, and helpers to sign in and read mail back.

Acme BV (``tests/data/org``): Anna (admin), Jan, Sophie, Tom; Jan and Sophie
share their networks, so Jan owns ties with contact details.  Globex: one
employee, Grace, of another organisation.
"""

from __future__ import annotations

import pytest

from tests.factories import acme as make_acme
from tests.factories import employee, login
from tests.smtp import smtp_server
from weakties.accounts.models import ApiToken
from weakties.accounts.services.organisations import organisation_create
from weakties.people.services.directory import directory_import

BASE = "https://weakties.example.org"


@pytest.fixture
def acme(db):
    return make_acme()


@pytest.fixture
def globex(db, tmp_path):
    org = organisation_create(name="Globex", domain="globex.example")
    path = tmp_path / "globex.csv"
    path.write_text(
        "email,first_name,last_name,department,job_title,location,manager_email\n"
        "grace.hopper@globex.example,Grace,Hopper,IT,Architect,Brussel,\n"
    )
    assert directory_import(path=path, organisation=org).ok
    return org


@pytest.fixture
def base_url(settings):
    settings.WEAKTIES_BASE_URL = BASE
    return BASE


@pytest.fixture
def smtp():
    """A real SMTP server; Django's mail goes to it while the test runs."""
    with smtp_server() as inbox, inbox.django():
        yield inbox


def bearer(email: str) -> dict:
    """An API token for the employee (a login is made when there is none)."""
    e = employee(email)
    if e.user is None:
        from django.contrib.auth import get_user_model

        e.user = get_user_model().objects.create_user(username=email, email=email)
        e.save(update_fields=["user"])
    _, key = ApiToken.issue(e.user, "test")
    return {"Authorization": f"Bearer {key}"}


__all__ = ["BASE", "bearer", "employee", "login"]
