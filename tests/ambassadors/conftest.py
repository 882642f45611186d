"""Acme BV (tests/data/org) as the organisation that invites its people; Globex as another one.

Jan (Sales) and Sophie (HR) share their networks; Anna (Management, admin)
and Tom (Engineering) do not yet. Emails go to a real local SMTP server.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from tests.factories import acme
from tests.smtp import smtp_server
from weakties.accounts.models import ApiToken, Employee, Organisation
from weakties.accounts.services.organisations import organisation_create
from weakties.people.services.directory import directory_import

ANNA = "anna.devries@acme.nl"
JAN = "jan.vandenberg@acme.nl"
SOPHIE = "sophie.bakker@acme.nl"
TOM = "tom.jansen@acme.nl"
#: Contact details in Jan's files: they must never leave Jan's own pages.
CONTACT_DETAILS = (
    "mehmet.celik@example.com",
    "Mehmet.Celik@Example.com",
    "12345678",
    "eva.smit@example.org",
)


@pytest.fixture
def org(db) -> Organisation:
    organisation = acme()
    Employee.objects.filter(email=ANNA).update(role="admin")
    Employee.objects.filter(email=TOM).update(language="en")
    return organisation


@pytest.fixture
def globex(db, tmp_path) -> Organisation:
    """Another organisation, with an admin and an employee of its own."""
    other = organisation_create(name="Globex", domain="globex.com")
    path = tmp_path / "globex.csv"
    path.write_text(
        "email,first_name,last_name,department,job_title,location,manager_email\n"
        "hank.scorpio@globex.com,Hank,Scorpio,Board,CEO,Springfield,\n"
        "homer.simpson@globex.com,Homer,Simpson,Safety,Inspector,Springfield,\n"
    )
    assert directory_import(path=path, organisation=other).ok
    Employee.objects.filter(email="hank.scorpio@globex.com").update(role="admin")
    return other


@pytest.fixture
def smtp():
    """A real SMTP server; Django's mail goes to it while the test runs."""
    with smtp_server() as inbox, inbox.django():
        yield inbox


def user_of(email: str, *, role: str | None = None):
    """The employee's login (made on first use), with the role given."""
    employee = Employee.objects.get(email=email)
    User = get_user_model()
    user = User.objects.filter(username=email).first() or User.objects.create_user(
        username=email, email=email, password="s3cret-Passw0rd"
    )
    employee.user = user
    if role:
        employee.role = role
    employee.save()
    return user


def login(client, email: str, *, role: str | None = None) -> Employee:
    client.force_login(user_of(email, role=role))
    return Employee.objects.get(email=email)


def bearer(email: str, *, role: str | None = None) -> dict[str, str]:
    _, key = ApiToken.issue(user_of(email, role=role), "test")
    return {"Authorization": f"Bearer {key}"}


def days_ago(n: float) -> dt.datetime:
    return timezone.now() - dt.timedelta(days=n)
