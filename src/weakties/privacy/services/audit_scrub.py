"""Audit entries outlive an erasure, without the erased person in them (issue 12 §1).

The log must still say *that* something happened (accountability, GDPR Art.
5(2)), but not *who*: the actor link is cut, the actor's label becomes a
placeholder with a short digest (the same erased person reads the same in
every entry, and nobody can read it back), and every value in the details
that names the person (their id under a key that means a person, their
address, their name) becomes the same placeholder.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Q

from weakties.accounts.models import AuditEvent
from weakties.people.services.identity import digest

__all__ = ["placeholder", "audit_scrub", "naming"]

#: Detail keys whose integer value is an employee's id.
EMPLOYEE_KEYS = frozenset({"employee", "requester", "introducer", "owner", "referrer", "colleague"})
#: Detail keys whose integer value is a person's id.
PERSON_KEYS = frozenset({"person", "target_person"})


def placeholder(identity: str) -> str:
    """``erased-`` and eight hex digits of a digest of ``identity``."""
    return "erased-" + digest("erased|" + identity)[:8]


def _scrub(
    value: Any, key: str, ids: dict[str, set[int]], words: set[str], mark: str
) -> tuple[Any, bool]:
    if isinstance(value, dict):
        changed = False
        out = {}
        for k, v in value.items():
            out[k], c = _scrub(v, k, ids, words, mark)
            changed = changed or c
        return out, changed
    if isinstance(value, list):
        items = [_scrub(v, key, ids, words, mark) for v in value]
        return [v for v, _c in items], any(c for _v, c in items)
    if isinstance(value, int) and not isinstance(value, bool):
        if (key in EMPLOYEE_KEYS and value in ids["employee"]) or (
            key in PERSON_KEYS and value in ids["person"]
        ):
            return mark, True
        return value, False
    if isinstance(value, str) and value.strip().lower() in words:
        return mark, True
    if isinstance(value, str) and any(w in value.lower() for w in words if "@" in w):
        return mark, True
    return value, False


def naming(user_id: int | None, ids: dict[str, set[int]], words: set[str]) -> Q:
    """The entries that may name the person, found by the database (the log can be long).

    The details are flat (``audit(action, key=value, ...)``): a person's id sits under a
    top-level key, which a JSON key lookup finds on SQLite and PostgreSQL alike; a text
    that names them anywhere in the details is found by a case-insensitive search.
    """
    where = Q(actor_id=user_id) if user_id is not None else Q(pk__in=[])
    for word in words:
        where |= Q(actor_label__iexact=word) | Q(detail__icontains=word)
    for keys, found in ((EMPLOYEE_KEYS, ids["employee"]), (PERSON_KEYS, ids["person"])):
        for key in keys:
            for value in found:
                where |= Q(**{f"detail__{key}": value})
    return where


def audit_scrub(
    *,
    mark: str,
    user_id: int | None = None,
    employee_ids: Iterable[int] = (),
    person_ids: Iterable[int] = (),
    words: Iterable[str] = (),
) -> int:
    """Replace the erased person in every audit entry by ``mark``; the number of entries changed.

    ``words`` are the exact texts that name them (address, login, full name),
    compared case-insensitively.  Only the entries the database finds (:func:`naming`)
    are read, in chunks.
    """
    ids = {"employee": set(employee_ids), "person": set(person_ids)}
    lowered = {w.strip().lower() for w in words if w and w.strip()}
    changed = 0
    pending: list[AuditEvent] = []
    candidates = AuditEvent.objects.filter(naming(user_id, ids, lowered))
    for event in candidates.only("pk", "actor", "actor_label", "detail").iterator(chunk_size=2000):
        touched = False
        if user_id is not None and event.actor_id == user_id:
            event.actor_id = None
            event.actor_label = mark
            touched = True
        elif event.actor_label and event.actor_label.strip().lower() in lowered:
            event.actor_label = mark
            touched = True
        detail, c = _scrub(event.detail or {}, "", ids, lowered, mark)
        if c:
            event.detail = detail
            touched = True
        if touched:
            pending.append(event)
    for start in range(0, len(pending), 500):
        AuditEvent.objects.bulk_update(
            pending[start : start + 500], ["actor", "actor_label", "detail"]
        )
        changed += len(pending[start : start + 500])
    return changed
