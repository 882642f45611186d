"""The state of every queued mail of the meeting cycle (:class:`~weakties.meetings.models.MailJob`).

The services that enqueue a sending call :func:`mail_job_queue` first; the
senders in :mod:`~weakties.meetings.services.delivery` record what they did
(:func:`mail_job_sent`, :func:`mail_job_failed`); the tasks record a retry
(:func:`mail_job_retrying`).  The meeting page and ``weakties meeting check``
read these rows, so a mail server that is down is seen, not silent.
"""

from __future__ import annotations

import datetime as dt
import smtplib

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from weakties.meetings.models import HelpRequest, MailJob, Meeting

__all__ = [
    "MAIL_ERRORS",
    "PAST_MEETING",
    "mail_error_text",
    "mail_job_queue",
    "mail_job_sent",
    "mail_job_failed",
    "mail_job_retrying",
]

#: What a mail server that is down, slow or refusing raises (a refused address is one of them).
MAIL_ERRORS = (smtplib.SMTPException, OSError)

#: ``MailJob.error`` of a call whose meeting had passed when its task ran (the page words it).
PAST_MEETING = "meeting-passed"


def mail_error_text(exc: BaseException) -> str:
    """A mail error in one line, as the server or the network gave it."""
    return " ".join(str(exc).split())[:500] or type(exc).__name__


def _job(meeting: Meeting | int, kind: str, request: HelpRequest | int | None) -> MailJob:
    meeting_id = meeting if isinstance(meeting, int) else meeting.pk
    request_id = request if request is None or isinstance(request, int) else request.pk
    job = MailJob.objects.filter(meeting_id=meeting_id, kind=kind, request_id=request_id).first()
    if job is not None:
        return job
    try:
        with transaction.atomic():
            return MailJob.objects.create(meeting_id=meeting_id, kind=kind, request_id=request_id)
    except IntegrityError:  # another process made it a moment ago
        return MailJob.objects.get(meeting_id=meeting_id, kind=kind, request_id=request_id)


def _update(job: MailJob, **fields) -> MailJob:
    fields["updated_at"] = timezone.now()
    MailJob.objects.filter(pk=job.pk).update(**fields)
    job.refresh_from_db()
    return job


def mail_job_queue(
    *,
    meeting: Meeting | int,
    kind: str,
    request: HelpRequest | int | None = None,
    due_at: dt.datetime | None = None,
) -> MailJob:
    """A sending is enqueued (due at ``due_at``, or now): its row says *queued*, tries start again."""
    job = _job(meeting, kind, request)
    return _update(
        job,
        status=MailJob.Status.QUEUED,
        attempts=0,
        error="",
        due_at=due_at or timezone.now(),
    )


def mail_job_sent(
    *,
    meeting: Meeting | int,
    kind: str,
    request: HelpRequest | int | None = None,
    sent: int = 0,
    refused: int = 0,
) -> MailJob:
    """A try went through: ``sent`` emails went, the server refused ``refused`` addresses."""
    job = _job(meeting, kind, request)
    return _update(
        job,
        status=MailJob.Status.SENT,
        attempts=F("attempts") + 1,
        sent=F("sent") + sent,
        refused=refused,
        error="",
        due_at=None,
    )


def mail_job_failed(
    *,
    meeting: Meeting | int,
    kind: str,
    request: HelpRequest | int | None = None,
    error: str,
    sent: int = 0,
) -> MailJob:
    """A try failed (``sent`` emails went before it did); *failed* until a retry is enqueued."""
    job = _job(meeting, kind, request)
    return _update(
        job,
        status=MailJob.Status.FAILED,
        attempts=F("attempts") + 1,
        sent=F("sent") + sent,
        error=error[:2000],
        due_at=None,
    )


def mail_job_retrying(
    *,
    meeting: Meeting | int,
    kind: str,
    request: HelpRequest | int | None = None,
    retry_at: dt.datetime,
) -> MailJob:
    """The failed sending is enqueued again for ``retry_at``."""
    job = _job(meeting, kind, request)
    return _update(job, status=MailJob.Status.RETRYING, due_at=retry_at)
