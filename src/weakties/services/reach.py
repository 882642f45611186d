"""Reach: how far the organisation's second degree goes.

The second degree are the people the employees know (seed 000: "de kracht
van het netwerk bevindt zich in de tweede graad").  Only employees who
consented count.
"""

from __future__ import annotations

from weakties.accounts.models import Employee, Organisation
from weakties.people.models import Tie

from .consent import sharing_employees

__all__ = ["organisation_reach", "employee_reach"]


def _sharing_ties(organisation: Organisation):
    return Tie.objects.filter(employee__in=sharing_employees(organisation))


def organisation_reach(organisation: Organisation) -> dict[str, int]:
    """``{"employees", "employees_sharing", "ties", "unique_people", "companies"}``.

    ``ties`` is the sum over employees; ``unique_people`` counts resolved
    external people (colleagues excluded), each once.
    """
    ties = _sharing_ties(organisation)
    external = ties.exclude(person__employee__organisation=organisation)
    return {
        "employees": Employee.objects.filter(organisation=organisation, active=True).count(),
        "employees_sharing": sharing_employees(organisation).count(),
        "ties": ties.count(),
        "unique_people": external.values("person_id").distinct().count(),
        "companies": external.exclude(person__company__isnull=True)
        .values("person__company_id")
        .distinct()
        .count(),
    }


def employee_reach(employee: Employee) -> dict[str, int]:
    ties = Tie.objects.filter(employee=employee)
    external = ties.exclude(person__employee__organisation=employee.organisation)
    return {
        "ties": ties.count(),
        "colleagues": ties.count() - external.count(),
        "people": external.count(),
        "companies": external.exclude(person__company__isnull=True)
        .values("person__company_id")
        .distinct()
        .count(),
    }
