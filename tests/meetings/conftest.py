"""An employer network like seed 004's: a ministry with surplus meat inspectors, an agency hiring road inspectors."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth import get_user_model

from tests.smtp import smtp_server
from weakties.accounts.models import Employee
from weakties.accounts.services.organisations import organisation_create
from weakties.meetings.services.federations import delegate_appoint, federation_create
from weakties.people.services.directory import directory_import

STAFF = {
    "Ministerie LNV": (
        "lnv.nl",
        [
            ("ad.smets", "Ad", "Smets", "HR", "Mobiliteitsadviseur"),
            ("eva.kok", "Eva", "Kok", "Keuring", "Vleesinspecteur"),
            ("piet.bos", "Piet", "Bos", "Keuring", "Teamleider"),
        ],
    ),
    "Rijkswaterstaat": (
        "rws.nl",
        [
            ("myriam.roo", "Myriam", "de Roo", "HR", "Recruiter"),
            ("kees.dijk", "Kees", "Dijk", "Wegen", "Manager weginspectie"),
        ],
    ),
    "Omgevingsdienst Brabant Noord": (
        "odbn.nl",
        [
            ("sjaak.verweij", "Sjaak", "Verweij", "Directie", "Directeur"),
        ],
    ),
}


def make_org(name: str, tmp_path) -> None:
    domain, people = STAFF[name]
    org = organisation_create(name=name, domain=domain)
    path = tmp_path / f"{domain}.csv"
    lines = ["email,first_name,last_name,department,job_title,location,manager_email"]
    lines += [f"{u}@{domain},{first},{last},{d},{t},Den Bosch," for u, first, last, d, t in people]
    path.write_text("\n".join(lines) + "\n")
    report = directory_import(path=path, organisation=org)
    assert report.ok, report.errors
    return org


@pytest.fixture
def network(db, tmp_path):
    """Federation "SAM" of LNV and Rijkswaterstaat (Omgevingsdienst not yet a member).

    Ad Smets coordinates and represents LNV; Myriam de Roo represents Rijkswaterstaat.
    """
    for name in STAFF:
        make_org(name, tmp_path)
    federation = federation_create(
        name="SAM", members=["Ministerie LNV", "Rijkswaterstaat"], coordinator="ad.smets@lnv.nl"
    )
    delegate_appoint(federation=federation, employee="ad.smets@lnv.nl", role="representative")
    delegate_appoint(federation=federation, employee="myriam.roo@rws.nl", role="representative")
    return federation


def login_as(client, email: str, *, password: str = "s3cret-Passw0rd"):
    employee = Employee.objects.get(email=email)
    User = get_user_model()
    user = User.objects.filter(username=email).first() or User.objects.create_user(
        username=email, email=email, password=password
    )
    employee.user = user
    employee.save(update_fields=["user"])
    client.force_login(user)
    return employee


def in_days(n: int) -> dt.date:
    from django.utils import timezone

    return timezone.localdate() + dt.timedelta(days=n)


@pytest.fixture
def smtp():
    """A real SMTP server; Django's mail goes to it while the test runs."""
    with smtp_server() as inbox, inbox.django():
        yield inbox
