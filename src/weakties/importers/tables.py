"""Reading tables safely: one reader for every CSV export and spreadsheet.

Every table importer (LinkedIn, Google, Outlook, the HR directory) reads its
file through :func:`read_table`, and rows already split into cells (a
workbook's sheet) go through :func:`table_from_rows`.  Both give a
:class:`Table`: the header row, found by its column names among the first
records, and the rows below it, with row problems collected as translatable
:class:`~weakties.importers.records.Text` in :attr:`Table.errors`.

Underneath, :mod:`weakties.importers.csv_text` reads CSV text record by
record with physical line numbers and limits; its names are available here
too, as before.

Examples
--------
>>> columns = Columns({"email": ("email", "e-mail"), "name": ("name", "naam")},
...                   required=("email",))
>>> table = read_table("Notes: ours\\n\\nE-mail,Naam\\na@example.nl,An\\nb@example.nl\\n",
...                    file="people.csv", header=columns, missing=Text("no header"))
>>> table.header_line, table.header, table.locate(columns)
(3, ['e-mail', 'naam'], {'email': 0, 'name': 1})
>>> list(table.named_rows(columns))
[(4, {'email': 'a@example.nl', 'name': 'An'})]
>>> [str(e.message) for e in table.errors.finish()]
['line 5 has 1 fields but the header on line 3 has 2; the row is incomplete (is the file cut off?).']
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import date, datetime

from ..translatable import gettext_noop

# The CSV layer's names stay importable from here (``tables.iter_rows``, ...), as before.
from .csv_text import (
    DELIMITERS,
    FIELD_LIMIT,
    HEAD_CHARS,
    MAX_COLUMNS,
    MAX_RECORD_LINES,
    candidate_headers,
    delimiter_name,
    head_rows,
    iter_rows,
    norm,
    sniff_delimiter,
)
from .errors import RowErrors
from .records import ImportFileError, Text

__all__ = [
    "Columns",
    "DELIMITERS",
    "FIELD_LIMIT",
    "HEAD_CHARS",
    "MAX_COLUMNS",
    "MAX_RECORD_LINES",
    "HeaderTest",
    "Table",
    "candidate_headers",
    "cell_text",
    "column",
    "delimiter_name",
    "find_header",
    "head_rows",
    "iter_rows",
    "locate_header",
    "norm",
    "read_table",
    "row_problem",
    "sniff_delimiter",
    "table_from_rows",
    "width_problem",
]


def find_header(
    rows: Iterator[tuple[int, list[str]]],
    matches: Callable[[list[str]], bool],
    *,
    within: int = 6,
) -> tuple[int, list[str]] | None:
    """Advance ``rows`` to the header row, looking at the first ``within`` records.

    ``matches`` receives the normalised cells (see :func:`norm`).  Returns the
    header's line and normalised cells, or ``None`` when none matched.
    """
    for index, (line, row) in enumerate(rows):
        if index >= within:
            return None
        cells = [norm(c) for c in row]
        if matches(cells):
            return line, cells
    return None


def locate_header(
    text: str,
    file: str,
    matches: Callable[[list[str]], bool],
    *,
    within: int = 6,
) -> tuple[str, Iterator[tuple[int, list[str]]], int, list[str]] | None:
    """Find the header row, trying the sniffed delimiter first and then the others.

    Returns ``(delimiter, remaining_rows, header_line, header)`` or ``None``.
    A reading error with the sniffed delimiter is raised; with the others it
    only means that delimiter is wrong.
    """
    sniffed = sniff_delimiter(text[:HEAD_CHARS])
    for delimiter in (sniffed, *(d for d in DELIMITERS if d != sniffed)):
        rows = iter_rows(text, delimiter, file)
        try:
            found = find_header(rows, matches, within=within)
        except ImportFileError:
            if delimiter == sniffed:
                raise
            continue
        if found is not None:
            return delimiter, rows, found[0], found[1]
    return None


def column(header: list[str], *aliases: str) -> int | None:
    """Index of the first column whose normalised name is one of ``aliases``."""
    for alias in aliases:
        if alias in header:
            return header.index(alias)
    return None


def width_problem(row: list[str], width: int, header_line: int, sep: Text) -> Text | None:
    """Describe a row whose field count does not match the header, else ``None``.

    Extra trailing empty fields (as spreadsheets write them) are accepted.
    The description follows "line N": see :func:`row_problem`.
    """
    n = len(row)
    if n == width or (n > width and not any(c.strip() for c in row[width:])):
        return None
    if n < width:
        return Text(
            gettext_noop(
                "has {count} fields but the header on line {header_line} has {width}; the row "
                "is incomplete (is the file cut off?)"
            ),
            count=n,
            header_line=header_line,
            width=width,
        )
    return Text(
        gettext_noop(
            "has {count} fields but the header on line {header_line} has {width}; probably a "
            "value contains a {delimiter} without being quoted"
        ),
        count=n,
        header_line=header_line,
        width=width,
        delimiter=sep,
    )


def row_problem(line: int, problem: Text) -> Text:
    """``"line 7 has 3 fields but …."``: a :func:`width_problem` as a row error."""
    return Text(gettext_noop("line {line} {problem}."), line=line, problem=problem)


# -- the reader every table importer uses ---------------------------------------------------

#: Tells whether a row, as normalised cells (see :func:`norm`), is the header sought.
HeaderTest = Callable[[list[str]], bool]


class Columns:
    """The columns a table may have: each field and the names a header may give it.

    Parameters
    ----------
    fields : mapping of str to sequence of str
        Each field and its aliases, written as ``key`` leaves a header cell.
        An alias belongs to one field only.
    required : sequence of str
        The fields without which a row is not the header.
    key : callable, optional
        How a header cell (already passed through :func:`norm`: lower case,
        single spaces) is compared with the aliases; for example one that
        also drops ``_`` and ``-``.

    Examples
    --------
    >>> columns = Columns({"email": ("email", "e-mailadres"), "first_name": ("first name",)},
    ...                   required=("email",))
    >>> columns.find(["first name", "e-mailadres", "email"])
    {'first_name': 0, 'email': 1}
    >>> columns.matches(["first name"]), str(columns.problem(["email"]))
    (False, 'no column for email in the header (email: email / e-mailadres)')
    """

    __slots__ = ("fields", "required", "key", "_field_of")

    def __init__(
        self,
        fields: Mapping[str, Sequence[str]],
        *,
        required: Sequence[str] = (),
        key: Callable[[str], str] = norm,
    ) -> None:
        self.fields = {field: tuple(aliases) for field, aliases in fields.items()}
        self.required = tuple(required)
        self.key = key
        self._field_of: dict[str, str] = {}
        for field, aliases in self.fields.items():
            for alias in aliases:
                if self._field_of.setdefault(alias, field) != field:
                    raise ValueError(
                        f"alias {alias!r} names both {self._field_of[alias]} and {field}"
                    )
        unknown = [field for field in self.required if field not in self.fields]
        if unknown:
            raise ValueError(f"required fields without aliases: {unknown}")

    def find(self, header: Sequence[str]) -> dict[str, int]:
        """Each field named in ``header`` → the index of the leftmost column naming it."""
        found: dict[str, int] = {}
        field_of, key = self._field_of, self.key
        for index, cell in enumerate(header):
            field = field_of.get(key(cell))
            if field is not None and field not in found:
                found[field] = index
        return found

    def missing(self, header: Sequence[str]) -> list[str]:
        """The required fields that ``header`` names no column for."""
        found = self.find(header)
        return [field for field in self.required if field not in found]

    def matches(self, header: Sequence[str]) -> bool:
        """Whether ``header`` names every required field: a :data:`HeaderTest`."""
        return not self.missing(header)

    def problem(self, missing: Sequence[str]) -> Text:
        """The message for a header without ``missing`` columns, naming four aliases of each.

        For example "no column for kind, title in the header (kind: kind / type / …; …)".
        """
        return Text(
            gettext_noop("no column for {columns} in the header ({wanted})"),
            columns=", ".join(missing),
            wanted="; ".join(f"{f}: {' / '.join(self.fields[f][:4])}" for f in missing),
        )


class Table:
    """A table found in a file: its header, and the rows below it (read once).

    Made by :func:`read_table` or :func:`table_from_rows`.  ``header`` holds
    the header's cells normalised by :func:`norm`, without trailing empty
    cells; ``width`` is their number.  ``delimiter`` is ``""`` for rows that
    came already split.  ``errors`` collects the problems of single rows:
    :meth:`rows` puts its own there, and an importer adds what it finds in a
    row's values; :meth:`RowErrors.finish <weakties.importers.errors.RowErrors.finish>`
    lists them for :attr:`~weakties.importers.records.ParseResult.errors`.
    """

    __slots__ = ("file", "delimiter", "header_line", "header", "width", "errors", "_rows", "_exact")

    def __init__(
        self,
        *,
        file: str,
        delimiter: str,
        header_line: int,
        header: list[str],
        rows: Iterator[tuple[int, list[str]]],
        exact_width: bool = True,
    ) -> None:
        while header and not header[-1]:
            header.pop()
        self.file = file
        self.delimiter = delimiter
        self.header_line = header_line
        self.header = header
        self.width = len(header)
        self.errors = RowErrors()
        self._rows = rows
        self._exact = exact_width

    def column(self, *aliases: str) -> int | None:
        """Index of the column named by the first of ``aliases`` that the header has."""
        return column(self.header, *aliases)

    def locate(self, columns: Columns) -> dict[str, int]:
        """Each field of ``columns`` that the header names → its column's index.

        Raises
        ------
        ImportFileError
            A required field has no column; the message names it and its
            aliases, on the header's line.
        """
        found = columns.find(self.header)
        missing = [field for field in columns.required if field not in found]
        if missing:
            raise ImportFileError(self.file, columns.problem(missing), line=self.header_line)
        return found

    def rows(self) -> Iterator[tuple[int, list[str]]]:
        """``(line, cells)`` of every row below the header that can be read.

        Blank lines are skipped.  In a CSV a row with more or fewer fields
        than the header (save empty trailing ones) is not given: it goes to
        :attr:`errors` (see :func:`width_problem`).  Without exact widths
        (a sheet's rows) every row without a value is skipped, and a short
        row is padded with ``""`` to the header's width.
        """
        return self._exact_rows() if self._exact else self._padded_rows()

    def named_rows(self, columns: Columns) -> Iterator[tuple[int, dict[str, str]]]:
        """``(line, {field: stripped value})`` of every row :meth:`rows` gives.

        Only the fields whose column the header names are in the dict (see
        :meth:`locate`, which raises for a missing required one).
        """
        located = tuple(self.locate(columns).items())
        for line, row in self.rows():
            yield line, {field: row[index].strip() for field, index in located}

    def _exact_rows(self) -> Iterator[tuple[int, list[str]]]:
        width, header_line, errors = self.width, self.header_line, self.errors
        sep = delimiter_name(self.delimiter)
        for line, row in self._rows:
            if len(row) != width:
                if not any(c.strip() for c in row):
                    continue  # a blank line
                problem = width_problem(row, width, header_line, sep)
                if problem is not None:
                    errors.add(line, row_problem(line, problem))
                    continue
            yield line, row

    def _padded_rows(self) -> Iterator[tuple[int, list[str]]]:
        width = self.width
        for line, row in self._rows:
            if not any(c.strip() for c in row):
                continue
            if len(row) < width:
                row = row + [""] * (width - len(row))
            yield line, row


def read_table(
    text: str,
    *,
    file: str,
    header: HeaderTest | Columns,
    missing: Text,
    within: int = 6,
    exact_width: bool = True,
) -> Table:
    """Find the header row of the CSV ``text``: the table below it.

    The delimiter sniffed from the start of the text is tried first, then
    the others.  ``header`` tells the header from the rows before it: a
    :class:`Columns` (the first row that names every required column) or a
    test of a row's normalised cells.  Only the first ``within`` records
    (blank lines included) are looked at.  With ``exact_width=False`` the
    rows are read as a sheet's are (see :meth:`Table.rows`).

    Raises
    ------
    ImportFileError
        No header among the first records: with a :class:`Columns`, the first
        row with any value is taken for a header that lacks columns, and the
        message names them on its line; otherwise the message is ``missing``.
        Also a reading problem with the sniffed delimiter (see :func:`iter_rows`).
    """
    test = header.matches if isinstance(header, Columns) else header
    found = locate_header(text, file, test, within=within)
    if found is None:
        head = iter_rows(text, sniff_delimiter(text[:HEAD_CHARS]), file)
        try:
            raise _no_header(file, header, missing, itertools.islice(head, within))
        finally:
            head.close()  # gives back the process-wide field limit now
    delimiter, rows, header_line, cells = found
    return Table(
        file=file,
        delimiter=delimiter,
        header_line=header_line,
        header=cells,
        rows=rows,
        exact_width=exact_width,
    )


def table_from_rows(
    rows: Iterable[tuple[int, Sequence[object]]],
    *,
    file: str,
    header: HeaderTest | Columns,
    missing: Text,
    within: int = 6,
) -> Table:
    """The table in rows already split into cells, such as a workbook sheet's.

    ``rows`` gives ``(line, cells)``; each cell becomes text with
    :func:`cell_text`.  The header is found as :func:`read_table` finds it.
    A sheet has no quoting to break, so widths are not checked: a short row
    is padded and a row without any value skipped.

    Raises
    ------
    ImportFileError
        No header among the first ``within`` rows (see :func:`read_table`).
    """
    texts = ((line, [cell_text(cell) for cell in cells]) for line, cells in rows)
    head = list(itertools.islice(texts, within))
    test = header.matches if isinstance(header, Columns) else header
    for index, (line, cells) in enumerate(head):
        normalised = [norm(cell) for cell in cells]
        if test(normalised):
            rest = itertools.chain(head[index + 1 :], texts)
            return Table(
                file=file,
                delimiter="",
                header_line=line,
                header=normalised,
                rows=rest,
                exact_width=False,
            )
    raise _no_header(file, header, missing, iter(head))


def _no_header(
    file: str, header: HeaderTest | Columns, missing: Text, head: Iterator[tuple[int, list[str]]]
) -> ImportFileError:
    if isinstance(header, Columns):
        for line, cells in head:
            if any(cell.strip() for cell in cells):
                wanted = header.missing([norm(cell) for cell in cells])
                return ImportFileError(file, header.problem(wanted), line=line)
    return ImportFileError(file, missing)


def cell_text(value: object) -> str:
    """A spreadsheet's cell as a CSV would hold it.

    ``None`` is ``""``; a date is ISO 8601 (a date and time at midnight is
    the date alone); a whole number stored as a float loses its ``.0``.

    Examples
    --------
    >>> [cell_text(v) for v in (None, "x", 3.0, 2.5, 7, date(2026, 3, 1))]
    ['', 'x', '3', '2.5', '7', '2026-03-01']
    >>> cell_text(datetime(2026, 3, 1)), cell_text(datetime(2026, 3, 1, 9, 30))
    ('2026-03-01', '2026-03-01 09:30:00')
    """
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, datetime):
        if value.hour or value.minute or value.second or value.microsecond:
            return value.isoformat(sep=" ")
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
