"""Background tasks of the meeting cycle (django-tasks).  Thin: they call the sending services.

The services schedule these (:mod:`weakties.meetings.services.meetings`,
``outcomes``, ``federations``); the tasks call
:mod:`weakties.meetings.services.delivery`, which sends and imports none of
the scheduling services, so there is no circle.
"""

from __future__ import annotations

from typing import Any

from django_tasks import task

from weakties.meetings.models import FederationInvitation, HelpRequest, Meeting
from weakties.meetings.services.delivery import (
    ask_owners,
    send_call,
    send_feedback,
    send_invitation_mail,
)

__all__ = ["send_meeting_call", "send_request_feedback", "ask_contact_owners", "send_invitation"]


@task()
def send_meeting_call(
    meeting_id: int, kind: str = "call", expected_at: str | None = None
) -> dict[str, Any]:
    """Email the call for help requests (or the reminder); idempotent."""
    meeting = Meeting.objects.filter(pk=meeting_id).first()
    if meeting is None:  # deleted since it was scheduled
        return {"meeting": meeting_id, "kind": kind, "sent": 0, "skipped": 0}
    return send_call(meeting, kind=kind, expected_at=expected_at)


@task()
def send_request_feedback(request_id: int) -> dict[str, Any]:
    """Email a requester what came of their help request."""
    request = HelpRequest.objects.filter(pk=request_id).first()
    if request is None:
        return {"request": request_id, "sent": False}
    return {"request": request_id, "sent": send_feedback(request)}


@task()
def ask_contact_owners(demand_id: int) -> dict[str, Any]:
    """Ask employees whether a vacancy is something for one of their contacts."""
    return {"request": demand_id, "asked": ask_owners(demand_id)}


@task()
def send_invitation(invitation_id: int) -> dict[str, Any]:
    """Tell an invited organisation's admins and representatives."""
    invitation = (
        FederationInvitation.objects.select_related("federation", "organisation")
        .filter(pk=invitation_id)
        .first()
    )
    if invitation is None or invitation.status != FederationInvitation.Status.OPEN:
        return {"invitation": invitation_id, "sent": 0}
    return {"invitation": invitation_id, "sent": send_invitation_mail(invitation)}
