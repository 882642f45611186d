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
        ("  ", None),
    ],
)
def test_accepted_forms(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", ["gisteren", "31 Feb 2026", "07 Foo 2026", "2026", "1.2.3.4"])
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
