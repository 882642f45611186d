"""Background tasks of the meeting cycle (django-tasks).  Thin: they call the sending services.

The services schedule these (:mod:`weakties.meetings.services.meetings`,
``outcomes``, ``federations``); the tasks call
:mod:`weakties.meetings.services.delivery`, which sends and imports none of
the scheduling services, so there is no circle.

A mail server that cannot be reached never fails a task silently: the
sender records the failure (:class:`~weakties.meetings.models.MailJob`), and
the task enqueues itself again after an exponential backoff
(:func:`retry_delay`: 1, 2, 4 … minutes) until :data:`MAX_ATTEMPTS` tries are
spent; then the job stays *failed* and the meeting page offers to send again.
A backend that cannot defer (the tests' immediate backend) does not retry.
Every sender skips what went already, so a retry emails nobody twice.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from django.conf import settings
from django.utils import timezone
from django_tasks import task

from weakties.meetings.models import FederationInvitation, HelpRequest, Meeting
from weakties.meetings.services.delivery import (
    ask_owners,
    send_call,
    send_feedback,
    send_invitation_mail,
)
from weakties.meetings.services.mail_jobs import MAIL_ERRORS, mail_error_text, mail_job_retrying

__all__ = [
    "send_meeting_call",
    "send_request_feedback",
    "ask_contact_owners",
    "send_invitation",
    "retry_delay",
    "MAX_ATTEMPTS",
]

log = logging.getLogger(__name__)

#: Tries of one sending before it stays failed (about an hour of backoff with the default wait).
MAX_ATTEMPTS = 7


def retry_delay(attempt: int) -> dt.timedelta:
    """The wait after failed try ``attempt`` (1, 2, …): 1, 2, 4 … minutes, at most six hours.

    ``WEAKTIES_MEETING_MAIL_RETRY_SECONDS`` (60) is the first wait.
    """
    base = float(getattr(settings, "WEAKTIES_MEETING_MAIL_RETRY_SECONDS", 60))
    return dt.timedelta(seconds=min(base * 2 ** max(attempt - 1, 0), 6 * 3600))


def _retry(job: Any, args: list[Any], attempt: int, exc: BaseException) -> dt.datetime | None:
    """Enqueue ``job`` again after the backoff; when, or None when its tries are spent."""
    if attempt >= MAX_ATTEMPTS or not job.get_backend().supports_defer:
        log.warning("%s %s: mail failed for good (%s)", job.name, args, exc)
        return None
    when = timezone.now() + retry_delay(attempt)
    job.using(run_after=when).enqueue(*args, attempt + 1)
    log.warning("%s %s: mail failed (%s); try %d at %s", job.name, args, exc, attempt + 1, when)
    return when


def _failed(exc: BaseException, retry_at: dt.datetime | None) -> dict[str, Any]:
    return {"error": mail_error_text(exc), "retry_at": retry_at.isoformat() if retry_at else None}


@task()
def send_meeting_call(
    meeting_id: int, kind: str = "call", expected_at: str | None = None, attempt: int = 1
) -> dict[str, Any]:
    """Email the call for help requests (or the reminder); idempotent; retried with backoff."""
    meeting = Meeting.objects.filter(pk=meeting_id).first()
    if meeting is None:  # deleted since it was scheduled
        return {"meeting": meeting_id, "kind": kind, "sent": 0, "skipped": 0}
    try:
        return send_call(meeting, kind=kind, expected_at=expected_at)
    except MAIL_ERRORS as exc:
        when = _retry(send_meeting_call, [meeting_id, kind, expected_at], attempt, exc)
        if when is not None:
            mail_job_retrying(meeting=meeting, kind=kind, retry_at=when)
        return {"meeting": meeting_id, "kind": kind, "sent": 0} | _failed(exc, when)


@task()
def send_request_feedback(request_id: int, attempt: int = 1) -> dict[str, Any]:
    """Email a requester what came of their help request; retried with backoff."""
    request = HelpRequest.objects.filter(pk=request_id).first()
    if request is None:
        return {"request": request_id, "sent": False}
    try:
        return {"request": request_id, "sent": send_feedback(request)}
    except MAIL_ERRORS as exc:
        when = _retry(send_request_feedback, [request_id], attempt, exc)
        if when is not None:
            mail_job_retrying(
                meeting=request.meeting_id, kind="feedback", request=request, retry_at=when
            )
        return {"request": request_id, "sent": False} | _failed(exc, when)


@task()
def ask_contact_owners(demand_id: int, attempt: int = 1) -> dict[str, Any]:
    """Ask employees whether a vacancy is something for one of their contacts; retried with backoff."""
    try:
        return {"request": demand_id, "asked": ask_owners(demand_id)}
    except MAIL_ERRORS as exc:
        when = _retry(ask_contact_owners, [demand_id], attempt, exc)
        demand = HelpRequest.objects.filter(pk=demand_id).only("meeting_id").first()
        if when is not None and demand is not None:
            mail_job_retrying(
                meeting=demand.meeting_id, kind="contacts", request=demand_id, retry_at=when
            )
        return {"request": demand_id, "asked": 0} | _failed(exc, when)


@task()
def send_invitation(invitation_id: int, attempt: int = 1) -> dict[str, Any]:
    """Tell an invited organisation's admins and representatives; retried with backoff."""
    invitation = (
        FederationInvitation.objects.select_related("federation", "organisation")
        .filter(pk=invitation_id)
        .first()
    )
    if invitation is None or invitation.status != FederationInvitation.Status.OPEN:
        return {"invitation": invitation_id, "sent": 0}
    try:
        return {"invitation": invitation_id, "sent": send_invitation_mail(invitation)}
    except MAIL_ERRORS as exc:
        when = _retry(send_invitation, [invitation_id], attempt, exc)
        return {"invitation": invitation_id, "sent": 0} | _failed(exc, when)
