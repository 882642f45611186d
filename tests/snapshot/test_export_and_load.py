"""``weakties snapshot export`` and ``load-results`` (issue 14): Parquet out, results back in.

What leaves is what the manifest says, without contact details; results go back all or
nothing, and only onto the data they were computed from.
"""

from __future__ import annotations

import json
import shutil

import pyarrow.parquet as pq
import pytest
from django.utils import translation

from tests.factories import acme, employee, meeting
from weakties.cli.main import main
from weakties.core.errors import ServiceError
from weakties.engines.manifest import SCHEMA_VERSION, SNAPSHOT_TABLES, read_manifest
from weakties.insights.models import AnalysisRun, EmployeeInsight
from weakties.insights.services.analytics import analytics_refresh
from weakties.people.models import PersonIdentifier, Tie
from weakties.people.services.consent import consent_withdraw, sharing_employees
from weakties.snapshots.services.engine import snapshot_compute
from weakties.snapshots.services.export import snapshot_export, snapshot_scope
from weakties.snapshots.services.results import snapshot_results_load

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    """The services' messages in English (the commands speak the configured Dutch)."""
    with translation.override("en"):
        yield


def _run(capsys, *argv: str) -> dict:
    assert main([*argv, "--json"]) == 0, capsys.readouterr().err
    return json.loads(capsys.readouterr().out)


@pytest.fixture
def org():
    organisation = acme()
    analytics_refresh(organisation=organisation)
    return organisation


def _everything(folder) -> str:
    return "\n".join(
        str(pq.read_table(folder / f"{name}.parquet").to_pylist()) for name in SNAPSHOT_TABLES
    )


def test_export_writes_every_table_and_a_manifest_that_checks(org, tmp_path, capsys):
    out = _run(capsys, "snapshot", "export", str(tmp_path / "snap"), "--org", "Acme BV")
    folder = tmp_path / "snap"
    manifest = read_manifest(folder)  # checksums verified
    assert out["schema_version"] == manifest.schema_version == SCHEMA_VERSION == 2
    assert out["scope"] == {"kind": "organisation", "name": "Acme BV"}
    assert set(out["tables"]) == set(SNAPSHOT_TABLES)
    ties = pq.read_table(folder / "ties.parquet")
    sharing = Tie.objects.filter(employee__organisation=org, employee__consents__isnull=False)
    assert out["tables"]["ties"]["rows"] == ties.num_rows == sharing.distinct().count() > 0
    assert sorted(ties.column("id").to_pylist()) == sorted(sharing.values_list("id", flat=True))
    assert "strength" in ties.column_names and "colleague" in ties.column_names
    employees = pq.read_table(folder / "employees.parquet").to_pydict()
    consenting = sharing_employees(organisation=org)  # never consented is not sharing
    assert sum(employees["sharing"]) == consenting.count() > 0
    assert consenting.count() < org.employees.filter(active=True).count()  # acme: two never did
    assert out["created_at"] and len(out["fingerprint"]) == 64


def test_contact_details_never_leave_identifiers_go_as_digests(org, tmp_path):
    folder = tmp_path / "snap"
    snapshot_export(directory=folder, scope=snapshot_scope(organisation="Acme BV"))
    written = _everything(folder)
    emails = [e for e in Tie.objects.values_list("email", flat=True) if e]
    phones = [p for p in Tie.objects.values_list("phone", flat=True) if p]
    assert emails and phones
    for value in [*emails, *phones, "jan.vandenberg@acme.nl", "@acme.nl", "linkedin.com/in/"]:
        assert value not in written
    columns = {name: pq.read_schema(folder / f"{name}.parquet").names for name in SNAPSHOT_TABLES}
    assert not {"email", "phone", "profile_url"} & {c for cs in columns.values() for c in cs}
    digests = set(pq.read_table(folder / "identifiers.parquet").column("digest").to_pylist())
    assert digests and digests <= set(PersonIdentifier.objects.values_list("digest", flat=True))


def test_a_withdrawn_consent_takes_the_ties_out_of_the_snapshot(org, tmp_path):
    jan = employee("jan.vandenberg@acme.nl")
    consent_withdraw(employee=jan)
    folder = tmp_path / "snap"
    snapshot_export(directory=folder, scope=snapshot_scope(organisation="Acme BV"))
    owners = set(pq.read_table(folder / "ties.parquet").column("employee_id").to_pylist())
    assert jan.id not in owners and owners


