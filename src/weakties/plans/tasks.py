"""Background tasks of networking plans (django-tasks).  Thin: they call the services.

* :func:`refresh_plan_area`: count who has the most reach in a plan's target
  area (asked by :func:`weakties.plans.services.plans.plan_area_request`);
* :func:`send_plan_reminders`: the reminder run.  It sends the reminders that
  are due (so running it more often sends nothing more), then enqueues itself
  for the next reminder hour (``run_after``): the daily chain the worker
  (started by ``weakties serve``) runs.  Setting a goal starts the chain
  (:func:`schedule_reminder_run`; one ``ReminderRun`` row per moment keeps it
  to one task).  Without a worker, run ``weakties plan remind`` from cron.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django_tasks import task

from weakties.plans.models import Plan, ReminderRun
from weakties.plans.services.area import area_refresh
from weakties.plans.services.reminders import reminders_send

__all__ = ["REMINDER_HOUR", "refresh_plan_area", "send_plan_reminders", "schedule_reminder_run"]

#: Reminders go out at this hour (local time), when people start their day.
REMINDER_HOUR = 9


@task()
def refresh_plan_area(plan_id: int) -> dict[str, Any]:
    """Count the reach in the plan's target area and keep it on the plan."""
    plan = Plan.objects.select_related("employee").filter(pk=plan_id, active=True).first()
    if plan is None:  # closed or gone since it was asked
        return {"plan": plan_id, "counted": False}
    area_refresh(plan=plan)
    return {"plan": plan_id, "counted": True}


@task()
def send_plan_reminders(due_at: str = "") -> dict[str, int]:
    """The reminder run: send the reminders that are due (idempotent), enqueue tomorrow's run."""
    result = reminders_send()
    now = timezone.now()
    due = dt.datetime.fromisoformat(due_at) if due_at else now
    ReminderRun.objects.filter(due_at=due).update(ran_at=now)
    schedule_reminder_run(max(now, due))
    return result


def next_reminder_at(now: dt.datetime) -> dt.datetime:
    """The next reminder hour after ``now`` (local time)."""
    local = timezone.localtime(now)
    moment = local.replace(hour=REMINDER_HOUR, minute=0, second=0, microsecond=0)
    if moment <= local:
        moment = timezone.localtime(moment + dt.timedelta(days=1)).replace(hour=REMINDER_HOUR)
    return moment


def schedule_reminder_run(now: dt.datetime | None = None) -> ReminderRun | None:
    """Make sure the reminder run of the next reminder hour is enqueued; the new run, or None.

    Cheap when it is (one indexed look-up).  Does nothing on a backend that
    cannot defer (``weakties plan remind`` does the work there).
    """
    if not send_plan_reminders.get_backend().supports_defer:
        return None
    due = next_reminder_at(now or timezone.now())
    if ReminderRun.objects.filter(due_at=due).exists():
        return None
    try:
        with transaction.atomic():
            run = ReminderRun.objects.create(due_at=due)
            run.task_id = send_plan_reminders.using(run_after=due).enqueue(due.isoformat()).id
            run.save(update_fields=["task_id"])
    except IntegrityError:  # another process scheduled it a moment ago
        return None
    ReminderRun.objects.filter(due_at__lt=due - dt.timedelta(days=60)).delete()
    return run
