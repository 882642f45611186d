"""The settings of introduction requests, each with its default (issue 10: protect the introducers).

Set them in the Django settings; a missing one keeps its default.

``WEAKTIES_INTRO_EXPIRY_DAYS`` (30)
    An unanswered request (requested or snoozed) closes itself as *expired*
    this many days after it was made.
``WEAKTIES_INTRO_INTRODUCER_LIMIT`` (5)
    How many open requests (requested, snoozed or accepted and not sent yet)
    one introducer may have received in the last 30 days: a colleague who
    knows many people is not flooded.
``WEAKTIES_INTRO_REQUESTER_LIMIT`` (10)
    How many requests one requester may make in 30 days, whatever became of them.
``WEAKTIES_INTRO_SNOOZE_DAYS`` (7)
    How long a snooze lasts unless the introducer picks a date; then the
    request comes back to them (it still expires on its own date).
``WEAKTIES_INTRO_THANKS_AFTER_DAYS`` (7)
    Days after the introduction was sent before the requester is reminded to
    thank the introducer when no outcome was recorded (after the outcome
    "met" they are reminded at once). Once per request.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings

__all__ = [
    "MONTH",
    "expiry_days",
    "introducer_limit",
    "requester_limit",
    "snooze_days",
    "thanks_after_days",
]

#: "Per month" in the limits: a rolling window, so the first of a month is no flood gate.
MONTH = dt.timedelta(days=30)


def _setting(name: str, default: int) -> int:
    return int(getattr(settings, name, default))


def expiry_days() -> int:
    return _setting("WEAKTIES_INTRO_EXPIRY_DAYS", 30)


def introducer_limit() -> int:
    return _setting("WEAKTIES_INTRO_INTRODUCER_LIMIT", 5)


def requester_limit() -> int:
    return _setting("WEAKTIES_INTRO_REQUESTER_LIMIT", 10)


def snooze_days() -> int:
    return _setting("WEAKTIES_INTRO_SNOOZE_DAYS", 7)


def thanks_after_days() -> int:
    return _setting("WEAKTIES_INTRO_THANKS_AFTER_DAYS", 7)
