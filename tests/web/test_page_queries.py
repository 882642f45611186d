"""A page's number of queries does not grow with the organisation (issue 9).

The same pages are asked of a small and a four times larger generated
organisation, both analysed; every page must need as many queries in both.
"""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import login
from weakties.accounts.models import Employee, Organisation
from weakties.accounts.services.organisations import organisation_create
from weakties.insights.services.analytics import analytics_refresh
from weakties.people.models import Tie
from weakties.people.services.directory import directory_import
from weakties.people.services.network_import.importer import NetworkImporter
from weakties.synth import generate_organisation, write_exports

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


def _generated(name: str, employees: int, seed: int, folder) -> Organisation:
    """A synthetic organisation imported as a user would (directory, then every export), analysed."""
    synth = generate_organisation(employees=employees, seed=seed, name=name)
    manifest = write_exports(synth, folder, seed=seed)
    organisation = organisation_create(name=synth.name, domain=synth.domain)
    assert directory_import(path=manifest.directory, organisation=organisation).ok
    owners = {e.email.lower(): e for e in Employee.objects.filter(organisation=organisation)}
    jobs = [(export.path, owners[export.owner.lower()]) for export in manifest.files]
    assert all(result.ok for result in NetworkImporter().import_files(jobs=jobs))
    analytics_refresh(organisation=organisation)
    return organisation


def _pages(organisation: Organisation) -> dict[str, str]:
    run = organisation.analysis_runs.get()
    busiest = run.employees.order_by("-degree", "employee_id").first().employee
    return {
        "dashboard": "/",
        "insights": "/insights/",
        "employees list": "/employees/",
        "employees list, page 2": "/employees/?page=2",
        "network page": f"/employees/{busiest.pk}/",
        "ego map": f"/insights/ego/{busiest.pk}/",
    }


def _queries(client, organisation: Organisation) -> dict[str, int]:
    admin = organisation.employees.order_by("id").first()
    login(client, admin.email, role="admin")
    counts = {}
    for name, path in _pages(organisation).items():
        client.get(path)  # the first request of a session may set up what later ones reuse
        with CaptureQueriesContext(connection) as captured:
            assert client.get(path).status_code == 200, name
        counts[name] = len(captured)
    with CaptureQueriesContext(connection) as captured:
        call_command("reach", "--org", organisation.name, "--json", stdout=StringIO())
    counts["weakties reach --json"] = len(captured)
    client.logout()
    return counts


def test_pages_need_as_many_queries_in_a_larger_organisation(client, settings, tmp_path):
    settings.LANGUAGE_CODE = "en"
    small = _generated("Klein BV", 52, 11, tmp_path / "small")
    large = _generated("Groot BV", 130, 12, tmp_path / "large")
    ties = {o.name: Tie.objects.filter(employee__organisation=o).count() for o in (small, large)}
    assert ties["Groot BV"] > 2 * ties["Klein BV"]  # the larger one really is larger
    assert _queries(client, small) == _queries(client, large)
