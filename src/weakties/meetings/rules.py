"""Who may see and do what in an employer network (DESIGN.md, privacy by design).

The named predicates here are the one home of these rules: pages
(:mod:`weakties.meetings.views`), the API (:mod:`weakties.api.meetings`) and
the CLI all ask them. Each takes a *user* (not a request) and answers
``True`` or ``False``; refusing (403, 404, a message) is the edge's business
(:mod:`weakties.meetings.access` for the pages).

* every active employee of a member organisation sees the federation's
  meetings and sends help requests for their own organisation, until the
  meeting's deadline;
* requesters see their own requests, nobody else's;
* a **representative** speaks for one member organisation: sees every
  request, the brief and the matches, imports sheets and sends requests for
  their organisation (also after the deadline), records outcomes and asks for
  contacts for their own organisation's requests, and moves the matches their
  organisation is part of;
* the **coordinator** runs the federation: invites members, plans meetings,
  and may do all a representative may, for every member;
* an invitation is answered by an admin, representative or coordinator of the
  invited organisation;
* an organisation's own results are for its employees.

A superuser counts as the coordinator of every federation.
"""

from __future__ import annotations

from django.db.models import QuerySet

from weakties.accounts.models import Federation, Organisation, Role
from weakties.accounts.rules import employee_of
from weakties.meetings.models import (
    Delegate,
    DelegateRole,
    FederationInvitation,
    HelpRequest,
    Match,
    Meeting,
)

__all__ = [
    "federations_of",
    "is_member",
    "is_coordinator",
    "is_representative",
    "representative_orgs",
    "request_organisations",
    "own_requests",
    "may_invite_members",
    "may_plan_meetings",
    "may_see_requests",
    "may_add_request_for",
    "may_add_requests_now",
    "may_import_requests",
    "may_see_brief",
    "may_record_outcome",
    "may_suggest_contacts",
    "may_move_match",
    "may_see_invitation",
    "may_answer_invitation",
    "may_see_organisation_results",
]


def _is_superuser(user) -> bool:
    return user is not None and getattr(user, "is_superuser", False)


# Membership and roles ---------------------------------------------------------------------------


def federations_of(user) -> QuerySet[Federation]:
    """Federations the user sees: those their organisation is a member of (superusers: all)."""
    if _is_superuser(user):
        return Federation.objects.all()
    me = employee_of(user)
    if me is None or not me.active:
        return Federation.objects.none()
    return Federation.objects.filter(members=me.organisation_id)


def is_member(user, federation: Federation) -> bool:
    """An active employee of a member organisation, or a superuser."""
    return federations_of(user).filter(pk=federation.pk).exists()


def _delegate(user, federation: Federation, role: str) -> bool:
    me = employee_of(user)
    return bool(
        me is not None
        and me.active
        and Delegate.objects.filter(federation=federation, employee=me, role=role).exists()
        and federation.members.filter(pk=me.organisation_id).exists()
    )


def is_coordinator(user, federation: Federation) -> bool:
    """The federation's coordinator (active, of a member organisation), or a superuser."""
    return _is_superuser(user) or _delegate(user, federation, DelegateRole.COORDINATOR)


def is_representative(user, federation: Federation) -> bool:
    """An active representative of a member organisation, or the coordinator."""
    return is_coordinator(user, federation) or _delegate(
        user, federation, DelegateRole.REPRESENTATIVE
    )


def representative_orgs(user, federation: Federation) -> set[int]:
    """Organisations the user speaks for: representatives their own, the coordinator all."""
    if is_coordinator(user, federation):
        return set(federation.members.values_list("pk", flat=True))
    me = employee_of(user)
    if me is not None and is_representative(user, federation):
        return {me.organisation_id}
    return set()


def request_organisations(user, federation: Federation) -> set[int]:
    """Organisations a member sends help requests for: those they speak for, else their own."""
    if not is_member(user, federation):
        return set()
    me = employee_of(user)
    return representative_orgs(user, federation) or ({me.organisation_id} if me else set())


