"""White spots: departments with no path into any of the organisation's target companies or sectors.

A department reaches a target when at least one of its members who shares
their network knows someone there: a ``TieRank`` row (only active, consenting
employees' ties have one) whose company is the target company, or a company
of the target sector. A department that reaches no target at all is a
*white spot*: invite its members first, or pair it with a department that
does (seed 000: marketing and recruiting reach people *through* their
colleagues).

Set-wise, per target, and never per tie in Python; which way round depends on
the target's size, counted on the ``(company, organisation, …)`` index of
``TieRank`` up to :data:`SMALL`:

* a **small** target (a company, a niche sector: at most ``SMALL`` ties) is
  read once from the company side, its departments taken ``DISTINCT``;
* a **large** target (a big employer, a whole sector) is asked per department
  from the employee side (``EXISTS`` over the members' ties, read through the
  ``(employee, …)`` index): a department that reaches it stops at its first
  tie there, one that does not reads only its own members' ties.

At 10,000 employees and 3M ties (``bench/analyze.py --employees 10000``) the
two ways answer a target in tens of milliseconds, where either way alone
takes seconds for the targets it suits badly.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.db import connection
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext as _

from weakties.accounts.models import Consent, Employee, Organisation
from weakties.people.models import Company, TieRank

from ..models import Target
from ..sectors import sector_name

__all__ = ["SMALL", "departments_reaching", "target_dict", "white_spots"]

#: A target with at most this many ties is read from the company side.
SMALL = 20_000


def _companies(target: Target) -> QuerySet[Company]:
    if target.kind == Target.Kind.SECTOR:
        return Company.objects.filter(sector=target.key)
    return Company.objects.filter(key=target.key)


def _large_sql() -> str:
    employee = Employee._meta.db_table
    consent = Consent._meta.db_table
    rank = TieRank._meta.db_table
    company = Company._meta.db_table
    # ``+tr.company_id``: SQLite must not read the company index here (the employee index
    # is the point); PostgreSQL reads the unary plus as the same column.
    return f"""
WITH s(id, department) AS MATERIALIZED (
  SELECT e.id, e.department FROM {employee} e
  WHERE e.organisation_id = %s AND e.active = %s
    AND EXISTS (SELECT 1 FROM {consent} c WHERE c.employee_id = e.id AND c.withdrawn_at IS NULL)),
d(name) AS MATERIALIZED (SELECT DISTINCT department FROM s)
SELECT d.name FROM d
WHERE EXISTS (
  SELECT 1 FROM s JOIN {rank} tr ON tr.employee_id = s.id
  WHERE s.department = d.name
    AND +tr.company_id IN (SELECT c.id FROM {company} c WHERE c.{{column}} = %s))
"""


def departments_reaching(organisation: Organisation, target: Target) -> set[str]:
    """The departments of which at least one sharing member knows someone at the target."""
    companies = _companies(target)
    ties = TieRank.objects.filter(organisation=organisation, company_id__in=companies.values("pk"))
    if ties.values("pk")[: SMALL + 1].count() <= SMALL:
        return set(ties.order_by().values_list("employee__department", flat=True).distinct())
    column = "sector" if target.kind == Target.Kind.SECTOR else "key"
    with connection.cursor() as cursor:
        cursor.execute(_large_sql().format(column=column), [organisation.pk, True, target.key])
        return {name for (name,) in cursor.fetchall()}


def _departments(organisation: Organisation) -> list[dict[str, Any]]:
    consenting = Consent.objects.filter(employee_id=OuterRef("pk"), withdrawn_at__isnull=True)
    return list(
        Employee.objects.filter(organisation=organisation, active=True)
        .annotate(is_sharing=Exists(consenting))
        .values("department")
        .annotate(members=Count("pk"), sharing=Count("pk", filter=Q(is_sharing=True)))
        .order_by("department")
    )


def target_dict(target: Target) -> dict[str, Any]:
    sector = target.kind == Target.Kind.SECTOR
    return {
        "id": target.pk,
        "kind": target.kind,
        "name": sector_name(target.key) if sector else target.name,
        "key": target.key,
    }


def white_spots(*, organisation: Organisation) -> dict[str, Any]:
    """Per department: members, sharing members, which targets it reaches, and white spot or not.

    Returns ``{"targets": [{"id", "kind", "name", "key"}], "departments":
    [{"department", "label", "members", "sharing", "reached": [bool per target],
    "targets_reached", "white_spot"}], "white_spots": n}``; the white spots
    come first. Without targets nothing is a white spot (there is nothing to
    reach yet).
    """
    targets = list(Target.objects.filter(organisation=organisation).order_by("kind", "name"))
    reaching: dict[str, set[int]] = defaultdict(set)
    for target in targets:
        for department in departments_reaching(organisation, target):
            reaching[department].add(target.pk)
    departments = []
    for row in _departments(organisation):
        name = row["department"]
        hits = reaching.get(name, set())
        departments.append(
            {
                "department": name,
                "label": name or _("(no department)"),
                "members": row["members"],
                "sharing": row["sharing"],
                "reached": [t.pk in hits for t in targets],
                "targets_reached": len(hits),
                "white_spot": bool(targets) and not hits,
            }
        )
    departments.sort(key=lambda d: (not d["white_spot"], d["label"].lower()))
    return {
        "targets": [target_dict(t) for t in targets],
        "departments": departments,
        "white_spots": sum(1 for d in departments if d["white_spot"]),
    }
