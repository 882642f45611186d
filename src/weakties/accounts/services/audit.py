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

    Exactly one INSERT and no read, so that a search pays little for its
    audit line: the event is linked by the user's primary key (never a
    fetched user), and the label comes from the user object the caller holds.
    """
    user_id = actor.pk if actor is not None and getattr(actor, "is_authenticated", False) else None
    if not actor_label and user_id is not None:
        actor_label = getattr(actor, "username", "")
    AuditEvent.objects.create(
        actor_id=user_id, actor_label=actor_label, action=action, detail=detail
    )
