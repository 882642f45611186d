"""Timing: when supply becomes available against when demand opens.

Surplus staff become available on their surplus date; a vacancy may be open
now or expected in N months (seed ``004``: "Organisation Y needs extra staff in
six months").  Either date in the past, or none, means *now*.

The gap is ``vacancy opens - supply available`` in days.  People available a
little before the vacancy opens fit best (they can start on day one; surplus
staff are still employed until their date); a vacancy can wait a few weeks
for the right person but rarely half a year; surplus staff available long
before a far-off vacancy would have to be bridged.  The score interpolates
linearly between these points:

=========================================  =====
gap (days)                                 score
=========================================  =====
vacancy opens >= 1 year after availability  0.15
... 6 months after                          0.4
... 3 months after                          0.75
... 0 - 30 days after                       1.0
vacancy opens 1 month before availability   0.8
... 3 months before                         0.45
... 6 months before                         0.2
... >= 1 year before                        0.05
=========================================  =====
"""

from __future__ import annotations

import bisect
import datetime
from functools import lru_cache

import numpy as np

from weakties.translatable import gettext_noop

from .records import Reason

__all__ = ["effective_day", "timing_reason", "timing_score", "timing_scores"]

_GAPS = np.array([-365, -180, -90, -30, 0, 30, 90, 180, 365], dtype=np.float64)
_SCORES = np.array([0.05, 0.2, 0.45, 0.8, 1.0, 1.0, 0.75, 0.4, 0.15], dtype=np.float64)
_GAP_LIST = _GAPS.tolist()
_SCORE_LIST = _SCORES.tolist()


def effective_day(date: datetime.date | None, today: datetime.date) -> int:
    """Day number (proleptic ordinal) from which the request holds; past dates mean today."""
    return max(date, today).toordinal() if date is not None else today.toordinal()


def timing_scores(gap_days: np.ndarray) -> np.ndarray:
    """Vectorised :func:`timing_score` over an array of gaps."""
    return np.interp(gap_days, _GAPS, _SCORES)


@lru_cache(maxsize=1 << 12)
def timing_score(gap_days: int) -> float:
    """Score of one gap (vacancy opening day minus availability day).

    Examples
    --------
    >>> timing_score(0), timing_score(14), timing_score(-90), timing_score(400)
    (1.0, 1.0, 0.45, 0.15)
    """
    i = bisect.bisect_right(_GAP_LIST, gap_days)
    if i == 0:
        return _SCORE_LIST[0]
    if i == len(_GAP_LIST):
        return _SCORE_LIST[-1]
    x0, x1, y0, y1 = _GAP_LIST[i - 1], _GAP_LIST[i], _SCORE_LIST[i - 1], _SCORE_LIST[i]
    return y0 + (y1 - y0) * (gap_days - x0) / (x1 - x0)


def _span(days: int) -> tuple[str, int]:
    if days < 14:
        return "days", days
    if days < 61:
        return "weeks", round(days / 7)
    return "months", round(days / 30.44)


_BEFORE = {
    "days": gettext_noop("Available {n} days before the vacancy opens."),
    "weeks": gettext_noop("Available {n} weeks before the vacancy opens."),
    "months": gettext_noop("Available {n} months before the vacancy opens."),
}
_AFTER = {
    "days": gettext_noop("Available {n} days after the vacancy opens."),
    "weeks": gettext_noop("Available {n} weeks after the vacancy opens."),
    "months": gettext_noop("Available {n} months after the vacancy opens."),
}
_ONE_DAY_BEFORE = gettext_noop("Available 1 day before the vacancy opens.")
_ONE_DAY_AFTER = gettext_noop("Available 1 day after the vacancy opens.")
_BOTH_NOW = gettext_noop("Available now and the vacancy is open now.")
_SAME_DAY = gettext_noop("Available on the day the vacancy opens ({date}).")


@lru_cache(maxsize=1 << 16)
def timing_reason(
    supply_date: datetime.date | None, demand_date: datetime.date | None, today: datetime.date
) -> Reason:
    """The timing component of a match, with its sentence.

    Examples
    --------
    >>> d = datetime.date
    >>> r = timing_reason(d(2026, 3, 1), d(2026, 3, 15), today=d(2026, 1, 1))
    >>> r.message.format(**r.params), r.score
    ('Available 2 weeks before the vacancy opens.', 1.0)
    """
    available = effective_day(supply_date, today)
    opens = effective_day(demand_date, today)
    gap = opens - available
    score = timing_score(gap)
    if gap == 0:
        if available == today.toordinal():
            return Reason("timing", score, _BOTH_NOW, {})
        return Reason(
            "timing", score, _SAME_DAY, {"date": datetime.date.fromordinal(opens).isoformat()}
        )
    if abs(gap) == 1:
        return Reason("timing", score, _ONE_DAY_BEFORE if gap > 0 else _ONE_DAY_AFTER, {})
    unit, n = _span(abs(gap))
    template = (_BEFORE if gap > 0 else _AFTER)[unit]
    return Reason("timing", score, template, {"n": str(n)})
