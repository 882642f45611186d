"""The referral app's settings: a Django setting of the same name, else the environment.

| name | default | meaning |
|---|---|---|
| ``WEAKTIES_REFERRAL_ASK_DAYS`` | 7 | a colleague is asked "is this something for your contact?" at most once in this many days (about any vacancy; once per vacancy in any case); those asked more recently wait |
| ``WEAKTIES_REFERRAL_VALID_MONTHS`` | 6 | how long a referral holds its candidate for its referrer, unless the organisation's referral settings say otherwise (1 to 60) |

The same table is in ``docs/configuration.md``.
"""

from __future__ import annotations

import os

from django.conf import settings

__all__ = ["ask_days", "valid_months"]


def _number(name: str, default: int) -> int:
    value = getattr(settings, name, None)
    if value is None:
        value = os.environ.get(name, "") or default
    return max(int(value), 0)


def ask_days() -> int:
    """Days between two asks to one colleague."""
    return _number("WEAKTIES_REFERRAL_ASK_DAYS", 7)


def valid_months() -> int:
    """Months a referral holds its candidate, where the organisation set nothing (at least 1)."""
    return max(_number("WEAKTIES_REFERRAL_VALID_MONTHS", 6), 1)
