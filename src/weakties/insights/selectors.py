"""What the insights pages show, prepared from the stored analysis (no recomputation).

Aggregates over fewer than ``WEAKTIES_MIN_GROUP`` people are hidden
(DESIGN.md, privacy): coverage groups, and type counts below the minimum are
shown as "fewer than 5".
"""

from __future__ import annotations

import math
from collections import defaultdict
from typing import Any

from django.conf import settings
from django.db.models import F
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from weakties.accounts.models import Employee
from weakties.insights.models import AnalysisRun, EmployeeInsight
from weakties.network import TIERS
from weakties.people.models import Tie

__all__ = ["TYPE_TEXT", "organisation_page", "employee_page", "ego_network"]

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
TIER_TEXT = {
    "strong": gettext_noop("strong"),
    "moderate": gettext_noop("moderate"),
    "weak": gettext_noop("weak"),
    "dormant": gettext_noop("dormant"),
}


def _minimum() -> int:
    return settings.WEAKTIES_MIN_GROUP


def _groups(coverage: dict[str, Any], top: int) -> dict[str, Any]:
    pairs = sorted(zip(coverage["labels"], coverage["people"], strict=True), key=lambda p: -p[1])
    shown = [(label, n) for label, n in pairs if n >= _minimum()][:top]
    hidden = sum(1 for _, n in pairs if n < _minimum())
    return {
        "labels": [p[0] for p in shown],
        "values": [p[1] for p in shown],
        "hidden": hidden,
        "unknown": coverage.get("unknown", 0),
    }


def organisation_page(*, run: AnalysisRun) -> dict[str, Any]:
    f = run.figures
    coverage = {
        name: _groups(c, 15 if name == "company" else 20) for name, c in f["coverage"].items()
    }
    types = []
    for key, n in sorted(f.get("types", {}).items(), key=lambda kv: -kv[1]):
        label = _(TYPE_TEXT.get(key, (key, ""))[0])
        types.append({"key": key, "label": label, "n": n if n >= _minimum() else None})
    insights = EmployeeInsight.objects.filter(run=run).select_related("employee")
    risk = [
        {
            "employee": i.employee,
            "unique_reach": i.unique_reach,
            "reach": i.reach,
            "share": round(100 * i.unique_reach / i.reach) if i.reach else 0,
        }
        for i in insights.filter(unique_reach__gt=0).order_by("-unique_reach")[:15]
    ]
    brokers = []
    for i in insights.exclude(constraint__isnull=True).order_by("constraint")[:15]:
        roles = {k: v for k, v in (i.roles or {}).items() if v}
        brokers.append(
            {
                "insight": i,
                "employee": i.employee,
                "roles": roles,
                "type": _(TYPE_TEXT.get(i.type, (i.type, ""))[0]),
            }
        )
    role_totals: dict[str, int] = defaultdict(int)
    for roles in insights.values_list("roles", flat=True):
        for k, v in (roles or {}).items():
            role_totals[k] += v
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
            "labels": [_(TIER_TEXT[t]) for t in TIERS],
            "values": [f["tiers"].get(t, 0) for t in TIERS],
        },
        "types": types,
        "types_chart": {
            "labels": [t["label"] for t in types if t["n"]],
            "values": [t["n"] for t in types if t["n"]],
        },
        "risk": risk,
        "brokers": brokers,
        "role_totals": dict(role_totals),
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
        "homophily": _(ins.homophily) if ins.homophily else "",
        "diversity": diversity,
        "tiers": {
            "labels": [_(TIER_TEXT[t]) for t in TIERS],
            "values": [ins.tiers.get(t, 0) for t in TIERS],
        },
        "data_coverage": why.get("data_coverage"),
    }


TIER_COLOURS = {
    "strong": "#0f766e",
    "moderate": "#14b8a6",
    "weak": "#93c5fd",
    "dormant": "#cbd5e1",
    "": "#e5e7eb",
}


def ego_network(*, employee: Employee, limit: int = 300) -> dict[str, Any]:
    """Nodes and edges of an employee's ego network, laid out by company.

    Contacts are grouped around their company on a circle (the largest
    companies first); contacts at one company are tied to each other (the
    same-company assumption of the structural-holes measures).  The
    strongest ``limit`` ties are shown.
    """
    ties = list(
        Tie.objects.filter(employee=employee)
        .select_related("person", "person__company", "measured")
        .order_by(F("measured__strength").desc(nulls_last=True), "id")[:limit]
    )
    colleagues = set(
        Employee.objects.filter(organisation=employee.organisation).values_list(
            "person_id", flat=True
        )
    )
    by_company: dict[str, list[Tie]] = defaultdict(list)
    for tie in ties:
        key = (
            _("Colleagues")
            if tie.person_id in colleagues
            else tie.person.company.name
            if tie.person.company
            else _("Unknown company")
        )
        by_company[key].append(tie)
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
    total = max(len(ties), 1)
    angle = 0.0
    for company, members in groups:
        span = 2 * math.pi * len(members) / total
        radius = 10.0
        for j, tie in enumerate(members):
            a = angle + span * (j + 0.5) / len(members)
            r = radius + 2.5 * (j % 3)
            key = f"p{tie.person_id}"
            measured = getattr(tie, "measured", None)
            tier = measured.tier if measured else ""
            strength = measured.strength if measured and measured.strength is not None else 0.2
            nodes.append(
                {
                    "key": key,
                    "label": f"{tie.person.name} · {company}",
                    "x": r * math.cos(a),
                    "y": r * math.sin(a),
                    "size": 3 + 5 * strength,
                    "color": "#7c3aed"
                    if company == _("Colleagues")
                    else TIER_COLOURS.get(tier, "#e5e7eb"),
                    "tier": tier,
                    "company": company,
                }
            )
            edges.append({"source": "ego", "target": key, "size": 0.5 + 2 * strength})
        if 1 < len(members) <= 12:
            keys = [f"p{t.person_id}" for t in members]
            edges.extend(
                {"source": a, "target": b, "size": 0.3, "color": "#e5e7eb"}
                for i, a in enumerate(keys)
                for b in keys[i + 1 :]
            )
        angle += span
    return {
        "nodes": nodes,
        "edges": edges,
        "shown": len(ties),
        "total": Tie.objects.filter(employee=employee).count(),
    }
