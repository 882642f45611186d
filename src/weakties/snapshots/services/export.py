"""``snapshot_export``: an organisation's or a federation's network as Parquet plus a manifest.

The export streams: each table goes from a database cursor to its Parquet file one batch at a
time (one row group per batch, :data:`~weakties.snapshots.selectors.BATCH_ROWS` rows), its
SHA-256 taken from the bytes as they are written, and the fingerprint read back from the
files column by column. Its memory is that of a batch, whatever the number of ties.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
from django.db import transaction
from django.utils.translation import gettext as _

from weakties.accounts.services.organisations import organisation_get
from weakties.core.errors import ServiceError
from weakties.engines.manifest import (
    FINGERPRINT_COLUMNS,
    SCHEMA_VERSION,
    SNAPSHOT_KIND,
    SNAPSHOT_TABLES,
    Manifest,
    fingerprint_files,
    table_path,
    write_manifest,
)
from weakties.meetings.services.federations import federation_get
from weakties.snapshots.selectors import (
    BATCH_ROWS,
    GROUPS,
    Scope,
    snapshot_groups,
    snapshot_streams,
)

__all__ = [
    "Progress",
    "snapshot_export",
    "snapshot_fingerprint",
    "snapshot_scope",
    "snapshot_write",
]

#: ``progress(table, rows written so far)``, called after every batch and once per table at 0.
Progress = Callable[[str, int], None]


def snapshot_scope(*, organisation: str | None = None, federation: str | None = None) -> Scope:
    """The organisation (or the only one) or the federation a snapshot covers."""
    if organisation and federation:
        raise ServiceError(_("name an organisation or a federation, not both"))
    if federation:
        found = federation_get(federation)
        members = tuple(sorted(found.members.values_list("id", flat=True)))
        if not members:
            raise ServiceError(
                _("the federation {name} has no member organisations yet").format(
                    name=repr(found.name)
                )
            )
        return Scope(kind="federation", name=found.name, organisation_ids=members)
    org = organisation_get(name=organisation)
    return Scope(kind="organisation", name=org.name, organisation_ids=(org.id,))


def _folder(directory: Path) -> Path:
    folder = Path(directory)
    if folder.exists() and not folder.is_dir():
        raise ServiceError(_("{path} is a file, not a folder").format(path=folder))
    if folder.is_dir() and any(p.name != "results" for p in folder.iterdir()):
        if not (folder / "manifest.json").is_file():
            raise ServiceError(
                _("{path} holds other files; give an empty folder or an earlier snapshot's").format(
                    path=folder
                )
            )
    folder.mkdir(parents=True, exist_ok=True)
    return folder


class _HashingFile:
    """A file that keeps the SHA-256 of what is written to it (the writer only appends)."""

    def __init__(self, path: Path) -> None:
        self.file = path.open("wb")
        self.sha256 = hashlib.sha256()
        self.closed = False

    def write(self, data: Any) -> int:
        view = memoryview(data)
        self.sha256.update(view)
        return self.file.write(view)

    def tell(self) -> int:
        return self.file.tell()

    def flush(self) -> None:
        self.file.flush()

    def close(self) -> None:
        if not self.closed:
            self.file.close()
            self.closed = True


def _write(
    path: Path,
    schema: pa.Schema,
    batches: Iterator[pa.RecordBatch],
    progress: Callable[[int], None],
) -> dict[str, Any]:
    """Write ``batches`` to ``path``, one row group each; its rows and SHA-256."""
    sink = _HashingFile(path)
    rows = 0
    progress(0)
    try:
        with pq.ParquetWriter(pa.PythonFile(sink, mode="w"), schema, compression="zstd") as out:
            for batch in batches:
                out.write_batch(batch)
                rows += batch.num_rows
                progress(rows)
            if not rows:  # as a whole empty table was written: its schema and no rows
                out.write_table(schema.empty_table())
    finally:
        sink.close()
    return {"rows": rows, "sha256": sink.sha256.hexdigest()}


def _read_back(path: Path, columns: list[str], batch_rows: int) -> Callable[[], Iterator]:
    return lambda: pq.ParquetFile(path).iter_batches(batch_size=batch_rows, columns=columns)


def snapshot_write(
    folder: Path,
    scope: Scope,
    *,
    tables: tuple[str, ...] = SNAPSHOT_TABLES,
    batch_rows: int = BATCH_ROWS,
    progress: Progress | None = None,
) -> dict[str, dict[str, Any]]:
    """Stream ``tables`` of ``scope`` into ``folder``; each table's rows and SHA-256.

    Read in one transaction, so that the tables agree with each other (on SQLite, and on
    PostgreSQL as far as its isolation level gives).
    """
    if batch_rows < 1:
        raise ServiceError(_("a batch must hold at least one row"))
    report: Progress = progress or (lambda _table, _rows: None)
    written: dict[str, dict[str, Any]] = {}
    streams = snapshot_streams(scope, batch_rows=batch_rows)
    with transaction.atomic():
        for name in ("employees", "ties", "people", "identifiers", "companies"):
            if name in tables or (name in ("employees", "people") and "groups" in tables):
                stream = streams[name]
                written[name] = _write(
                    table_path(folder, name),
                    stream.schema,
                    stream.batches(),
                    functools.partial(report, name),
                )
    if "groups" in tables:
        groups = snapshot_groups(
            _read_back(
                table_path(folder, "employees"),
                ["id", "department", "location", "job_title"],
                batch_rows,
            ),
            _read_back(table_path(folder, "people"), ["id", "position"], batch_rows),
            batch_rows=batch_rows,
        )
        written["groups"] = _write(
            table_path(folder, "groups"), GROUPS, groups, lambda rows: report("groups", rows)
        )
    return {name: written[name] for name in tables}


def snapshot_export(
    *,
    directory: Path,
    scope: Scope,
    batch_rows: int = BATCH_ROWS,
    progress: Progress | None = None,
) -> Manifest:
    """Write the snapshot of ``scope`` to ``directory`` (an empty one or an earlier snapshot's).

    Earlier results in the folder are removed: they belong to the data of then.
    """
    folder = _folder(directory)
    created = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    old_results = folder / "results"
    if old_results.is_dir():
        shutil.rmtree(old_results)
    written = snapshot_write(folder, scope, batch_rows=batch_rows, progress=progress)
    manifest = Manifest(
        kind=SNAPSHOT_KIND,
        schema_version=SCHEMA_VERSION,
        created_at=created,
        scope=scope.as_json(),
        fingerprint=fingerprint_files(folder),
        tables=written,
    )
    write_manifest(folder, manifest)
    return manifest


def snapshot_fingerprint(scope: Scope) -> tuple[str, set[int]]:
    """The fingerprint the data of ``scope`` has now, and its employees' ids.

    Streamed like an export, into a work folder under ``$WEAKTIES_HOME/snapshots`` that is
    removed afterwards: only the tables the fingerprint covers.
    """
    import tempfile

    from django.conf import settings

    work = Path(settings.HOME) / "snapshots"
    work.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="fingerprint-", dir=work) as folder:
        snapshot_write(Path(folder), scope, tables=tuple(FINGERPRINT_COLUMNS))
        employees = pq.ParquetFile(table_path(Path(folder), "employees"))
        ids: set[int] = set()
        for batch in employees.iter_batches(columns=["id"], batch_size=BATCH_ROWS):
            ids.update(batch.column(0).to_pylist())
        return fingerprint_files(Path(folder)), ids
