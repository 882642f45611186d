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
from .csv_text import candidate_headers
from .dates import DateError, infer_order, parse_date
from .records import ParseResult, Text, make_contact
from .tables import column, read_table
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


_NO_HEADER = Text(
    gettext_noop(
        "no LinkedIn header row in the first lines; expected the columns First Name, "
        "Last Name, URL, Email Address, Company, Position, Connected On. Upload the "
        "Connections.csv from LinkedIn's data export unchanged."
    )
)


def parse(text: str, *, file: str, encoding: str) -> ParseResult:
    """Read a Connections.csv into :class:`Contact` records (source ``"linkedin"``)."""
    table = read_table(text, file=file, header=_is_header, within=6, missing=_NO_HEADER)
    i_first, i_last = table.column(*_FIRST), table.column(*_LAST)
    i_url, i_email = table.column(*_URL), table.column(*_EMAIL)
    i_company, i_position = table.column(*_COMPANY), table.column(*_POSITION)
    i_date = table.column(*_CONNECTED)
    assert i_first is not None and i_last is not None and i_date is not None  # by _is_header
    good = list(table.rows())
    order = infer_order([row[i_date] for _, row in good])
    errors = table.errors
    result = ParseResult(file=file, format=SOURCE, encoding=encoding, delimiter=table.delimiter)
    records = result.records
    for line, row in good:
        first = row[i_first].strip()
        last = row[i_last].strip()
        url = row[i_url].strip() if i_url is not None else ""
        emails = emails_in(row[i_email]) if i_email is not None else ()
        if not (first or last or url or emails):
            result.skipped += 1
            continue
        try:
            connected = parse_date(row[i_date], order)
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
        records.append(
            make_contact(
                line=line,
                source=SOURCE,
                first_name=first,
                last_name=last,
                emails=emails,
                linkedin_url=url,
                company=row[i_company].strip() if i_company is not None else "",
                position=row[i_position].strip() if i_position is not None else "",
                connected_on=connected,
            )
        )
    result.errors = errors.finish()
    return result
