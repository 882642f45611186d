"""Who did it, for the audit log: a signed-in user, an employee (the CLI's ``--as``) or nobody."""

from __future__ import annotations

from typing import Any

from weakties.accounts.models import Employee
from weakties.accounts.services.audit import audit

__all__ = ["audit_by", "employee_or_none"]


def audit_by(action: str, actor: Any, actor_label: str = "", **detail: Any) -> None:
    """:func:`~weakties.accounts.services.audit.audit` for a user or an employee."""
    if isinstance(actor, Employee):
        user = actor.user if actor.user_id else None
        audit(action, actor=user, actor_label=actor_label or actor.email, **detail)
    else:
        audit(action, actor=actor, actor_label=actor_label, **detail)


def employee_or_none(actor: Any) -> Employee | None:
    """The employee behind an actor, for ``created_by``: none for the CLI and superusers."""
    if isinstance(actor, Employee):
        return actor
    return getattr(actor, "employee", None) if getattr(actor, "is_authenticated", False) else None
