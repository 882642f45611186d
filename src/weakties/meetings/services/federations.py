"""Employer networks (federations): membership by invitation, representatives, coordinators.

A federation's members are :attr:`Federation.members`.  Organisations join by
accepting an invitation (:class:`~weakties.meetings.models.FederationInvitation`);
the founding members named at creation join at once.  Who may do what:

* a **coordinator** runs the federation: invites members, plans meetings;
* a **representative** speaks for one member organisation: collects its help
  requests, reads the brief, records outcomes;
* every active employee of a member organisation sees the meetings and may
  send help requests.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from weakties.accounts.models import Employee, Federation, Organisation
from weakties.accounts.services.audit import audit
from weakties.accounts.services.organisations import employee_find, organisation_get
from weakties.core.errors import ServiceError
from weakties.meetings.models import Delegate, DelegateRole, FederationInvitation
from weakties.meetings.tasks import send_invitation

__all__ = [
    "federation_create",
    "federation_get",
    "federation_invite",
    "invitation_accept",
    "invitation_decline",
    "delegate_appoint",
]

# ``str()`` gives a choice's value: "coordinator", "representative".
_COORDINATOR: str = str(DelegateRole.COORDINATOR)
_REPRESENTATIVE: str = str(DelegateRole.REPRESENTATIVE)


@transaction.atomic
def federation_create(
    *,
    name: str,
    members: Sequence[str] = (),
    coordinator: str | None = None,
    actor: Any = None,
    actor_label: str = "",
) -> Federation:
    """Create a federation with its founding members (organisation names).

    ``coordinator`` is the work email of an employee of one of the members.
    """
    name = " ".join(name.split())
    if not name:
        raise ServiceError(_("a federation needs a name"))
    if Federation.objects.filter(name__iexact=name).exists():
        raise ServiceError(_("federation {name} already exists").format(name=repr(name)))
    orgs = []
    for member in members:
        org = organisation_get(name=member)
        if org not in orgs:
            orgs.append(org)
    federation = Federation.objects.create(name=name)
    federation.members.add(*orgs)
    if coordinator:
        delegate_appoint(federation=federation, employee=coordinator, role=_COORDINATOR)
    audit(
        "federation_created",
        actor=actor,
        actor_label=actor_label,
        federation=federation.name,
        members=[o.name for o in orgs],
    )
    return federation


def federation_get(name_or_id: str | int) -> Federation:
    """The federation with this id or name (any case)."""
    text = str(name_or_id).strip()
    found = None
    if text.isdigit():
        found = Federation.objects.filter(pk=int(text)).first()
    found = found or Federation.objects.filter(name__iexact=text).first()
    if found is None:
        raise ServiceError(
            _(
                "no federation named {name}; create it with `weakties federation create NAME --member ORG`"
            ).format(name=repr(text))
        )
    return found


def federation_invite(
    federation: Federation,
    *,
    organisation: Organisation | str,
    actor: Any = None,
    actor_label: str = "",
) -> FederationInvitation:
    """Invite an organisation; an open invitation is reused."""
    org = (
        organisation
        if isinstance(organisation, Organisation)
        else organisation_get(name=organisation)
    )
    if federation.members.filter(pk=org.pk).exists():
        raise ServiceError(
            _("{org} is already a member of {federation}").format(
                org=org.name, federation=federation.name
            )
        )
    invitation = FederationInvitation.objects.filter(
        federation=federation, organisation=org, status=FederationInvitation.Status.OPEN
    ).first()
    if invitation is None:
        invitation = FederationInvitation.objects.create(
            federation=federation,
            organisation=org,
            invited_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        audit(
            "federation_invited",
            actor=actor,
            actor_label=actor_label,
            federation=federation.name,
            organisation=org.name,
        )

        send_invitation.enqueue(invitation.pk)
    return invitation


def _open_invitation(
    federation: Federation, organisation: Organisation, token: str | None
) -> FederationInvitation:
    qs = FederationInvitation.objects.filter(
        federation=federation, organisation=organisation, status=FederationInvitation.Status.OPEN
    )
    if token is not None:
        qs = qs.filter(token=token)
    invitation = qs.first()
    if invitation is None:
        raise ServiceError(
            _(
                "{org} has no open invitation to {federation}; "
                "a coordinator invites it with `weakties federation invite NAME --org ORG`"
            ).format(org=organisation.name, federation=federation.name)
        )
    return invitation


@transaction.atomic
def invitation_accept(
    *,
    federation: Federation,
    organisation: Organisation,
    token: str | None = None,
    representative: Employee | None = None,
    actor: Any = None,
    actor_label: str = "",
) -> FederationInvitation:
    """The organisation joins; whoever accepts for it becomes its representative."""
    invitation = _open_invitation(federation, organisation, token)
    invitation.status = FederationInvitation.Status.ACCEPTED
    invitation.answered_at = timezone.now()
    invitation.save(update_fields=["status", "answered_at"])
    federation.members.add(organisation)
    if representative is not None:
        delegate_appoint(federation=federation, employee=representative, role=_REPRESENTATIVE)
    audit(
        "federation_joined",
        actor=actor,
        actor_label=actor_label,
        federation=federation.name,
        organisation=organisation.name,
    )
    return invitation


def invitation_decline(
    *,
    federation: Federation,
    organisation: Organisation,
    token: str | None = None,
    actor: Any = None,
) -> FederationInvitation:
    """The organisation does not join; the invitation is closed."""
    invitation = _open_invitation(federation, organisation, token)
    invitation.status = FederationInvitation.Status.DECLINED
    invitation.answered_at = timezone.now()
    invitation.save(update_fields=["status", "answered_at"])
    audit(
        "federation_declined",
        actor=actor,
        federation=federation.name,
        organisation=organisation.name,
    )
    return invitation


def delegate_appoint(
    *,
    federation: Federation,
    employee: Employee | str,
    role: str,
    actor: Any = None,
    actor_label: str = "",
) -> Delegate:
    """Make an employee of a member organisation representative or coordinator."""
    if role not in DelegateRole.values:
        raise ServiceError(
            _("role must be one of {choices}, not {role}").format(
                choices=", ".join(DelegateRole.values), role=repr(role)
            )
        )
    if isinstance(employee, str):
        employee = employee_find(email=employee)
    if not federation.members.filter(pk=employee.organisation_id).exists():
        raise ServiceError(
            _("{email} works at {org}, which is not a member of {federation}").format(
                email=employee.email, org=employee.organisation.name, federation=federation.name
            )
        )
    delegate, created = Delegate.objects.get_or_create(
        federation=federation, employee=employee, role=role
    )
    if created:
        audit(
            "federation_appointed",
            actor=actor,
            actor_label=actor_label,
            federation=federation.name,
            employee=employee.email,
            role=role,
        )
    return delegate
