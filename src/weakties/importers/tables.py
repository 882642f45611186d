"""Reading tables safely: one reader for every CSV export and spreadsheet.

Every table importer (LinkedIn, Google, Outlook, the HR directory) reads its
file through :func:`read_table`, and rows already split into cells (a
workbook's sheet) go through :func:`table_from_rows`.  Both give a
:class:`Table`: the header row, found by its column names among the first
records, and the rows below it, with row problems collected as translatable
:class:`~weakties.importers.records.Text` in :attr:`Table.errors`.

Underneath, :func:`iter_rows`

* yields the physical 1-based line on which each record *starts* (quoted
  fields may span lines; preamble and blank lines count),
* refuses rows with more than :data:`MAX_COLUMNS` fields and fields longer
  than :data:`FIELD_LIMIT` characters,
* turns :class:`csv.Error` (an unterminated quote, text after a closing
  quote, ...) into an :class:`~weakties.importers.records.ImportFileError`
  that names the line where the broken record starts.

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

import csv
import io
import itertools
import re
from collections import Counter
from collections.abc import Callable, Generator, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import date, datetime
from functools import lru_cache

from ..translatable import gettext_noop
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

DELIMITERS = (",", ";", "\t")
#: A contacts export has far fewer columns (Outlook, the widest, has about 90).
MAX_COLUMNS = 500
#: Longest single field, in characters (also bounds a runaway quoted field).
FIELD_LIMIT = 128 * 1024
#: A quoted field spanning more lines than this has almost surely lost its closing quote.
MAX_RECORD_LINES = 1000

#: How much of the decoded text is looked at to detect the format and delimiter.
HEAD_CHARS = 64 * 1024

_NAMES = {
    ",": Text(gettext_noop("comma")),
    ";": Text(gettext_noop("semicolon")),
    "\t": Text(gettext_noop("tab")),
}
_SPACES = re.compile(r"\s+")


def delimiter_name(delimiter: str) -> Text:
    """Human name of a delimiter (``","`` → ``"comma"``), translatable."""
    return _NAMES.get(delimiter) or Text(repr(delimiter))


@lru_cache(maxsize=4096)  # header cells repeat across files
def norm(name: str) -> str:
    """Normalise a column name: no BOM or quotes, lower case, single spaces."""
    return _SPACES.sub(" ", name.replace("\ufeff", "").strip().strip('"').strip()).lower()


@lru_cache(maxsize=4)
def sniff_delimiter(head: str) -> str:
    """Pick the delimiter among ``,`` ``;`` and tab from the start of a file.

    The winner is the delimiter that splits the most of the first 50 lines
    into the same number (at least two) of fields; a preamble line such as
    LinkedIn's "Notes:" does not disturb it.
    """
    lines = _head_lines(head)[:50]
    best, best_score = ",", (0, 0)
    for delimiter in DELIMITERS:
        counts = Counter(len(row) for row in _lenient(lines, delimiter) if len(row) > 1)
        if not counts:
            continue
        width, rows = max(counts.items(), key=lambda kv: (kv[1], kv[0]))
        if (rows, width) > best_score:
            best, best_score = delimiter, (rows, width)
    return best


def head_rows(
    head: str, delimiter: str | None = None, limit: int = 12
) -> tuple[tuple[str, ...], ...]:
    """The first ``limit`` non-blank rows of ``head``, parsed leniently, for scoring."""
    delimiter = delimiter or sniff_delimiter(head)
    rows = []
    for row in _lenient(_head_lines(head)[: limit * 4], delimiter):
        if any(cell.strip() for cell in row):
            rows.append(tuple(row))
            if len(rows) >= limit:
                break
    return tuple(rows)


@lru_cache(maxsize=8)
def candidate_headers(head: str, within: int = 6) -> tuple[tuple[str, ...], ...]:
    """Normalised first ``within`` rows of ``head`` under each delimiter, sniffed one first.

    Format scorers look for their header among these.  Detection asks every
    scorer in turn about the same head, so the answer is cached.
    """
    sniffed = sniff_delimiter(head)
    out: list[tuple[str, ...]] = []
    for delimiter in (sniffed, *(d for d in DELIMITERS if d != sniffed)):
        out.extend(tuple(norm(c) for c in row) for row in head_rows(head, delimiter, within))
    return tuple(out)


@lru_cache(maxsize=4)
def _head_lines(head: str) -> tuple[str, ...]:
    """The first lines of ``head``: detection asks for them a dozen times per file."""
    return tuple(head.splitlines()[:_HEAD_LINES])


_HEAD_LINES = 200


def _lenient(lines: Sequence[str], delimiter: str) -> Iterator[list[str]]:
    reader = csv.reader(lines, delimiter=delimiter)
    while True:
        try:
            yield next(reader)
        except StopIteration:
            return
        except csv.Error:
            continue


@contextmanager
def _field_limit(limit: int) -> Iterator[None]:
    old = csv.field_size_limit(limit)
    try:
        yield
    finally:
        csv.field_size_limit(old)


def iter_rows(text: str, delimiter: str, file: str) -> Generator[tuple[int, list[str]], None, None]:
    """Yield ``(line, fields)`` for every record of ``text``, blank lines included.

    Raises
    ------
    ImportFileError
        Broken quoting, a row with more than :data:`MAX_COLUMNS` fields, or a
        field beyond :data:`FIELD_LIMIT`; the message names the line.
    """
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    sep = delimiter_name(delimiter)
    previous = 0
    with _field_limit(FIELD_LIMIT):
        while True:
            start = previous + 1
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                raise _csv_problem(file, str(exc), start, reader.line_num, sep) from None
            previous = reader.line_num
            if len(row) > MAX_COLUMNS:
                raise ImportFileError(
                    file,
                    Text(
                        gettext_noop(
                            "line {line} has {count:,} fields; a contacts export has at most "
                            "{limit}. Check that this is the right file."
                        ),
                        line=start,
                        count=len(row),
                        limit=MAX_COLUMNS,
                    ),
                    line=start,
                )
            if previous - start >= MAX_RECORD_LINES:
                raise _unclosed(file, start, previous)
            yield start, row


def _unclosed(file: str, start: int, end: int) -> ImportFileError:
    return ImportFileError(
        file,
        Text(
            gettext_noop(
                "a quoted field opens on line {line} and runs on to line {end}; its closing "
                'quote (") is probably missing. Fix that line in a text editor, or export the '
                "file again."
            ),
            line=start,
            end=end,
        ),
        line=start,
    )


def _csv_problem(file: str, reason: str, start: int, seen: int, sep: Text) -> ImportFileError:
    if "unexpected end of data" in reason:
        message = Text(
            gettext_noop(
                'a quoted field opens on line {line} but its closing quote (") never comes, '
                "so the rest of the file would be swallowed. The file may be cut off, or a "
                "quote is missing on that line."
            ),
            line=start,
        )
    elif "field larger than field limit" in reason:
        message = Text(
            gettext_noop(
                "the record starting on line {line} has a field longer than {limit} KiB; "
                "most likely a quote opened on line {line} is never closed."
            ),
            line=start,
            limit=FIELD_LIMIT // 1024,
        )
    elif "expected after" in reason:
        message = Text(
            gettext_noop(
                "broken quoting in the record starting on line {line}: a closing quote "
                '(") is followed by more text instead of a {delimiter} (noticed on line '
                "{seen}). Check line {line} for a quote that is not doubled or not closed."
            ),
            line=start,
            delimiter=sep,
            seen=seen,
        )
    elif "NUL" in reason:
        message = Text(
            gettext_noop("line {line} contains a NUL character; this is not a text file."),
            line=start,
        )
    else:
        message = Text(
            gettext_noop("line {line} cannot be read as CSV ({reason})."),
            line=start,
            reason=reason,
        )
    return ImportFileError(file, message, line=start)


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
