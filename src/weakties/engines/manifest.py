"""``manifest.json``: what a snapshot or a results folder holds, read without trusting it.

A snapshot folder holds one Parquet file per table of :data:`SNAPSHOT_TABLES` and a manifest:
the schema version, when the snapshot was taken, its scope (an organisation or a federation),
the rows and the SHA-256 of every table, and the **fingerprint** of the data it was taken from.
An engine writes a ``results`` folder beside them, with its own manifest that repeats the
snapshot's fingerprint. Results are read back only when that fingerprint is the one the
database gives now: results of other data are refused.

A manifest comes from outside (another machine, a cluster's storage), so every field is checked
here and a wrong one is named in a :class:`ManifestError`; file names are never taken from it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

__all__ = [
    "Manifest",
    "ManifestError",
    "RESULT_TABLES",
    "SCHEMA_VERSION",
    "SNAPSHOT_TABLES",
    "fingerprint",
    "fingerprint_files",
    "read_manifest",
    "table_path",
    "table_sha256",
    "write_manifest",
]

#: Raised whenever the layout of the tables or their meaning changes. 2: the people carry
#: what identity resolution compares (:data:`weakties.engines.resolution.COLUMNS`).
SCHEMA_VERSION = 2
SNAPSHOT_KIND = "weakties-snapshot"
RESULTS_KIND = "weakties-results"
SNAPSHOT_TABLES = ("people", "identifiers", "companies", "employees", "ties", "groups")
#: Every table ``compute`` writes to ``results`` (the keys of :data:`.metrics.METRICS`): each
#: one's checksum is verified when the results are read, whether or not they are loaded.
RESULT_TABLES = (
    "employee_reach",
    "tie_embeddedness",
    "coverage",
    "summary",
    "growth",
    "employee_redundancy",
)
#: The columns whose values the results depend on: the fingerprint covers exactly these.
FINGERPRINT_COLUMNS = {
    "employees": ("id", "sharing"),
    "ties": ("id", "employee_id", "person_id", "colleague"),
    "people": ("id", "company_id"),
    "companies": ("id", "name", "sector", "region"),
}
MANIFEST = "manifest.json"
#: A manifest is a few hundred bytes; anything much larger is not one.
MAX_MANIFEST_BYTES = 1 << 20
_HEX64 = re.compile(r"^[0-9a-f]{64}$")
#: Rows read at a time when a table is read back in pieces.
BATCH = 65_536


class ManifestError(ValueError):
    """A snapshot or results folder that cannot be used; the message says what and where."""


@dataclass(frozen=True)
class Manifest:
    """What a snapshot (``kind`` ``weakties-snapshot``) or a results folder holds."""

    kind: str
    schema_version: int
    created_at: str
    scope: dict[str, str]
    fingerprint: str
    #: table → {"rows": int, "sha256": hex}
    tables: dict[str, dict[str, Any]]
    #: Results only: the engine that computed them, and the snapshot's time.
    engine: str = ""
    snapshot_created_at: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "format": self.kind,
            "schema_version": self.schema_version,
            "created_at": self.created_at,
            "scope": self.scope,
            "fingerprint": self.fingerprint,
            "tables": self.tables,
        }
        if self.kind == RESULTS_KIND:
            out["engine"] = self.engine
            out["snapshot_created_at"] = self.snapshot_created_at
        return out | self.extra

    def rows(self, table: str) -> int:
        return int(self.tables[table]["rows"])


def table_path(folder: Path, table: str) -> Path:
    """Where ``table`` lies in ``folder``: a Parquet file, or a folder of parts (Spark)."""
    return Path(folder) / f"{table}.parquet"


def _parts(path: Path) -> list[Path]:
    if path.is_dir():
        # Spark writes part files plus _SUCCESS and .crc files beside them.
        return sorted(p for p in path.iterdir() if p.suffix == ".parquet" and p.is_file())
    return [path] if path.is_file() else []


def table_sha256(path: Path) -> str:
    """SHA-256 of a table's Parquet bytes (of its parts in name order, for a folder)."""
    digest = hashlib.sha256()
    for part in _parts(path):
        with part.open("rb") as f:
            while chunk := f.read(1 << 20):
                digest.update(chunk)
    return digest.hexdigest()


