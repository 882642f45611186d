"""``snapshot_compute``: run an engine's metrics over a snapshot folder (``DIR/results``)."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

from weakties.core.errors import ServiceError
from weakties.engines.compute import compute
from weakties.engines.dialects import ENGINES, dialect_for
from weakties.engines.introducers import TARGETS, who_can_introduce
from weakties.engines.manifest import Manifest, ManifestError, read_manifest
from weakties.insights.models import AnalysisRun

__all__ = ["analytics_on_engine", "snapshot_compute", "snapshot_introducers", "snapshot_resolve"]


def _check_java(engine: str) -> None:
    if engine == "spark" and not shutil.which("java"):
        raise ServiceError(
            _("the Spark engine needs Java: run scripts/system-deps.sh (openjdk-17-jre-headless)")
        )


def snapshot_compute(
    *, directory: Path, engine: str = "embedded", master: str | None = None, session: Any = None
) -> tuple[Manifest, dict[str, float]]:
    """Compute the results of the snapshot in ``directory`` with ``engine``.

    ``session`` lends an open SparkSession (the tests share one) instead of starting one.
    """
    if engine not in ENGINES:
        raise ServiceError(
            _("unknown engine {name}; choose one of {names}").format(
                name=repr(engine), names=", ".join(ENGINES)
            )
        )
    _check_java(engine)
    dialect = dialect_for(engine, master=master, session=session)
    try:
        return compute(Path(directory), dialect)
    except ManifestError as exc:
        raise ServiceError(_("snapshot refused: {why}").format(why=exc)) from None
    finally:
        dialect.close()


def _target_table(list_id: int, scope: dict[str, str]) -> Any:
    """The targets of list ``list_id`` as the engines read them, if the snapshot covers it."""
    import pyarrow as pa

    from weakties.accounts.models import Organisation
    from weakties.expertise.models import Target, TargetList

    found = TargetList.objects.select_related("organisation").filter(pk=list_id).first()
    if found is None:
        raise ServiceError(_("no target list {id}").format(id=list_id))
    if scope["kind"] == "federation":
        covered = Organisation.objects.filter(
            federations__name=scope["name"], pk=found.organisation_id
        ).exists()
    else:
        covered = found.organisation.name == scope["name"]
    if not covered:
        raise ServiceError(
            _(
                "target list {id} belongs to {organisation}, which this snapshot does not cover"
            ).format(id=list_id, organisation=found.organisation.name)
        )
    rows = [
        (t.pk, t.kind, t.key if t.kind == Target.Kind.COMPANY else t.digest)
        for t in found.targets.order_by("line")
    ]
    return pa.table(
        [list(column) for column in zip(*rows, strict=True)] or [[], [], []], schema=TARGETS
    )


def snapshot_introducers(
    *,
    directory: Path,
    target_list: int,
    engine: str = "embedded",
    master: str | None = None,
    session: Any = None,
) -> tuple[Path, int]:
    """Who can introduce, for every target of a list, computed on ``engine`` over a snapshot.

    Returns where the candidates were written and how many there are.
    """
    if engine not in ENGINES:
        raise ServiceError(
            _("unknown engine {name}; choose one of {names}").format(
                name=repr(engine), names=", ".join(ENGINES)
            )
        )
    try:
        manifest = read_manifest(Path(directory))
    except ManifestError as exc:
        raise ServiceError(_("snapshot refused: {why}").format(why=exc)) from None
    targets = _target_table(target_list, manifest.scope)
    _check_java(engine)
    dialect = dialect_for(engine, master=master, session=session)
    try:
        path = who_can_introduce(Path(directory), dialect, targets)
    finally:
        dialect.close()
    from weakties.engines.dialects import read_table

    return path, read_table(path).num_rows


def analytics_on_engine(
    *, organisation_name: str, engine: str, master: str | None = None, session: Any = None
) -> AnalysisRun:
    """``weakties analyze --engine spark``: snapshot, compute and load, in a work folder.

    The folder (under ``$WEAKTIES_HOME/snapshots``) is removed once the results are stored.
    """
    from django.conf import settings

    from weakties.snapshots.services.export import snapshot_export, snapshot_scope
    from weakties.snapshots.services.results import snapshot_results_load

    scope = snapshot_scope(organisation=organisation_name)
    work = Path(settings.HOME) / "snapshots"
    work.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix=f"org{scope.organisation_ids[0]}-", dir=work))
    try:
        snapshot_export(directory=folder, scope=scope)
        snapshot_compute(directory=folder, engine=engine, master=master, session=session)
        return snapshot_results_load(directory=folder)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def snapshot_resolve(
    *, directory: Path, engine: str = "embedded", master: str | None = None, session: Any = None
) -> tuple[Path, dict[str, int]]:
    """Candidate pairs for identity resolution over a snapshot, computed on ``engine``
    (:mod:`weakties.engines.resolution`); where they were written and how many per rule."""
    from weakties.engines.resolution import candidate_pairs, rule_counts

    if engine not in ENGINES:
        raise ServiceError(
            _("unknown engine {name}; choose one of {names}").format(
                name=repr(engine), names=", ".join(ENGINES)
            )
        )
    try:
        read_manifest(Path(directory))
    except ManifestError as exc:
        raise ServiceError(_("snapshot refused: {why}").format(why=exc)) from None
    _check_java(engine)
    dialect = dialect_for(engine, master=master, session=session)
    try:
        path = candidate_pairs(Path(directory), dialect)
    finally:
        dialect.close()
    return path, rule_counts(path)
