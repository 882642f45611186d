"""Background tasks of the meeting cycle (django-tasks).  Thin: they call services."""

from __future__ import annotations

from django_tasks import task

from weakties.meetings.models import HelpRequest, Meeting


@task()
def send_meeting_call(meeting_id: int, kind: str = "call", expected_at: str | None = None) -> dict:
    """Email the call for help requests (or the reminder); idempotent."""
    from .meetings import send_call

    meeting = Meeting.objects.filter(pk=meeting_id).first()
    if meeting is None:  # deleted since it was scheduled
        return {"meeting": meeting_id, "kind": kind, "sent": 0, "skipped": 0}
    return send_call(meeting, kind=kind, expected_at=expected_at)


@task()
def send_request_feedback(request_id: int) -> dict:
    """Email a requester what came of their help request."""
    from .outcomes import send_feedback

    request = HelpRequest.objects.filter(pk=request_id).first()
    if request is None:
        return {"request": request_id, "sent": False}
    return {"request": request_id, "sent": send_feedback(request)}


@task()
def ask_contact_owners(demand_id: int) -> dict:
    """Ask employees whether a vacancy is something for one of their contacts."""
    from .contacts import ask_owners

    return {"request": demand_id, "asked": ask_owners(demand_id)}


@task()
def send_invitation(invitation_id: int) -> dict:
    """Tell an invited organisation's admins and representatives."""
    from weakties.meetings.models import FederationInvitation

    from .federations import send_invitation_mail

    invitation = (
        FederationInvitation.objects.select_related("federation", "organisation")
        .filter(pk=invitation_id)
        .first()
    )
    if invitation is None or invitation.status != FederationInvitation.Status.OPEN:
        return {"invitation": invitation_id, "sent": 0}
    return {"invitation": invitation_id, "sent": send_invitation_mail(invitation)}
