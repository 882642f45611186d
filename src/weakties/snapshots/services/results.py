"""``snapshot_results_load``: an engine's results into the database, all or nothing.

Results are refused, with what to do, when

* the folder's manifest is not a weakties results manifest of this schema version, or a table's
  bytes differ from the checksum it gives (damaged, or changed by hand);
* they were computed from other data than the database holds now: the fingerprint of the
  snapshot they came from must be the one the database gives today (a tie imported, a consent
  withdrawn or a company's sector changed since makes another);
* a table holds what cannot be: an employee outside the snapshot, a negative count, more unique
  reach than reach.

An organisation's go into a new :class:`~weakties.insights.models.AnalysisRun`: reach, unique
reach, coverage and growth by year from the engine; the measures the engine does not compute
(constraint, brokerage, types …) carried from the latest finished run, named in
``figures["carried_from"]``. A federation's go into a new
:class:`~weakties.snapshots.models.FederationRun` (network-wide figures, and every member's
employees' reach within the network), under the same checks: an employee of an organisation
outside the federation, or of none, is refused like one outside an organisation's snapshot.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pyarrow as pa
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from weakties.accounts.services.organisations import organisation_get
from weakties.core.errors import ServiceError
from weakties.engines.dialects import read_table
from weakties.engines.manifest import (
    RESULTS_KIND,
    Manifest,
    ManifestError,
    read_manifest,
    table_path,
)
from weakties.engines.metrics import ATTRIBUTES
from weakties.insights.models import AnalysisRun, EmployeeInsight
from weakties.insights.services.analytics import latest_run
from weakties.meetings.services.federations import federation_get
from weakties.snapshots.models import FederationReach, FederationRun
from weakties.snapshots.selectors import Scope
from weakties.snapshots.services.export import snapshot_fingerprint

__all__ = ["snapshot_results_load", "results_manifest"]

Tables = dict[str, dict[str, list]]

#: Columns each results table must have, and their kind.
COLUMNS = {
    "employee_reach": {"employee_id": "int", "reach": "int", "unique_reach": "int"},
    "coverage": {"attribute": "str", "label": "str", "people": "int", "employees": "int"},
    "summary": {"people_reached": "int", "external_ties": "int", "employees_sharing": "int"},
    "growth": {"year": "int", "people": "int"},
}
#: EmployeeInsight fields the engine fills; the others are carried from the latest run.
ENGINE_FIELDS = {"reach", "unique_reach"}


def _results_folder(directory: Path) -> Path:
    directory = Path(directory)
    inner = directory / "results"
    return inner if (inner / "manifest.json").is_file() else directory


def results_manifest(*, directory: Path) -> Manifest:
    """The checked manifest of the results in ``directory`` (a snapshot folder or its results)."""
    try:
        return read_manifest(_results_folder(directory), kind=RESULTS_KIND)
    except ManifestError as exc:
        raise ServiceError(_("results refused: {why}").format(why=exc)) from None


def _check_columns(name: str, table: pa.Table) -> None:
    for column, kind in COLUMNS.get(name, {}).items():
        if column not in table.column_names:
            raise ServiceError(
                _("results refused: table {table} has no column {column}").format(
                    table=name, column=column
                )
            )
        type_ = table.schema.field(column).type
        ok = pa.types.is_integer(type_) if kind == "int" else pa.types.is_string(type_)
        if not ok:
            raise ServiceError(
                _("results refused: {table}.{column} is {type}, not {kind}").format(
                    table=name, column=column, type=type_, kind=kind
                )
            )


def _refuse(message: str, **values: Any) -> ServiceError:
    return ServiceError(_("results refused: ") + message.format(**values))


def _check_reach(rows: dict[str, list], employee_ids: set[int]) -> None:
    ids = rows["employee_id"]
    if len(set(ids)) != len(ids):
        raise _refuse(_("an employee appears twice in employee_reach"))
    outside = sorted(set(ids) - employee_ids)
    if outside:
        raise _refuse(
            _("employee_reach names employees outside the snapshot ({ids})"),
            ids=", ".join(map(str, outside[:5])),
        )
    for i, reach, unique in zip(ids, rows["reach"], rows["unique_reach"], strict=True):
        if reach is None or unique is None or reach < 0 or unique < 0 or unique > reach:
            raise _refuse(
                _("employee {id} has reach {reach} and unique reach {unique}"),
                id=i,
                reach=reach,
                unique=unique,
            )


def _check_coverage(rows: dict[str, list]) -> None:
    for attribute, people, employees in zip(
        rows["attribute"], rows["people"], rows["employees"], strict=True
    ):
        if attribute not in ATTRIBUTES:
            raise _refuse(_("coverage of an unknown attribute {name}"), name=repr(attribute))
        if people is None or employees is None or people < 0 or employees < 0:
            raise _refuse(_("coverage with a negative count for {name}"), name=attribute)


def _coverage_figures(rows: dict[str, list], summary: dict[str, list]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name in ATTRIBUTES:
        picked = [
            (label or "", people)
            for attribute, label, people in zip(
                rows["attribute"], rows["label"], rows["people"], strict=True
            )
            if attribute == name
        ]
        out[name] = {
            "labels": [label for label, _people in picked],
            "people": [int(people) for _label, people in picked],
            "unknown": int(summary[f"unknown_{name}"][0]),
            "categories_covered": sum(1 for _label, people in picked if people > 0),
        }
    return out


def _scope(manifest: Manifest) -> Scope:
    name = manifest.scope["name"]
    if manifest.scope["kind"] == "federation":
        federation = federation_get(name)
        members = tuple(sorted(federation.members.values_list("id", flat=True)))
        if not members:
            raise _refuse(
                _("the federation {name} has no member organisations yet"),
                name=repr(federation.name),
            )
        return Scope(kind="federation", name=federation.name, organisation_ids=members)
    org = organisation_get(name=name)
    return Scope(kind="organisation", name=org.name, organisation_ids=(org.id,))


def _read(folder: Path, manifest: Manifest) -> Tables:
    out = {}
    for name in ("employee_reach", "coverage", "summary", "growth"):
        try:
            table = read_table(table_path(folder, name))
        except (OSError, pa.ArrowException) as exc:
            raise _refuse(_("table {table} cannot be read ({why})"), table=name, why=exc) from None
        _check_columns(name, table)
        if table.num_rows != manifest.rows(name):
            raise _refuse(
                _("table {table} has another number of rows than its manifest says"), table=name
            )
        out[name] = table.to_pydict()
    if len(out["summary"]["people_reached"]) != 1:
        raise _refuse(_("the summary must hold one row"))
    return out


def snapshot_results_load(*, directory: Path) -> AnalysisRun | FederationRun:
    """Store the results in ``directory``; returns the new run. Nothing changes on refusal.

    An organisation's results make an :class:`AnalysisRun`, a federation's a
    :class:`FederationRun`.
    """
    folder = _results_folder(directory)
    manifest = results_manifest(directory=directory)
    scope = _scope(manifest)
    current, employee_ids = snapshot_fingerprint(scope)
    if current != manifest.fingerprint:
        raise ServiceError(
            _(
                "results refused: they were computed from the data of {organisation} as it was "
                "at {time}, and it has changed since (ties, consents or companies); export a new "
                "snapshot, compute it and load its results"
            ).format(organisation=scope.name, time=manifest.snapshot_created_at or "?")
        )
    rows = _read(folder, manifest)
    _check_reach(rows["employee_reach"], employee_ids)
    _check_coverage(rows["coverage"])
    if scope.kind == "federation":
        return _store_federation(scope, manifest, rows)
    return _store_organisation(scope, manifest, rows)


def _figures(manifest: Manifest, rows: Tables, coverage: dict[str, Any]) -> dict[str, Any]:
    """The figures an engine gives, for an organisation's run or a federation's."""
    summary = rows["summary"]
    return {
        "engine": manifest.engine,
        "snapshot": {
            "created_at": manifest.snapshot_created_at,
            "fingerprint": manifest.fingerprint,
        },
        "employees": int(summary["employees"][0]) if "employees" in summary else None,
        "employees_sharing": int(summary["employees_sharing"][0]),
        "people_reached": int(summary["people_reached"][0]),
        "external_ties": int(summary["external_ties"][0]),
        "coverage": coverage | _coverage_figures(rows["coverage"], summary),
        "growth_years": [
            {"year": int(y), "people": int(p)}
            for y, p in zip(rows["growth"]["year"], rows["growth"]["people"], strict=True)
        ],
    }


def _store_federation(scope: Scope, manifest: Manifest, rows: Tables) -> FederationRun:
    reach = rows["employee_reach"]
    federation = federation_get(scope.name)
    figures = _figures(manifest, rows, {})
    figures["members"] = sorted(federation.members.values_list("name", flat=True))
    with transaction.atomic():
        run = FederationRun.objects.create(
            federation=federation,
            engine=manifest.engine,
            snapshot_created_at=manifest.snapshot_created_at,
            fingerprint=manifest.fingerprint,
            figures=figures,
        )
        FederationReach.objects.bulk_create(
            (
                FederationReach(run=run, employee_id=employee, reach=r, unique_reach=u)
                for employee, r, u in zip(
                    reach["employee_id"], reach["reach"], reach["unique_reach"], strict=True
                )
            ),
            batch_size=2000,
        )
    return run


def _store_organisation(scope: Scope, manifest: Manifest, rows: Tables) -> AnalysisRun:
    reach = rows["employee_reach"]
    org_id = scope.organisation_ids[0]
    with transaction.atomic():
        previous = latest_run(organisation=organisation_get(name=scope.name))
        figures = dict(previous.figures) if previous else {}
        stored = figures.get("coverage")
        figures.update(_figures(manifest, rows, stored if isinstance(stored, dict) else {}))
        figures["carried_from"] = previous.id if previous else None
        run = AnalysisRun.objects.create(organisation_id=org_id, figures=figures)
        carried = {}
        if previous:
            for insight in previous.employees.all():
                carried[insight.employee_id] = insight
        insights = []
        for employee, r, u in zip(
            reach["employee_id"], reach["reach"], reach["unique_reach"], strict=True
        ):
            insight = EmployeeInsight(run=run, employee_id=employee, reach=r, unique_reach=u)
            old = carried.get(employee)
            if old is not None:
                for f in EmployeeInsight._meta.concrete_fields:
                    if f.name not in {"id", "run", "employee", *ENGINE_FIELDS}:
                        setattr(insight, f.attname, getattr(old, f.attname))
            insights.append(insight)
        EmployeeInsight.objects.bulk_create(insights, batch_size=2000)
        run.status = AnalysisRun.Status.DONE
        run.finished_at = timezone.now()
        run.save(update_fields=["status", "finished_at"])
    return run
