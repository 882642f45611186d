"""One audit line per transition of a request (DESIGN.md: every write that matters is audited)."""

from __future__ import annotations

from typing import Any

from weakties.accounts.models import Employee
from weakties.accounts.services.audit import audit
from weakties.introductions.models import IntroductionRequest

__all__ = ["audit_transition"]


def audit_transition(
    action: str,
    request: IntroductionRequest,
    *,
    actor: Employee | None,
    actor_label: str = "",
    before: str = "",
    **detail: Any,
) -> None:
    """``intro.<action>`` with the request, the two parties, the person id and the status change.

    Never the contact's details, nor the decline reason (it stays between the two).
    """
    user = actor.user if actor is not None else None
    label = actor_label or (actor.email if actor is not None else "system")
    audit(
        f"intro.{action}",
        actor=user,
        actor_label=label,
        request=request.pk,
        requester=request.requester_id,
        introducer=request.introducer_id,
        person=request.person_id,
        status_before=before,
        status=request.status,
        **detail,
    )
