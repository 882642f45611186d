"""The audit log: who looked for whom, and who changed what (DESIGN.md: searches are audited).

Every use case that searches for people or changes shared data writes one
:class:`~weakties.accounts.models.AuditEvent` through :func:`audit`.

Each event carries the organisation whose log holds it
(``AuditEvent.organisation``): the acting employee's organisation, else the
organisation the event names (``organisation=`` among the details, as an
:class:`~weakties.accounts.models.Organisation`, its id or its name), else the
one organisation of the employee whose address is the ``actor_label`` (the CLI
acting as someone without a login); system events have none.
"""

from __future__ import annotations

import functools
from typing import Any

from django.db import connection
from django.utils import timezone

from weakties.accounts.models import AuditEvent, Employee, Organisation
from weakties.core.prepared import run

__all__ = ["audit", "organisation_of_event"]


def audit(action: str, *, actor: Any = None, actor_label: str = "", **detail: Any) -> None:
    """Record ``action`` by ``actor`` (a user; anonymous users are not linked) with ``detail``.

    ``actor_label`` names the actor where there is no login (the CLI, a
    token link); by default it is the user's username.

    Exactly one INSERT, so that a search pays little for its audit line: the
    event is linked by the user's primary key (never a fetched user), the
    label comes from the user object the caller holds, and the organisation
    from the employee the caller loaded with the user (the request's, the
    token's). Only a caller that did not load it (a command, a task) has the
    INSERT find the organisation itself, in the same statement.
    """
    user_id = actor.pk if actor is not None and getattr(actor, "is_authenticated", False) else None
    if not actor_label and user_id is not None:
        actor_label = getattr(actor, "username", "")
    if isinstance(detail.get("organisation"), Organisation):
        detail["organisation"] = detail["organisation"].pk
    shape, found = organisation_of_event(
        actor if user_id is not None else None, actor_label, detail
    )
    values = {
        "at": timezone.now(),
        "actor": user_id,
        "actor_label": actor_label,
        "action": action,
        "detail": detail,
    }
    prepared = [field.get_db_prep_save(values[field.name], connection) for field in _FIELDS]
    run(_insert(shape), [*prepared, *found])


_FIELDS = [
    AuditEvent._meta.get_field(name) for name in ("at", "actor", "actor_label", "action", "detail")
]

#: How the INSERT finds the organisation, each from one parameter; the first that finds one wins.
KNOWN = "known"  # the id itself (the caller's loaded employee): no read
BY_USER = "user"  # the employee of a user id
BY_ID = "id"  # an organisation id the details name (kept only while it exists)
BY_NAME = "name"  # an organisation name the details name
BY_EMAIL = "email"  # the employee address of exactly one organisation


def _loaded_employee(actor: Any) -> tuple[bool, Any]:
    """``(True, employee or None)`` when the caller loaded the user's employee; ``(False, None)`` else."""
    state = getattr(actor, "_state", None)
    cache = getattr(state, "fields_cache", None)
    if not isinstance(cache, dict) or "employee" not in cache:
        return False, None
    return True, cache["employee"]


def organisation_of_event(
    actor: Any, actor_label: str, detail: dict[str, Any]
) -> tuple[tuple[str, ...], list[Any]]:
    """The ways the INSERT finds the event's organisation (:data:`KNOWN` …), with their parameters.

    ``actor`` is a signed-in user or ``None``. In the order of the module's rule; a way that
    certainly finds it ends the list. The same rule fills the column of older events
    (migration ``accounts.0005``).
    """
    shape: list[str] = []
    found: list[Any] = []
    if actor is not None:
        loaded, me = _loaded_employee(actor)
        if loaded and me is not None:
            return (KNOWN,), [me.organisation_id]
        if not loaded:
            shape.append(BY_USER)
            found.append(actor.pk)
    named = detail.get("organisation")
    if isinstance(named, int) and not isinstance(named, bool):
        shape.append(BY_ID)
        found.append(named)
    elif isinstance(named, str) and named:
        shape.append(BY_NAME)
        found.append(named)
    if actor is None and "@" in actor_label:
        shape.append(BY_EMAIL)
        found.append(actor_label)
    return tuple(shape), found


@functools.cache
def _insert(shape: tuple[str, ...] = ()) -> str:
    """The INSERT, written once per way of finding the organisation (the ORM composed it anew
    on every search, issue 9).

    The values still go through each field's own ``get_db_prep_save`` (time
    zone, JSON), so the row is the one ``AuditEvent.objects.create`` wrote.
    """
    q = connection.ops.quote_name
    columns = [q(f.column) for f in _FIELDS] + [q("organisation_id")]
    marks = ["%s"] * len(_FIELDS)
    employees, organisations = q(Employee._meta.db_table), q(Organisation._meta.db_table)
    ways = {
        KNOWN: "%s",
        BY_USER: f"(SELECT {q('organisation_id')} FROM {employees} WHERE {q('user_id')} = %s)",
        BY_ID: f"(SELECT {q('id')} FROM {organisations} WHERE {q('id')} = %s)",
        BY_NAME: f"(SELECT {q('id')} FROM {organisations} WHERE {q('name')} = %s)",
        BY_EMAIL: (
            f"(SELECT MIN({q('organisation_id')}) FROM {employees} WHERE {q('email')} = %s"
            f" HAVING COUNT(DISTINCT {q('organisation_id')}) = 1)"
        ),
    }
    finds = [ways[way] for way in shape]
    marks.append(
        "NULL" if not finds else finds[0] if len(finds) == 1 else f"COALESCE({', '.join(finds)})"
    )
    table = q(AuditEvent._meta.db_table)
    return f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join(marks)})"
