"""What the pages and reports show, prepared from the stored analysis (no recomputation).

The dashboard, the insights page, an employee's page and ``weakties reach``
read the figures that ``weakties analyze`` stored
(:mod:`weakties.insights.services.analytics`, :mod:`weakties.insights.services.figures`):
a page reads one analysis row and a bounded number of employee rows, never
the ties of the organisation, so its cost and its number of queries do not
grow with the organisation (issue 9).

Aggregates over fewer than ``WEAKTIES_MIN_GROUP`` people are hidden
(DESIGN.md, privacy): coverage groups, and type counts below the minimum are
shown as "fewer than 5".  Lists that name employees (key-person risk) show
only those who share their network now: one who withdrew drops out at once,
before the next analysis.
"""

from __future__ import annotations

import copy
import datetime as dt
import functools
import heapq
import math
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.db.models.fields.json import KeyTransform
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from weakties.accounts.models import Consent, Employee, Organisation
from weakties.insights.models import BROKERS_FIRST, AnalysisRun, EmployeeInsight
from weakties.people.models import ImportBatch, Tie, TieRank

__all__ = [
    "TYPE_TEXT",
    "job_peak",
    "StoredReach",
    "stored_run",
    "dashboard_figures",
    "reach_report",
    "organisation_page",
    "employee_page",
    "ego_network",
]

#: What each type means, for people (Burt 2004; seed 001 on T-shapers).
TYPE_TEXT = {
    "t_shaper": (
        gettext_noop("T-shaper"),
        gettext_noop(
            "Deep expertise and a broad, bridging network: you connect what you know "
            "with people who know something else. Keep introducing people to each other."
        ),
    ),
    "butterfly": (
        gettext_noop("Butterfly"),
        gettext_noop(
            "A broad network with less depth: you know many people in many places. "
            "Pair up with an expert colleague; together you carry ideas further."
        ),
    ),
    "lone_star": (
        gettext_noop("Lone star"),
        gettext_noop(
            "Deep expertise and a small network: what you know travels less far than it "
            "could. Ask a well-connected colleague to introduce you to someone new."
        ),
    ),
    "emerging": (
        gettext_noop("Emerging"),
        gettext_noop(
            "Still building expertise and network. Both grow fastest through "
            "colleagues: ask for introductions, and share what you learn."
        ),
    ),
    "unplaced": (
        gettext_noop("Not placed"),
        gettext_noop("Too little is known to place this network yet."),
    ),
}
ATTRIBUTE_TEXT = {
    "sector": gettext_noop("sector"),
    "function": gettext_noop("function"),
    "region": gettext_noop("region"),
    "company": gettext_noop("company"),
}
#: Gould & Fernandez's (1989) brokerage roles, for people.
ROLE_TEXT = {
    "coordinator": gettext_noop("coordinator"),
    "gatekeeper": gettext_noop("gatekeeper"),
    "representative": gettext_noop("representative"),
    "consultant": gettext_noop("consultant"),
    "liaison": gettext_noop("liaison"),
}
TIER_TEXT = {
    "strong": gettext_noop("strong"),
    "moderate": gettext_noop("moderate"),
    "weak": gettext_noop("weak"),
    "dormant": gettext_noop("dormant"),
    # Too little is known of the tie for a tier (weakties.network.strength: evidence).
    "unknown": gettext_noop("unknown strength"),
}
#: ``weakties.network.TIERS``, strongest first (a test keeps them equal).  Not imported from
#: there: the network package loads scipy (half a second), which a page or report does not need.
TIERS = tuple(t for t in TIER_TEXT if t != "unknown")
#: The tiers a chart shows: the four, then the ties too little is known of.
CHART_TIERS = (*TIERS, "unknown")


def _minimum() -> int:
    return settings.WEAKTIES_MIN_GROUP


