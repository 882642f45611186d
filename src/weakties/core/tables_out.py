"""Tables as CSV or Excel files, safe to open in a spreadsheet.

A page's table becomes a list of rows (the first is the header); this module
writes them as CSV (UTF-8 with a byte-order mark, so Excel reads the accents)
or XLSX (openpyxl).  Text that a spreadsheet would read as a formula (a cell
starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return; OWASP's
"CSV injection") gets a leading apostrophe: ``=HYPERLINK(...)`` in a name
stays the text it was.  Numbers stay numbers.

:func:`table_response` wraps the bytes in a download for the views (the one
place this module touches Django).

>>> neutralise("=HYPERLINK(\\"http://x\\")")
'\\'=HYPERLINK("http://x")'
>>> neutralise(-3), neutralise("Jansen")
(-3, 'Jansen')
>>> csv_bytes([["Name"], ["@SUM(A1)"]]).decode("utf-8-sig").splitlines()
['Name', "'@SUM(A1)"]
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Sequence
from typing import Any

__all__ = [
    "FORMATS",
    "neutralise",
    "neutralise_row",
    "csv_bytes",
    "xlsx_bytes",
    "table_bytes",
    "table_response",
]

#: The first characters that make a spreadsheet read a cell as a formula.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

#: format -> (content type, file extension)
FORMATS = {
    "csv": ("text/csv; charset=utf-8", "csv"),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
}

Cell = Any
Row = Sequence[Cell]


def neutralise(value: Cell) -> Cell:
    """``value`` with a leading apostrophe where a spreadsheet would read a formula.

    Numbers, dates and None pass unchanged; anything else becomes text.
    """
    if value is None or isinstance(value, bool | int | float | dt.date):
        return value
    text = str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def neutralise_row(row: Row) -> list[Cell]:
    return [neutralise(v) for v in row]


def csv_bytes(rows: Iterable[Row]) -> bytes:
    """The rows as CSV: UTF-8 with a BOM, comma-separated, CRLF line ends."""
    out = io.StringIO()
    writer = csv.writer(out)
    for row in rows:
        writer.writerow(["" if v is None else v for v in neutralise_row(row)])
    return out.getvalue().encode("utf-8-sig")


def xlsx_bytes(rows: Iterable[Row], *, title: str = "weakties") -> bytes:
    """The rows as an Excel workbook with one sheet; the header row bold and frozen.

    Written in openpyxl's write-only mode: time and memory grow with the rows
    (a network of 5,700 ties: 14 s in the normal mode, about 1 s in this one).
    """
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Font

    book = Workbook(write_only=True)
    # A sheet title has at most 31 characters and none of []:*?/\
    sheet = book.create_sheet("".join(c for c in title if c not in "[]:*?/\\")[:31] or "weakties")
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    for n, row in enumerate(rows):
        cells: list[Any] = []
        for v in neutralise_row(row):
            if isinstance(v, str):
                # Control characters (other than tab, CR, LF) cannot be stored in XLSX;
                # and a text cell stays text (openpyxl reads "=..." as a formula).
                cell = WriteOnlyCell(sheet, value=ILLEGAL_CHARACTERS_RE.sub("", v))
                cell.data_type = "s"
            else:
                cell = WriteOnlyCell(sheet, value=v)
            if n == 0:
                cell.font = bold
            cells.append(cell)
        sheet.append(cells)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def table_bytes(rows: Iterable[Row], fmt: str, *, title: str = "weakties") -> bytes:
    """CSV or XLSX bytes for ``fmt`` (a key of :data:`FORMATS`)."""
    if fmt == "csv":
        return csv_bytes(rows)
    if fmt == "xlsx":
        return xlsx_bytes(rows, title=title)
    raise ValueError(f"unknown table format {fmt!r}")


def table_response(rows: Iterable[Row], fmt: str, *, name: str, title: str = "") -> Any:
    """A download of the rows: ``<name>-<today>.<csv|xlsx>``; 404 for another format."""
    from django.http import Http404, HttpResponse
    from django.utils.text import slugify

    if fmt not in FORMATS:
        raise Http404(fmt)
    content_type, ext = FORMATS[fmt]
    data = table_bytes(rows, fmt, title=title or name)
    response = HttpResponse(data, content_type=content_type)
    filename = f"{slugify(name) or 'table'}-{dt.date.today().isoformat()}.{ext}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response
