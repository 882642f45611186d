"""The ambassadors app's settings: a Django setting of the same name, else the environment.

| name | default | meaning |
|---|---|---|
| ``WEAKTIES_INVITE_REMINDER_DAYS`` | 7 | a campaign's one reminder goes out no sooner than this many days after its invitations; an employee who has not answered is not invited again by another campaign within this many days |
| ``WEAKTIES_INVITE_LINK_DAYS`` | 90 | how long a personal invitation link works |
| ``WEAKTIES_INVITE_SEND_ATTEMPTS`` | 5 | how often the sending task tries again when the mail server cannot be reached (after 1, 2, 4, 8 … minutes) |
| ``WEAKTIES_IMPORT_STALE_DAYS`` | 365 | an employee whose last import is older than this is marked stale on the sync page |

The same table is in ``docs/configuration.md``.
"""

from __future__ import annotations

import datetime as dt
import os

from django.conf import settings

__all__ = ["reminder_days", "link_days", "send_attempts", "stale_days"]


def _number(name: str, default: int) -> int:
    value = getattr(settings, name, None)
    if value is None:
        value = os.environ.get(name, "") or default
    return max(int(value), 0)


def reminder_days() -> dt.timedelta:
    """The least time between an invitation and its reminder (or a new invitation)."""
    return dt.timedelta(days=_number("WEAKTIES_INVITE_REMINDER_DAYS", 7))


def link_days() -> dt.timedelta:
    """How long a personal link works."""
    return dt.timedelta(days=_number("WEAKTIES_INVITE_LINK_DAYS", 90))


def send_attempts() -> int:
    """How many times the sending task tries when the mail server fails (at least once)."""
    return max(_number("WEAKTIES_INVITE_SEND_ATTEMPTS", 5), 1)


def stale_days() -> int:
    """An import older than this many days is stale."""
    return _number("WEAKTIES_IMPORT_STALE_DAYS", 365)
