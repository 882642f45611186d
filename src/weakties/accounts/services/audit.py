"""The audit log: who looked for whom, and who changed what (DESIGN.md: searches are audited).

Every use case that searches for people or changes shared data writes one
:class:`~weakties.accounts.models.AuditEvent` through :func:`audit`.
"""

from __future__ import annotations

from typing import Any

from weakties.accounts.models import AuditEvent

__all__ = ["audit"]


def audit(action: str, *, actor: Any = None, actor_label: str = "", **detail: Any) -> None:
    """Record ``action`` by ``actor`` (a user; anonymous users are not linked) with ``detail``.

    ``actor_label`` names the actor where there is no login (the CLI, a
    token link); by default it is the user's username.
    """
    user = actor if actor is not None and getattr(actor, "is_authenticated", False) else None
    AuditEvent.objects.create(
        actor=user,
        actor_label=actor_label or (getattr(user, "username", "") if user else ""),
        action=action,
        detail=detail,
    )
