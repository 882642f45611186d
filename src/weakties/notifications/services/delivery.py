"""Emailing notices: one at once, or the digest that bundles an employee's notices.

Building a message is :mod:`weakties.notifications.mail`; scheduling and
retrying is :mod:`weakties.notifications.tasks`.  This module only sends and
records what it sent (``Notice.emailed_at``, ``Preference.last_digest_at``),
so that a task that runs twice, or a digest run beside ``weakties digest``,
emails nobody twice.

Both senders *claim* before they send: one conditional ``UPDATE`` stamps the
rows only if nobody else has; a failed send gives the claim back and the
error goes up (the task tries again later).  Nothing is sent inside a
database transaction, so a slow mail server holds no lock.

Who gets what (``Preference.digest``; an employee without a row has the default, daily):

* *immediate*: each notice at once (the task :func:`~weakties.notifications.tasks.send_notice_email`);
  one that still failed after every retry goes with the next digest run;
* *daily* / *weekly*: at most one email per period (:mod:`weakties.notifications.schedule`)
  with every notice not yet emailed and not yet read in the app;
* *never*: nothing; the notices stay in the app.

Notices already read in the app, notices older than the window and inactive
employees get no email.
"""

from __future__ import annotations

import datetime as dt
import logging
import smtplib
from typing import Any

from django.core.exceptions import ObjectDoesNotExist
from django.core.mail import get_connection
from django.db.models import Q
from django.utils import timezone

from weakties.accounts.models import Employee
from weakties.notifications.mail import digest_message, notice_message
from weakties.notifications.models import Digest, Notice, Preference
from weakties.notifications.schedule import catch_up_after, period_start, window_start

__all__ = ["MAIL_ERRORS", "digest_of", "notice_send", "digests_send"]

log = logging.getLogger(__name__)

#: What a mail server that is down, slow or refusing raises.
MAIL_ERRORS = (smtplib.SMTPException, OSError)


def digest_of(employee: Employee) -> str:
    """The employee's digest preference (a :class:`Digest` value); the default without a row."""
    try:
        return employee.notice_preference.digest
    except ObjectDoesNotExist:
        return Preference._meta.get_field("digest").get_default()


def _pending(employee_id: int, now: dt.datetime):
    """The employee's notices still to email: not emailed, not read, inside the window."""
    return Notice.objects.filter(
        employee_id=employee_id,
        emailed_at__isnull=True,
        read_at__isnull=True,
        created_at__gte=window_start(now),
    )


def _emailable(employee: Employee) -> bool:
    return employee.active and bool(employee.email)


def notice_send(notice_id: int) -> bool:
    """Email one notice now, for an employee who wants each at once; True when it went.

    Does nothing (False) when the notice is gone, already emailed or read, or
    the employee no longer wants immediate email.  A mail error is raised
    after the claim is given back.
    """
    notice = (
        Notice.objects.select_related("employee__notice_preference").filter(pk=notice_id).first()
    )
    if notice is None or notice.emailed_at or notice.read_at:
        return False
    if not _emailable(notice.employee) or digest_of(notice.employee) != Digest.IMMEDIATE:
        return False
    stamp = timezone.now()
    if not Notice.objects.filter(pk=notice.pk, emailed_at__isnull=True).update(emailed_at=stamp):
        return False  # another worker has it
    try:
        notice_message(notice).send()
    except BaseException:
        Notice.objects.filter(pk=notice.pk, emailed_at=stamp).update(emailed_at=None)
        raise
    return True


def _claim_period(employee: Employee, digest: str, now: dt.datetime) -> dt.datetime | None | bool:
    """Take this period's digest for ``employee``: the previous ``last_digest_at``, or False when taken.

    An employee without a preference row gets one (the default) so the
    period can be claimed with one conditional ``UPDATE``.
    """
    preference, _ = Preference.objects.get_or_create(employee=employee)
    previous = preference.last_digest_at
    start = period_start(digest, now)
    fresh = Q(last_digest_at__isnull=True) | Q(last_digest_at__lt=start)
    if not Preference.objects.filter(fresh, pk=preference.pk).update(last_digest_at=now):
        return False
    return previous


def _claim_notices(employee: Employee, digest: str, now: dt.datetime) -> list[Notice]:
    """Stamp the employee's pending notices with ``now`` and return those this run got."""
    pending = _pending(employee.pk, now)
    if digest == Digest.IMMEDIATE:  # only what every retry of the at-once email missed
        pending = pending.filter(created_at__lte=now - catch_up_after())
    Notice.objects.filter(pk__in=list(pending.values_list("pk", flat=True))).filter(
        emailed_at__isnull=True
    ).update(emailed_at=now)
    return list(
        Notice.objects.filter(employee=employee, emailed_at=now).order_by("created_at", "pk")
    )


def _release(employee: Employee, notices: list[Notice], previous: Any, now: dt.datetime) -> None:
    """Give back what a failed digest claimed: the notices and the period."""
    Notice.objects.filter(pk__in=[n.pk for n in notices], emailed_at=now).update(emailed_at=None)
    if previous is not False:
        Preference.objects.filter(employee=employee, last_digest_at=now).update(
            last_digest_at=previous
        )


def _digest_one(employee: Employee, now: dt.datetime, connection: Any) -> int:
    """Send ``employee`` their digest if it is due; the number of notices it held (0: none sent)."""
    digest = digest_of(employee)
    if digest == Digest.NEVER or not _emailable(employee):
        return 0
    previous: Any = False
    if digest != Digest.IMMEDIATE:
        previous = _claim_period(employee, digest, now)
        if previous is False:
            return 0  # this period's digest went already
    notices = _claim_notices(employee, digest, now)
    if not notices:
        _release(employee, notices, previous, now)
        return 0
    message = digest_message(employee, notices, digest=digest)
    message.connection = connection
    try:
        connection.open()  # once per run: a no-op while it is open
        message.send()
    except BaseException:
        _release(employee, notices, previous, now)
        raise
    return len(notices)


def digests_send(*, now: dt.datetime | None = None) -> dict[str, int]:
    """Send every digest that is due now: ``{"sent": emails, "notices": notices in them, "failed": n}``.

    One email per employee and period, however many notices wait (several
    requests to one introducer become one digest).  A refused address fails
    that employee only; a mail server that cannot be reached stops the run
    (``failed`` counts the employees tried), and the next run sends the rest.
    """
    now = now or timezone.now()
    waiting = (
        Notice.objects.filter(
            emailed_at__isnull=True, read_at__isnull=True, created_at__gte=window_start(now)
        )
        .order_by()
        .values_list("employee_id", flat=True)
        .distinct()
    )
    # A list, not an iterator: the loop writes preferences, which the query joins.
    employees = list(
        Employee.objects.filter(pk__in=waiting, active=True)
        .select_related("notice_preference")
        .order_by("pk")
    )
    result = {"sent": 0, "notices": 0, "failed": 0}
    connection = get_connection()
    try:
        for employee in employees:
            try:
                count = _digest_one(employee, now, connection)
            except smtplib.SMTPRecipientsRefused:
                log.info("digest: the mail server refused %s", employee.email)
                result["failed"] += 1
                continue
            except MAIL_ERRORS as exc:
                log.info("digest run stopped, mail server error: %s", exc)
                result["failed"] += 1
                break
            if count:
                result["sent"] += 1
                result["notices"] += count
    finally:
        connection.close()
    return result
