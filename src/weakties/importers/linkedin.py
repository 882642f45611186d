"""LinkedIn ``Connections.csv`` (from "Get a copy of your data").

The file may start with up to three preamble lines (a "Notes:" block and a
blank line) before the header ``First Name,Last Name,URL,Email Address,
Company,Position,Connected On``; older exports lack ``URL``.  The header is
found by its column names.  Excel re-saves use ``;``, Windows-1252, CRLF,
other capitalisation (``Connected on``) and numeric dates (``16.09.2021``).

Members who hide themselves appear as blank rows (``,,,,,,18 Aug 2025``);
they are skipped and counted in :attr:`ParseResult.skipped`.
"""

from __future__ import annotations

from ..translatable import gettext_noop
from .dates import DateError, infer_order, parse_date
from .errors import RowErrors
from .records import Contact, ImportFileError, ParseResult, Text
from .tables import (
    candidate_headers,
    column,
    delimiter_name,
    locate_header,
    row_problem,
    width_problem,
)
from .values import emails_in

__all__ = ["LABEL", "parse", "score"]

LABEL = Text(gettext_noop("a LinkedIn Connections.csv"))
SOURCE = "linkedin"

_FIRST = ("first name", "voornaam")
_LAST = ("last name", "achternaam")
_URL = ("url", "profile url", "profiel-url")
_EMAIL = ("email address", "e-mail address", "email", "e-mailadres")
_COMPANY = ("company", "bedrijf")
_POSITION = ("position", "functie")
_CONNECTED = ("connected on", "verbonden op", "connected")


def _is_header(cells: list[str]) -> bool:
    return (
        column(cells, *_FIRST) is not None
        and column(cells, *_LAST) is not None
        and column(cells, *_CONNECTED) is not None
    )


def score(head: str) -> float:
    """1.0 when one of the first rows is a LinkedIn Connections header."""
    return 1.0 if any(_is_header(list(row)) for row in candidate_headers(head, 6)) else 0.0


def parse(text: str, *, file: str, encoding: str) -> ParseResult:
    """Read a Connections.csv into :class:`Contact` records (source ``"linkedin"``)."""
    found = locate_header(text, file, _is_header, within=6)
    if found is None:
        raise ImportFileError(
            file,
            Text(
                gettext_noop(
                    "no LinkedIn header row in the first lines; expected the columns First Name, "
                    "Last Name, URL, Email Address, Company, Position, Connected On. Upload the "
                    "Connections.csv from LinkedIn's data export unchanged."
                )
            ),
        )
    delimiter, rows, header_line, header = found
    while header and not header[-1]:
        header.pop()
    width = len(header)
    i_first, i_last = column(header, *_FIRST), column(header, *_LAST)
    i_url, i_email = column(header, *_URL), column(header, *_EMAIL)
    i_company, i_position = column(header, *_COMPANY), column(header, *_POSITION)
    i_date = column(header, *_CONNECTED)
    assert i_first is not None and i_last is not None and i_date is not None  # by _is_header
    sep = delimiter_name(delimiter)
    errors = RowErrors()
    good: list[tuple[int, list[str]]] = []
    for line, row in rows:
        if len(row) != width:
            if not any(c.strip() for c in row):
                continue  # blank line
            problem = width_problem(row, width, header_line, sep)
            if problem:
                errors.add(line, row_problem(line, problem))
                continue
        good.append((line, row))

    order = infer_order([row[i_date] for _, row in good])
    result = ParseResult(file=file, format=SOURCE, encoding=encoding, delimiter=delimiter)
    records = result.records
    for line, row in good:
        first = row[i_first].strip()
        last = row[i_last].strip()
        url = row[i_url].strip() if i_url is not None else ""
        emails = emails_in(row[i_email]) if i_email is not None else ()
        if not (first or last or url or emails):
            result.skipped += 1
            continue
        raw_date = row[i_date]
        try:
            connected = parse_date(raw_date, order)
        except DateError as exc:
            errors.add(
                line,
                Text(
                    gettext_noop("line {line}: Connected On {problem}."),
                    line=line,
                    problem=exc.message,
                ),
            )
            continue
        # Positional (line, source, first, last, emails, phones, url, company,
        # department, position, connected_on): a LinkedIn export has hundreds
        # of thousands of rows, and keywords cost a third more.
        records.append(
            Contact(
                line,
                SOURCE,
                first,
                last,
                emails,
                (),
                url,
                row[i_company].strip() if i_company is not None else "",
                "",
                row[i_position].strip() if i_position is not None else "",
                connected,
            )
        )
    result.errors = errors.finish()
    return result
