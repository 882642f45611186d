"""Levels on one ordinal scale, and timing of availability against opening."""

import datetime

import pytest

from weakties.matching.levels import level_score, read_level
from weakties.matching.timing import timing_reason, timing_score


@pytest.mark.parametrize(
    ("level", "title", "expected"),
    [
        ("mbo 2", "", 5),
        ("MBO-4", "", 7),
        ("mbo niveau 3", "", 6),
        ("hbo", "", 9),
        ("bachelor", "", 9),
        ("WO", "", 10),
        ("master", "", 10),
        ("schaal 11", "", 11),
        ("hbo", "Senior beleidsmedewerker", 11),
        ("", "Junior developer", 8),
        ("medior", "", 9),
        ("", "Developer", None),
        ("", "", None),
        ("schaal 99", "", None),
    ],
)
def test_levels_are_read(level, title, expected):
    assert read_level(level, title) == expected


def test_close_levels_score_higher():
    assert level_score(9, 9) == 1.0
    assert level_score(9, 10) > level_score(9, 11) > level_score(5, 10) == 0.0
    assert level_score(None, 9) == 0.5


def test_timing_prefers_availability_just_before_opening():
    assert timing_score(14) == 1.0  # available two weeks before
    assert timing_score(0) == 1.0
    assert (
        timing_score(90) > timing_score(180) > timing_score(365)
    )  # waiting long for a far-off vacancy
    assert timing_score(-30) > timing_score(-90) > timing_score(-365)  # the vacancy has to wait


def test_timing_reason_says_how_long_before_or_after():
    d, today = datetime.date, datetime.date(2026, 1, 1)
    r = timing_reason(d(2026, 3, 1), d(2026, 3, 15), today)
    assert r.message.format(**r.params) == "Available 2 weeks before the vacancy opens."
    r = timing_reason(d(2026, 7, 1), None, today)
    assert r.message.format(**r.params) == "Available 6 months after the vacancy opens."
    r = timing_reason(None, None, today)
    assert r.message.format(**r.params) == "Available now and the vacancy is open now."
    r = timing_reason(d(2026, 3, 2), d(2026, 3, 3), today)
    assert r.message.format(**r.params) == "Available 1 day before the vacancy opens."


def test_past_dates_mean_now():
    today = datetime.date(2026, 1, 1)
    r = timing_reason(datetime.date(2020, 1, 1), None, today)
    assert r.score == 1.0
