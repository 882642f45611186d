"""Gentle reminders of a plan's next step, never more often than its owner allows.

Seed ``002_*``: "count on a few months" — a network grows slowly, so the
plan nudges, it does not nag.  A reminder is due when the plan is active and
not finished, its owner allows reminders (at most weekly or monthly, never)
and a full interval has passed both since the last reminder and since the
owner last worked on the plan (a tick, a new goal, an edited message).

:func:`reminders_send` is idempotent: each plan's "reminded at" moves with a
conditional ``UPDATE`` in the same transaction as its notice, so a second run
at the same moment, or two at once, send nothing more.  The notice goes
through :func:`weakties.notifications.services.notify.notify` in the
employee's language; the notifications app emails it as the employee chose.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from weakties.notifications.services.notify import in_language_of, notify
from weakties.plans.models import Plan, Reminders
from weakties.plans.selectors import plan_state

__all__ = ["INTERVALS", "due_plans", "reminders_send"]

#: The shortest time between two reminders (and after the owner's last activity).
INTERVALS = {
    Reminders.WEEKLY: dt.timedelta(days=7),
    Reminders.MONTHLY: dt.timedelta(days=30),
}


def _due_query(now: dt.datetime) -> Q:
    due = Q()
    for frequency, interval in INTERVALS.items():
        cut = now - interval
        due |= Q(reminders=frequency, last_activity_at__lte=cut) & (
            Q(last_reminded_at__isnull=True) | Q(last_reminded_at__lte=cut)
        )
    return due


def due_plans(*, now: dt.datetime | None = None) -> QuerySet[Plan]:
    """Active plans of active employees whose owner may be reminded now."""
    now = now or timezone.now()
    return (
        Plan.objects.filter(active=True, employee__active=True)
        .filter(_due_query(now))
        .select_related("employee", "employee__organisation")
        .order_by("pk")
    )


def _remind(plan: Plan, state: dict[str, Any]) -> None:
    step = next(s for s in state["steps"] if s["key"] == state["next"])
    progress = state["progress"]
    with in_language_of(plan.employee):
        subject = _("Your networking plan: %(done)s of %(total)s steps done") % progress
        body = _(
            "Your next step towards %(goal)s: %(step)s.\n\nThere is no hurry: a network "
            "grows over months, and every step counts. You choose how often weakties reminds "
            "you, or turns the reminders off, on your plan page."
        ) % {"goal": plan.get_goal_display(), "step": step["title"]}
    notify(
        employee=plan.employee,
        kind="plan.reminder",
        subject=subject,
        body=body,
        link=reverse("plans:index"),
    )


def reminders_send(*, now: dt.datetime | None = None) -> dict[str, int]:
    """Send every due reminder once: ``{"reminded", "finished"}`` (finished plans are left alone)."""
    now = now or timezone.now()
    reminded = finished = 0
    for plan in due_plans(now=now).iterator(chunk_size=500):
        with in_language_of(plan.employee):
            state = plan_state(plan=plan)
        if state["next"] is None:
            finished += 1
            continue
        with transaction.atomic():
            claimed = (
                Plan.objects.filter(pk=plan.pk, active=True)
                .filter(_due_query(now))
                .update(last_reminded_at=now)
            )
            if claimed:
                _remind(plan, state)
                reminded += 1
    return {"reminded": reminded, "finished": finished}