def _largest(coverage: dict[str, Any], top: int | None) -> tuple[list[tuple[str, int]], int]:
    """The ``top`` largest groups of at least ``WEAKTIES_MIN_GROUP`` people, and how many are hidden.

    Largest first, then by name.  A coverage holds every company reached
    (40,000 at 10,000 employees): the small groups are counted, not sorted.
    """
    minimum = _minimum()
    pairs = zip(coverage.get("labels", []), coverage.get("people", []), strict=True)
    shown = [(label, n) for label, n in pairs if n >= minimum]
    hidden = sum(1 for n in coverage.get("people", []) if 0 < n < minimum)
    order = lambda p: (-p[1], p[0])  # noqa: E731
    best = heapq.nsmallest(top, shown, key=order) if top is not None else sorted(shown, key=order)
    return best, hidden


def _groups(coverage: dict[str, Any], top: int) -> dict[str, Any]:
    shown, hidden = _largest(coverage, top)
    return {
        "labels": [p[0] for p in shown],
        "values": [p[1] for p in shown],
        "hidden": hidden,
        "unknown": coverage.get("unknown", 0),
    }


def _done(organisation: Organisation) -> QuerySet[AnalysisRun]:
    return AnalysisRun.objects.filter(
        organisation=organisation, status=AnalysisRun.Status.DONE
    ).order_by("-finished_at", "-id")


def stored_run(*, organisation: Organisation) -> AnalysisRun | None:
    """The latest finished analysis without its figures, for a page that reads its employee rows."""
    return _done(organisation).defer("figures").first()


def job_peak(*, organisation: Organisation | None) -> float:
    """The mutual connections at which the last analysis's job score peaks.

    Rajkumar et al. (2022) found job leads peaking near ten mutual connections;
    the analysis scales that to how complete the data is
    (:func:`weakties.network.job_leads.mutual_peak`).  Every ranking by job
    score reads it here (the introductions search, referral candidates, the
    plan's own contacts): stored on the organisation by the analysis, so a
    search reads it with the organisation it already has (no query); else the
    one figure out of the last finished run's (of any organisation when none
    is given), read out of the JSON by the database (the whole figures are
    large); else :data:`~weakties.network.job_leads.MUTUAL_PEAK`.

    References
    ----------
    .. [1] Rajkumar, K., Saint-Jacques, G., Bojinov, I., Brynjolfsson, E. &
       Aral, S. (2022). A causal test of the strength of weak ties. *Science*
       377(6612), 1304-1310.
    """
    # Imported here: the reports read from this module load no analytics stack (scipy).
    from weakties.network.job_leads import MUTUAL_PEAK

    stored = getattr(organisation, "mutual_peak", None)
    if stored is not None:
        return float(stored) or MUTUAL_PEAK
    runs = AnalysisRun.objects.filter(status=AnalysisRun.Status.DONE)
    if organisation is not None:
        runs = runs.filter(organisation=organisation)
    peak = runs.order_by("-finished_at", "-id").values_list("figures__mutual_peak", flat=True)[:1]
    found = next(iter(peak), None)
    try:
        value = float(found) if found is not None else 0.0
    except (TypeError, ValueError):
        value = 0.0
    return value if value > 0 else MUTUAL_PEAK


#: The reach figures (the keys of ``people.selectors.reach.organisation_reach``) and where
#: the analysis stored each.  Read one by one: the whole figures hold every company reached.
_REACH_KEYS = {
    "employees": ("employees",),
    "employees_sharing": ("employees_sharing",),
    "ties": ("ties",),
    "unique_people": ("people_reached",),
    "companies": ("coverage", "company", "categories_covered"),
}


def _stored(path: tuple[str, ...]) -> KeyTransform:
    expression: Any = "figures"
    for key in path:
        expression = KeyTransform(key, expression)
    return expression


def _reach_of(figures: dict[str, Any]) -> dict[str, int]:
    out = {}
    for name, path in _REACH_KEYS.items():
        value: Any = figures
        for key in path:
            value = value.get(key, {}) if isinstance(value, dict) else {}
        out[name] = value if isinstance(value, int) else 0
    return out


def _changes_since(organisation: Organisation, since: dt.datetime) -> dict[str, int]:
    """Imports finished and consents given or withdrawn after an analysis started."""
    return {
        "imports": ImportBatch.objects.filter(
            organisation=organisation, status=ImportBatch.Status.DONE, finished_at__gt=since
        ).count(),
        "consents": Consent.objects.filter(employee__organisation=organisation)
        .filter(Q(given_at__gt=since) | Q(withdrawn_at__gt=since))
        .count(),
    }


