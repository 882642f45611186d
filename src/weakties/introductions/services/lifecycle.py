"""Requests that move on by themselves: expiry, the end of a snooze, the thank-you reminder.

:func:`requests_close_due` does all three. It runs as a background task at
the moment something falls due (``tasks.sweep_introductions``, scheduled with
``run_after`` by the use cases), from ``weakties intro sweep`` (a cron line
for back ends that cannot defer), and as the check on read: pages, the API
and ``weakties intro list`` call it for the reader's own requests first, so
an expired request never shows as open, even when no worker ran.
Each step writes its audit line and tells whom it concerns, once.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from weakties.accounts.models import Employee
from weakties.introductions import conf
from weakties.introductions.models import UNANSWERED, IntroductionRequest, Outcome, Status
from weakties.introductions.services import notices
from weakties.introductions.services._audit import audit_transition

__all__ = ["requests_close_due", "thanks_due", "remind_thanks"]


def _parties(qs: QuerySet[IntroductionRequest], employee: Employee | None):
    if employee is None:
        return qs
    return qs.filter(Q(requester=employee) | Q(introducer=employee))


def _locked(pk: int) -> IntroductionRequest | None:
    return (
        IntroductionRequest.objects.select_for_update(of=("self",))
        .select_related("requester", "introducer", "person__company", "organisation")
        .filter(pk=pk)
        .first()
    )


def _expire(pk: int, now: dt.datetime) -> bool:
    with transaction.atomic():
        request = _locked(pk)
        if request is None or request.status not in UNANSWERED or request.expires_at > now:
            return False
        before = request.status
        request.status = Status.EXPIRED
        request.save(update_fields=["status"])
        audit_transition("expired", request, actor=None, actor_label="system", before=before)
        notices.tell_expired(request)
    return True


def _wake(pk: int, today: dt.date) -> bool:
    with transaction.atomic():
        request = _locked(pk)
        if request is None or request.status != Status.SNOOZED or request.snoozed_until > today:
            return False
        request.status = Status.REQUESTED
        request.save(update_fields=["status"])
        audit_transition("woken", request, actor=None, actor_label="system", before="snoozed")
        notices.tell_reminded(request)
    return True


def thanks_due(request: IntroductionRequest, *, now: dt.datetime) -> bool:
    """The thank-you reminder is due: once, after "met", or some days after the sending."""
    if request.status != Status.INTRODUCED or request.thanks_reminded_at is not None:
        return False
    if request.outcome == Outcome.MET:
        return True
    after = dt.timedelta(days=conf.thanks_after_days())
    return not request.outcome and request.sent_at is not None and request.sent_at + after <= now


def remind_thanks(pk: int, *, now: dt.datetime | None = None) -> bool:
    """Remind the requester to thank the introducer, if due and not done yet."""
    now = now or timezone.now()
    with transaction.atomic():
        request = _locked(pk)
        if request is None or not thanks_due(request, now=now):
            return False
        request.thanks_reminded_at = now
        request.save(update_fields=["thanks_reminded_at"])
        audit_transition("thanks_reminded", request, actor=None, actor_label="system")
        notices.tell_thanks(request)
    return True


def requests_close_due(
    *, employee: Employee | None = None, now: dt.datetime | None = None
) -> dict[str, int]:
    """Expire, wake and remind what is due (of one employee's requests, or all); counts each.

    Cheap when nothing is due: three indexed reads of ids.
    """
    now = now or timezone.now()
    today = timezone.localdate(now)
    base = IntroductionRequest.objects.all()
    expired = _parties(base.filter(status__in=UNANSWERED, expires_at__lte=now), employee)
    snoozed = _parties(base.filter(status=Status.SNOOZED, snoozed_until__lte=today), employee)
    thanks = _parties(
        base.filter(status=Status.INTRODUCED, thanks_reminded_at__isnull=True).filter(
            Q(outcome=Outcome.MET)
            | Q(outcome="", sent_at__lte=now - dt.timedelta(days=conf.thanks_after_days()))
        ),
        employee,
    )
    counts = {
        "expired": sum(_expire(pk, now) for pk in expired.values_list("pk", flat=True)),
        "woken": sum(_wake(pk, today) for pk in snoozed.values_list("pk", flat=True)),
    }
    counts["reminded"] = sum(
        remind_thanks(pk, now=now) for pk in thanks.values_list("pk", flat=True)
    )
    return counts
