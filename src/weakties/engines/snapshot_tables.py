"""A snapshot's tables opened in a dialect, and the folder inside it that a job writes into.

The jobs that run over a Parquet snapshot (who can introduce, :mod:`.introducers`; supply and
demand, :mod:`.supply_demand`) start alike: check the snapshot (its manifest and checksums,
:func:`~.manifest.read_manifest`), open the tables they read, make their own folder inside
the snapshot, and write there the inputs they make (a target list, occupation terms) to open
them beside the snapshot's tables. The SQL then joins them all, on any dialect.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from .dialects import Dialect
from .manifest import read_manifest, table_path

__all__ = ["open_input", "open_snapshot"]


def open_snapshot(folder: Path, dialect: Dialect, tables: Iterable[str], *, output: str) -> Path:
    """Check the snapshot in ``folder`` and open ``tables`` of it in ``dialect``.

    Returns the folder ``output`` inside the snapshot (made if it is not there yet), where
    the job writes its inputs and results. A damaged or changed snapshot raises
    :class:`~.manifest.ManifestError` before any table is opened.
    """
    folder = Path(folder)
    read_manifest(folder)
    for table in tables:
        dialect.open(table, table_path(folder, table))
    out = folder / output
    out.mkdir(exist_ok=True)
    return out


def open_input(out: Path, name: str, table: pa.Table, dialect: Dialect) -> Path:
    """Write ``table`` into ``out`` as ``name`` and open it in ``dialect`` by that name; its path."""
    path = table_path(out, name)
    pq.write_table(table, str(path))
    dialect.open(name, path)
    return path
