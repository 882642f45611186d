"""Every table ``snapshot compute`` writes is checked against the results' manifest (issue 14).

``read_manifest`` verifies the SHA-256 of the tables :data:`~weakties.engines.manifest.
RESULT_TABLES` names; a table computed but not named there could be changed unnoticed. The
redundancy table (Burt's constraint per employee) is the one that was missing.
"""

from __future__ import annotations

import json
import shutil

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from django.utils import translation

from tests.factories import acme
from weakties.cli.main import main
from weakties.engines.manifest import (
    RESULT_TABLES,
    RESULTS_KIND,
    ManifestError,
    read_manifest,
    table_path,
)
from weakties.engines.metrics import METRICS
from weakties.insights.models import AnalysisRun, EmployeeInsight
from weakties.snapshots.services.engine import snapshot_compute
from weakties.snapshots.services.export import snapshot_export, snapshot_scope

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def computed(tmp_path):
    acme()
    folder = tmp_path / "snap"
    snapshot_export(directory=folder, scope=snapshot_scope(organisation="Acme BV"))
    snapshot_compute(directory=folder)
    return folder


def test_the_manifest_names_every_table_compute_writes():
    assert set(RESULT_TABLES) == set(METRICS)
    assert "employee_redundancy" in RESULT_TABLES


def test_a_changed_redundancy_table_is_refused(computed, capsys):
    results = computed / "results"
    manifest = read_manifest(results, kind=RESULTS_KIND)
    assert manifest.rows("employee_redundancy") > 0
    path = table_path(results, "employee_redundancy")
    table = pq.read_table(path)
    contacts = table.column("contacts").to_pylist()
    contacts[0] += 5  # a key person's contacts made more than they are
    tampered = table.set_column(
        table.schema.get_field_index("contacts"), "contacts", pa.array(contacts, pa.int64())
    )
    shutil.rmtree(path) if path.is_dir() else path.unlink()
    pq.write_table(tampered, str(path))

    with pytest.raises(ManifestError, match="employee_redundancy.parquet: its contents differ"):
        read_manifest(results, kind=RESULTS_KIND)
    runs, insights = AnalysisRun.objects.count(), EmployeeInsight.objects.count()
    assert main(["snapshot", "load-results", str(computed)]) == 1
    err = capsys.readouterr().err
    assert "results refused" in err and "employee_redundancy" in err
    assert len(err.strip().splitlines()) == 1
    assert (AnalysisRun.objects.count(), EmployeeInsight.objects.count()) == (runs, insights)


def test_results_without_the_redundancy_table_are_refused(computed):
    path = computed / "results" / "manifest.json"
    data = json.loads(path.read_text())
    data["tables"].pop("employee_redundancy")
    path.write_text(json.dumps(data))
    with pytest.raises(ManifestError, match="tables missing: employee_redundancy"):
        read_manifest(computed / "results", kind=RESULTS_KIND)
