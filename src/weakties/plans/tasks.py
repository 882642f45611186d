"""Background task of networking plans (django-tasks).  Thin: it calls the service.

Run it daily (``weakties plan remind`` from cron does the same): it sends
only the reminders that are due, so running it more often sends nothing more.
"""

from __future__ import annotations

from django_tasks import task

from weakties.plans.services.reminders import reminders_send

__all__ = ["send_plan_reminders"]


@task()
def send_plan_reminders() -> dict[str, int]:
    """Send the plan reminders that are due; idempotent."""
    return reminders_send()
