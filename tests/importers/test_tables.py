"""The shared table reader: headers found by their columns, rows and their errors."""

from __future__ import annotations

import csv
from datetime import date, datetime

import pytest

from weakties.importers import ImportFileError, Text
from weakties.importers.tables import Columns, cell_text, read_table, table_from_rows

#: A help-request sheet's columns, as a Django service would declare them.
SHEET = Columns(
    {
        "kind": ("kind", "type", "soort", "soort vraag"),
        "title": ("title", "role", "titel", "rol"),
        "date": ("date", "datum", "vanaf"),
        "months_ahead": ("months ahead", "maanden vooruit"),
    },
    required=("kind", "title"),
    key=lambda cell: cell.replace("_", " "),
)
EMPTY = Text("the file is empty")


# -- Columns ---------------------------------------------------------------------------------


def test_a_field_takes_the_leftmost_column_that_names_it_whatever_the_alias_order():
    assert SHEET.find(["rol", "soort", "titel", "months_ahead"]) == {
        "title": 0,
        "kind": 1,
        "months_ahead": 3,
    }


def test_header_matches_only_with_every_required_column():
    assert SHEET.matches(["soort", "titel"])
    assert not SHEET.matches(["soort", "datum"])
    assert SHEET.missing(["datum"]) == ["kind", "title"]


def test_an_alias_may_name_one_field_only():
    with pytest.raises(ValueError, match="'naam'"):
        Columns({"first": ("naam",), "last": ("naam",)})
    with pytest.raises(ValueError, match="required"):
        Columns({"first": ("naam",)}, required=("email",))


# -- read_table ------------------------------------------------------------------------------


def test_header_is_found_below_a_preamble_with_its_line_and_delimiter():
    text = "Vragen voor de kring\n\nSoort;Titel;Datum;\nvacature;Kok;01-03-2026;\n"
    table = read_table(text, file="vragen.csv", header=SHEET, missing=EMPTY)
    assert (table.delimiter, table.header_line) == (";", 3)
    assert table.header == ["soort", "titel", "datum"]  # the empty trailing cell is dropped
    assert list(table.named_rows(SHEET)) == [
        (4, {"kind": "vacature", "title": "Kok", "date": "01-03-2026"})
    ]


def test_header_without_a_required_column_is_named_on_its_line():
    text = "\nSoort,Datum\nvacature,01-03-2026\n"
    with pytest.raises(ImportFileError) as caught:
        read_table(text, file="vragen.csv", header=SHEET, missing=EMPTY)
    assert caught.value.line == 2
    assert caught.value.message == (
        "no column for title in the header (title: title / role / titel / rol)"
    )
    assert caught.value.message.values["columns"] == "title"


def test_a_file_without_any_value_says_the_missing_message():
    with pytest.raises(ImportFileError) as caught:
        read_table("\n \n", file="vragen.csv", header=SHEET, missing=EMPTY)
    assert caught.value.message is EMPTY and caught.value.line is None


def test_a_header_test_that_never_matches_says_the_missing_message():
    with pytest.raises(ImportFileError) as caught:
        read_table("a,b\n1,2\n", file="x.csv", header=lambda cells: False, missing=EMPTY)
    assert caught.value.message is EMPTY


def test_rows_of_the_wrong_width_become_row_errors_and_blank_lines_vanish():
    text = "Soort,Titel\nvacature,Kok\n\nvraag\nvraag,Kok,extra\nvraag,Kok,,\n"
    table = read_table(text, file="v.csv", header=SHEET, missing=EMPTY)
    assert list(table.rows()) == [(2, ["vacature", "Kok"]), (6, ["vraag", "Kok", "", ""])]
    errors = table.errors.finish()
    assert [e.line for e in errors] == [4, 5]
    assert errors[0].message == (
        "line 4 has 1 fields but the header on line 1 has 2; the row is incomplete "
        "(is the file cut off?)."
    )
    assert "contains a comma without being quoted" in errors[1].message


def test_without_exact_widths_short_rows_are_padded_and_empty_rows_skipped():
    text = "Soort,Titel,Datum\nvacature,Kok\n,,\nvraag,Kok,01-03-2026,extra\n"
    table = read_table(text, file="v.csv", header=SHEET, missing=EMPTY, exact_width=False)
    assert list(table.named_rows(SHEET)) == [
        (2, {"kind": "vacature", "title": "Kok", "date": ""}),
        (4, {"kind": "vraag", "title": "Kok", "date": "01-03-2026"}),
    ]
    assert table.errors.finish() == []


def test_locate_refuses_a_header_that_lacks_a_required_column():
    table = read_table("Soort,Datum\n", file="v.csv", header=lambda c: True, missing=EMPTY)
    with pytest.raises(ImportFileError) as caught:
        table.locate(SHEET)
    assert caught.value.line == 1 and "no column for title" in caught.value.message


# -- rows already split (a workbook's sheet) -------------------------------------------------


def test_sheet_rows_become_text_and_keep_their_lines():
    rows = [
        (1, ("Vragen", None, None)),
        (2, (None, None, None)),
        (3, ("Soort", "Titel", "Datum", None)),
        (4, ("vacature", "Kok", datetime(2026, 3, 1))),
        (5, (None, None)),
        (6, ("vraag", 12.0)),
    ]
    table = table_from_rows(rows, file="vragen.xlsx", header=SHEET, missing=EMPTY)
    assert (table.header_line, table.delimiter, table.width) == (3, "", 3)
    assert list(table.named_rows(SHEET)) == [
        (4, {"kind": "vacature", "title": "Kok", "date": "2026-03-01"}),
        (6, {"kind": "vraag", "title": "12", "date": ""}),
    ]


def test_sheet_without_the_header_names_the_first_row_with_a_value():
    rows = [(1, (None,)), (2, ("Soort", "Datum")), (3, ("vacature", date(2026, 3, 1)))]
    with pytest.raises(ImportFileError) as caught:
        table_from_rows(rows, file="vragen.xlsx", header=SHEET, missing=EMPTY)
    assert caught.value.line == 2 and caught.value.message.values["columns"] == "title"
    with pytest.raises(ImportFileError) as caught:
        table_from_rows([], file="vragen.xlsx", header=SHEET, missing=EMPTY)
    assert caught.value.message is EMPTY


def test_cells_read_as_a_csv_would_hold_them():
    assert cell_text(None) == ""
    assert cell_text(datetime(2026, 3, 1, 0, 0)) == "2026-03-01"
    assert cell_text(datetime(2026, 3, 1, 9, 30)) == "2026-03-01 09:30:00"
    assert cell_text(date(2026, 3, 1)) == "2026-03-01"
    assert (cell_text(3.0), cell_text(2.5), cell_text(7), cell_text(True)) == (
        "3",
        "2.5",
        "7",
        "True",
    )


def test_a_file_refused_for_its_header_gives_back_the_process_wide_field_limit():
    before = csv.field_size_limit(4096)  # not FIELD_LIMIT, which is also csv's default
    try:
        with pytest.raises(ImportFileError):
            read_table(
                "Soort,Datum\nvacature,1-3-2026\n", file="v.csv", header=SHEET, missing=EMPTY
            )
        assert csv.field_size_limit() == 4096
    finally:
        csv.field_size_limit(before)
