"""Reach: how far the organisation's second degree goes, counted live.

The second degree are the people the employees know (seed 000: "de kracht
van het netwerk bevindt zich in de tweede graad").  Only employees who
consented count.

The organisation-wide counts here read every tie of the organisation: they
define the figures, and they are what pages show before the first analysis.
After it, pages and ``weakties reach`` read the same figures as ``weakties
analyze`` stored them (:func:`weakties.insights.selectors.reach_report`,
:func:`~weakties.insights.selectors.dashboard_figures`), which does not grow
with the organisation.  The counts of one employee (:func:`employee_reach`,
:func:`employee_counts`) read only that employee's ties and stay live.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import Count, Exists, Min, OuterRef, Q, QuerySet

from weakties.accounts.models import Consent, Employee, Organisation
from weakties.people.models import Person, Tie, TieRank
from weakties.people.services.consent import sharing_employees

__all__ = [
    "organisation_reach",
    "employee_reach",
    "employee_counts",
    "ColleagueRow",
    "coverage",
    "unique_reach",
    "growth",
    "tie_sources_live",
]


def _sharing_ties(organisation: Organisation) -> QuerySet[Tie]:
    return Tie.objects.filter(employee__in=sharing_employees(organisation=organisation))


def _external_ties(organisation: Organisation) -> QuerySet[Tie]:
    return _sharing_ties(organisation).exclude(person__employee__organisation=organisation)


def organisation_reach(*, organisation: Organisation, details: bool = False) -> dict[str, Any]:
    """``{"employees", "employees_sharing", "ties", "unique_people", "companies"}``.

    ``ties`` is the sum over employees; ``unique_people`` counts resolved
    external people (colleagues excluded), each once.  With ``details`` it
    adds ``coverage``, ``unique_reach`` and ``growth`` (see those functions).
    """
    ties = _sharing_ties(organisation)
    external = ties.exclude(person__employee__organisation=organisation)
    figures = {
        "employees": Employee.objects.filter(organisation=organisation, active=True).count(),
        "employees_sharing": sharing_employees(organisation=organisation).count(),
        "ties": ties.count(),
        "unique_people": external.values("person_id").distinct().count(),
        "companies": external.exclude(person__company__isnull=True)
        .values("person__company_id")
        .distinct()
        .count(),
    }
    if details:
        figures["coverage"] = coverage(organisation=organisation)
        figures["unique_reach"] = unique_reach(organisation=organisation)
        figures["growth"] = growth(organisation=organisation)
    return figures


def coverage(*, organisation: Organisation, top: int = 25) -> dict[str, Any]:
    """Unique second-degree people by company, sector and region, largest first.

    ``{"company": [{"name", "people"}], "sector": [...], "region": [...],
    "unknown": {"company": n, "sector": n, "region": n}, "hidden_groups": n}``.
    Groups of fewer than ``WEAKTIES_MIN_GROUP`` people are left out
    (DESIGN.md, privacy) and counted in ``hidden_groups``; ``company`` keeps
    the ``top`` largest.
    """
    minimum = settings.WEAKTIES_MIN_GROUP
    people = _external_ties(organisation).values("person_id").distinct()

    rows = Person.objects.filter(id__in=people).values_list(
        "company__name", "company__sector", "company__region"
    )
    counters: dict[str, Counter[str]] = {
        "company": Counter(),
        "sector": Counter(),
        "region": Counter(),
    }
    for name, sector, region in rows.iterator(chunk_size=20_000):
        counters["company"][name or ""] += 1
        counters["sector"][sector or ""] += 1
        counters["region"][region or ""] += 1
    out: dict[str, Any] = {"unknown": {}, "hidden_groups": 0}
    for attribute, counter in counters.items():
        out["unknown"][attribute] = counter.pop("", 0)
        shown = [(k, v) for k, v in counter.most_common() if v >= minimum]
        out["hidden_groups"] += sum(1 for v in counter.values() if v < minimum)
        if attribute == "company":
            shown = shown[:top]
        out[attribute] = [{"name": k, "people": v} for k, v in shown]
    return out


def unique_reach(*, organisation: Organisation, top: int = 10) -> list[dict[str, Any]]:
    """Employees with the most people *only they* know: the key-person risk.

    ``[{"employee": EMAIL, "name", "unique_reach", "reach"}]``, largest first.
    """
    external = _external_ties(organisation)
    only_one = external.values("person_id").annotate(n=Count("id")).filter(n=1).values("person_id")
    unique = dict(
        external.filter(person_id__in=only_one)
        .values_list("employee_id")
        .annotate(n=Count("id"))
        .values_list("employee_id", "n")
    )
    reach = dict(
        external.values_list("employee_id").annotate(n=Count("id")).values_list("employee_id", "n")
    )
    best = sorted(unique.items(), key=lambda kv: (-kv[1], kv[0]))[:top]
    staff = Employee.objects.in_bulk([e for e, _ in best])
    return [
        {
            "employee": staff[e].email,
            "name": staff[e].full_name,
            "unique_reach": n,
            "reach": reach.get(e, 0),
        }
        for e, n in best
    ]


def growth(*, organisation: Organisation) -> list[dict[str, int]]:
    """Unique people reached by the end of each year, from connection dates.

    ``[{"year", "people"}]`` (cumulative).  A person counts from the earliest
    ``connected_on`` of any tie to them; people without a date count from
    the year their first tie was imported.
    """
    firsts = (
        _external_ties(organisation)
        .values("person_id")
        .annotate(first=Min("connected_on"), imported=Min("created_at"))
    )
    per_year: Counter[int] = Counter()
    for row in firsts.iterator(chunk_size=20_000):
        when = row["first"] or row["imported"]
        if when is not None:
            per_year[when.year] += 1
    total = 0
    out = []
    for year in sorted(per_year):
        total += per_year[year]
        out.append({"year": year, "people": total})
    return out


def employee_reach(*, employee: Employee, sharing: bool = False) -> dict[str, int]:
    """``{"ties", "colleagues", "people", "companies"}`` of one employee, in one query.

    ``people`` are the external people (colleagues left out) and
    ``companies`` their companies.  It reads only this employee's ties: for
    one who shares (``sharing``: active, with a consent) their ``TieRank``
    rows, which carry the person's company and whether they are a colleague,
    so no other table is joined; otherwise the ties themselves.
    """
    if sharing:
        figures = TieRank.objects.filter(employee=employee).aggregate(
            ties=Count("tie_id"),
            colleagues=Count("tie_id", filter=Q(colleague=True)),
            companies=Count("company_id", distinct=True, filter=Q(colleague=False)),
        )
    else:
        colleague = Exists(
            Employee.objects.filter(
                person_id=OuterRef("person_id"), organisation_id=employee.organisation_id
            )
        )
        figures = (
            Tie.objects.filter(employee=employee)
            .annotate(colleague=colleague)
            .aggregate(
                ties=Count("id"),
                colleagues=Count("id", filter=Q(colleague=True)),
                companies=Count("person__company", distinct=True, filter=Q(colleague=False)),
            )
        )
    return {
        "ties": figures["ties"],
        "colleagues": figures["colleagues"],
        "people": figures["ties"] - figures["colleagues"],
        "companies": figures["companies"],
    }


def tie_sources_live(*, organisation: Organisation) -> list[tuple[str, int]]:
    """Ties of the sharing employees by source (``linkedin``, ``google`` …), most first.

    The database groups the ties by their list of sources (a handful of
    distinct lists); ``weakties analyze`` stores the same count.
    """
    counts: Counter[str] = Counter()
    rows = _sharing_ties(organisation).values_list("sources").annotate(n=Count("id")).order_by()
    for sources, n in rows.values_list("sources", "n"):
        for name in sources or ():
            counts[name] += n
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))


@dataclass(frozen=True)
class ColleagueRow:
    """A colleague in a list: their ties, and whether they share them now."""

    employee: Employee
    ties: int
    sharing: bool


def employee_counts(*, employees: list[Employee]) -> list[ColleagueRow]:
    """Ties and consent of these employees (a page of a list): two queries, for any organisation."""
    ids = [e.pk for e in employees]
    ties = dict(
        Tie.objects.filter(employee_id__in=ids)
        .values_list("employee_id")
        .annotate(n=Count("id"))
        .values_list("employee_id", "n")
        .order_by()
    )
    sharing = set(
        Consent.objects.filter(employee_id__in=ids, withdrawn_at__isnull=True).values_list(
            "employee_id", flat=True
        )
    )
    return [ColleagueRow(e, ties.get(e.pk, 0), e.pk in sharing) for e in employees]