def _latest_reach(organisation: Organisation, *more: str) -> dict[str, Any] | None:
    """The reach figures (and the ``more`` top-level stored keys) of the latest analysis.

    One small query finds the run; its figures are read once per process (:func:`_run_keys`).
    """
    run = _done(organisation).values("id", "started_at", "finished_at").first()
    if run is None or run["finished_at"] is None:
        return None
    stored = _run_keys(run["id"], run["finished_at"], more)
    row = {"started_at": run["started_at"], "finished_at": run["finished_at"]}
    row["reach"] = dict(stored["reach"])
    row.update({name: copy.deepcopy(stored[name]) for name in more})
    return row


@functools.lru_cache(maxsize=64)
def _run_keys(run_id: int, finished_at: dt.datetime, more: tuple[str, ...]) -> dict[str, Any]:
    """The reach figures and ``more`` keys of one finished analysis, read once per process.

    A finished analysis never changes, and its figures hold every company reached: extracting
    a few keys from that JSON on every dashboard cost more than the rest of the page (about
    5 ms at 10,000 employees on SQLite; PostgreSQL de-TOASTs the whole value for each key).
    The key holds the finish time, as :func:`_stored_reach`'s does.  Callers get copies.
    """
    keys = {f"figure_{name}": _stored(path) for name, path in _REACH_KEYS.items()}
    keys.update({name: _stored((name,)) for name in more})
    row = AnalysisRun.objects.filter(pk=run_id).values(**keys).first() or {}
    out = {name: row.get(name) for name in more}
    out["reach"] = {name: row.get(f"figure_{name}") or 0 for name in _REACH_KEYS}
    return out


def dashboard_figures(*, organisation: Organisation) -> dict[str, Any] | None:
    """The organisation's reach from the latest analysis, as the dashboard shows it.

    ``{"reach": {"employees", "employees_sharing", "ties", "unique_people",
    "companies"}, "sources": [(source, ties)] (None from an analysis that
    did not count them), "analysed_at", "changes": {"imports", "consents"}}``;
    None before the first analysis.  Three queries, whatever the size.
    """
    row = _latest_reach(organisation, "sources")
    if row is None:
        return None
    sources = row["sources"]
    return {
        "reach": row["reach"],
        # Most first (PostgreSQL's jsonb keeps no order of keys).
        "sources": sorted(sources.items(), key=lambda kv: (-kv[1], kv[0]))
        if isinstance(sources, dict)
        else None,
        "analysed_at": row["finished_at"],
        "changes": _changes_since(organisation, row["started_at"]),
    }


@dataclass(frozen=True)
class StoredReach:
    """What :func:`weakties.people.selectors.reach.organisation_reach` counts, as analysed."""

    figures: dict[str, Any]
    analysed_at: dt.datetime


def reach_report(
    *, organisation: Organisation, details: bool = False, top: int = 25, people: int = 10
) -> StoredReach | None:
    """``organisation_reach(details=…)`` from the latest analysis: same keys, same meaning.

    ``coverage`` keeps the ``top`` largest companies and hides groups of
    fewer than ``WEAKTIES_MIN_GROUP`` people; ``unique_reach`` lists the
    ``people`` employees with the most people only they know, among those who
    share now.  None when there is no analysis yet, or when the last one
    predates ``growth_years`` (an analysis by an older weakties): the caller
    counts live then, or asks for ``weakties analyze``.
    """
    if not details:
        row = _latest_reach(organisation)
        return StoredReach(row["reach"], row["finished_at"]) if row else None
    run = _done(organisation).only("id", "organisation_id", "finished_at").first()
    if run is None or run.finished_at is None:
        return None
    stored = _stored_reach(run.pk, run.finished_at, top, _minimum())
    if stored is None:
        return None
    figures: dict[str, Any] = dict(stored)
    figures["unique_reach"] = _key_people(run, people)
    return StoredReach(figures, run.finished_at)


