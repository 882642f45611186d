"""Sending the meeting cycle's emails: the call and its reminder, feedback, contact questions, invitations.

Building a message is :mod:`weakties.meetings.mail`; scheduling it is
:mod:`weakties.meetings.tasks` (the services enqueue those tasks).  This
module only sends, and records what it sent so that a task that runs twice
emails nobody twice: the call in
:class:`~weakties.meetings.models.CallDelivery`, feedback in
``HelpRequest.feedback_sent_at``, contact questions in
``ContactSuggestion.asked_at``.

Every sender also records how its try went in a
:class:`~weakties.meetings.models.MailJob` (:mod:`.mail_jobs`): sent, or
failed with the mail server's error, which it then raises for the task to
try again later (:mod:`weakties.meetings.tasks`).  A refused address is no
failure of the sending: it is counted, and tried again on the next run.
"""

from __future__ import annotations

import logging
import smtplib
from typing import Any

from django.core.mail import get_connection
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from weakties.core.errors import ServiceError
from weakties.meetings.mail import (
    call_message,
    contact_question_message,
    feedback_message,
    invitation_message,
)
from weakties.meetings.models import (
    CallDelivery,
    ContactSuggestion,
    FederationInvitation,
    HelpRequest,
    Meeting,
)
from weakties.meetings.selectors import invited_employees
from weakties.meetings.services.mail_jobs import (
    MAIL_ERRORS,
    PAST_MEETING,
    mail_error_text,
    mail_job_failed,
    mail_job_sent,
)

__all__ = ["send_call", "send_feedback", "ask_owners", "send_invitation_mail"]

log = logging.getLogger(__name__)


def send_call(
    meeting: Meeting, *, kind: str = "call", expected_at: str | None = None
) -> dict[str, Any]:
    """Email the call (or reminder) to everyone invited who has not had it yet.

    The reminder skips colleagues who already sent a help request for the meeting.

    ``expected_at`` is the moment the task was scheduled for; a task made
    stale by a moved meeting sends nothing (the re-scheduled one will).
    Returns ``{"meeting", "kind", "sent", "skipped"}``.
    """

    meeting = Meeting.objects.select_related("federation", "host").get(pk=meeting.pk)
    if kind not in CallDelivery.Kind.values:
        raise ServiceError(_("kind must be call or reminder, not {kind}").format(kind=repr(kind)))
    current = (meeting.call_at if kind == "call" else meeting.reminder_at).isoformat()
    if expected_at is not None and expected_at != current:
        log.info("meeting %s moved; stale %s task skipped", meeting.pk, kind)
        return {"meeting": meeting.pk, "kind": kind, "sent": 0, "skipped": 0, "stale": True}
    if meeting.date < timezone.localdate():
        if not (meeting.call_sent_at if kind == "call" else meeting.reminder_sent_at):
            mail_job_failed(meeting=meeting, kind=kind, error=PAST_MEETING)
        return {"meeting": meeting.pk, "kind": kind, "sent": 0, "skipped": 0}
    done = set(
        CallDelivery.objects.filter(meeting=meeting, kind=kind).values_list(
            "employee_id", flat=True
        )
    )
    if kind == "reminder":
        # Who already sent a request needs no reminder.
        done |= set(meeting.requests.exclude(requester=None).values_list("requester_id", flat=True))
    counts = {"sent": 0, "skipped": 0, "refused": 0}
    field = "call_sent_at" if kind == "call" else "reminder_sent_at"
    try:
        _send_call_to_each(meeting, kind, done, counts)
    except MAIL_ERRORS as exc:
        if counts["sent"]:
            Meeting.objects.filter(pk=meeting.pk).update(**{field: timezone.now()})
        mail_job_failed(meeting=meeting, kind=kind, error=mail_error_text(exc), sent=counts["sent"])
        raise
    if counts["sent"]:
        Meeting.objects.filter(pk=meeting.pk).update(**{field: timezone.now()})
    mail_job_sent(meeting=meeting, kind=kind, sent=counts["sent"], refused=counts["refused"])
    result: dict[str, Any] = {
        "meeting": meeting.pk,
        "kind": kind,
        "sent": counts["sent"],
        "skipped": counts["skipped"],
    }
    if counts["refused"]:
        result["refused"] = counts["refused"]
    return result


