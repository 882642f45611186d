"""Run the engines over a snapshot folder: the metrics (``snapshot_compute``, into
``DIR/results``), who can introduce, identity resolution, and supply ↔ demand
(``snapshot_match``: an employer network's open vacancies against its contacts)."""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

from weakties.core.errors import ServiceError
from weakties.engines.compute import compute
from weakties.engines.dialects import ENGINES, dialect_for
from weakties.engines.introducers import TARGETS, who_can_introduce
from weakties.engines.manifest import Manifest, ManifestError, read_manifest
from weakties.insights.models import AnalysisRun

__all__ = [
    "SupplyDemandCounts",
    "analytics_on_engine",
    "snapshot_compute",
    "snapshot_introducers",
    "snapshot_match",
    "snapshot_resolve",
]


def _check_java(engine: str) -> None:
    if engine == "spark" and not shutil.which("java"):
        raise ServiceError(
            _("the Spark engine needs Java: run scripts/system-deps.sh (openjdk-17-jre-headless)")
        )


def _known_engine(engine: str) -> None:
    if engine not in ENGINES:
        raise ServiceError(
            _("unknown engine {name}; choose one of {names}").format(
                name=repr(engine), names=", ".join(ENGINES)
            )
        )


def snapshot_compute(
    *, directory: Path, engine: str = "embedded", master: str | None = None, session: Any = None
) -> tuple[Manifest, dict[str, float]]:
    """Compute the results of the snapshot in ``directory`` with ``engine``.

    ``session`` lends an open SparkSession (the tests share one) instead of starting one.
    """
    _known_engine(engine)
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
    _known_engine(engine)
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

    _known_engine(engine)
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


@dataclass(frozen=True)
class SupplyDemandCounts:
    """What ``snapshot_match`` found: per open request its candidate contacts, and in all.

    ``requests`` holds, per vacancy or work-experience place, its ``id``, ``organisation``,
    ``kind``, ``title`` and ``candidates`` (contacts linked to it by occupation); ``contacts``
    counts the distinct people among all candidates. No contact is named: the snapshot holds
    ids and digests only, and these are counts.
    """

    federation: str
    path: Path
    requests: list[dict[str, Any]]
    candidates: int
    contacts: int


def _open_demand(federation: Any) -> list[Any]:
    """The federation's open demand: vacancies and work-experience places of its members, asked
    at any of its meetings, with no outcome recorded yet."""
    from weakties.matching.records import DEMAND_KINDS
    from weakties.meetings.models import HelpRequest

    return list(
        HelpRequest.objects.filter(
            meeting__federation=federation,
            organisation__in=federation.members.all(),
            kind__in=DEMAND_KINDS,
            outcome="",
        )
        .select_related("organisation", "meeting")
        .order_by("id")
    )


def _per_request(path: Path) -> tuple[dict[int, int], int]:
    """Candidates per request id, and the distinct contacts among them (two columns read)."""
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    table = pq.read_table(str(path), columns=["request_id", "person_id"])
    grouped = table.group_by("request_id").aggregate([("person_id", "count")])
    per = dict(
        zip(
            grouped.column("request_id").to_pylist(),
            grouped.column("person_id_count").to_pylist(),
            strict=True,
        )
    )
    return per, int(pc.count_distinct(table.column("person_id")).as_py()) if len(table) else 0


def snapshot_match(
    *,
    directory: Path,
    federation: str,
    engine: str = "embedded",
    least: str = "related",
    master: str | None = None,
    session: Any = None,
) -> SupplyDemandCounts:
    """Supply ↔ demand on ``engine``: the contacts of an employer network for its open demand.

    The federation's open vacancies and work-experience places (:func:`_open_demand`) are
    matched by occupation, at ``least`` this close (``related``, ``family``, ``synonym``),
    against the people its members' sharing employees know in the snapshot of that federation
    in ``directory`` (:func:`weakties.engines.supply_demand.supply_demand_candidates`). The
    candidates go to ``DIR/supply_demand/candidates.parquet``. A snapshot of another scope, or
    one that does not check, is refused.
    """
    from weakties.engines.supply_demand import LINKS, supply_demand_candidates
    from weakties.meetings.services.federations import federation_get
    from weakties.meetings.services.proposals import to_request

    _known_engine(engine)
    if least not in LINKS:
        raise ServiceError(
            _("unknown link {name}; choose one of {names}").format(
                name=repr(least), names=", ".join(LINKS)
            )
        )
    found = federation_get(federation)
    try:  # the scope first; the checksums (every table read) once, by the engine's function
        manifest = read_manifest(Path(directory), verify=False)
    except ManifestError as exc:
        raise ServiceError(_("snapshot refused: {why}").format(why=exc)) from None
    if manifest.scope != {"kind": "federation", "name": found.name}:
        raise ServiceError(
            _(
                "snapshot refused: {path} is a snapshot of {name}, not of the employer network "
                "{federation}; export one with `weakties snapshot export DIR --federation NAME`"
            ).format(path=directory, name=manifest.scope["name"], federation=found.name)
        )
    demand = _open_demand(found)
    _check_java(engine)
    dialect = dialect_for(engine, master=master, session=session)
    try:
        path = supply_demand_candidates(
            Path(directory), dialect, [to_request(r) for r in demand], least=least
        )
    except ManifestError as exc:
        raise ServiceError(_("snapshot refused: {why}").format(why=exc)) from None
    finally:
        dialect.close()
    per, contacts = _per_request(path)
    requests = [
        {
            "id": r.pk,
            "organisation": r.organisation.name,
            "kind": r.kind,
            "title": r.title,
            "candidates": per.get(r.pk, 0),
        }
        for r in demand
    ]
    return SupplyDemandCounts(
        federation=found.name,
        path=path,
        requests=requests,
        candidates=sum(per.values()),
        contacts=contacts,
    )
