"""Consent: an employee's network counts only while they agree to share it.

Withdrawing removes the network: the employee's ties and their provenance
are deleted, their imports are marked withdrawn, and people that nobody
else knows are deleted with them.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from weakties.accounts.models import Consent, Employee, Organisation
from weakties.accounts.services.audit import audit
from weakties.core.errors import ServiceError
from weakties.people.models import ImportBatch, InteractionSeen, Person, Tie
from weakties.people.signals import ties_removed

__all__ = [
    "consent_for_import",
    "consent_give",
    "consent_give_many",
    "consent_withdraw",
    "sharing_employees",
]


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


def consent_for_import(
    *, employees: list[Employee], given_by_owner: str = "", via: str = "cli"
) -> None:
    """Refuse an import for an employee who withdrew consent and has not given it again.

    A withdrawal is the employee's own decision: an operator's import never
    gives consent back.  It comes back when the employee agrees again
    themselves (the web's import page records that before importing), or
    when the operator names the record of the employee's renewed consent in
    ``given_by_owner`` (e.g. where the signed form is kept): then consent is
    recorded and the record is written to the audit log.  One query.
    """
    ids = {e.pk for e in employees}
    withdrawn: dict[int, object] = {}
    active: set[int] = set()
    for employee_id, withdrawn_at in Consent.objects.filter(employee_id__in=ids).values_list(
        "employee_id", "withdrawn_at"
    ):
        if withdrawn_at is None:
            active.add(employee_id)
        else:
            withdrawn[employee_id] = max(withdrawn_at, withdrawn.get(employee_id, withdrawn_at))
    refused = [e for e in employees if e.pk in withdrawn and e.pk not in active]
    if not refused:
        return
    record = given_by_owner.strip()
    if not record:
        first = refused[0]
        raise ServiceError(
            _(
                "{email} withdrew their consent on {date}; their network is not imported "
                "until they agree again on the import page, or you name the record of their "
                "renewed consent with --consent-given-by-owner RECORD"
            ).format(email=first.email, date=date_format(withdrawn[first.pk], "DATE_FORMAT"))
        )
    for e in refused:
        Consent.objects.create(employee=e, via=via)
        audit(
            "consent.given_by_owner",
            actor_label=via,
            employee=e.pk,
            email=e.email,
            record=record[:500],
        )


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
    ties_removed.send(sender=Tie, employee_ids=[employee.pk])
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
