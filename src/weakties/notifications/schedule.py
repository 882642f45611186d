"""When digests go out, and how long a failed email waits before it is tried again.

A digest *period* starts at the digest hour (``WEAKTIES_DIGEST_HOUR``, local
time, default 7): every day for the daily digest, on ``WEAKTIES_DIGEST_WEEKDAY``
(0 = Monday, the default) for the weekly one.  An employee gets at most one
digest per period: it is due when their last digest is older than the start
of the current period.  The times are computed in the site's time zone
(``TIME_ZONE``) with real dates, so a digest stays at 07:00 across daylight
saving time.

Every value is read from settings with a default, so a deployer may set them
(see ``docs/configuration.md``) and nothing else needs to change:

=================================  =======  ==========================================
``WEAKTIES_DIGEST_HOUR``           7        local hour the daily and weekly digests go
``WEAKTIES_DIGEST_WEEKDAY``        0        weekday of the weekly digest (0 = Monday)
``WEAKTIES_DIGEST_WINDOW_DAYS``    14       older notices stay in the app, not emailed
``WEAKTIES_NOTICE_RETRIES``        5        attempts of one email before it waits for
                                            the next digest run
``WEAKTIES_NOTICE_RETRY_SECONDS``  60       wait before the 2nd attempt; doubled after
                                            each further failure (60, 120, 240, 480 s)
=================================  =======  ==========================================
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.utils import timezone

from weakties.notifications.models import Digest

__all__ = [
    "digest_hour",
    "digest_weekday",
    "window_start",
    "period_start",
    "next_digest_at",
    "max_attempts",
    "retry_delay",
    "catch_up_after",
]


def digest_hour() -> int:
    """The local hour digests go out (0–23)."""
    return min(max(int(getattr(settings, "WEAKTIES_DIGEST_HOUR", 7)), 0), 23)


def digest_weekday() -> int:
    """The weekday of the weekly digest (0 = Monday … 6 = Sunday)."""
    return int(getattr(settings, "WEAKTIES_DIGEST_WEEKDAY", 0)) % 7


def window_start(now: dt.datetime) -> dt.datetime:
    """Notices older than this are not emailed any more (they stay in the app)."""
    return now - dt.timedelta(days=int(getattr(settings, "WEAKTIES_DIGEST_WINDOW_DAYS", 14)))


def _at_hour(day: dt.date) -> dt.datetime:
    """The digest hour on ``day`` in the site's time zone (aware)."""
    return dt.datetime.combine(day, dt.time(digest_hour()), tzinfo=timezone.get_current_timezone())


def period_start(digest: str, now: dt.datetime) -> dt.datetime:
    """The start of the digest period ``now`` falls in: the last daily (or weekly) moment ≤ now."""
    local = timezone.localtime(now)
    day = local.date()
    if local < _at_hour(day):
        day -= dt.timedelta(days=1)
    if digest == Digest.WEEKLY:
        day -= dt.timedelta(days=(day.weekday() - digest_weekday()) % 7)
    return _at_hour(day)


def next_digest_at(now: dt.datetime) -> dt.datetime:
    """The next moment the digest run is due: the next digest hour after ``now``.

    The run happens every day; weekly digests simply are not due on the other days.
    """
    local = timezone.localtime(now)
    moment = _at_hour(local.date())
    if moment <= local:
        moment = _at_hour(local.date() + dt.timedelta(days=1))
    return moment


def max_attempts() -> int:
    """How often one email is tried before it waits for the next digest run."""
    return max(int(getattr(settings, "WEAKTIES_NOTICE_RETRIES", 5)), 1)


def retry_delay(attempt: int) -> dt.timedelta:
    """Wait after failed attempt number ``attempt`` (1, 2, …): exponential backoff."""
    base = float(getattr(settings, "WEAKTIES_NOTICE_RETRY_SECONDS", 60))
    return dt.timedelta(seconds=base * 2 ** max(attempt - 1, 0))


def catch_up_after() -> dt.timedelta:
    """An email meant to go at once that is still unsent this long after is sent by the digest run.

    That is when every retry has had its turn (the sum of the backoffs) plus a minute.
    """
    waits = sum((retry_delay(a) for a in range(1, max_attempts())), dt.timedelta())
    return waits + dt.timedelta(minutes=1)
