"""Accept an uploaded network file and queue its import in the background."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from weakties.accounts.models import Employee
from weakties.core.errors import ServiceError
from weakties.people.models import ImportBatch
from weakties.people.services.consent import consent_give
from weakties.people.tasks import run_network_import

__all__ = ["upload_queue"]

MAX_UPLOAD_BYTES = 100 * 1024 * 1024


def upload_queue(
    *, owner: Employee, upload: UploadedFile, consent: bool, format: str = "auto"
) -> ImportBatch:
    """Store ``upload`` (a Django ``UploadedFile``) and enqueue its import.

    The owner must agree to share their network first (DESIGN.md, privacy).
    """
    if not consent:
        raise ServiceError(_("Your network is only imported after you agree to share it."))
    if upload.size > MAX_UPLOAD_BYTES:
        raise ServiceError(
            _("{file}: the file is {size:,.0f} MiB; the limit is {limit} MiB.").format(
                file=upload.name, size=upload.size / 2**20, limit=MAX_UPLOAD_BYTES // 2**20
            )
        )
    consent_give(employee=owner, via="web")
    folder = settings.MEDIA_ROOT / "imports"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / uuid.uuid4().hex
    with open(path, "wb") as out:
        for chunk in upload.chunks():
            out.write(chunk)
    batch = ImportBatch.objects.create(
        organisation=owner.organisation,
        owner=owner,
        file_name=(upload.name or "upload")[:255],
        checksum="",
        upload_path=str(path),
    )

    run_network_import.enqueue(batch.pk, format)
    return batch