@functools.lru_cache(maxsize=64)
def _stored_reach(
    run_id: int, finished_at: dt.datetime, top: int, minimum: int
) -> dict[str, Any] | None:
    """The reach, coverage and growth of a finished analysis, read and sorted once per process.

    A finished analysis never changes, and its figures hold every company
    reached (40,000 at 10,000 employees): decoding and sorting them on every
    ``/api/reach`` cost more than the rest of the request.  The key holds the
    run's finish time (an id may come back after a rolled-back analysis) and
    ``minimum`` (``WEAKTIES_MIN_GROUP``), so a changed setting is honoured.
    Who shares now (the key people) is read per request.
    """
    f = AnalysisRun.objects.filter(pk=run_id).values_list("figures", flat=True).first()
    if f is None or "growth_years" not in f:
        return None
    figures: dict[str, Any] = _reach_of(f)
    figures["coverage"] = _coverage_report(f.get("coverage", {}), top)
    figures["growth"] = f["growth_years"]
    return figures


def _coverage_report(coverage: dict[str, Any], top: int) -> dict[str, Any]:
    """``{"company": [{"name", "people"}], "sector", "region", "unknown": {…}, "hidden_groups"}``."""
    out: dict[str, Any] = {"unknown": {}, "hidden_groups": 0}
    for attribute in ("company", "sector", "region"):
        c = coverage.get(attribute) or {}
        shown, hidden = _largest(c, top if attribute == "company" else None)
        out["hidden_groups"] += hidden
        out["unknown"][attribute] = c.get("unknown", 0)
        out[attribute] = [{"name": label, "people": n} for label, n in shown]
    return out


#: An employee row's JSON columns that lists of many employees leave in the database.
_WIDE = ("diversity", "type_why", "homophily", "tiers")


def _key_insights(run: AnalysisRun, top: int) -> QuerySet[EmployeeInsight]:
    """The ``top`` rows with the most unique reach of those who share now, most first.

    Read down ``insight_key_people``, testing each row's consent, rather than listing every
    sharing employee first and sorting all their rows (the planners' choice for an IN).
    """
    consenting = Consent.objects.filter(employee_id=OuterRef("employee_id"), withdrawn_at=None)
    return (
        EmployeeInsight.objects.filter(run=run, unique_reach__gt=0)
        .filter(employee__active=True, employee__organisation_id=run.organisation_id)
        .filter(Exists(consenting))
        .select_related("employee")
        .defer(*_WIDE)
        .order_by("-unique_reach", "employee_id")[:top]
    )


def _key_people(run: AnalysisRun, top: int) -> list[dict[str, Any]]:
    """``[{"employee", "name", "unique_reach", "reach"}]``: the key-person risk, largest first."""
    rows = _key_insights(run, top)
    return [
        {
            "employee": i.employee.email,
            "name": i.employee.full_name,
            "unique_reach": i.unique_reach,
            "reach": i.reach,
        }
        for i in rows
    ]


def organisation_page(*, run: AnalysisRun) -> dict[str, Any]:
    f = run.figures
    coverage = {
        name: _groups(c, 15 if name == "company" else 20) for name, c in f["coverage"].items()
    }
    types = []
    for key, n in sorted(f.get("types", {}).items(), key=lambda kv: -kv[1]):
        label = _(TYPE_TEXT.get(key, (key, ""))[0])
        types.append({"key": key, "label": label, "n": n if n >= _minimum() else None})
    # Only the columns shown: the JSON of every employee's diversity stays in the database.
    insights = EmployeeInsight.objects.filter(run=run).select_related("employee").defer(*_WIDE)
    risk = [
        {
            "employee": i.employee,
            "unique_reach": i.unique_reach,
            "reach": i.reach,
            "share": round(100 * i.unique_reach / i.reach) if i.reach else 0,
        }
        for i in _key_insights(run, 15)
    ]
    from weakties.insights.brokers import broker_table

    chosen = list(insights.exclude(constraint__isnull=True).order_by(*BROKERS_FIRST)[:15])
    brokers = broker_table(chosen, lambda t: _(TYPE_TEXT.get(t, (t, ""))[0]))
    growth = f.get("growth", [])
    return {
        "run": run,
        "figures": f,
        "coverage": coverage,
        "growth": {
            "labels": [g["date"][:7] for g in growth],
            "values": [g["people"] for g in growth],
        },
        "tiers": {
            "labels": [_(TIER_TEXT[t]) for t in CHART_TIERS],
            "values": [f["tiers"].get(t, 0) for t in CHART_TIERS],
        },
        "types": types,
        "types_chart": {
            "labels": [t["label"] for t in types if t["n"]],
            "values": [t["n"] for t in types if t["n"]],
        },
        "risk": risk,
        "brokers": brokers,
        "role_totals": f.get("roles", {}),
        "minimum": _minimum(),
    }


