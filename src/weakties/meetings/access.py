"""Who may see and do what in an employer network (DESIGN.md, privacy by design).

* members' employees see the federation's meetings and send help requests;
* requesters see their own requests, nobody else's;
* representatives (and the coordinator) see every request, the brief and the
  matches, and record outcomes for their own organisation's requests
  (the coordinator for all);
* the coordinator plans meetings and invites organisations.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from weakties.accounts.models import Federation
from weakties.meetings import rules

from .models import HelpRequest, Meeting


def federation_for(request, pk: int) -> Federation:
    """A federation the user is a member of; 404 for others (its existence is not revealed)."""
    federation = rules.federations_of(request.user).filter(pk=pk).first()
    if federation is None:
        raise Http404
    return federation


def meeting_for(request, pk: int) -> Meeting:
    meeting = get_object_or_404(Meeting.objects.select_related("federation", "host"), pk=pk)
    if not rules.is_member(request.user, meeting.federation):
        raise Http404
    return meeting


def require_representative(request, federation: Federation) -> None:
    if not rules.is_representative(request.user, federation):
        raise PermissionDenied(
            "Only representatives and the coordinator of this network may do this."
        )


def require_coordinator(request, federation: Federation) -> None:
    if not rules.is_coordinator(request.user, federation):
        raise PermissionDenied("Only the coordinator of this network may do this.")


def may_record_outcome(request, help_request: HelpRequest) -> bool:
    return help_request.organisation_id in rules.representative_orgs(
        request.user, help_request.meeting.federation
    )


def own_requests(request, meeting: Meeting):
    me = getattr(request.user, "employee", None)
    if me is None:
        return HelpRequest.objects.none()
    return meeting.requests.filter(requester=me).select_related("organisation")