def _column_bytes(column: pa.ChunkedArray) -> bytes:
    if pa.types.is_string(column.type) or pa.types.is_large_string(column.type):
        return "\x1f".join("\x00" if v is None else v for v in column.to_pylist()).encode()
    if pa.types.is_boolean(column.type):
        values = column.fill_null(False).to_numpy(zero_copy_only=False).astype(np.int8)
    else:
        values = column.fill_null(-1).to_numpy(zero_copy_only=False).astype(np.int64)
    return np.ascontiguousarray(values).tobytes()


def fingerprint(tables: dict[str, pa.Table]) -> str:
    """SHA-256 of what the results depend on (:data:`FINGERPRINT_COLUMNS`), rows sorted by id.

    The same data gives the same fingerprint whatever the order it was read in; a tie more or
    less, a consent withdrawn or a company's sector changed gives another.
    """
    digest = hashlib.sha256(f"weakties-fingerprint-{SCHEMA_VERSION}".encode())
    for name, columns in FINGERPRINT_COLUMNS.items():
        table = tables[name].select(list(columns)).sort_by("id")
        digest.update(f"|{name}:{table.num_rows}".encode())
        for column in columns:
            digest.update(f"|{column}|".encode())
            digest.update(_column_bytes(table.column(column)))
    return digest.hexdigest()


def _string_bytes(values: list[str | None]) -> bytes:
    return "\x1f".join("\x00" if v is None else v for v in values).encode()


def _column_stream(batches: Iterable[pa.Array], kind: pa.DataType) -> Iterator[bytes]:
    """:func:`_column_bytes` of a column given in pieces: the same bytes, piece by piece."""
    started = False
    for array in batches:
        if pa.types.is_string(kind) or pa.types.is_large_string(kind):
            if len(array):
                yield ("\x1f" if started else "").encode() + _string_bytes(array.to_pylist())
                started = True
        else:
            yield _column_bytes(pa.chunked_array([array], kind))


def _sorted_by_id(path: Path) -> bool:
    previous = None
    for batch in pq.ParquetFile(path).iter_batches(columns=["id"], batch_size=BATCH):
        ids = batch.column(0)
        if len(ids) == 0:
            continue
        if previous is not None and pc.min(ids).as_py() < previous:
            return False
        if len(ids) > 1 and not pc.all(pc.greater_equal(ids[1:], ids[:-1])).as_py():
            return False
        previous = ids[-1].as_py()
    return True


def fingerprint_files(folder: Path) -> str:
    """:func:`fingerprint` of the snapshot tables written in ``folder``, read column by column.

    The same digest as :func:`fingerprint` of the tables in memory, with the memory of one
    batch: a table written in ``id`` order (as the export writes it) is read in pieces; one
    that is not is sorted in memory first.
    """
    digest = hashlib.sha256(f"weakties-fingerprint-{SCHEMA_VERSION}".encode())
    for name, columns in FINGERPRINT_COLUMNS.items():
        path = table_path(Path(folder), name)
        file = pq.ParquetFile(path)
        digest.update(f"|{name}:{file.metadata.num_rows}".encode())
        ordered = _sorted_by_id(path)
        whole = None if ordered else file.read(columns=list(columns)).sort_by("id")
        for column in columns:
            digest.update(f"|{column}|".encode())
            kind = file.schema_arrow.field(column).type
            if whole is not None:
                pieces: Iterable[pa.Array] = whole.column(column).chunks
            else:
                pieces = (
                    b.column(0)
                    for b in pq.ParquetFile(path).iter_batches(columns=[column], batch_size=BATCH)
                )
            for chunk in _column_stream(pieces, kind):
                digest.update(chunk)
    return digest.hexdigest()


def write_manifest(folder: Path, manifest: Manifest) -> Path:
    path = Path(folder) / MANIFEST
    path.write_text(json.dumps(manifest.as_json(), indent=2, sort_keys=True) + "\n")
    return path


