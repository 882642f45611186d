"""Runs that schedule their next run: the worker's daily and weekly chains (django-tasks).

django-tasks has no cron.  A periodic task instead ends by enqueueing its next
run with ``run_after``, and something that happens anyway (an import, a goal
set, an objection filed) starts the chain when it is not running.  One row per
moment in a *runs* table (a model with a unique ``due_at``, a ``task_id`` and a
``ran_at``) keeps each moment to one task, however many processes try to
schedule it at once.

* :func:`next_weekly` and :func:`next_daily` give the next moment;
* :func:`chain_schedule` makes sure the run of a moment is enqueued;
* :func:`chain_continue`, called at the end of the task, marks its run done and
  schedules the next one.

Used by the weekly minimisation run, the weekly purge of objection requests,
the daily plan reminders and the notices' digest run.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

__all__ = ["chain_continue", "chain_schedule", "next_daily", "next_weekly"]


def next_weekly(now: dt.datetime, *, weekday: int, hour: int) -> dt.datetime:
    """The next ``weekday`` (Monday 0) at ``hour`` o'clock, local time, after ``now``."""
    local = timezone.localtime(now)
    day = local.date() + dt.timedelta(days=(weekday - local.weekday()) % 7)
    tz = timezone.get_current_timezone()
    moment = dt.datetime.combine(day, dt.time(hour), tzinfo=tz)
    if moment <= local:
        moment = dt.datetime.combine(day + dt.timedelta(days=7), dt.time(hour), tzinfo=tz)
    return moment


def next_daily(now: dt.datetime, *, hour: int) -> dt.datetime:
    """The next ``hour`` o'clock, local time, after ``now``."""
    local = timezone.localtime(now)
    moment = local.replace(hour=hour, minute=0, second=0, microsecond=0)
    if moment <= local:
        moment = timezone.localtime(moment + dt.timedelta(days=1)).replace(hour=hour)
    return moment


def chain_schedule(*, task: Any, runs: Any, due: dt.datetime, keep: dt.timedelta) -> Any:
    """Make sure ``task`` is enqueued for ``due``; the new row of ``runs``, or None.

    Cheap when it is (one indexed look-up).  Does nothing on a backend that
    cannot defer (a command run from cron does the work there).  Rows older
    than ``keep`` before ``due`` are deleted.
    """
    if not task.get_backend().supports_defer:
        return None
    if runs.objects.filter(due_at=due).exists():
        return None
    try:
        with transaction.atomic():
            run = runs.objects.create(due_at=due)
            run.task_id = task.using(run_after=due).enqueue(due.isoformat()).id
            run.save(update_fields=["task_id"])
    except IntegrityError:  # another process scheduled it a moment ago
        return None
    runs.objects.filter(due_at__lt=due - keep).delete()
    return run


def chain_continue(
    *,
    task: Any,
    runs: Any,
    due_at: str,
    next_at: Callable[[dt.datetime], dt.datetime],
    keep: dt.timedelta,
) -> None:
    """End of a chained run: mark the run of ``due_at`` (ISO; empty: now) done, enqueue the next.

    The next moment is counted from the later of now and ``due_at``, so a run
    that the worker took early (or late) never schedules its own moment again.
    """
    now = timezone.now()
    due = dt.datetime.fromisoformat(due_at) if due_at else now
    runs.objects.filter(due_at=due).update(ran_at=now)
    chain_schedule(task=task, runs=runs, due=next_at(max(now, due)), keep=keep)
