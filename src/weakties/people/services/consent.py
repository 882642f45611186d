"""Consent: an employee's network counts only while they agree to share it.

Withdrawing removes the network: the employee's ties and their provenance
are deleted, their imports are marked withdrawn, and people that nobody
else knows are deleted with them.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from weakties.accounts.models import Consent, Employee, Organisation
from weakties.people.models import ImportBatch, InteractionSeen, Person, Tie

__all__ = ["consent_give", "consent_give_many", "consent_withdraw", "sharing_employees"]


def consent_give(*, employee: Employee, via: str) -> Consent:
    """Record consent unless it is already given; returns the active consent."""
    active = employee.consents.filter(withdrawn_at__isnull=True).first()
    return active or Consent.objects.create(employee=employee, via=via)


def consent_give_many(*, employees: list[Employee], via: str) -> int:
    """:func:`consent_give` for many employees in two queries; returns how many were recorded."""
    ids = {e.pk for e in employees}
    active = set(
        Consent.objects.filter(employee_id__in=ids, withdrawn_at__isnull=True).values_list(
            "employee_id", flat=True
        )
    )
    created = Consent.objects.bulk_create(
        [Consent(employee_id=pk, via=via) for pk in sorted(ids - active)]
    )
    return len(created)


@transaction.atomic
def consent_withdraw(*, employee: Employee) -> dict[str, int]:
    """Withdraw consent and remove the employee's network.  Returns what was removed."""
    now = timezone.now()
    withdrawn = employee.consents.filter(withdrawn_at__isnull=True).update(withdrawn_at=now)
    person_ids = list(Tie.objects.filter(employee=employee).values_list("person_id", flat=True))
    _, deleted = Tie.objects.filter(employee=employee).delete()
    ties = deleted.get("people.Tie", 0)
    InteractionSeen.objects.filter(employee=employee).delete()
    ImportBatch.objects.filter(owner=employee, status=ImportBatch.Status.DONE).update(
        status=ImportBatch.Status.WITHDRAWN
    )
    orphans = (
        Person.objects.filter(id__in=person_ids, employee__isnull=True)
        .annotate(n=Count("ties"))
        .filter(n=0)
    )
    _, deleted = Person.objects.filter(id__in=list(orphans.values_list("id", flat=True))).delete()
    return {
        "consents_withdrawn": withdrawn,
        "ties_removed": ties,
        "people_removed": deleted.get("people.Person", 0),
    }


def sharing_employees(*, organisation: Organisation | None = None) -> QuerySet[Employee]:
    """Employees with an active consent (optionally of one organisation)."""
    qs = Employee.objects.filter(active=True).filter(
        Q(consents__withdrawn_at__isnull=True) & Q(consents__isnull=False)
    )
    if organisation is not None:
        qs = qs.filter(organisation=organisation)
    return qs.distinct()