def _need(data: dict[str, Any], key: str, kind: type, where: Path) -> Any:
    value = data.get(key)
    if not isinstance(value, kind) or isinstance(value, bool) and kind is not bool:
        raise ManifestError(f"{where}: '{key}' is missing or not a {kind.__name__}")
    return value


def _tables(data: dict[str, Any], names: tuple[str, ...], where: Path) -> dict[str, Any]:
    tables = _need(data, "tables", dict, where)
    missing = [name for name in names if name not in tables]
    if missing:
        raise ManifestError(f"{where}: tables missing: {', '.join(missing)}")
    out = {}
    for name in names:
        entry = tables[name]
        rows = entry.get("rows") if isinstance(entry, dict) else None
        sha = entry.get("sha256") if isinstance(entry, dict) else None
        if not isinstance(rows, int) or isinstance(rows, bool) or rows < 0:
            raise ManifestError(f"{where}: table '{name}' has no valid row count")
        if not isinstance(sha, str) or not _HEX64.match(sha):
            raise ManifestError(f"{where}: table '{name}' has no valid sha256")
        out[name] = {"rows": rows, "sha256": sha}
    return out


def _load_json(path: Path) -> dict[str, Any]:
    if not path.is_file():
        raise ManifestError(f"{path}: no manifest here (is this a weakties snapshot folder?)")
    if path.stat().st_size > MAX_MANIFEST_BYTES:
        raise ManifestError(f"{path}: too large for a manifest")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ManifestError(f"{path}: not valid JSON ({exc})") from None
    if not isinstance(data, dict):
        raise ManifestError(f"{path}: not a JSON object")
    return data


def read_manifest(folder: Path, *, kind: str = SNAPSHOT_KIND, verify: bool = True) -> Manifest:
    """The manifest of a snapshot (or, with ``kind=RESULTS_KIND``, a results) folder.

    Checks the format, the schema version, every field's type, and (``verify``) that each
    table's file is there with the rows' SHA-256 the manifest gives.
    """
    folder = Path(folder)
    path = folder / MANIFEST
    data = _load_json(path)
    if data.get("format") != kind:
        raise ManifestError(f"{path}: not a {kind} manifest (format {data.get('format')!r})")
    version = _need(data, "schema_version", int, path)
    if version != SCHEMA_VERSION:
        again = " (export the snapshot again)" if version < SCHEMA_VERSION else ""
        raise ManifestError(
            f"{path}: schema version {version}; this weakties reads version {SCHEMA_VERSION}"
            + again
        )
    created = _need(data, "created_at", str, path)
    try:
        dt.datetime.fromisoformat(created)
    except ValueError:
        raise ManifestError(f"{path}: created_at {created!r} is not a time") from None
    scope = _need(data, "scope", dict, path)
    if set(scope) != {"kind", "name"} or scope.get("kind") not in ("organisation", "federation"):
        raise ManifestError(f"{path}: scope must name an organisation or a federation")
    if not all(isinstance(v, str) for v in scope.values()):
        raise ManifestError(f"{path}: scope must name an organisation or a federation")
    mark = _need(data, "fingerprint", str, path)
    if not _HEX64.match(mark):
        raise ManifestError(f"{path}: fingerprint is not a SHA-256")
    names = SNAPSHOT_TABLES if kind == SNAPSHOT_KIND else RESULT_TABLES
    tables = _tables(data, names, path)
    manifest = Manifest(
        kind=kind,
        schema_version=version,
        created_at=created,
        scope=dict(scope),
        fingerprint=mark,
        tables=tables,
        engine=str(data.get("engine", "")) if kind == RESULTS_KIND else "",
        snapshot_created_at=str(data.get("snapshot_created_at", "")),
    )
    if verify:
        for name in names:
            table = table_path(folder, name)
            if not _parts(table):
                raise ManifestError(f"{table}: missing")
            if table_sha256(table) != tables[name]["sha256"]:
                raise ManifestError(
                    f"{table}: its contents differ from the manifest's checksum "
                    "(changed or damaged after it was written)"
                )
    return manifest
