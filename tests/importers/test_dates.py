"""Dates in the forms LinkedIn and Excel write them."""

from __future__ import annotations

from datetime import date

import pytest

from weakties.importers.dates import DateError, infer_order, parse_date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("07 Feb 2026", date(2026, 2, 7)),
        ("7 feb 2026", date(2026, 2, 7)),
        ("07 mrt 2026", date(2026, 3, 7)),
        ("07 mei 2026", date(2026, 5, 7)),
        ("07 okt 2026", date(2026, 10, 7)),
        ("07 Oct 2026", date(2026, 10, 7)),
        ("07 sept. 2026", date(2026, 9, 7)),
        ("16.09.2021", date(2021, 9, 16)),
        ("16-09-2021", date(2021, 9, 16)),
        ("16/09/2021", date(2021, 9, 16)),
        ("2021-09-16", date(2021, 9, 16)),
        ("2021-09-16 00:00:00", date(2021, 9, 16)),
        ("9/16/2021", date(2021, 9, 16)),
        ("16-9-21", date(2021, 9, 16)),
        ("Feb 07, 2026", date(2026, 2, 7)),
        # Excel's d-mmm-yy, also with a Dutch month; two-digit years as strptime's %y
        ("9-Sep-22", date(2022, 9, 9)),
        ("04-May-22", date(2022, 5, 4)),
        ("30-oct-09", date(2009, 10, 30)),
        ("7-mrt-23", date(2023, 3, 7)),
        ("07-okt.-2026", date(2026, 10, 7)),
        ("Sep-09-2022", date(2022, 9, 9)),
        ("15-Mar-98", date(1998, 3, 15)),
        ("1-1-68", date(2068, 1, 1)),
        # a time, a zone or a weekday around the date
        ("1/8/18, 6:14 PM", date(2018, 8, 1)),
        ("2021-09-16T10:00:00Z", date(2021, 9, 16)),
        ("Mon, 07 Feb 2026 10:00", date(2026, 2, 7)),
        ("07 februari 2026 09:30", date(2026, 2, 7)),
        ("  ", None),
    ],
)
def test_accepted_forms(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    "text",
    ["gisteren", "31 Feb 2026", "07 Foo 2026", "2026", "1.2.3.4", "9-Foo-22", ",", "6:14 PM"],
)
def test_rejected_values_name_the_value_and_the_expected_form(text):
    with pytest.raises(DateError) as info:
        parse_date(text)
    assert repr(text.strip()) in str(info.value)
    assert "07 Feb 2026" in str(info.value)


def test_order_is_month_first_only_when_the_file_proves_it():
    assert infer_order(["02/03/2021", "12/31/2021"]) == "mdy"
    assert infer_order(["02/03/2021", "31/12/2021"]) == "dmy"
    assert infer_order(["02/03/2021"]) == "dmy"
    assert parse_date("02/03/2021", "mdy") == date(2021, 2, 3)


def test_order_ignores_the_time_after_a_2018_export_date():
    values = ["1/8/18, 6:14 PM", "4/4/18, 10:35 AM", "11/17/17, 9:40 PM"]
    assert infer_order(values) == "mdy"
    assert [parse_date(v, "mdy") for v in values] == [
        date(2018, 1, 8),
        date(2018, 4, 4),
        date(2017, 11, 17),
    ]


def test_order_is_month_first_when_day_first_would_put_a_date_after_today():
    today = date(2018, 4, 11)
    assert infer_order(["3/8/18", "1/2/18"], today=today) == "mdy"  # 3 Aug 2018 is to come
    assert infer_order(["8/3/18", "1/2/18"], today=today) == "dmy"  # 3 Aug 2018 again
    # Both readings put a date after today: no evidence, day first.
    assert infer_order(["3/8/18", "8/3/18"], today=today) == "dmy"
    # A value that proves day first wins over the future.
    assert infer_order(["3/8/18", "13/1/18"], today=today) == "dmy"