def own_requests(user, meeting: Meeting) -> QuerySet[HelpRequest]:
    """The user's own requests for a meeting: all a plain employee sees of them."""
    me = employee_of(user)
    if me is None:
        return HelpRequest.objects.none()
    return meeting.requests.filter(requester=me).select_related("organisation")


# What the coordinator does ----------------------------------------------------------------------


def may_invite_members(user, federation: Federation) -> bool:
    """Only the coordinator invites organisations into the federation."""
    return is_coordinator(user, federation)


def may_plan_meetings(user, federation: Federation) -> bool:
    """Only the coordinator plans, changes and sends the call of the federation's meetings."""
    return is_coordinator(user, federation)


# Help requests ----------------------------------------------------------------------------------


def may_see_requests(user, federation: Federation) -> bool:
    """Representatives and the coordinator see every request; others only their own."""
    return is_representative(user, federation)


def may_add_request_for(user, federation: Federation, organisation: Organisation) -> bool:
    """A member asks for their own organisation; the coordinator for any member organisation."""
    return organisation.pk in request_organisations(user, federation)


def may_add_requests_now(user, meeting: Meeting) -> bool:
    """Members ask until the deadline; representatives and the coordinator also after it."""
    if not is_member(user, meeting.federation):
        return False
    return meeting.is_open_for_requests or is_representative(user, meeting.federation)


def may_import_requests(user, meeting: Meeting) -> bool:
    """Representatives and the coordinator import sheets for the organisations they speak for."""
    return is_representative(user, meeting.federation)


# The meeting itself -----------------------------------------------------------------------------


def may_see_brief(user, meeting: Meeting) -> bool:
    """The brief and its matches are for representatives and the coordinator."""
    return is_representative(user, meeting.federation)


def may_record_outcome(user, help_request: HelpRequest) -> bool:
    """The requesting organisation's representative, or the coordinator, records the outcome."""
    return help_request.organisation_id in representative_orgs(
        user, help_request.meeting.federation
    )


def may_suggest_contacts(user, help_request: HelpRequest) -> bool:
    """The requesting organisation's representative, or the coordinator, asks for contacts."""
    return may_record_outcome(user, help_request)


def may_move_match(user, match: Match) -> bool:
    """A representative of either organisation of the match, or the coordinator, moves it."""
    return bool(
        representative_orgs(user, match.meeting.federation)
        & {match.supply.organisation_id, match.demand.organisation_id}
    )


# Invitations and results ------------------------------------------------------------------------


def may_see_invitation(user, invitation: FederationInvitation) -> bool:
    """An invitation is visible to the active employees of the invited organisation only."""
    me = employee_of(user)
    return me is not None and me.active and me.organisation_id == invitation.organisation_id


def may_answer_invitation(user, invitation: FederationInvitation) -> bool:
    """The invited organisation's admin, representative or coordinator (or a superuser) answers."""
    me = employee_of(user)
    return may_see_invitation(user, invitation) and (
        me.role in (Role.ADMIN, Role.REPRESENTATIVE, Role.COORDINATOR) or _is_superuser(user)
    )


def may_see_organisation_results(user, organisation: Organisation) -> bool:
    """An organisation's own results are for its active employees (and superusers)."""
    if _is_superuser(user):
        return True
    me = employee_of(user)
    return me is not None and me.active and me.organisation_id == organisation.pk


def may_share_own_network(user) -> bool:
    """Only an active employee opts their own network in or out of the employer network."""
    me = employee_of(user)
    return me is not None and me.active


def may_share_organisation_networks(user, organisation: Organisation) -> bool:
    """Only an admin of the organisation opts it in or out of the employer network."""
    from weakties.accounts.rules import is_org_admin

    return is_org_admin(user, organisation)
