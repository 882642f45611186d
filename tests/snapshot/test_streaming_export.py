"""The snapshot export streams (issue 14), and writes what the whole-in-memory export wrote.

The reference is the export as it was before it streamed (:mod:`.reference_export`): every
table read whole into memory and written at once. On the same data the streamed export gives
the same rows, the same checksums (the same Parquet bytes) and the same fingerprint; with
batches smaller than a table it still gives the same rows, values and fingerprint (only the
row groups, and so the bytes, differ).
"""

from __future__ import annotations

import pyarrow.parquet as pq
import pytest

from tests.factories import acme, meeting
from tests.snapshot.reference_export import write_reference
from weakties.engines.manifest import SNAPSHOT_TABLES, read_manifest
from weakties.insights.services.analytics import analytics_refresh
from weakties.snapshots.services.export import snapshot_export, snapshot_scope

pytestmark = pytest.mark.django_db


@pytest.fixture
def generated():
    from weakties.demo.organisation import build_demo

    organisation, _ = build_demo(employees=12, seed=3)
    return organisation


def _same_as_reference(scope, tmp_path, **options) -> tuple[dict, dict]:
    manifest = snapshot_export(directory=tmp_path / "streamed", scope=scope, **options)
    reference = write_reference(tmp_path / "reference", scope)
    assert manifest.fingerprint == reference["fingerprint"]
    assert {n: t["rows"] for n, t in manifest.tables.items()} == {
        n: t["rows"] for n, t in reference["tables"].items()
    }
    for name in SNAPSHOT_TABLES:
        streamed = pq.read_table(tmp_path / "streamed" / f"{name}.parquet")
        written = pq.read_table(tmp_path / "reference" / f"{name}.parquet")
        assert streamed.schema == written.schema, name
        assert streamed.to_pylist() == written.to_pylist(), name
    read_manifest(tmp_path / "streamed")  # its checksums hold
    return manifest.tables, reference["tables"]


def test_the_streamed_export_writes_the_same_bytes_as_the_whole_in_memory_one(generated, tmp_path):
    streamed, reference = _same_as_reference(snapshot_scope(organisation=generated.name), tmp_path)
    assert streamed["ties"]["rows"] > 1000
    assert streamed == reference  # rows and SHA-256 of every table


def test_small_batches_give_the_same_rows_and_fingerprint(generated, tmp_path):
    streamed, _ = _same_as_reference(
        snapshot_scope(organisation=generated.name), tmp_path, batch_rows=97
    )
    ties = pq.ParquetFile(tmp_path / "streamed" / "ties.parquet")
    assert ties.metadata.num_row_groups == -(-streamed["ties"]["rows"] // 97) > 1


def test_a_federation_streams_the_same_as_before(tmp_path):
    org = acme()
    analytics_refresh(organisation=org)
    meeting(org)
    streamed, reference = _same_as_reference(snapshot_scope(federation="Regio"), tmp_path)
    assert streamed == reference and streamed["ties"]["rows"] > 0