def employee_page(*, run: AnalysisRun | None, employee: Employee) -> dict[str, Any] | None:
    if run is None:
        return None
    ins = EmployeeInsight.objects.filter(run=run, employee=employee).first()
    if ins is None:
        return None
    label, meaning = TYPE_TEXT.get(ins.type, TYPE_TEXT["unplaced"])
    diversity = []
    for name, d in (ins.diversity or {}).items():
        if d.get("known"):
            diversity.append(
                {
                    "attribute": _(ATTRIBUTE_TEXT.get(name, name)),
                    "normalized": d.get("normalized"),
                    "percent": None
                    if d.get("normalized") is None
                    else round(100 * d["normalized"]),
                    "ei": d.get("ei"),
                    "ei_expected": d.get("ei_expected"),
                    "ei_p": d.get("ei_p"),
                    "categories": d.get("categories"),
                    "known": d.get("known"),
                }
            )
    why = ins.type_why or {}
    return {
        "insight": ins,
        "type_label": _(label),
        "type_meaning": _(meaning),
        "depth": why.get("depth"),
        "breadth": why.get("breadth"),
        "depth_threshold": why.get("depth_threshold"),
        "breadth_threshold": why.get("breadth_threshold"),
        "type_scores": _type_scores(why),
        "type_point": _type_point(why),
        "homophily": _(ins.homophily) if ins.homophily else "",
        "diversity": diversity,
        "tiers": {
            "labels": [_(TIER_TEXT[t]) for t in CHART_TIERS],
            "values": [ins.tiers.get(t, 0) for t in CHART_TIERS],
        },
        "data_coverage": why.get("data_coverage"),
    }


#: The typology's inputs as a reader meets them (weakties.network.typology).
TYPE_INPUTS = {
    "seniority": gettext_lazy("Job-title seniority"),
    "skills": gettext_lazy("Declared skills"),
    "endorsements": gettext_lazy("Endorsements"),
    "efficiency": gettext_lazy("Contacts not redundant with each other (efficiency)"),
    "diversity": gettext_lazy("Spread over companies, sectors and regions (diversity)"),
}


def _type_scores(why: dict[str, Any]) -> list[dict[str, Any]]:
    """Each known input of the type on its fixed 0-1 scale, in the page's words."""
    scores = why.get("scores") or {}
    return [
        {"label": label, "score": scores[name], "percent": round(100 * scores[name])}
        for name, label in TYPE_INPUTS.items()
        if scores.get(name) is not None
    ]


def _type_point(why: dict[str, Any]) -> dict[str, float] | None:
    """Where the person stands on the depth x breadth square (SVG units, 0-100)."""
    depth, breadth = why.get("depth"), why.get("breadth")
    if depth is None or breadth is None or why.get("model") != "weakties":
        return None
    return {
        "x": round(100 * float(breadth), 1),
        "y": round(100 * (1 - float(depth)), 1),
        "x_cut": round(100 * float(why.get("breadth_threshold") or 0.5), 1),
        "y_cut": round(100 * (1 - float(why.get("depth_threshold") or 0.5)), 1),
    }


TIER_COLOURS = {
    "strong": "#0f766e",
    "moderate": "#14b8a6",
    "weak": "#93c5fd",
    "dormant": "#cbd5e1",
    "unknown": "#e5e7eb",
    "": "#e5e7eb",
}


