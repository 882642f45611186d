"""Engines: the join-shaped analytics over a Parquet snapshot, on DuckDB or on Apache Spark.

One organisation fits in memory and :mod:`weakties.network` analyses it in-process. A national
employer network (a million employees, 500 million ties) does not; it is exported as a Parquet
snapshot (``weakties snapshot export``), computed on an existing distributed engine, and its
results are read back (``weakties snapshot load-results``).

Each metric is written once, as SQL, in :mod:`.metrics`. Where the engines differ (how a
Parquet table is opened, how a result is written and read back) lives in a small dialect
object, :mod:`.dialects`, as splink does over DuckDB, Spark and Postgres: no metric branches on
the engine. ``embedded`` is DuckDB in this process; ``spark`` is PySpark, local by default or
on a cluster (``--master``). The parity tests run the same test body on both engines and
against :mod:`weakties.network`, and want the same numbers.

This is a pure layer: it imports no Django. The Django side (what goes into a snapshot, and
where the results go) is the ``weakties.snapshots`` app.
"""

from __future__ import annotations

from .manifest import (
    RESULT_TABLES,
    SCHEMA_VERSION,
    SNAPSHOT_TABLES,
    Manifest,
    ManifestError,
    fingerprint,
    read_manifest,
)

__all__ = [
    "Manifest",
    "ManifestError",
    "RESULT_TABLES",
    "SCHEMA_VERSION",
    "SNAPSHOT_TABLES",
    "fingerprint",
    "read_manifest",
]
