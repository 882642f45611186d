"""How the pages refuse: 404 for what a user may not know exists, 403 for what they may not do.

The rules themselves are the predicates in :mod:`weakties.meetings.rules`;
these helpers look up an object for a request and turn a refused predicate
into ``Http404`` or ``PermissionDenied``.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from weakties.accounts.models import Federation
from weakties.meetings import rules

from .models import HelpRequest, Match, Meeting

ONLY_REPRESENTATIVES = "Only representatives and the coordinator of this network may do this."
ONLY_COORDINATOR = "Only the coordinator of this network may do this."


def require(allowed: bool, message: str) -> None:
    """Refuse with 403 and the message unless the predicate allowed it."""
    if not allowed:
        raise PermissionDenied(message)


def federation_for(request, pk: int) -> Federation:
    """A federation the user is a member of; 404 for others (its existence is not revealed)."""
    federation = rules.federations_of(request.user).filter(pk=pk).first()
    if federation is None:
        raise Http404
    return federation


def meeting_for(request, pk: int) -> Meeting:
    """A meeting of a federation the user is a member of; 404 for others."""
    meeting = get_object_or_404(Meeting.objects.select_related("federation", "host"), pk=pk)
    if not rules.is_member(request.user, meeting.federation):
        raise Http404
    return meeting


def help_request_for(request, pk: int) -> HelpRequest:
    """A help request to a meeting of a federation the user is a member of; 404 for others."""
    help_request = get_object_or_404(
        HelpRequest.objects.select_related("meeting__federation", "organisation"), pk=pk
    )
    if not rules.is_member(request.user, help_request.meeting.federation):
        raise Http404
    return help_request


def match_for(request, pk: int) -> Match:
    """A match of a meeting of a federation the user is a member of; 404 for others."""
    match = get_object_or_404(
        Match.objects.select_related("meeting__federation", "supply", "demand"), pk=pk
    )
    if not rules.is_member(request.user, match.meeting.federation):
        raise Http404
    return match
