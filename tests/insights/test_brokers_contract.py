"""`weakties brokers --json` and the API carry Burt's hierarchy and the brokerage z-scores (issue 13)."""

from __future__ import annotations

import json
import math

import pytest

from weakties.cli.main import main
from weakties.demo.organisation import build_demo
from weakties.insights.models import EmployeeInsight

pytestmark = pytest.mark.django_db

ROLE_KEYS = {"coordinator", "gatekeeper", "representative", "consultant", "liaison"}


@pytest.fixture
def demo():
    organisation, _ = build_demo(employees=20, seed=3)
    return organisation


def test_brokers_json_rows_carry_hierarchy(demo, capsys):
    assert main(["analyze", "--org", demo.name, "--json"]) == 0
    capsys.readouterr()
    assert main(["brokers", "--org", demo.name, "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert len(rows) == 20
    stored = {i.employee.email: i for i in EmployeeInsight.objects.select_related("employee")}
    for row in rows:
        assert "hierarchy" in row and "constraint" in row and "roles" in row
        ins = stored[row["employee"]]
        assert row["hierarchy"] == ins.hierarchy
        if ins.degree == 0:
            assert row["hierarchy"] is None
        else:
            assert isinstance(row["hierarchy"], float) and 0.0 <= row["hierarchy"] <= 1.0
    assert any(0.0 < r["hierarchy"] < 1.0 for r in rows if r["hierarchy"] is not None)
    assert not any(isinstance(r["hierarchy"], float) and math.isnan(r["hierarchy"]) for r in rows)


def test_api_brokers_carry_hierarchy(client):
    from tests.factories import acme

    from .test_reach_and_api import _token

    acme()
    admin = _token("anna.devries@acme.nl", role="admin")
    assert client.post("/api/analyze", headers=admin).status_code == 202
    brokers = client.get("/api/brokers", headers=admin).json()
    assert brokers and all("hierarchy" in b for b in brokers)
    assert all(set(b["roles_z"]) == ROLE_KEYS for b in brokers)
    stored = {
        i.employee.email: i.hierarchy for i in EmployeeInsight.objects.select_related("employee")
    }
    assert {b["employee"]: b["hierarchy"] for b in brokers} == stored


def test_brokers_json_rows_carry_role_z_scores(demo, capsys):
    assert main(["analyze", "--org", demo.name, "--json"]) == 0
    capsys.readouterr()
    assert main(["brokers", "--org", demo.name, "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    stored = {i.employee.email: i for i in EmployeeInsight.objects.select_related("employee")}
    for row in rows:
        assert set(row["roles"]) == ROLE_KEYS and set(row["roles_z"]) == ROLE_KEYS
        assert row["roles_z"] == stored[row["employee"]].roles_z
        for value in row["roles_z"].values():
            assert value is None or (isinstance(value, float) and math.isfinite(value))
    # Raw counts are kept; z-scores are not the counts (they are centred on chance).
    zs = [z for r in rows for z in r["roles_z"].values() if z is not None]
    assert zs and min(zs) < 0 < max(zs)
    # Gatekeeper and representative have one expectation on undirected ties.
    for row in rows:
        assert row["roles_z"]["gatekeeper"] == row["roles_z"]["representative"]
    assert main(["brokers", "--org", demo.name]) == 0
    assert "(z " in capsys.readouterr().out


def test_stored_diversity_has_the_ei_expectation_and_p_value(demo):
    from weakties.insights.services.analytics import analytics_refresh

    analytics_refresh(organisation=demo)
    entries = [
        d
        for i in EmployeeInsight.objects.all()
        for d in (i.diversity or {}).values()
        if d.get("ei") is not None
    ]
    assert entries
    for d in entries:
        assert -1.0 <= d["ei_expected"] <= 1.0 and 0.0 < d["ei_p"] <= 1.0
