"""The audit log: who looked for whom, and who changed what (DESIGN.md: searches are audited).

Every use case that searches for people or changes shared data writes one
:class:`~weakties.accounts.models.AuditEvent` through :func:`audit`.
"""

from __future__ import annotations

import functools
from typing import Any

from django.db import connection
from django.utils import timezone

from weakties.accounts.models import AuditEvent
from weakties.core.prepared import run

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
    values = {
        "at": timezone.now(),
        "actor": user_id,
        "actor_label": actor_label,
        "action": action,
        "detail": detail,
    }
    run(_insert(), [field.get_db_prep_save(values[field.name], connection) for field in _FIELDS])


_FIELDS = [
    AuditEvent._meta.get_field(name) for name in ("at", "actor", "actor_label", "action", "detail")
]


@functools.cache
def _insert() -> str:
    """The INSERT, written once: the ORM's ``create`` composed it anew on every search (issue 9).

    The values still go through each field's own ``get_db_prep_save`` (time
    zone, JSON), so the row is the one ``AuditEvent.objects.create`` wrote.
    """
    q = connection.ops.quote_name
    columns = ", ".join(q(f.column) for f in _FIELDS)
    marks = ", ".join(["%s"] * len(_FIELDS))
    return f"INSERT INTO {q(AuditEvent._meta.db_table)} ({columns}) VALUES ({marks})"
