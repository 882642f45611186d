"""Background tasks of the network import (django-tasks, database backend).  Thin: they call services."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django_tasks import task

from weakties.core.progress import CacheProgress
from weakties.people.models import ImportBatch
from weakties.people.services.interactions import interactions_import, is_interaction_file
from weakties.people.services.network_import.importer import NetworkImporter


@task()
def run_network_import(batch_id: int, format: str = "auto") -> dict[str, Any]:
    """Import an uploaded file that waits in ``ImportBatch.upload_path``."""
    batch = ImportBatch.objects.select_related("owner", "owner__organisation").get(pk=batch_id)
    path = Path(batch.upload_path)
    if is_interaction_file(path, format):
        try:
            report = interactions_import(
                path=path,
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
            path=path,
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
