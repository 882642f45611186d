"""White spots: departments with no path into any of the organisation's target companies or sectors.

A department is covered for a target when at least one of its members who
shares their network knows someone there (a ``TieRank`` row: only active,
consenting employees' ties have one). A department that reaches no target
at all is a *white spot*: invite its members first, or pair it with a
department that does (seed 000: marketing and recruiting reach people
*through* their colleagues).

Set-wise, whatever the size: one grouped query for the target companies
(read through the ``(company, organisation, …)`` index of ``TieRank``), one
for the target sectors, one for the departments' head counts. No loop over
employees or ties in Python.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q
from django.utils.translation import gettext as _

from weakties.accounts.models import Consent, Employee, Organisation
from weakties.people.models import Company, TieRank

from ..models import Target
from ..sectors import sector_name

__all__ = ["white_spots"]


def _reached(organisation: Organisation, targets: list[Target]) -> dict[tuple[str, int], int]:
    """``(department, target id) → colleagues who know someone there``."""
    by_company = {t.key: t.pk for t in targets if t.kind == Target.Kind.COMPANY}
    by_sector = {t.key: t.pk for t in targets if t.kind == Target.Kind.SECTOR}
    reached: dict[tuple[str, int], int] = {}
    if by_company:
        company_target = {
            pk: by_company[key]
            for pk, key in Company.objects.filter(key__in=list(by_company)).values_list("pk", "key")
        }
        rows = (
            TieRank.objects.filter(organisation=organisation, company_id__in=list(company_target))
            .values_list("employee__department", "company_id")
            .annotate(n=Count("employee_id", distinct=True))
            .order_by()
        )
        for department, company_id, n in rows:
            key = (department, company_target[company_id])
            reached[key] = max(reached.get(key, 0), n)
    if by_sector:
        rows = (
            TieRank.objects.filter(organisation=organisation, company__sector__in=list(by_sector))
            .values_list("employee__department", "company__sector")
            .annotate(n=Count("employee_id", distinct=True))
            .order_by()
        )
        for department, sector, n in rows:
            reached[(department, by_sector[sector])] = n
    return reached


def _departments(organisation: Organisation) -> list[dict[str, Any]]:
    consenting = Consent.objects.filter(employee_id=OuterRef("pk"), withdrawn_at__isnull=True)
    return list(
        Employee.objects.filter(organisation=organisation, active=True)
        .annotate(is_sharing=Exists(consenting))
        .values("department")
        .annotate(members=Count("pk"), sharing=Count("pk", filter=Q(is_sharing=True)))
        .order_by("department")
    )


def white_spots(*, organisation: Organisation) -> dict[str, Any]:
    """Per department: members, sharing members, the targets reached (and by how many), white spot.

    Returns ``{"targets": [...], "departments": [...], "white_spots": n}``;
    departments that are white spots come first. Without targets nothing is
    a white spot (there is nothing to reach yet).
    """
    targets = list(Target.objects.filter(organisation=organisation).order_by("kind", "name"))
    reached = _reached(organisation, targets) if targets else {}
    per_department: dict[str, dict[int, int]] = defaultdict(dict)
    for (department, target_id), n in reached.items():
        per_department[department][target_id] = n
    departments = []
    for row in _departments(organisation):
        name = row["department"]
        hits = per_department.get(name, {})
        departments.append(
            {
                "department": name,
                "label": name or _("(no department)"),
                "members": row["members"],
                "sharing": row["sharing"],
                "reached": [hits.get(t.pk, 0) for t in targets],
                "targets_reached": len(hits),
                "white_spot": bool(targets) and not hits,
            }
        )
    departments.sort(key=lambda d: (not d["white_spot"], d["label"].lower()))
    return {
        "targets": [
            {
                "id": t.pk,
                "kind": t.kind,
                "name": sector_name(t.key) if t.kind == Target.Kind.SECTOR else t.name,
                "key": t.key,
            }
            for t in targets
        ],
        "departments": departments,
        "white_spots": sum(1 for d in departments if d["white_spot"]),
    }
