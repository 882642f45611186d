"""The weekly minimisation run (django-tasks).  Thin: it calls the services.

:func:`minimisation_weekly` flags and removes old imports (retention) and,
where compare and forget is on, forgets the contacts that match nothing the
organisation asks for any more (targets and vacancies change).  Then it
enqueues itself for next week (``run_after``): the weekly chain the worker
(``weakties serve``) runs, as the digest and reminder runs do.  A committed
import starts the chain (:func:`schedule_minimisation_run`, one
:class:`~weakties.minimisation.models.MinimisationRun` row per moment keeps it to
one task; the chain is :mod:`weakties.core.chains`).  Without a worker, run
``weakties retention`` from cron weekly (it also purges old privacy requests).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone
from django_tasks import task

from weakties.core.chains import chain_continue, chain_schedule, next_weekly
from weakties.minimisation.models import MinimisationRun
from weakties.minimisation.services.forget import forget_sweep
from weakties.minimisation.services.retention import retention_run

__all__ = [
    "RUN_WEEKDAY",
    "RUN_HOUR",
    "minimisation_weekly",
    "next_run_at",
    "schedule_minimisation_run",
]

#: The weekly run: Sunday night, 03:00 local time, when nobody imports.
RUN_WEEKDAY = 6
RUN_HOUR = 3


def minimisation_weekly_now(now: dt.datetime | None = None) -> dict[str, Any]:
    """One run's work: retention, then compare and forget (when it is on)."""
    result: dict[str, Any] = retention_run(now=now).as_dict()
    result["forgotten"] = forget_sweep()
    return result


#: Runs older than this are forgotten (the table only keeps moments to one task).
KEEP_RUNS = dt.timedelta(days=120)


@task()
def minimisation_weekly(due_at: str = "") -> dict[str, Any]:
    """The weekly run: do the work (idempotent), enqueue next week's run."""
    result = minimisation_weekly_now()
    chain_continue(
        task=minimisation_weekly,
        runs=MinimisationRun,
        due_at=due_at,
        next_at=next_run_at,
        keep=KEEP_RUNS,
    )
    return result


def next_run_at(now: dt.datetime) -> dt.datetime:
    """The next Sunday 03:00 (local time) after ``now``."""
    return next_weekly(now, weekday=RUN_WEEKDAY, hour=RUN_HOUR)


def schedule_minimisation_run(now: dt.datetime | None = None) -> MinimisationRun | None:
    """Make sure next week's run is enqueued; the new run, or None.

    Cheap when it is (one indexed look-up).  Does nothing on a backend that
    cannot defer (``weakties retention`` does the work there).
    """
    due = next_run_at(now or timezone.now())
    run: MinimisationRun | None = chain_schedule(
        task=minimisation_weekly, runs=MinimisationRun, due=due, keep=KEEP_RUNS
    )
    return run
