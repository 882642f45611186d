"""Reading CSV text safely: delimiter sniffing, physical lines, limits and clear messages.

:func:`iter_rows`, under every table the importers read (see
:mod:`weakties.importers.tables`),

* yields the physical 1-based line on which each record *starts* (quoted
  fields may span lines; preamble and blank lines count),
* refuses rows with more than :data:`MAX_COLUMNS` fields and fields longer
  than :data:`FIELD_LIMIT` characters,
* turns :class:`csv.Error` (an unterminated quote, text after a closing
  quote, ...) into an :class:`~weakties.importers.records.ImportFileError`
  that names the line where the broken record starts.

:func:`sniff_delimiter`, :func:`head_rows` and :func:`candidate_headers`
look at the start of a file only, for detecting its format.
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from collections.abc import Generator, Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache

from ..translatable import gettext_noop
from .records import ImportFileError, Text

__all__ = [
    "DELIMITERS",
    "FIELD_LIMIT",
    "HEAD_CHARS",
    "MAX_COLUMNS",
    "MAX_RECORD_LINES",
    "candidate_headers",
    "compact",
    "delimiter_name",
    "head_rows",
    "iter_rows",
    "norm",
    "sniff_delimiter",
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


_NOT_LETTERS = re.compile(r"[\W_]+")


@lru_cache(maxsize=4096)
def compact(name: str) -> str:
    """A column name without case, spaces, underscores or hyphens, to compare with aliases.

    >>> compact("Connected On"), compact("ConnectedOn"), compact("e-mail_address")
    ('connectedon', 'connectedon', 'emailaddress')
    """
    return _NOT_LETTERS.sub("", name.lower())


@lru_cache(maxsize=4)
def sniff_delimiter(head: str) -> str:
    """Pick the delimiter among ``,`` ``;`` and tab from the start of a file.

    The winner is the delimiter that splits the most of the first 50 lines
    into the same number (at least two) of fields; a preamble line such as
    LinkedIn's "Notes:" does not disturb it.

    Examples
    --------
    >>> sniff_delimiter("Notes: a, b, c\\n\\nName;Email\\nAn;an@example.nl\\n")
    ';'
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

    A record's line is where it starts, however many lines a quoted field spans.

    Raises
    ------
    ImportFileError
        Broken quoting, a row with more than :data:`MAX_COLUMNS` fields, or a
        field beyond :data:`FIELD_LIMIT`; the message names the line.

    Examples
    --------
    >>> list(iter_rows('name,notes\\nAn,"two\\nlines"\\n\\nBo,x\\n', ",", "f.csv"))
    [(1, ['name', 'notes']), (2, ['An', 'two\\nlines']), (4, []), (5, ['Bo', 'x'])]
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
