"""The federation's public results page: published only when the coordinator switches it on (issue 12)."""

from __future__ import annotations

from typing import Any

from weakties.accounts.models import Federation
from weakties.accounts.services.audit import audit
from weakties.meetings.models import PublicResults

__all__ = ["public_results_switch"]


def public_results_switch(federation: Federation, *, on: bool, actor: Any) -> PublicResults | None:
    """Publish the results page under a new unguessable address, or take it down.

    The caller checks that ``actor`` is the coordinator.  Switching off
    deletes the address: links shared before answer 404.
    """
    current = PublicResults.objects.filter(federation=federation).first()
    if on:
        if current is None:
            current = PublicResults.objects.create(
                federation=federation,
                switched_on_by=actor if getattr(actor, "is_authenticated", False) else None,
            )
            audit("federation.public_on", actor=actor, federation=federation.pk)
        return current
    if current is not None:
        current.delete()
        audit("federation.public_off", actor=actor, federation=federation.pk)
    return None
