"""Set a plan's goal, tick its steps, keep its draft message and its reminder setting."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from weakties.accounts.models import Employee
from weakties.accounts.services.audit import audit
from weakties.core.errors import ServiceError
from weakties.plans import rules
from weakties.plans.models import Goal, Plan, Reminders, Tick
from weakties.plans.services.area import area_is_stale
from weakties.plans.steps import STEP_KEYS, step
from weakties.plans.targets import MAX_TARGETS, clean_targets
from weakties.plans.tasks import refresh_plan_area, schedule_reminder_run

__all__ = [
    "plan_set",
    "plan_tick",
    "plan_message_save",
    "plan_reminders_set",
    "plan_area_request",
    "active_plan_of",
]


def _refuse_unless(allowed: bool) -> None:
    if not allowed:
        raise ServiceError(_("only an active employee may follow a networking plan"))


def active_plan_of(employee: Employee) -> Plan | None:
    """The employee's current plan, or None."""
    return Plan.objects.filter(employee=employee, active=True).first()


def _own_active(employee: Employee) -> Plan:
    _refuse_unless(rules.may_have_plan(employee))
    plan = active_plan_of(employee)
    if plan is None:
        raise ServiceError(_("you have no networking plan yet: set a goal first"))
    return plan


def plan_set(
    *,
    employee: Employee,
    goal: str,
    targets: list[str] | None = None,
    reminders: str | None = None,
    actor: Any = None,
    now: dt.datetime | None = None,
) -> Plan:
    """Set the goal (and targets): a new goal starts a new plan, the old one stays as history.

    The same goal with other targets or another reminder setting changes the
    current plan and keeps its ticks.  ``targets=None`` keeps the targets.
    """
    _refuse_unless(rules.may_have_plan(employee))
    _check_choices(goal=goal, reminders=reminders)
    cleaned = clean_targets(targets) if targets is not None else None
    if cleaned is not None and len(cleaned) > MAX_TARGETS:
        raise ServiceError(
            _("name at most %(n)s targets: a plan needs a focus") % {"n": MAX_TARGETS}
        )
    now = now or timezone.now()
    with transaction.atomic():
        current = Plan.objects.select_for_update().filter(employee=employee, active=True).first()
        if current is not None and current.goal == goal:
            _update(current, targets=cleaned, reminders=reminders, now=now)
        else:
            if current is not None:
                Plan.objects.filter(pk=current.pk).update(active=False, closed_at=now)
            current = Plan.objects.create(
                employee=employee,
                goal=goal,
                targets=cleaned if cleaned is not None else (current.targets if current else []),
                reminders=reminders or (current.reminders if current else Reminders.WEEKLY),
                created_at=now,
                last_activity_at=now,
            )
        audit("plan.set", actor=actor, actor_label=employee.email, plan=current.pk, goal=goal)
        plan_area_request(plan=current, now=now)
    if current.reminders != Reminders.NEVER:
        schedule_reminder_run()
    return current


def _check_choices(*, goal: str, reminders: str | None) -> None:
    if goal not in Goal.values:
        raise ServiceError(
            _("goal must be one of %(choices)s") % {"choices": ", ".join(Goal.values)}
        )
    if reminders is not None and reminders not in Reminders.values:
        raise ServiceError(
            _("reminders must be one of %(choices)s") % {"choices": ", ".join(Reminders.values)}
        )


def _update(
    plan: Plan, *, targets: list[str] | None, reminders: str | None, now: dt.datetime
) -> None:
    """Other targets or reminders for the same goal: the plan and its ticks stay."""
    changed = ["last_activity_at"]
    if targets is not None and targets != plan.targets:
        plan.targets, plan.area, plan.area_at, plan.area_requested_at = targets, {}, None, None
        changed += ["targets", "area", "area_at", "area_requested_at"]
    if reminders is not None:
        plan.reminders = reminders
        changed.append("reminders")
    plan.last_activity_at = now
    plan.save(update_fields=changed)


def plan_tick(
    *, employee: Employee, step_key: str, done: bool = True, now: dt.datetime | None = None
) -> Plan:
    """Tick a step of the employee's current plan off (``done=False``: undo the tick)."""
    plan = _own_active(employee)
    found = step(step_key)
    if found is None:
        raise ServiceError(
            _("no step %(key)s; the steps are %(keys)s")
            % {"key": step_key, "keys": ", ".join(STEP_KEYS)}
        )
    if not found.tickable:
        raise ServiceError(_("this step is done by setting your goal"))
    now = now or timezone.now()
    with transaction.atomic():
        if done:
            Tick.objects.get_or_create(plan=plan, step=step_key, defaults={"done_at": now})
        else:
            Tick.objects.filter(plan=plan, step=step_key).delete()
        Plan.objects.filter(pk=plan.pk).update(last_activity_at=now)
    plan.last_activity_at = now
    return plan


def plan_message_save(*, employee: Employee, message: str, now: dt.datetime | None = None) -> Plan:
    """Keep the employee's own version of the connection request (empty: weakties' draft again)."""
    plan = _own_active(employee)
    text = message.strip()
    if len(text) > 1000:
        raise ServiceError(_("keep the message under 1,000 characters"))
    plan.message = text
    plan.last_activity_at = now or timezone.now()
    plan.save(update_fields=["message", "last_activity_at"])
    return plan


def plan_reminders_set(*, employee: Employee, reminders: str) -> Plan:
    """How often the plan may remind its owner: never, at most weekly or at most monthly."""
    plan = _own_active(employee)
    _check_choices(goal=plan.goal, reminders=reminders)
    plan.reminders = reminders
    plan.save(update_fields=["reminders"])
    return plan


#: A count asked of the worker is not asked again for this long (it may still be running).
AREA_RETRY = dt.timedelta(minutes=10)


def plan_area_request(*, plan: Plan, now: dt.datetime | None = None) -> bool:
    """Ask the worker to count the reach in the target area when the count is missing or old.

    Returns whether it was asked.  A request still pending (asked less than
    :data:`AREA_RETRY` ago, and not answered since) is not repeated: one
    conditional ``UPDATE`` claims it, so two pages at once ask once.  With a
    backend that runs tasks at once (the tests'), the count is there on return.
    """
    now = now or timezone.now()
    if not area_is_stale(plan, now=now):
        return False
    pending = Q(area_requested_at__gt=now - AREA_RETRY) & (
        Q(area_at__isnull=True) | Q(area_at__lt=F("area_requested_at"))
    )
    claimed = (
        Plan.objects.filter(pk=plan.pk, active=True).exclude(pending).update(area_requested_at=now)
    )
    if not claimed:
        return False
    plan.area_requested_at = now
    refresh_plan_area.enqueue(plan.pk)
    plan.refresh_from_db(fields=["area", "area_at"])
    return True
