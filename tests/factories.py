"""Factories for tests: build organisations the way users do (through the services)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from django.contrib.auth import get_user_model
from django.utils import timezone

from weakties.accounts.models import Employee, Organisation
from weakties.accounts.services.organisations import organisation_create
from weakties.meetings.models import Meeting
from weakties.meetings.services.federations import federation_create
from weakties.meetings.services.meetings import meeting_create
from weakties.people.services.directory import directory_import
from weakties.people.services.network_import.importer import NetworkImporter

DATA = Path(__file__).parent / "data" / "org"


def acme(*, networks: bool = True) -> Organisation:
    """Acme BV: four employees from ``tests/data/org/directory.csv``; Jan and Sophie share their networks."""
    org = organisation_create(name="Acme BV", domain="acme.nl")
    report = directory_import(path=DATA / "directory.csv", organisation=org)
    assert report.ok, report.errors
    if networks:
        importer = NetworkImporter()
        jan, sophie = employee("jan.vandenberg@acme.nl"), employee("sophie.bakker@acme.nl")
        for path, owner in (
            (DATA / "jan_Connections.csv", jan),
            (DATA / "jan_contacts.vcf", jan),
            (DATA / "sophie_Connections.csv", sophie),
        ):
            result = importer.import_file(path=path, owner=owner)
            assert result.ok, result.errors
    return org


def meeting(organisation: Organisation, *, in_days: int = 30) -> Meeting:
    """A meeting ``in_days`` ahead of the employer network "Regio", whose one member is ``organisation``."""
    federation = federation_create(name="Regio", members=[organisation.name])
    day = timezone.localdate() + dt.timedelta(days=in_days)
    return meeting_create(federation=federation, date=day, schedule=False)


def employee(email: str) -> Employee:
    return Employee.objects.select_related("organisation", "person").get(email=email)


def login(client, email: str, *, role: str | None = None, password: str = "s3cret-Passw0rd"):
    """Give the employee a login and sign the test client in."""
    e = employee(email)
    User = get_user_model()
    user = User.objects.create_user(username=email, email=email, password=password)
    e.user = user
    if role:
        e.role = role
    e.save()
    client.force_login(user)
    return e
