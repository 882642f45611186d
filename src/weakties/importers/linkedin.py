"""LinkedIn ``Connections.csv`` (from "Get a copy of your data").

The file may start with up to three preamble lines (a "Notes:" block and a
blank line) before the header ``First Name,Last Name,URL,Email Address,
Company,Position,Connected On``; older exports lack ``URL``.  The header is
found by its column names, compared without case, spaces, underscores and
hyphens, so ``FirstName,LastName,EmailAddress,...,ConnectedOn`` (as some
tools and older exports write it) is LinkedIn too.  Excel re-saves use ``;``,
Windows-1252, CRLF, other capitalisation (``Connected on``) and other dates
(``16.09.2021``, ``9-Sep-22``); exports of 2018 write ``1/8/18, 6:14 PM``.

Members who hide themselves appear as blank rows (``,,,,,,18 Aug 2025``);
they are skipped and counted in :attr:`ParseResult.skipped`.  A date that
cannot be read, or an e-mail value that is no address, is left out of its
contact with a warning (:attr:`ParseResult.warnings`); the contact stays.
"""

from __future__ import annotations

from ..translatable import gettext_noop
from .csv_text import candidate_headers, compact
from .dates import DateError, infer_order, parse_date
from .errors import RowWarnings, addresses_only
from .records import ParseResult, Text, make_contact
from .tables import Columns, read_table
from .values import emails_in

__all__ = ["COLUMNS", "LABEL", "parse", "score"]

LABEL = Text(gettext_noop("a LinkedIn Connections.csv"))
SOURCE = "linkedin"

#: The columns of a Connections.csv, English and Dutch, compared with :func:`compact`.
COLUMNS = Columns(
    {
        "first": ("firstname", "voornaam"),
        "last": ("lastname", "achternaam"),
        "url": ("url", "profileurl", "profielurl"),
        "email": ("emailaddress", "email", "emailadres"),
        "company": ("company", "bedrijf"),
        "position": ("position", "functie"),
        "connected": ("connectedon", "verbondenop", "connected"),
    },
    required=("first", "last", "connected"),
    key=compact,
)


def _is_header(cells: list[str]) -> bool:
    return COLUMNS.matches(cells)


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
    found = table.locate(COLUMNS)
    i_first, i_last, i_date = found["first"], found["last"], found["connected"]
    i_url, i_email = found.get("url"), found.get("email")
    i_company, i_position = found.get("company"), found.get("position")
    good = list(table.rows())
    order = infer_order([row[i_date] for _, row in good])
    warnings = RowWarnings()
    result = ParseResult(file=file, format=SOURCE, encoding=encoding, delimiter=table.delimiter)
    records = result.records
    for line, row in good:
        first = row[i_first].strip()
        last = row[i_last].strip()
        url = row[i_url].strip() if i_url is not None else ""
        emails = emails_in(row[i_email]) if i_email is not None else ()
        if emails:
            emails = addresses_only(emails, line, warnings)
        if not (first or last or url or emails):
            result.skipped += 1
            continue
        try:
            connected = parse_date(row[i_date], order)
        except DateError as exc:
            warnings.add(
                line,
                Text(
                    gettext_noop(
                        "line {line}: Connected On {problem}; the contact is imported "
                        "without the date."
                    ),
                    line=line,
                    problem=exc.message,
                ),
            )
            connected = None
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
    result.errors = table.errors.finish()
    result.warnings = warnings.finish()
    return result
