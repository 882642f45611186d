"""Networks lent to the employer network: two opt-ins besides the colleagues' consent (issue 12 §6).

An employee who shares their network agrees that their **colleagues** may
see whom they know and ask them for an introduction. In an employer network
(seed 004) the same contacts could serve another member organisation's
vacancy ("is this something for your contact?"); that is another use, for
other organisations, and needs its own consent. Two opt-ins are asked:

* the employee's own (:func:`network_sharing_give` with ``employee``), after
  reading :data:`CONSENT_TEXT`;
* their organisation's, given by one of its admins (``employee`` left out).

Only an employee with both, and with their ordinary consent still active, is
ever asked about a contact for another organisation
(:func:`employer_network_employees`). Withdrawing either stops it at once:
the questions not yet sent are not sent.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from weakties.accounts.models import Employee, Organisation
from weakties.accounts.rules import employee_of
from weakties.accounts.services.audit import audit
from weakties.core.errors import ServiceError
from weakties.meetings import rules
from weakties.meetings.models import NetworkSharing
from weakties.people.services.consent import sharing_employees

__all__ = [
    "CONSENT_TEXT",
    "ORGANISATION_TEXT",
    "employer_network_employees",
    "network_sharing_give",
    "network_sharing_state",
    "network_sharing_withdraw",
]

#: What an employee agrees to: said on the page and by the CLI before they opt in.
CONSENT_TEXT = gettext_lazy(
    "My colleagues may already see whom I know. With this I also agree that the employer"
    " network my organisation belongs to may use my network: when another member"
    " organisation brings a vacancy or work-experience place to a meeting, weakties may"
    " ask me whether it is something for one of my contacts. Only I am asked; nothing is"
    " sent to my contacts, and I decide whether to pass anything on. This also needs my"
    " organisation's opt-in. I can withdraw it at any time; my colleagues can still see"
    " my network as before."
)
#: What an admin agrees to for the organisation.
ORGANISATION_TEXT = gettext_lazy(
    "Our employees' networks may be used for the employer networks we belong to, for those"
    " employees who agree to it themselves: when another member organisation brings a"
    " vacancy, they may be asked whether it is something for one of their contacts."
    " Without this, only colleagues of our own organisation use our networks."
)


def _active(organisation: Organisation, employee: Employee | None) -> QuerySet[NetworkSharing]:
    return NetworkSharing.objects.filter(
        organisation=organisation, employee=employee, withdrawn_at__isnull=True
    )


def _check(actor: Any, organisation: Organisation, employee: Employee | None) -> None:
    if employee is None:
        if not rules.may_share_organisation_networks(actor, organisation):
            raise ServiceError(_("only an admin of the organisation may change this"))
        return
    me = employee_of(actor)
    if me is None or me.pk != employee.pk or not rules.may_share_own_network(actor):
        raise ServiceError(
            _("only the employee themselves may lend their network to the employer network")
        )


def network_sharing_give(
    *, organisation: Organisation, employee: Employee | None = None, actor: Any, via: str
) -> NetworkSharing:
    """Opt in (the employee's own, or with ``employee`` left out the organisation's); idempotent."""
    _check(actor, organisation, employee)
    if employee is not None and employee.organisation_id != organisation.pk:
        raise ServiceError(_("the employee does not work for this organisation"))
    found = _active(organisation, employee).first()
    if found is not None:
        return found
    sharing = NetworkSharing.objects.create(
        organisation=organisation,
        employee=employee,
        given_by=actor if getattr(actor, "pk", None) else None,
        via=via,
    )
    audit(
        "network_sharing.given",
        actor=actor,
        actor_label=via,
        organisation=organisation.pk,
        employee=employee.pk if employee else None,
    )
    return sharing


def network_sharing_withdraw(
    *, organisation: Organisation, employee: Employee | None = None, actor: Any, via: str
) -> int:
    """Opt out; returns how many opt-ins ended (0 when there was none)."""
    _check(actor, organisation, employee)
    ended = _active(organisation, employee).update(withdrawn_at=timezone.now())
    if ended:
        audit(
            "network_sharing.withdrawn",
            actor=actor,
            actor_label=via,
            organisation=organisation.pk,
            employee=employee.pk if employee else None,
        )
    return ended


def network_sharing_state(*, employee: Employee) -> dict[str, bool]:
    """Whether the employee and their organisation opted in (the page's and the CLI's figures)."""
    organisation = employee.organisation
    return {
        "employee": _active(organisation, employee).exists(),
        "organisation": _active(organisation, None).exists(),
    }


def employer_network_employees(*, organisations: Any) -> QuerySet[Employee]:
    """Employees of ``organisations`` whose network other member organisations may use.

    Their ordinary consent is active, they opted in themselves, and their
    organisation opted in (both not withdrawn).
    """
    lent = NetworkSharing.objects.filter(withdrawn_at__isnull=True)
    organisations_in = lent.filter(employee__isnull=True).values("organisation_id")
    employees_in = lent.filter(employee__isnull=False).values("employee_id")
    return sharing_employees().filter(
        organisation__in=organisations,
        organisation_id__in=organisations_in,
        pk__in=employees_in,
    )
