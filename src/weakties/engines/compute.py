"""Run every metric of :mod:`.metrics` over a snapshot folder and write the results beside it.

``compute(folder, dialect)`` checks the snapshot's manifest and checksums, opens its tables in
the dialect, writes one Parquet table per metric (every one of ``metrics.METRICS``, those of
``manifest.RESULT_TABLES`` first) to ``folder/results`` and a results manifest
that repeats the snapshot's fingerprint, so that ``weakties snapshot load-results`` can refuse
results of other data.
"""

from __future__ import annotations

import datetime as dt
import shutil
import time
from pathlib import Path

import pyarrow.parquet as pq

from .dialects import Dialect
from .manifest import (
    RESULT_TABLES,
    RESULTS_KIND,
    SCHEMA_VERSION,
    SNAPSHOT_TABLES,
    Manifest,
    read_manifest,
    table_path,
    table_sha256,
    write_manifest,
)
from .metrics import METRICS

__all__ = ["RESULTS", "compute", "results_folder"]

#: The results' folder inside a snapshot folder.
RESULTS = "results"


def results_folder(folder: Path) -> Path:
    return Path(folder) / RESULTS


def _rows(path: Path) -> int:
    parts = [path] if path.is_file() else sorted(path.glob("*.parquet"))
    return sum(pq.ParquetFile(str(p)).metadata.num_rows for p in parts)


def compute(folder: Path, dialect: Dialect) -> tuple[Manifest, dict[str, float]]:
    """Compute the results of the snapshot in ``folder`` with ``dialect``.

    Returns the results' manifest and the seconds each metric took.
    """
    folder = Path(folder)
    snapshot = read_manifest(folder)
    for table in SNAPSHOT_TABLES:
        dialect.open(table, table_path(folder, table))
    out = results_folder(folder)
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    seconds: dict[str, float] = {}
    tables = {}
    for table in (*RESULT_TABLES, *(name for name in METRICS if name not in RESULT_TABLES)):
        clock = time.perf_counter()
        path = table_path(out, table)
        dialect.write(METRICS[table], path)
        seconds[table] = round(time.perf_counter() - clock, 3)
        tables[table] = {"rows": _rows(path), "sha256": table_sha256(path)}
    manifest = Manifest(
        kind=RESULTS_KIND,
        schema_version=SCHEMA_VERSION,
        created_at=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        scope=snapshot.scope,
        fingerprint=snapshot.fingerprint,
        tables=tables,
        engine=dialect.describe(),
        snapshot_created_at=snapshot.created_at,
    )
    write_manifest(out, manifest)
    return manifest, seconds
