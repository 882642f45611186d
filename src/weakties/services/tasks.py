"""Background tasks (django-tasks, database backend).  Thin: they call services."""

from __future__ import annotations

from pathlib import Path

from django_tasks import task

from weakties.people.models import ImportBatch

from .imports import NetworkImporter
from .interactions import import_interactions, is_interaction_file
from .progress import CacheProgress


@task()
def run_network_import(batch_id: int, format: str = "auto") -> dict:
    """Import an uploaded file that waits in ``ImportBatch.upload_path``."""
    batch = ImportBatch.objects.select_related("owner", "owner__organisation").get(pk=batch_id)
    path = Path(batch.upload_path)
    if is_interaction_file(path, format):
        try:
            report = import_interactions(
                path,
                owner=batch.owner,
                format=format,
                file_name=batch.file_name,
                via="web",
                batch=batch,
            )
        finally:
            path.unlink(missing_ok=True)
        return report.as_dict()
    try:
        report = NetworkImporter().import_file(
            path,
            owner=batch.owner,
            format=format,
            file_name=batch.file_name,
            via="web",
            batch=batch,
            progress=CacheProgress(f"import-{batch_id}"),
        )
    finally:
        path.unlink(missing_ok=True)
    return report.as_dict()


@task()
def run_analytics(organisation_id: int) -> dict:
    """Refresh the network analytics of one organisation (``weakties analyze``)."""
    from weakties.accounts.models import Organisation

    from .analytics import refresh_analytics

    organisation = Organisation.objects.get(pk=organisation_id)
    run = refresh_analytics(organisation, progress=CacheProgress(f"analytics-{organisation_id}"))
    return {"run": run.id, "status": run.status}
