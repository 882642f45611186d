"""The demo is built through the real importers and can be signed into."""

from __future__ import annotations

import pytest

from weakties.accounts.models import Employee
from weakties.demo.organisation import build_demo
from weakties.people.models import ImportBatch
from weakties.people.selectors.reach import organisation_reach

pytestmark = pytest.mark.django_db


def test_demo_builds_once_and_gives_working_logins(client):
    organisation, logins = build_demo(employees=30, seed=5)
    reach = organisation_reach(organisation=organisation)
    assert reach["employees"] == 30
    assert reach["employees_sharing"] == 30
    assert reach["unique_people"] > 1000
    assert not ImportBatch.objects.filter(status="failed").exists()
    # an admin, an account manager and a plain employee who shares a network (issue 11)
    assert [login.role for login in logins] == ["admin", "sales", "employee"]
    plain = Employee.objects.get(email=logins[2].username)
    assert plain.role == "employee" and plain.ties.exists()
    for login in logins:
        assert client.login(username=login.username, password=login.password)
        assert client.get("/").status_code == 200
    # Building again reuses the organisation instead of importing twice.
    batches = ImportBatch.objects.count()
    again, _ = build_demo(employees=30, seed=5)
    assert again.pk == organisation.pk and ImportBatch.objects.count() == batches
    assert Employee.objects.filter(role="admin").count() == 1