@dataclass(frozen=True)
class _Contact:
    """One contact on the ego map: who, where, and how strong the tie is."""

    person_id: int
    name: str
    company: str | None
    strength: float | None
    tier: str


def _contact(
    person_id: int, first: str, last: str, company: str | None, s: Any, t: Any
) -> _Contact:
    name = " ".join(p for p in (first, last) if p)
    return _Contact(person_id, name, company, s, t or "")


def _strongest_contacts(employee: Employee, limit: int) -> list[_Contact]:
    """The ``limit`` strongest ties of ``employee``, as plain rows: two bounded index reads.

    Ties the last analysis measured come best first off ``TieRank``'s
    ``(employee, strength, tie)`` index, stopped after ``limit``; ties not
    measured yet (imported since) fill what is left, oldest first.
    """
    person = ("person_id", "person__first_name", "person__last_name")
    measured = [
        _contact(*row)
        for row in TieRank.objects.filter(employee=employee, strength__isnull=False)
        .order_by("-strength", "-tie_id")
        .values_list(*person, "company__name", "strength", "tier")[:limit]
    ]
    rest = (
        Tie.objects.filter(employee=employee)
        .filter(Q(measured__isnull=True) | Q(measured__strength__isnull=True))
        .order_by("id")
        .values_list(*person, "person__company__name", "measured__strength", "measured__tier")
    )
    # Always asked, for at least one row: the page's queries stay the same whatever the data.
    unmeasured = [_contact(*row) for row in rest[: max(limit - len(measured), 1)]]
    return (measured + unmeasured)[:limit]


def ego_network(*, employee: Employee, limit: int = 300) -> dict[str, Any]:
    """Nodes and edges of an employee's ego network, laid out by company.

    Contacts are grouped around their company on a circle (the largest
    companies first); contacts at one company are tied to each other (the
    same-company assumption of the structural-holes measures).  The
    strongest ``limit`` ties are shown.
    """
    contacts = _strongest_contacts(employee, limit)
    colleagues = set(
        Employee.objects.filter(
            organisation_id=employee.organisation_id,
            person_id__in=[c.person_id for c in contacts],
        ).values_list("person_id", flat=True)
    )
    by_company: dict[str, list[_Contact]] = defaultdict(list)
    for contact in contacts:
        key = (
            _("Colleagues")
            if contact.person_id in colleagues
            else contact.company or _("Unknown company")
        )
        by_company[key].append(contact)
    groups = sorted(by_company.items(), key=lambda kv: -len(kv[1]))
    nodes = [
        {
            "key": "ego",
            "label": employee.full_name or employee.email,
            "x": 0.0,
            "y": 0.0,
            "size": 12,
            "color": "#1d2433",
        }
    ]
    edges = []
    total = max(len(contacts), 1)
    angle = 0.0
    for company, members in groups:
        span = 2 * math.pi * len(members) / total
        radius = 10.0
        for j, contact in enumerate(members):
            a = angle + span * (j + 0.5) / len(members)
            r = radius + 2.5 * (j % 3)
            key = f"p{contact.person_id}"
            strength = contact.strength if contact.strength is not None else 0.2
            nodes.append(
                {
                    "key": key,
                    "label": f"{contact.name} · {company}",
                    "x": r * math.cos(a),
                    "y": r * math.sin(a),
                    "size": 3 + 5 * strength,
                    "color": "#7c3aed"
                    if company == _("Colleagues")
                    else TIER_COLOURS.get(contact.tier, "#e5e7eb"),
                    "tier": contact.tier,
                    "company": company,
                }
            )
            edges.append({"source": "ego", "target": key, "size": 0.5 + 2 * strength})
        if 1 < len(members) <= 12:
            keys = [f"p{c.person_id}" for c in members]
            edges.extend(
                {"source": a, "target": b, "size": 0.3, "color": "#e5e7eb"}
                for i, a in enumerate(keys)
                for b in keys[i + 1 :]
            )
        angle += span
    return {
        "nodes": nodes,
        "edges": edges,
        "shown": len(contacts),
        "total": Tie.objects.filter(employee=employee).count(),
    }
