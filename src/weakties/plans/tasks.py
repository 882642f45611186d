"""Background tasks of networking plans (django-tasks).  Thin: they call the services.

* :func:`refresh_plan_area`: count who has the most reach in a plan's target
  area (asked by :func:`weakties.plans.services.plans.plan_area_request`);
* :func:`send_plan_reminders`: run it daily (``weakties plan remind`` from cron
  does the same); it sends only the reminders that are due, so running it
  more often sends nothing more.
"""

from __future__ import annotations

from typing import Any

from django_tasks import task

from weakties.plans.models import Plan
from weakties.plans.services.area import area_refresh
from weakties.plans.services.reminders import reminders_send

__all__ = ["refresh_plan_area", "send_plan_reminders"]


@task()
def refresh_plan_area(plan_id: int) -> dict[str, Any]:
    """Count the reach in the plan's target area and keep it on the plan."""
    plan = Plan.objects.select_related("employee").filter(pk=plan_id, active=True).first()
    if plan is None:  # closed or gone since it was asked
        return {"plan": plan_id, "counted": False}
    area_refresh(plan=plan)
    return {"plan": plan_id, "counted": True}


@task()
def send_plan_reminders() -> dict[str, int]:
    """Send the plan reminders that are due; idempotent."""
    return reminders_send()
