"""Who may see and do what in an employer network (DESIGN.md, privacy by design).

The named predicates here are the one home of these rules: pages
(:mod:`weakties.meetings.views`), the API (:mod:`weakties.api.meetings`) and
the CLI all ask them.

* every active employee of a member organisation sees the federation's
  meetings and sends help requests;
* requesters see their own requests, nobody else's;
* a **representative** speaks for one member organisation: sees every
  request, the brief and the matches, records outcomes for their own
  organisation's requests;
* the **coordinator** runs the federation: invites members, plans meetings,
  and may do all a representative may, for every member.
"""

from __future__ import annotations

from weakties.accounts.models import Employee, Federation
from weakties.meetings.models import Delegate, DelegateRole

__all__ = [
    "federations_of",
    "is_member",
    "is_coordinator",
    "is_representative",
    "can_manage",
    "representative_orgs",
]


def _employee(user) -> Employee | None:
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    return getattr(user, "employee", None)


def federations_of(user):
    """Federations the user may see: those their organisation is a member of."""
    if user is not None and getattr(user, "is_superuser", False):
        return Federation.objects.all()
    me = _employee(user)
    if me is None or not me.active:
        return Federation.objects.none()
    return Federation.objects.filter(members=me.organisation_id)


def is_member(user, federation: Federation) -> bool:
    return federations_of(user).filter(pk=federation.pk).exists()


def is_coordinator(user, federation: Federation) -> bool:
    if user is not None and getattr(user, "is_superuser", False):
        return True
    me = _employee(user)
    return bool(
        me is not None
        and me.active
        and Delegate.objects.filter(
            federation=federation, employee=me, role=DelegateRole.COORDINATOR
        ).exists()
        and federation.members.filter(pk=me.organisation_id).exists()
    )


def is_representative(user, federation: Federation) -> bool:
    """A representative of any member organisation, or the coordinator."""
    if is_coordinator(user, federation):
        return True
    me = _employee(user)
    return bool(
        me is not None
        and me.active
        and Delegate.objects.filter(
            federation=federation, employee=me, role=DelegateRole.REPRESENTATIVE
        ).exists()
        and federation.members.filter(pk=me.organisation_id).exists()
    )


def can_manage(user, federation: Federation) -> bool:
    return is_coordinator(user, federation)


def representative_orgs(user, federation: Federation) -> set[int]:
    """Organisations whose requests the user may record outcomes for (all, for coordinators)."""
    if is_coordinator(user, federation):
        return set(federation.members.values_list("pk", flat=True))
    me = _employee(user)
    if me is not None and is_representative(user, federation):
        return {me.organisation_id}
    return set()
