"""Invite colleagues to become ambassadors, and remind them once.

Seed 000: management *invites* its employees, explains why it matters and
gives them material; it does not order them. So a campaign asks each
colleague once, reminds them at most once (no sooner than
``WEAKTIES_INVITE_REMINDER_DAYS`` after the invitation), and leaves alone:

* colleagues who already share their network (counted as ``already_sharing``);
* colleagues who declined, for good, unless they came back themselves
  (consented after declining);
* colleagues who were invited by another campaign within the reminder
  interval and have not answered yet: a second campaign is no back door
  for a second reminder;
* addresses that are not an active employee of the organisation.

Those last three are ``skipped``, each with a reason. The emails go out
through :func:`weakties.ambassadors.tasks.send_campaign_mail`, a task that
tries again later when the mail server cannot be reached: a page that
starts a campaign never waits for, or fails on, the mail server.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext as _

from weakties.accounts.models import Employee, Organisation
from weakties.accounts.services.audit import audit
from weakties.core.errors import ServiceError
from weakties.people.services.consent import sharing_employees

from ..conf import reminder_days
from ..models import Campaign, Invitation
from ..selectors import declined_for_good, reminder_allowed_at, reminder_due
from ..tasks import send_campaign_mail

__all__ = [
    "SKIP_REASONS",
    "InviteResult",
    "campaign_create",
    "campaign_get",
    "campaign_remind",
    "parse_emails",
]

#: Why an address was skipped (machine names; the CLI and pages say them in words).
SKIP_REASONS = ("unknown", "inactive", "declined", "recently_invited")

_EMAIL = re.compile(r"[^\s,;<>\"']+@[^\s,;<>\"']+")


@dataclass
class InviteResult:
    """What a campaign (or its reminder) did: who was invited, who was skipped and why."""

    campaign: Campaign | None
    invited: list[str] = field(default_factory=list)
    already_sharing: list[str] = field(default_factory=list)
    #: ``(address, reason)``, reason one of :data:`SKIP_REASONS` (or "answered" for a reminder).
    skipped: list[tuple[str, str]] = field(default_factory=list)

    def as_dict(self) -> dict[str, int]:
        """The CLI's contract: ``{"invited", "skipped", "already_sharing"}``, as counts."""
        return {
            "invited": len(self.invited),
            "skipped": len(self.skipped),
            "already_sharing": len(self.already_sharing),
        }


def parse_emails(text: str) -> list[str]:
    """Addresses in a pasted list or file (one a line, or separated by commas), lower-cased, once."""
    seen: dict[str, None] = {}
    for found in _EMAIL.findall(text or ""):
        seen.setdefault(found.strip(".").lower(), None)
    return list(seen)


def _scope_employees(
    organisation: Organisation, scope: str, department: str, emails: list[str]
) -> tuple[list[Employee], list[tuple[str, str]]]:
    """The employees a campaign is for, and the addresses skipped as unknown or inactive."""
    staff = Employee.objects.filter(organisation=organisation).only(
        "id", "email", "active", "department", "organisation_id"
    )
    if scope == Campaign.Scope.ALL:
        return list(staff.filter(active=True).order_by("id")), []
    if scope == Campaign.Scope.DEPARTMENT:
        members = list(staff.filter(active=True, department__iexact=department).order_by("id"))
        if not members:
            raise ServiceError(
                _("{org} has no department named {name}.").format(
                    org=organisation.name, name=repr(department)
                )
            )
        return members, []
    found = {
        e.lower_email: e
        for e in staff.annotate(lower_email=Lower("email")).filter(lower_email__in=emails)
    }
    skipped: list[tuple[str, str]] = []
    members = []
    for address in emails:
        employee = found.get(address)
        if employee is None:
            skipped.append((address, "unknown"))
        elif not employee.active:
            skipped.append((address, "inactive"))
        else:
            members.append(employee)
    return members, skipped


def _recently_invited(organisation: Organisation) -> set[int]:
    """Employees of the organisation invited (by any campaign) within the reminder interval."""
    since = timezone.now() - reminder_days()
    return set(
        Invitation.objects.filter(
            campaign__organisation=organisation, created_at__gte=since
        ).values_list("employee_id", flat=True)
    )


def _check_scope(scope: str, department: str, emails: list[str]) -> None:
    if scope not in Campaign.Scope.values:
        raise ServiceError(
            _("Invite everyone, a department or a list of addresses, not {scope}.").format(
                scope=repr(scope)
            )
        )
    if scope == Campaign.Scope.DEPARTMENT and not department.strip():
        raise ServiceError(_("Name the department to invite."))
    if scope == Campaign.Scope.EMAILS and not emails:
        raise ServiceError(_("The list holds no email address."))


