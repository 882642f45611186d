"""Meetings of an employer network and the call for help requests (seed 004).

``call_days`` before the meeting (default 14) every active employee of every
member organisation gets the call for help requests: a personal link to the
form and a calendar invite.  ``reminder_days`` before the deadline a reminder
follows.  Both are scheduled background tasks (django-tasks, database
backend: ``run_after``); :func:`send_call` records every email it sends in
:class:`~weakties.meetings.models.CallDelivery`, so a task that runs twice
emails nobody twice.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from weakties.accounts.models import Federation, Organisation
from weakties.accounts.services.audit import audit
from weakties.accounts.services.organisations import organisation_get
from weakties.core.errors import ServiceError
from weakties.meetings.models import MailJob, Meeting
from weakties.meetings.services.federations import federation_get
from weakties.meetings.services.mail_jobs import mail_job_queue
from weakties.meetings.tasks import send_meeting_call

__all__ = [
    "meeting_create",
    "meeting_update",
    "meeting_get",
    "schedule_call",
    "call_send_now",
    "DEFAULT_CALL_DAYS",
    "parse_date",
]

log = logging.getLogger(__name__)

DEFAULT_CALL_DAYS = 14
#: Help requests are taken until this many days before the meeting (the representative prepares).
DEADLINE_DAYS_BEFORE = 2


def parse_date(value: str | dt.date, *, what: str | None = None) -> dt.date:
    """A date given as a date or as ``YYYY-MM-DD``; ``what`` names it in the error."""
    if what is None:
        what = _("date")
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise ServiceError(
            _("{what} {value} is not a date; write it as YYYY-MM-DD").format(
                what=what, value=repr(value)
            )
        ) from None


def _deadline(date: dt.date, call_days: int) -> dt.date:
    return date - dt.timedelta(days=min(DEADLINE_DAYS_BEFORE, max(call_days - 1, 0)))


def meeting_create(
    *,
    federation: Federation | str,
    date: str | dt.date,
    call_days: int = DEFAULT_CALL_DAYS,
    place: str = "",
    host: str | None = None,
    agenda: str = "",
    start_time: dt.time | None = None,
    end_time: dt.time | None = None,
    actor: Any = None,
    actor_label: str = "",
    schedule: bool = True,
) -> Meeting:
    """Plan a meeting and schedule its call for help requests."""
    fed = federation if isinstance(federation, Federation) else federation_get(federation)
    day = parse_date(date)
    if call_days < 1 or call_days > 365:
        raise ServiceError(
            _("--call-days must be between 1 and 365, not {days}").format(days=call_days)
        )
    if day < timezone.localdate():
        raise ServiceError(_("the meeting date {day} is in the past").format(day=f"{day:%Y-%m-%d}"))
    host_org = None
    if host:
        host_org = organisation_get(name=host)
        if not fed.members.filter(pk=host_org.pk).exists():
            raise ServiceError(
                _("the host {host} is not a member of {federation}").format(
                    host=host_org.name, federation=fed.name
                )
            )
    meeting = Meeting(
        federation=fed,
        date=day,
        call_days=call_days,
        place=place.strip(),
        host=host_org,
        agenda=agenda.strip(),
        deadline=_deadline(day, call_days),
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    if start_time:
        meeting.start_time = start_time
    if end_time:
        meeting.end_time = end_time
    if meeting.end_time <= meeting.start_time:
        raise ServiceError(_("the meeting must end after it starts"))
    meeting.save()
    audit(
        "meeting_created",
        actor=actor,
        actor_label=actor_label,
        federation=fed.name,
        meeting=meeting.pk,
        date=str(day),
    )
    if schedule:
        schedule_call(meeting)
    return meeting


def meeting_update(
    meeting: Meeting,
    *,
    date: dt.date | None = None,
    start_time: dt.time | None = None,
    end_time: dt.time | None = None,
    place: str | None = None,
    agenda: str | None = None,
    call_days: int | None = None,
    host: Organisation | None = None,
    actor: Any = None,
) -> Meeting:
    """Change a meeting; moving it re-schedules the call and bumps the calendar SEQUENCE.

    What is ``None`` stays as it is.
    """
    changes: dict[str, Any] = {
        "date": date,
        "start_time": start_time,
        "end_time": end_time,
        "place": place,
        "agenda": agenda,
        "call_days": call_days,
        "host": host,
    }
    if date is not None and date != meeting.date and date < timezone.localdate():
        raise ServiceError(
            _("the meeting date {day} is in the past").format(day=f"{date:%Y-%m-%d}")
        )
    if call_days is not None and not 1 <= call_days <= 365:
        raise ServiceError(
            _("--call-days must be between 1 and 365, not {days}").format(days=call_days)
        )
    if host is not None and not meeting.federation.members.filter(pk=host.pk).exists():
        raise ServiceError(
            _("the host {host} is not a member of {federation}").format(
                host=host.name, federation=meeting.federation.name
            )
        )
    moved = False
    for field, value in changes.items():
        if value is not None and getattr(meeting, field) != value:
            setattr(meeting, field, value)
            moved = moved or field in ("date", "start_time", "end_time", "place", "call_days")
    if meeting.end_time <= meeting.start_time:
        raise ServiceError(_("the meeting must end after it starts"))
    if moved:
        meeting.deadline = _deadline(meeting.date, meeting.call_days)
        meeting.sequence += 1
    meeting.save()
    audit("meeting_changed", actor=actor, meeting=meeting.pk)
    if moved:
        schedule_call(meeting)
    return meeting


def meeting_get(meeting_id: int | str) -> Meeting:
    """The meeting with this id (a number, or its text from the command line)."""
    try:
        pk = int(meeting_id)
    except (TypeError, ValueError):
        raise ServiceError(
            _("meeting id must be a number, not {value}").format(value=repr(meeting_id))
        ) from None
    meeting = Meeting.objects.select_related("federation", "host").filter(pk=pk).first()
    if meeting is None:
        raise ServiceError(
            _("no meeting with id {id}; list them with `weakties meeting list`").format(id=pk)
        )
    return meeting


def schedule_call(meeting: Meeting) -> dict[str, str]:
    """Enqueue the call and the reminder for their moments (``run_after``).

    With a backend that cannot defer (the immediate backend of the tests), a
    call whose moment has come is sent at once; a later one waits for
    ``weakties meeting call ID``.
    """

    scheduled: dict[str, str] = {}
    if meeting.date < timezone.localdate():
        return scheduled  # a meeting that has passed calls for nothing any more
    for kind, when in (("call", meeting.call_at), ("reminder", meeting.reminder_at)):
        if kind == "reminder" and (when <= meeting.call_at or when <= timezone.now()):
            continue  # no room for a reminder between the call and the deadline
        task = send_meeting_call
        backend = task.get_backend()
        stamp = when.isoformat()
        if not backend.supports_defer and when > timezone.now():
            continue
        # Its state first: an immediate backend runs the task inside ``enqueue``.
        mail_job_queue(meeting=meeting, kind=kind, due_at=when)
        if backend.supports_defer:
            result = task.using(run_after=when).enqueue(meeting.pk, kind, stamp)
        else:
            result = task.enqueue(meeting.pk, kind, stamp)
        scheduled[kind] = result.id
    Meeting.objects.filter(pk=meeting.pk).update(
        call_task_id=scheduled.get("call", ""), reminder_task_id=scheduled.get("reminder", "")
    )
    meeting.call_task_id = scheduled.get("call", "")
    meeting.reminder_task_id = scheduled.get("reminder", "")
    return scheduled


def call_send_now(meeting: Meeting, *, kind: str = "call") -> MailJob:
    """Send the call (or the reminder) now rather than at its moment; the job's state after.

    The sending runs as a task, so a mail server that is down never fails the
    caller: the job says *retrying* (or *failed*) and the task tries again
    with backoff.  With a backend that runs tasks at once the state is final;
    with the worker it is *queued* until it runs (in a moment).  Refused for a
    meeting that has passed.
    """
    if kind not in ("call", "reminder"):
        raise ServiceError(_("kind must be call or reminder, not {kind}").format(kind=repr(kind)))
    if meeting.date < timezone.localdate():
        raise ServiceError(
            _("the meeting of {day} has passed; its call is not sent any more").format(
                day=f"{meeting.date:%Y-%m-%d}"
            )
        )
    job = mail_job_queue(meeting=meeting, kind=kind)
    send_meeting_call.enqueue(meeting.pk, kind, None)
    job.refresh_from_db()
    return job
