"""Background tasks of the insights (django-tasks, database backend).  Thin: they call services."""

from __future__ import annotations

from typing import Any

from django_tasks import task

from weakties.accounts.models import Organisation
from weakties.core.progress import CacheProgress

__all__ = ["run_analytics"]


@task()
def run_analytics(organisation_id: int) -> dict[str, Any]:
    """Refresh the network analytics of one organisation (``weakties analyze``)."""
    # Imported here: the pages that enqueue this task need not load the analysis (issue 11).
    from weakties.insights.services.analytics import analytics_refresh

    organisation = Organisation.objects.get(pk=organisation_id)
    run = analytics_refresh(
        organisation=organisation, progress=CacheProgress(f"analytics-{organisation_id}")
    )
    return {"run": run.id, "status": run.status}
