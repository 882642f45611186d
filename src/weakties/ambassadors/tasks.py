"""Background tasks of the campaigns (django-tasks).  Thin: they call the sending service.

The campaign services enqueue :func:`send_campaign_mail`; it calls
:func:`weakties.ambassadors.services.delivery.campaign_send`, which imports
no scheduling service, so there is no circle. When the mail server cannot be
reached, the task enqueues itself again, ``2 ** (attempt - 1)`` minutes later
(1, 2, 4, 8 …), until ``WEAKTIES_INVITE_SEND_ATTEMPTS`` tries are spent. A
backend that cannot defer (the tests' immediate backend) does not try again
on its own: the campaign keeps its error, and the admin's "Send again" (or
``weakties campaign ID --send``) runs it once more.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone
from django_tasks import task

from .conf import send_attempts
from .models import Campaign
from .services.delivery import campaign_send

__all__ = ["send_campaign_mail", "retry_delay"]


def retry_delay(attempt: int) -> dt.timedelta:
    """How long to wait before try ``attempt + 1``: 1, 2, 4, 8 … minutes, at most a day."""
    return dt.timedelta(minutes=min(2 ** (attempt - 1), 24 * 60))


@task()
def send_campaign_mail(
    campaign_id: int, kind: str = "invitation", attempt: int = 1
) -> dict[str, Any]:
    """Send a campaign's invitations (or its reminder); try again later when the mail server fails."""
    campaign = Campaign.objects.select_related("organisation").filter(pk=campaign_id).first()
    if campaign is None:  # deleted since it was queued
        return {"campaign": campaign_id, "kind": kind, "sent": 0, "refused": 0, "error": ""}
    result = campaign_send(campaign, kind=kind, attempt=attempt)
    if result["error"] and attempt < send_attempts():
        backend = send_campaign_mail.get_backend()
        if backend.supports_defer:
            when = timezone.now() + retry_delay(attempt)
            send_campaign_mail.using(run_after=when).enqueue(campaign_id, kind, attempt + 1)
            result["retry_at"] = when.isoformat()
    return result