def test_results_load_into_a_new_run_all_or_nothing(org, tmp_path, capsys):
    folder = tmp_path / "snap"
    _run(capsys, "snapshot", "export", str(folder), "--org", "Acme BV")
    computed = _run(capsys, "snapshot", "compute", str(folder))
    assert computed["engine"].startswith("embedded")
    before = AnalysisRun.objects.get()
    out = _run(capsys, "snapshot", "load-results", str(folder))
    run = AnalysisRun.objects.get(pk=out["run"])
    assert run.status == "done" and out["carried_from"] == before.id
    assert run.figures["people_reached"] == before.figures["people_reached"] > 0
    assert run.figures["growth_years"] == before.figures["growth_years"]
    for new in EmployeeInsight.objects.filter(run=run):
        old = EmployeeInsight.objects.get(run=before, employee=new.employee)
        assert (new.reach, new.unique_reach) == (old.reach, old.unique_reach)
        assert new.constraint == old.constraint and new.type == old.type  # carried


def test_results_of_other_data_are_refused_and_nothing_changes(org, tmp_path, capsys):
    folder = tmp_path / "snap"
    snapshot_export(directory=folder, scope=snapshot_scope(organisation="Acme BV"))
    snapshot_compute(directory=folder)
    Tie.objects.filter(employee__organisation=org).order_by("id").first().delete()
    runs = AnalysisRun.objects.count()
    assert main(["snapshot", "load-results", str(folder)]) == 1
    err = capsys.readouterr().err
    assert "results refused" in err and "changed since" in err and "Acme BV" in err
    assert AnalysisRun.objects.count() == runs


def _edit_manifest(folder, change) -> None:
    path = folder / "results" / "manifest.json"
    data = json.loads(path.read_text())
    change(data)
    path.write_text(json.dumps(data))


@pytest.mark.parametrize(
    ("change", "says"),
    [
        (lambda d: d.update(schema_version=99), "schema version 99"),
        (  # a snapshot of before the people carried the resolution columns
            lambda d: d.update(schema_version=1),
            "schema version 1; this weakties reads version 2 (export the snapshot again)",
        ),
        (lambda d: d.update(format="weakties-snapshot"), "not a weakties-results manifest"),
        (lambda d: d.update(fingerprint="0" * 64), "changed since"),
        (lambda d: d.update(fingerprint="../../etc/passwd"), "not a SHA-256"),
        (lambda d: d["tables"].pop("employee_reach"), "tables missing: employee_reach"),
        (lambda d: d["tables"]["coverage"].update(rows=-3), "no valid row count"),
        (lambda d: d["tables"]["summary"].update(sha256="f" * 64), "differ from the manifest"),
        (lambda d: d.update(scope={"kind": "organisation", "name": "Nobody"}), "Nobody"),
        (lambda d: d.update(scope="x; DROP TABLE"), "scope"),
    ],
)
def test_a_hostile_or_mismatched_manifest_is_refused(org, tmp_path, change, says):
    folder = tmp_path / "snap"
    snapshot_export(directory=folder, scope=snapshot_scope(organisation="Acme BV"))
    snapshot_compute(directory=folder)
    _edit_manifest(folder, change)
    runs, insights = AnalysisRun.objects.count(), EmployeeInsight.objects.count()
    with pytest.raises(ServiceError) as caught:
        snapshot_results_load(directory=folder)
    assert says in str(caught.value)
    assert (AnalysisRun.objects.count(), EmployeeInsight.objects.count()) == (runs, insights)


def test_results_naming_someone_else_are_refused(org, tmp_path):
    """A results table rewritten to name another organisation's employee (checksum updated)."""
    folder = tmp_path / "snap"
    snapshot_export(directory=folder, scope=snapshot_scope(organisation="Acme BV"))
    snapshot_compute(directory=folder)
    table_path = folder / "results" / "employee_reach.parquet"
    table = pq.read_table(table_path)
    ids = table.column("employee_id").to_pylist()
    ids[0] = 999_999
    import pyarrow as pa

    forged = table.set_column(0, "employee_id", pa.array(ids, pa.int64()))
    shutil.rmtree(table_path) if table_path.is_dir() else table_path.unlink()
    pq.write_table(forged, str(table_path))
    from weakties.engines.manifest import table_sha256

    _edit_manifest(
        folder, lambda d: d["tables"]["employee_reach"].update(sha256=table_sha256(table_path))
    )
    with pytest.raises(ServiceError, match="outside the snapshot"):
        snapshot_results_load(directory=folder)


def test_a_federation_snapshot_holds_every_member(org, tmp_path, capsys):
    meeting(org)  # the employer network "Regio", with Acme as its member
    out = _run(capsys, "snapshot", "export", str(tmp_path / "fed"), "--federation", "Regio")
    assert out["scope"] == {"kind": "federation", "name": "Regio"}
    assert out["tables"]["employees"]["rows"] == org.employees.filter(active=True).count()


def test_export_refuses_a_folder_with_other_files(org, tmp_path, capsys):
    (tmp_path / "notes.txt").write_text("mine")
    assert main(["snapshot", "export", str(tmp_path), "--org", "Acme BV"]) == 1
    assert "other files" in capsys.readouterr().err
    assert (tmp_path / "notes.txt").read_text() == "mine"