def campaign_create(
    *,
    organisation: Organisation,
    scope: str,
    department: str = "",
    emails: Iterable[str] = (),
    message: str = "",
    created_by: Employee | None = None,
    actor: Any = None,
    actor_label: str = "",
) -> InviteResult:
    """Invite everyone, one department or a list of addresses; the emails go out in the background.

    Returns who was invited, who already shares and who was skipped (and why).
    No campaign is stored when nobody is left to invite.
    """
    addresses = parse_emails("\n".join(emails))
    _check_scope(scope, department, addresses)
    candidates, skipped = _scope_employees(organisation, scope, department.strip(), addresses)
    # Organisation-wide sets (never a list of 10,000 ids in one IN), then looked up per employee.
    sharing = set(sharing_employees(organisation=organisation).values_list("pk", flat=True))
    declined = declined_for_good(organisation=organisation)
    recent = _recently_invited(organisation)
    result = InviteResult(campaign=None, skipped=skipped)
    invite: list[Employee] = []
    for e in candidates:
        if e.pk in sharing:
            result.already_sharing.append(e.email)
        elif e.pk in declined:
            result.skipped.append((e.email, "declined"))
        elif e.pk in recent:
            result.skipped.append((e.email, "recently_invited"))
        else:
            invite.append(e)
            result.invited.append(e.email)
    if invite:
        with transaction.atomic():
            campaign = Campaign.objects.create(
                organisation=organisation,
                scope=scope,
                department=department.strip() if scope == Campaign.Scope.DEPARTMENT else "",
                message=message.strip(),
                created_by=created_by,
            )
            Invitation.objects.bulk_create(
                [Invitation(campaign=campaign, employee=e) for e in invite], batch_size=1000
            )
        result.campaign = campaign
        send_campaign_mail.enqueue(campaign.pk, "invitation", 1)
    audit(
        "ambassadors.invite",
        actor=actor,
        actor_label=actor_label,
        organisation=organisation.pk,
        campaign=result.campaign.pk if result.campaign else None,
        scope=scope,
        department=department.strip(),
        **result.as_dict(),
    )
    return result


def campaign_get(*, organisation: Organisation, campaign_id: int | str) -> Campaign:
    """A campaign of this organisation (another organisation's is "not found", not "forbidden")."""
    try:
        pk = int(campaign_id)
    except (TypeError, ValueError):
        pk = 0
    campaign = Campaign.objects.filter(organisation=organisation, pk=pk).first()
    if campaign is None:
        raise ServiceError(
            _("{org} has no campaign {id}.").format(org=organisation.name, id=campaign_id)
        )
    return campaign


def campaign_remind(
    *, campaign: Campaign, actor: Any = None, actor_label: str = ""
) -> InviteResult:
    """Send the campaign's one reminder to those who have not answered.

    Refused when the reminder went out already, or sooner than
    ``WEAKTIES_INVITE_REMINDER_DAYS`` after the invitations.
    """
    with transaction.atomic():
        campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
        if campaign.reminder_sent_at is not None:
            raise ServiceError(
                _("This campaign's reminder went out on {date}; there is only one.").format(
                    date=timezone.localtime(campaign.reminder_sent_at).strftime("%Y-%m-%d")
                )
            )
        allowed = reminder_allowed_at(campaign)
        if allowed is None:
            raise ServiceError(_("No invitation of this campaign has been sent yet."))
        if timezone.now() < allowed:
            raise ServiceError(
                _("The reminder can go out from {date} ({days} days after the invitation).").format(
                    date=timezone.localtime(allowed).strftime("%Y-%m-%d %H:%M"),
                    days=reminder_days().days,
                )
            )
        due = set(reminder_due(campaign=campaign).values_list("pk", flat=True))
        result = InviteResult(campaign=campaign)
        invitations = campaign.invitations.select_related("employee").order_by("employee_id")
        sharing = _sharing_now(campaign)
        for inv in invitations:
            if inv.pk in due:
                result.invited.append(inv.employee.email)
            elif inv.employee_id in sharing:
                result.already_sharing.append(inv.employee.email)
            else:
                result.skipped.append((inv.employee.email, "answered"))
        campaign.reminder_sent_at = timezone.now()
        campaign.save(update_fields=["reminder_sent_at"])
    send_campaign_mail.enqueue(campaign.pk, "reminder", 1)
    audit(
        "ambassadors.remind",
        actor=actor,
        actor_label=actor_label,
        organisation=campaign.organisation_id,
        campaign=campaign.pk,
        **result.as_dict(),
    )
    return result


def _sharing_now(campaign: Campaign) -> set[int]:
    return set(
        sharing_employees(organisation=campaign.organisation)
        .filter(Q(ambassador_invitations__campaign=campaign))
        .values_list("pk", flat=True)
    )
