"""Background tasks of networking plans (django-tasks).  Thin: they call the services.

* :func:`refresh_plan_area`: count who has the most reach in a plan's target
  area (asked by :func:`weakties.plans.services.plans.plan_area_request`);
* :func:`send_plan_reminders`: the reminder run.  It sends the reminders that
  are due (so running it more often sends nothing more), then enqueues itself
  for the next reminder hour (``run_after``): the daily chain the worker
  (started by ``weakties serve``) runs.  Setting a goal starts the chain
  (:func:`schedule_reminder_run`; one ``ReminderRun`` row per moment keeps it
  to one task; the chain is :mod:`weakties.core.chains`).  Without a worker,
  run ``weakties plan remind`` from cron.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone
from django_tasks import task

from weakties.core.chains import chain_continue, chain_schedule, next_daily
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


#: Runs older than this are forgotten (the table only keeps moments to one task).
KEEP_RUNS = dt.timedelta(days=60)


@task()
def send_plan_reminders(due_at: str = "") -> dict[str, int]:
    """The reminder run: send the reminders that are due (idempotent), enqueue tomorrow's run."""
    result = reminders_send()
    chain_continue(
        task=send_plan_reminders,
        runs=ReminderRun,
        due_at=due_at,
        next_at=next_reminder_at,
        keep=KEEP_RUNS,
    )
    return result


def next_reminder_at(now: dt.datetime) -> dt.datetime:
    """The next reminder hour after ``now`` (local time)."""
    return next_daily(now, hour=REMINDER_HOUR)


def schedule_reminder_run(now: dt.datetime | None = None) -> ReminderRun | None:
    """Make sure the reminder run of the next reminder hour is enqueued; the new run, or None.

    Cheap when it is (one indexed look-up).  Does nothing on a backend that
    cannot defer (``weakties plan remind`` does the work there).
    """
    due = next_reminder_at(now or timezone.now())
    run: ReminderRun | None = chain_schedule(
        task=send_plan_reminders, runs=ReminderRun, due=due, keep=KEEP_RUNS
    )
    return run
