"""``weakties snapshot load-results`` for an employer network's snapshot (issue 14).

A federation's results go into a :class:`FederationRun`, all or nothing, with the refusals an
organisation's have: changed data (a tie gone, a member more), a foreign schema, and a forged
table that names an employee of an organisation outside the federation.
"""

from __future__ import annotations

import json
import shutil

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from django.utils import translation

from tests.factories import acme
from weakties.accounts.models import Employee, Federation, Organisation
from weakties.cli.main import main
from weakties.core.errors import ServiceError
from weakties.engines.dialects import read_table
from weakties.engines.manifest import table_sha256
from weakties.insights.models import AnalysisRun, EmployeeInsight
from weakties.insights.services.analytics import analytics_refresh
from weakties.meetings.services.federations import federation_create
from weakties.people.models import Tie
from weakties.snapshots.models import FederationReach, FederationRun
from weakties.snapshots.services.engine import snapshot_compute
from weakties.snapshots.services.export import snapshot_export, snapshot_scope
from weakties.snapshots.services.results import snapshot_results_load

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def network():
    """Acme BV and the generated Demo BV, both analysed; "Randstad" has both as members."""
    from weakties.demo.organisation import build_demo

    org = acme()
    analytics_refresh(organisation=org)
    demo, _ = build_demo(employees=8, seed=2)
    analytics_refresh(organisation=demo)
    federation_create(name="Randstad", members=[org.name, demo.name])
    return org, demo


def _computed(tmp_path, federation: str):
    folder = tmp_path / federation
    snapshot_export(directory=folder, scope=snapshot_scope(federation=federation))
    snapshot_compute(directory=folder)
    return folder


def _counts() -> tuple[int, ...]:
    return (
        FederationRun.objects.count(),
        FederationReach.objects.count(),
        AnalysisRun.objects.count(),
        EmployeeInsight.objects.count(),
    )


def test_a_federations_results_load_into_a_run_of_the_whole_network(network, tmp_path, capsys):
    org, demo = network
    folder = _computed(tmp_path, "Randstad")
    org_runs = AnalysisRun.objects.count()
    assert main(["snapshot", "load-results", str(folder), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    run = FederationRun.objects.get(pk=out["run"])
    assert out["federation"] == "Randstad" == run.federation.name
    assert AnalysisRun.objects.count() == org_runs  # the members' own runs are untouched
    assert run.figures["members"] == ["Acme BV", "Demo BV"]
    summary = read_table(folder / "results" / "summary.parquet").to_pydict()
    assert run.figures["people_reached"] == summary["people_reached"][0] > 0
    assert run.fingerprint == json.loads((folder / "manifest.json").read_text())["fingerprint"]
    reach = read_table(folder / "results" / "employee_reach.parquet").to_pydict()
    stored = {r.employee_id: (r.reach, r.unique_reach) for r in run.employees.all()}
    assert stored == {
        e: (r, u)
        for e, r, u in zip(reach["employee_id"], reach["reach"], reach["unique_reach"], strict=True)
    }
    members = Employee.objects.filter(organisation__in=[org, demo], active=True)
    assert set(stored) == set(members.values_list("id", flat=True))
    assert {e.organisation_id for e in members} == {org.id, demo.id}
    # Reach is the employee's own; both members' ties are in it.
    for employee in members.filter(organisation=demo):
        own = EmployeeInsight.objects.filter(employee=employee).latest("run__started_at")
        assert stored[employee.id][0] == own.reach
    assert any(r > 0 for r, _u in stored.values())


def test_federation_results_of_changed_data_are_refused_and_nothing_is_stored(
    network, tmp_path, capsys
):
    org, demo = network
    folder = _computed(tmp_path, "Randstad")
    Tie.objects.filter(employee__organisation=demo).order_by("id").first().delete()
    before = _counts()
    assert main(["snapshot", "load-results", str(folder)]) == 1
    err = capsys.readouterr().err
    assert "results refused" in err and "changed since" in err and "Randstad" in err
    assert _counts() == before


def test_a_new_member_since_the_snapshot_is_changed_data(network, tmp_path):
    org, demo = network
    federation_create(name="Regio", members=[org.name])
    folder = _computed(tmp_path, "Regio")
    Federation.objects.get(name="Regio").members.add(demo)
    before = _counts()
    with pytest.raises(ServiceError, match="changed since"):
        snapshot_results_load(directory=folder)
    assert _counts() == before


def test_federation_results_of_a_foreign_schema_are_refused(network, tmp_path):
    folder = _computed(tmp_path, "Randstad")
    path = folder / "results" / "manifest.json"
    path.write_text(json.dumps(json.loads(path.read_text()) | {"schema_version": 99}))
    before = _counts()
    with pytest.raises(ServiceError, match="schema version 99"):
        snapshot_results_load(directory=folder)
    assert _counts() == before


def test_federation_results_naming_another_organisations_employee_are_refused(network, tmp_path):
    """Regio holds Acme only; a forged row (checksum updated) names Demo BV's employee."""
    org, demo = network
    federation_create(name="Regio", members=[org.name])
    folder = _computed(tmp_path, "Regio")
    outsider = Employee.objects.filter(organisation=demo).order_by("id").first()
    path = folder / "results" / "employee_reach.parquet"
    table = pq.read_table(path)
    ids = table.column("employee_id").to_pylist()
    ids[-1] = outsider.id
    forged = table.set_column(0, "employee_id", pa.array(ids, pa.int64()))
    shutil.rmtree(path) if path.is_dir() else path.unlink()
    pq.write_table(forged, str(path))
    manifest = folder / "results" / "manifest.json"
    data = json.loads(manifest.read_text())
    data["tables"]["employee_reach"]["sha256"] = table_sha256(path)
    manifest.write_text(json.dumps(data))
    before = _counts()
    with pytest.raises(ServiceError, match="outside the snapshot") as caught:
        snapshot_results_load(directory=folder)
    assert str(outsider.id) in str(caught.value)
    assert _counts() == before
    assert Organisation.objects.get(pk=outsider.organisation_id).name == "Demo BV"


def test_a_federation_that_lost_all_members_is_refused(network, tmp_path):
    org, _demo = network
    federation_create(name="Regio", members=[org.name])
    folder = _computed(tmp_path, "Regio")
    Federation.objects.get(name="Regio").members.clear()
    with pytest.raises(ServiceError, match="no member organisations"):
        snapshot_results_load(directory=folder)
