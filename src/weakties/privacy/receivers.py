"""A filed privacy request starts the weekly purge's chain once it is committed.

Connected in :meth:`weakties.privacy.apps.PrivacyConfig.ready`.  A receiver, not
a call in the service, because the task module imports the service (no circle).
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from weakties.privacy.models import ObjectionRequest


@receiver(post_save, sender=ObjectionRequest, dispatch_uid="privacy.objection_filed")
def _objection_filed(sender: Any, instance: ObjectionRequest, created: bool, **kwargs: Any) -> None:
    if created:
        transaction.on_commit(_schedule_purge)


def _schedule_purge() -> None:
    from weakties.privacy.tasks import schedule_objection_purge  # the task machinery, when needed

    schedule_objection_purge()
