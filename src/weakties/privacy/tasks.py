"""The weekly purge of old privacy requests (django-tasks).  Thin: it calls the service.

:func:`objections_purge_weekly` deletes the objection requests kept no longer
(:func:`weakties.privacy.services.objections.objections_purge`: unconfirmed after
7 days, decided after ``WEAKTIES_OBJECTION_RETENTION_DAYS``), then enqueues
itself for next week: the chain the worker (``weakties serve``) runs
(:mod:`weakties.core.chains`).  A filed request starts the chain
(:func:`schedule_objection_purge`; one :class:`~weakties.privacy.models.PurgeRun`
row per moment keeps it to one task).  Without a worker, a new request purges
what is due as it is filed, and ``weakties retention`` from cron does all privacy
housekeeping, this purge included.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django_tasks import task

from weakties.core.chains import chain_continue, chain_schedule, next_weekly
from weakties.privacy.models import PurgeRun
from weakties.privacy.services.objections import objections_purge

__all__ = ["objections_purge_weekly", "next_purge_at", "schedule_objection_purge"]

#: Sunday 04:00 local time, an hour after the minimisation run.
PURGE_WEEKDAY = 6
PURGE_HOUR = 4
#: Runs older than this are forgotten (the table only keeps moments to one task).
KEEP_RUNS = dt.timedelta(days=120)


@task()
def objections_purge_weekly(due_at: str = "") -> dict[str, int]:
    """The weekly purge: delete what is kept no longer (idempotent), enqueue next week's."""
    result = objections_purge()
    chain_continue(
        task=objections_purge_weekly,
        runs=PurgeRun,
        due_at=due_at,
        next_at=next_purge_at,
        keep=KEEP_RUNS,
    )
    return result


def next_purge_at(now: dt.datetime) -> dt.datetime:
    """The next Sunday 04:00 (local time) after ``now``."""
    return next_weekly(now, weekday=PURGE_WEEKDAY, hour=PURGE_HOUR)


def schedule_objection_purge(now: dt.datetime | None = None) -> PurgeRun | None:
    """Make sure next week's purge is enqueued; the new run, or None (see the module)."""
    run: PurgeRun | None = chain_schedule(
        task=objections_purge_weekly,
        runs=PurgeRun,
        due=next_purge_at(now or timezone.now()),
        keep=KEEP_RUNS,
    )
    return run