def _send_call_to_each(meeting: Meeting, kind: str, done: set[int], counts: dict[str, int]) -> None:
    """Send the call (or reminder) to everyone invited not in ``done``; ``counts`` says how it went."""
    connection = get_connection()
    with connection:
        for employee in invited_employees(meeting).iterator(chunk_size=500):
            if employee.pk in done:
                counts["skipped"] += 1
                continue
            message = call_message(meeting, employee, reminder=(kind == "reminder"))
            message.connection = connection
            try:
                message.send()
            except smtplib.SMTPRecipientsRefused:
                # One bad address must not hold up everyone after it; it is tried again on a re-run.
                log.warning("meeting %s: the mail server refused %s", meeting.pk, employee.email)
                counts["refused"] += 1
                continue
            # Recorded right after each message: a crash half-way sends the rest on a re-run.
            with transaction.atomic():
                CallDelivery.objects.get_or_create(meeting=meeting, employee=employee, kind=kind)
            counts["sent"] += 1


def send_feedback(request: HelpRequest) -> bool:
    """Email the requester the outcome; once per recorded outcome.  True when sent."""

    request = HelpRequest.objects.select_related(
        "meeting__federation", "organisation", "requester"
    ).get(pk=request.pk)
    if not request.outcome or not request.requester_email:
        return False
    if (
        request.feedback_sent_at
        and request.outcome_at
        and request.feedback_sent_at >= request.outcome_at
    ):
        return False
    job = {"meeting": request.meeting_id, "kind": "feedback", "request": request.pk}
    try:
        feedback_message(request).send()
    except MAIL_ERRORS as exc:
        mail_job_failed(**job, error=mail_error_text(exc))
        raise
    HelpRequest.objects.filter(pk=request.pk).update(feedback_sent_at=timezone.now())
    mail_job_sent(**job, sent=1)
    return True


def _lent_networks(pending) -> set[int]:
    """Employees (of other organisations than the requester's) who lend their network now."""
    from weakties.meetings.services.network_sharing import employer_network_employees

    others = {s.employee.organisation_id for s in pending if not _colleague(s)}
    if not others:
        return set()
    return set(employer_network_employees(organisations=list(others)).values_list("pk", flat=True))


def _colleague(suggestion: ContactSuggestion) -> bool:
    return suggestion.employee.organisation_id == suggestion.demand.organisation_id


def _may_ask(suggestion: ContactSuggestion, lent: set[int]) -> bool:
    """A colleague of the requester, or an employee who (still) lends their network (issue 12 §6)."""
    return _colleague(suggestion) or suggestion.employee_id in lent


def ask_owners(demand_id: int) -> int:
    """Email every employee not yet asked about their suggested contacts; returns how many."""

    demand = HelpRequest.objects.filter(pk=demand_id).only("pk", "meeting_id").first()
    if demand is None:
        return 0
    job = {"meeting": demand.meeting_id, "kind": "contacts", "request": demand.pk}
    pending = ContactSuggestion.objects.filter(
        demand_id=demand_id, asked_at__isnull=True
    ).select_related("employee", "person", "demand__organisation")
    asked = refused = 0
    lent = _lent_networks(pending)
    try:
        connection = get_connection()
        with connection:
            for suggestion in pending:
                if not suggestion.employee.active or not suggestion.employee.has_consent():
                    continue
                if not _may_ask(suggestion, lent):
                    continue  # another organisation's employee who no longer lends their network
                message = contact_question_message(suggestion)
                message.connection = connection
                try:
                    message.send()
                except smtplib.SMTPRecipientsRefused:
                    refused += 1  # asked again on the next run
                    continue
                ContactSuggestion.objects.filter(pk=suggestion.pk).update(asked_at=timezone.now())
                asked += 1
    except MAIL_ERRORS as exc:
        mail_job_failed(**job, error=mail_error_text(exc), sent=asked)
        raise
    mail_job_sent(**job, sent=asked, refused=refused)
    return asked


def send_invitation_mail(invitation: FederationInvitation) -> int:
    """Email the invited organisation's admins and representatives; returns how many."""

    people = invitation.organisation.employees.filter(
        active=True, role__in=["admin", "representative", "coordinator"]
    )
    sent = 0
    for employee in people:
        invitation_message(invitation, employee).send()
        sent += 1
    return sent
