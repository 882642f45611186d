"""Acme asking for Rabobank, compare and forget on, and its files imported through the real importer.

See :mod:`tests.minimisation.test_forgotten_sources` for what each file holds and forgets.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.factories import DATA, employee
from weakties.accounts.services.organisations import organisation_create
from weakties.ambassadors.services.targets import target_add
from weakties.people.services.consent import consent_give
from weakties.people.services.directory import directory_import
from weakties.people.services.network_import.importer import NetworkImporter

JAN, SOPHIE = "jan.vandenberg@acme.nl", "sophie.bakker@acme.nl"
LINKEDIN, VCARD, SOPHIES = "jan_Connections.csv", "jan_contacts.vcf", "sophie_Connections.csv"
FILES = ((LINKEDIN, JAN), (VCARD, JAN), (SOPHIES, SOPHIE))


def acme_forgetting(settings, capture) -> Callable[..., None]:
    """Acme asking for Rabobank; a function that imports (again) the files named, all by default.

    ``capture``: pytest-django's ``django_capture_on_commit_callbacks``.
    """
    settings.WEAKTIES_COMPARE_AND_FORGET = True
    org = organisation_create(name="Acme BV", domain="acme.nl")
    assert directory_import(path=DATA / "directory.csv", organisation=org).ok
    target_add(organisation=org, kind="company", name="Rabobank")

    def run(*names: str) -> None:
        importer = NetworkImporter()
        for name, owner in FILES:
            if names and name not in names:
                continue
            consent_give(employee=employee(owner), via="cli")
            # The import's signal goes after its commit: run those callbacks as a commit would.
            with capture(execute=True):
                assert importer.import_file(path=DATA / name, owner=employee(owner)).ok

    return run


@pytest.fixture
def load(settings, django_capture_on_commit_callbacks):
    """:func:`acme_forgetting`."""
    return acme_forgetting(settings, django_capture_on_commit_callbacks)
