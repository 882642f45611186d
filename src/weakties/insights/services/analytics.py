"""Refresh the network analytics of an organisation and store the results.

``weakties analyze`` and the web's "refresh" button call
:func:`analytics_refresh`: it loads a snapshot from the database
(:mod:`.snapshots`), runs :func:`weakties.network.analysis.analyze` (every
measure, with the references in its docstring), and writes

* tie strength and tier of every tie (on its :class:`~weakties.people.models.TieRank`),
* one :class:`~weakties.insights.models.EmployeeInsight` per employee,
* the organisation's figures (reach, coverage, growth, how each measure was
  computed and how long it took) on the :class:`~weakties.insights.models.AnalysisRun`.

Structural holes: ties among an employee's external contacts are mostly not
observed, so constraint would drift low for people with many imports.
weakties therefore reports the **same-company** variant (contacts at one
company count as tied, so they are redundant) as ``constraint`` /
``effective_size`` / ``efficiency``, and the measures on observed ties only
under ``observed`` wherever real contact–contact ties exist, with the share
of contacts whose ties are observed (``data_coverage``).
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import numpy as np
from django.db import transaction
from django.utils import timezone

from weakties.accounts.models import Organisation
from weakties.insights.models import BROKERS_FIRST, AnalysisRun, EmployeeInsight
from weakties.insights.services.figures import reach_figures
from weakties.insights.services.snapshots import NetworkData, load_network
from weakties.network import TIERS
from weakties.people.services.tie_ranks import tie_ranks_store_strength
from weakties.people.strength import strength_weights

if TYPE_CHECKING:
    from weakties.network.analysis import Analysis, AnalysisConfig

__all__ = ["analytics_refresh", "latest_run", "employee_rows"]

Progress = Callable[[str, int, int], None]


def _num(x: float) -> float | None:
    x = float(x)
    return round(x, 6) if np.isfinite(x) else None


def latest_run(*, organisation: Organisation) -> AnalysisRun | None:
    return (
        AnalysisRun.objects.filter(organisation=organisation, status=AnalysisRun.Status.DONE)
        .order_by("-finished_at", "-id")
        .first()
    )


def _figures(result: Analysis, data: NetworkData, seconds: dict[str, float]) -> dict[str, Any]:
    snap = data.snapshot
    coverage = {
        name: {
            "labels": list(c.labels),
            "people": c.people.tolist(),
            "unknown": int(c.unknown),
            "categories_covered": int(c.categories_covered),
        }
        for name, c in result.coverage.items()
    }
    growth = []
    if result.growth is not None:
        for day, people in zip(
            result.growth.days.tolist(), result.growth.people.tolist(), strict=True
        ):
            growth.append({"date": str(np.datetime64(int(day), "D")), "people": int(people)})
    bt = result.betweenness if result.betweenness is not None else result.internal_betweenness
    tiers = np.bincount(result.tie_tier[result.tie_tier >= 0], minlength=len(TIERS))
    E = result.n_employees
    types = [e["type"] for e in result.explanations]
    return {
        "employees": int(E),
        "employees_sharing": int(data.sharing.sum()),
        "people": int(result.n_people),
        "people_reached": int(result.people_reached),
        "ties": int(data.tie_ids.size),
        "coverage": coverage,
        "growth": growth,
        # Ties by tier; "unknown": too little evidence for a tier (weakties.network.strength).
        "tiers": {
            **{name: int(n) for name, n in zip(TIERS, tiers.tolist(), strict=True)},
            "unknown": int((result.tie_tier < 0).sum()),
        },
        "types": {t: types.count(t) for t in sorted(set(types))},
        # The job ranking (Rajkumar et al. 2022): the peak over mutual connections as the data
        # shows it, from the share of the organisation in the data.
        "completeness": round(float(result.completeness), 4),
        "mutual_peak": round(float(result.mutual_peak), 4),
        "mutual_connections": _mutual_summary(result.tie_mutual),
        "evidence_median": _num(np.median(result.tie_evidence))
        if result.tie_evidence.size
        else None,
        "internal_ties": int(result.internal_ties),
        "betweenness": {
            "exact": bool(bt.exact) if bt is not None else None,
            "sample_size": int(bt.sample_size) if bt is not None else None,
            "nodes": int(snap.n_nodes if result.betweenness is not None else E),
            "network": "whole" if result.betweenness is not None else "internal",
        },
        "alter_ties_observed": int((result.holes.alter_ties[:E] > 0).sum()),
        "seconds": {k: round(v, 3) for k, v in seconds.items()},
        # What the dashboard, `weakties reach` and the insights page read (see .figures).
        **reach_figures(result, data),
    }


def _mutual_summary(mutual: np.ndarray) -> dict[str, Any]:
    """How many ties have 0, 1-4, 5-14 and 15 or more mutual connections, and the mean."""
    bins = [0, 1, 5, 15]
    counts = np.bincount(np.searchsorted(bins, mutual, side="right") - 1, minlength=len(bins))
    return {
        "mean": round(float(mutual.mean()), 4) if mutual.size else 0.0,
        "bins": {
            "0": int(counts[0]),
            "1-4": int(counts[1]),
            "5-14": int(counts[2]),
            "15+": int(counts[3]),
        },
    }


def _employee_insights(
    run: AnalysisRun, result: Analysis, data: NetworkData
) -> list[EmployeeInsight]:
    E = result.n_employees
    holes = result.holes
    # The same-company variant is the one reported (see the module docstring).
    primary = holes.company if holes.company is not None else holes
    bt = result.betweenness if result.betweenness is not None else result.internal_betweenness
    tiers_by_owner = np.zeros((E, len(TIERS)), dtype=np.int64)
    tie_of_row = result.input_tie
    owners = data.tie_owner
    row_tier = np.where(tie_of_row >= 0, result.tie_tier[np.maximum(tie_of_row, 0)], -1)
    known = row_tier >= 0
    np.add.at(tiers_by_owner, (owners[known], row_tier[known]), 1)
    # Analysed ties whose strength rests on too little evidence for a tier.
    unknown_by_owner = np.bincount(owners[(tie_of_row >= 0) & ~known], minlength=E)
    out = []
    for k, emp in enumerate(data.employees):
        diversity = {}
        for name, d in result.diversity.items():
            ei = result.ei.get(name)
            diversity[name] = {
                "entropy": _num(d.entropy[k]),
                "normalized": _num(d.normalized[k]),
                "known": int(d.known[k]),
                "unknown": int(d.unknown[k]),
                "categories": int(d.categories[k]),
                "ei": _num(ei.index[k]) if ei is not None else None,
                # Krackhardt & Stern: the E-I random mixing would give, and how sure the gap is.
                "ei_expected": _num(x.expected[k]) if (x := result.ei_expected.get(name)) else None,
                "ei_p": _num(x.p[k]) if x is not None else None,
            }
        explanation = dict(result.explanations[k])
        explanation["homophily_attribute"] = result.homophily_attribute[k]
        out.append(
            EmployeeInsight(
                run=run,
                employee_id=emp["id"],
                degree=int(result.degree[k]),
                reach=int(result.reach[k]),
                unique_reach=int(result.unique_reach[k]),
                constraint=_num(primary.constraint[k]),
                effective_size=_num(primary.effective_size[k]),
                efficiency=_num(primary.efficiency[k]),
                hierarchy=_num(primary.hierarchy[k]),
                constraint_observed=_num(holes.constraint[k]) if int(holes.alter_ties[k]) else None,
                effective_size_observed=(
                    _num(holes.effective_size[k]) if int(holes.alter_ties[k]) else None
                ),
                efficiency_observed=_num(holes.efficiency[k]) if int(holes.alter_ties[k]) else None,
                betweenness=float(bt.raw[k]),
                roles=result.roles.as_dict(k) if result.roles is not None else {},
                roles_z=result.roles.z_dict(k) if result.roles is not None else {},
                brokerage_z=_num(result.roles.total_z[k]) if result.roles is not None else None,
                type=explanation["type"],
                type_why=explanation | {"data_coverage": _num(holes.alter_coverage[k])},
                diversity=diversity,
                homophily=result.homophily_message[k] or "",
                tiers={
                    **{
                        name: int(n)
                        for name, n in zip(TIERS, tiers_by_owner[k].tolist(), strict=True)
                    },
                    "unknown": int(unknown_by_owner[k]),
                },
            )
        )
    return out


def _tie_rows(result: Analysis, data: NetworkData) -> list[tuple[Any, ...]]:
    """``(tie id, strength, tier, evidence, mutual connections, job score)`` per database tie.

    A tie whose strength rests on too little evidence keeps its strength and gets the tier
    ``"unknown"``; the empty tier is left for ties not analysed.
    """
    tie = result.input_tie
    at = np.maximum(tie, 0)
    seen = tie >= 0
    strength = np.where(seen, result.tie_strength[at], np.nan)
    tier = np.where(seen, result.tie_tier[at], -1)
    evidence = np.where(seen, result.tie_evidence[at], np.nan)
    mutual = np.where(seen, result.tie_mutual[at], -1)
    job = np.where(seen, result.tie_job_score[at], np.nan)
    names = [*TIERS, "unknown"]

    def num(x: float) -> float | None:
        return float(x) if np.isfinite(x) else None

    return [
        (int(i), num(s), names[t] if ok else "", num(e), int(m) if m >= 0 else None, num(j))
        for i, s, t, e, m, j, ok in zip(
            data.tie_ids.tolist(),
            strength.tolist(),
            tier.tolist(),
            evidence.tolist(),
            mutual.tolist(),
            job.tolist(),
            seen.tolist(),
            strict=True,
        )
    ]


def analytics_refresh(
    *,
    organisation: Organisation,
    progress: Progress | None = None,
    today: dt.date | None = None,
    config: AnalysisConfig | None = None,
    weights: dict[str, float] | None = None,
) -> AnalysisRun:
    """Recompute everything for ``organisation``; returns the finished run.

    ``weights`` override tie-strength weights by name (see
    :func:`weakties.people.strength.strength_weights`).
    """
    # Imported here: the pages, the API and the other commands import this module for its
    # readers (latest_run, employee_rows) and should not load the whole analysis (issue 11).
    from weakties.network.analysis import AnalysisConfig, AnalysisInputs, analyze

    run = AnalysisRun.objects.create(organisation=organisation)
    seconds: dict[str, float] = {}
    try:
        clock = time.perf_counter()
        if progress:
            progress("load", 0, 1)
        data = load_network(organisation=organisation, today=today)
        seconds["load"] = time.perf_counter() - clock
        if progress:
            progress("load", 1, 1)
        inputs = AnalysisInputs(
            duration_days=data.duration_days,
            sources=data.sources,
            interactions=data.interactions,
            recency_days=data.recency_days,
            reciprocity=data.reciprocity,
            rating=data.rating,
            tie_day=data.tie_day,
            consented=data.sharing,
            manager=data.manager,
            titles=[e["job_title"] for e in data.employees],
            today=np.datetime64(today or dt.date.today(), "D"),
        )
        # Betweenness and brokerage are about the internal employee network
        # (issue 3): on the whole network, betweenness mostly repeats degree.
        cfg = config or AnalysisConfig(
            organisation_name=organisation.name,
            whole_network_betweenness=False,
            strength=strength_weights(overrides=weights),
        )
        result = analyze(data.snapshot, inputs=inputs, config=cfg, progress=progress)
        seconds.update(result.seconds)
        clock = time.perf_counter()
        with transaction.atomic():
            tie_ranks_store_strength(rows=_tie_rows(result, data))
            EmployeeInsight.objects.bulk_create(
                _employee_insights(run, result, data), batch_size=2000
            )
            seconds["store"] = time.perf_counter() - clock
            run.figures = _figures(result, data, seconds)
            run.status = AnalysisRun.Status.DONE
            run.finished_at = timezone.now()
            run.save()
            organisation.mutual_peak = run.figures["mutual_peak"]  # what each job search reads
            type(organisation).objects.filter(pk=organisation.pk).update(
                mutual_peak=organisation.mutual_peak
            )
        if progress:
            progress("store", 1, 1)
    except Exception as exc:
        AnalysisRun.objects.filter(pk=run.pk).update(
            status=AnalysisRun.Status.FAILED, error=str(exc)[:2000], finished_at=timezone.now()
        )
        raise
    return run


#: What a brokers row shows: the rest of an insight (diversity, tiers, …) is not read.
_BROKER_COLUMNS = (
    "run",
    "employee__email",
    "degree",
    "constraint",
    "effective_size",
    "efficiency",
    "hierarchy",
    "betweenness",
    "roles",
    "roles_z",
    "brokerage_z",
    "unique_reach",
    "type",
    "type_why",
    "constraint_observed",
    "effective_size_observed",
    "efficiency_observed",
)


def employee_rows(*, run: AnalysisRun, limit: int | None = None) -> list[dict[str, Any]]:
    """``weakties brokers`` rows: one per employee, best brokers first (:data:`BROKERS_FIRST`).

    ``limit``: only the best ones, sorted and cut by the database (the API's
    ``/brokers?limit=20`` reads 20 rows, not every employee's insight).
    """
    rows = []
    insights = (
        run.employees.select_related("employee").only(*_BROKER_COLUMNS).order_by(*BROKERS_FIRST)
    )
    for ins in insights[:limit] if limit else insights:
        row = {
            "employee": ins.employee.email,
            "degree": ins.degree,
            "constraint": ins.constraint,
            "effective_size": ins.effective_size,
            "efficiency": ins.efficiency,
            "hierarchy": ins.hierarchy,
            "betweenness": ins.betweenness,
            "roles": ins.roles,
            "roles_z": ins.roles_z,
            "brokerage_z": ins.brokerage_z,
            "unique_reach": ins.unique_reach,
            "type": ins.type,
            "data_coverage": ins.type_why.get("data_coverage"),
        }
        if ins.constraint_observed is not None:
            row["observed"] = {
                "constraint": ins.constraint_observed,
                "effective_size": ins.effective_size_observed,
                "efficiency": ins.efficiency_observed,
            }
        rows.append(row)
    return rows
