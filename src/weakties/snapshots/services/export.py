"""``snapshot_export``: an organisation's or a federation's network as Parquet plus a manifest."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pyarrow.parquet as pq
from django.utils.translation import gettext as _

from weakties.accounts.services.organisations import organisation_get
from weakties.core.errors import ServiceError
from weakties.engines.manifest import (
    SCHEMA_VERSION,
    SNAPSHOT_KIND,
    SNAPSHOT_TABLES,
    Manifest,
    fingerprint,
    table_path,
    table_sha256,
    write_manifest,
)
from weakties.meetings.services.federations import federation_get
from weakties.snapshots.selectors import Scope, snapshot_tables

__all__ = ["snapshot_export", "snapshot_scope"]


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


def snapshot_export(*, directory: Path, scope: Scope) -> Manifest:
    """Write the snapshot of ``scope`` to ``directory`` (an empty one or an earlier snapshot's).

    Earlier results in the folder are removed: they belong to the data of then.
    """
    folder = _folder(directory)
    created = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    tables = snapshot_tables(scope)
    old_results = folder / "results"
    if old_results.is_dir():
        import shutil

        shutil.rmtree(old_results)
    written = {}
    for name in SNAPSHOT_TABLES:
        path = table_path(folder, name)
        pq.write_table(tables[name], str(path), compression="zstd")
        written[name] = {"rows": tables[name].num_rows, "sha256": table_sha256(path)}
    manifest = Manifest(
        kind=SNAPSHOT_KIND,
        schema_version=SCHEMA_VERSION,
        created_at=created,
        scope=scope.as_json(),
        fingerprint=fingerprint(tables),
        tables=written,
    )
    write_manifest(folder, manifest)
    return manifest
