"""Who has the most reach in a plan's target area, counted in the background and kept on the plan.

Seed ``002_*`` (step 3): find out who the most influential members are, and
approach them personally.  Inside the organisation these are the colleagues
whose networks cover the target companies and sectors best: the most ties
of sharing colleagues to people there (``people.TieRank``).  For a sector the
same count also finds the sector's companies the organisation knows best,
which the "who can help" list then searches for introducers.

The count reads the target area's rows of ``TieRank`` through its company
index and groups them in the database: it costs what the area holds (about
0.1 to 0.2 s for a sector of 180,000 ties on PostgreSQL), never the whole
network, and it runs in a task (:func:`weakties.plans.tasks.refresh_plan_area`)
when the targets change or the count is older than :data:`AREA_MAX_AGE`.
Pages read the kept figures (``Plan.area``).
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q
from django.utils import timezone

from weakties.people.models import Company, TieRank
from weakties.plans.models import Plan
from weakties.plans.targets import classify

__all__ = ["AREA_MAX_AGE", "area_refresh", "area_is_stale", "area_fresh"]

#: Counted again after this long.
AREA_MAX_AGE = dt.timedelta(days=1)
#: Colleagues kept per plan, and companies kept per sector.
TOP_COLLEAGUES = 8
TOP_COMPANIES = 3


def area_is_stale(plan: Plan, *, now: dt.datetime | None = None) -> bool:
    """Never counted, or counted longer than :data:`AREA_MAX_AGE` ago."""
    return plan.area_at is None or plan.area_at < (now or timezone.now()) - AREA_MAX_AGE


def _counted(organisation_id: int, where: Q, field: str, *, exclude: int, top: int) -> list:
    """``[(value of field, ties)]``, most first, over the ties of the area (one GROUP BY)."""
    rows = (
        TieRank.objects.filter(where, organisation_id=organisation_id, colleague=False)
        .exclude(employee_id=exclude)
        .values_list(field)
        .annotate(n=Count("tie_id"))
        .order_by("-n", field)[:top]
    )
    return [list(r) for r in rows]


def area_refresh(*, plan: Plan, now: dt.datetime | None = None) -> Plan:
    """Count who covers the plan's target companies and sectors most; keep it on the plan."""
    targets = classify(plan.targets)
    employee = plan.employee
    org = employee.organisation_id
    where = Q(company_id__in=[cid for _, cid in targets.companies])
    sectors = [s for _, s in targets.sectors]
    if sectors:
        where |= Q(company_id__in=Company.objects.filter(sector__in=sectors).values("id"))
    area: dict = {"reach": [], "sector_companies": []}
    if targets.companies or sectors:
        area["reach"] = _counted(org, where, "employee_id", exclude=employee.pk, top=TOP_COLLEAGUES)
    for sector in sectors:
        in_sector = Q(company_id__in=Company.objects.filter(sector=sector).values("id"))
        best = _counted(org, in_sector, "company_id", exclude=-1, top=TOP_COMPANIES)
        area["sector_companies"] += [[sector, company_id, n] for company_id, n in best]
    plan.area, plan.area_at = area, now or timezone.now()
    Plan.objects.filter(pk=plan.pk).update(area=plan.area, area_at=plan.area_at)
    return plan


def area_fresh(*, plan: Plan, now: dt.datetime | None = None) -> Plan:
    """The plan, its area counted again first if the count is missing or old."""
    return area_refresh(plan=plan, now=now) if area_is_stale(plan, now=now) else plan
