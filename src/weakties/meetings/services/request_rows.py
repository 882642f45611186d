"""Help requests as typed records: loose values and HR's sheets in, :class:`RequestRow` out.

A request comes as loose values (a form, the command line, the API) or as a
row of a sheet.  HR keeps them in spreadsheets, so :func:`read_request_sheet`
reads CSV (``,`` ``;`` or tab, UTF-8 or Windows-1252) and XLSX with English or
Dutch column headers through the one table reader of the pure layer
(:func:`weakties.importers.tables.read_table` and
:func:`~weakties.importers.tables.table_from_rows`): it finds the header among
the first rows, names the columns it misses, and counts physical lines.

This module reads and writes nothing in the database.  Every message is a
:class:`~weakties.importers.Text` (English, marked for translation); the
services say it in the reader's language (:func:`weakties.core.messages.localize`).
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass

from weakties.importers.dates import DateError, parse_date
from weakties.importers.decoding import decode
from weakties.importers.errors import RowErrors
from weakties.importers.records import ImportFileError, Text
from weakties.importers.tables import Columns, Table, read_table, table_from_rows
from weakties.meetings.models import RequestKind
from weakties.translatable import gettext_noop

__all__ = [
    "COLUMNS",
    "KIND_ALIASES",
    "MAX_MONTHS_AHEAD",
    "MAX_TITLE",
    "InvalidRequest",
    "RequestRow",
    "RequestSheet",
    "parse_kind",
    "parse_request",
    "parse_skills",
    "read_request_sheet",
]

#: Words people write in the "kind" column, in English and Dutch.
KIND_ALIASES = {
    "candidate": "candidate",
    "career candidate": "candidate",
    "kandidaat": "candidate",
    "loopbaankandidaat": "candidate",
    "mobiliteitskandidaat": "candidate",
    "surplus": "surplus",
    "surplus staff": "surplus",
    "redundancy": "surplus",
    "boventallig": "surplus",
    "boventalligen": "surplus",
    "boventallige medewerkers": "surplus",
    "boventalligheid": "surplus",
    "vacancy": "vacancy",
    "expected vacancy": "vacancy",
    "vacature": "vacancy",
    "verwachte vacature": "vacancy",
    "personeelsvraag": "vacancy",
    "work-experience": "work-experience",
    "work experience": "work-experience",
    "work-experience place": "work-experience",
    "work experience place": "work-experience",
    "werkervaringsplek": "work-experience",
    "werkervaringsplaats": "work-experience",
    "stageplek": "work-experience",
    "stage": "work-experience",
    "change": "change",
    "organisation change": "change",
    "organization change": "change",
    "verandering": "change",
    "wijziging": "change",
    "organisatiewijziging": "change",
    "reorganisatie": "change",
    "question": "question",
    "free question": "question",
    "vraag": "question",
    "vrije vraag": "question",
    "hulpvraag": "question",
}


def _key(name: str) -> str:
    """A header cell (already lower case, single spaces) as the aliases write it: ``_`` is a space."""
    return name.replace("_", " ")


#: The columns of a sheet: each field and the headers (normalised) that name it.
COLUMNS = Columns(
    {
        "org": ("organisation", "organization", "org", "organisatie", "werkgever", "employer"),
        "kind": ("kind", "type", "soort", "soort vraag", "request type"),
        "title": (
            "title", "role", "job title", "function", "titel", "functie", "rol", "onderwerp",
            "subject",
        ),
        "text": (
            "text", "description", "notes", "details", "toelichting", "omschrijving",
            "beschrijving", "tekst",
        ),
        "skills": ("skills", "vaardigheden", "competenties", "kennis"),
        "region": ("region", "location", "regio", "standplaats", "plaats", "locatie"),
        "level": ("level", "grade", "niveau", "schaal", "salarisschaal"),
        "count": ("count", "number", "number of people", "aantal", "aantal personen", "fte"),
        "date": ("date", "from", "datum", "per", "vanaf", "ingangsdatum"),
        "months_ahead": (
            "months ahead", "in months", "over maanden", "maanden vooruit",
            "verwacht over maanden",
        ),
        "email": (
            "email", "e-mail", "requester", "requester email", "contact", "e-mailadres",
            "emailadres", "aanvrager", "contactpersoon",
        ),
    },
    required=("kind", "title"),
    key=_key,
)  # fmt: skip

MAX_TITLE = 300
#: Five years ahead is the horizon of an expected vacancy.
MAX_MONTHS_AHEAD = 60

_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
_SKILL_SEPARATORS = re.compile(r"[,;|\n]")
_COUNT = Text(gettext_noop("count"))
_MONTHS_AHEAD = Text(gettext_noop("months ahead"))


@dataclass(frozen=True, slots=True)
class RequestRow:
    """One help request as parsed from a form, the command line or a sheet row."""

    kind: str
    title: str
    org: str = ""
    text: str = ""
    skills: tuple[str, ...] = ()
    region: str = ""
    level: str = ""
    count: int = 1
    date: dt.date | None = None
    months_ahead: int | None = None
    email: str = ""


@dataclass(slots=True)
class RequestSheet:
    """What a sheet holds: its requests with their lines, and the problems of its rows.

    ``errors`` may be added to (the import adds what it finds about the
    organisations); :meth:`RowErrors.finish <weakties.importers.errors.RowErrors.finish>`
    lists them by line.
    """

    file: str
    header_line: int
    rows: list[tuple[int, RequestRow]]
    errors: RowErrors


class InvalidRequest(ValueError):
    """A value that is not a help request's; ``message`` says which and why, as :class:`Text`."""

    def __init__(self, message: Text) -> None:
        super().__init__(message)
        self.message = message


def parse_kind(value: object) -> str:
    """The kind a person wrote (``"Boventallig"``, ``"work experience"``) as a :class:`RequestKind`."""
    key = " ".join(str(value or "").strip().lower().replace("_", " ").split())
    kind = KIND_ALIASES.get(key) or KIND_ALIASES.get(key.replace("-", " "))
    if kind is None:
        raise InvalidRequest(
            Text(
                gettext_noop(
                    "kind {value} is not one of {choices} "
                    "(Dutch: kandidaat, boventallig, vacature, werkervaringsplek, verandering, vraag)"
                ),
                value=repr(value),
                choices=", ".join(RequestKind.values),
            )
        )
    return kind


def parse_skills(value: object) -> tuple[str, ...]:
    """Skills from a list or a cell separated by ``,`` ``;`` ``|`` or new lines; no repeats."""
    if value is None:
        return ()
    items = value if isinstance(value, list | tuple) else _SKILL_SEPARATORS.split(str(value))
    out: list[str] = []
    for item in items:
        skill = " ".join(str(item).split())
        if skill and skill.lower() not in (s.lower() for s in out):
            out.append(skill[:100])
    return tuple(out)


def _date(value: object) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    try:
        return parse_date(text)
    except DateError:
        raise InvalidRequest(
            Text(
                gettext_noop("date {value} is not a date; write YYYY-MM-DD or DD-MM-YYYY"),
                value=repr(text),
            )
        ) from None


def _whole(value: object, what: Text, *, minimum: int) -> int | None:
    if value is None or value == "":
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    try:
        number = int(str(value).strip())
    except ValueError:
        raise InvalidRequest(
            Text(gettext_noop("{what} {value} is not a whole number"), what=what, value=repr(value))
        ) from None
    if number < minimum:
        raise InvalidRequest(
            Text(
                gettext_noop("{what} must be at least {minimum}, not {number}"),
                what=what,
                minimum=minimum,
                number=number,
            )
        )
    return number


def _title(value: object) -> str:
    title = " ".join(str(value or "").split())
    if not title:
        raise InvalidRequest(
            Text(gettext_noop("title is empty; say in a few words what is asked or offered"))
        )
    if len(title) > MAX_TITLE:
        raise InvalidRequest(
            Text(
                gettext_noop("title is {length} characters; at most {limit}"),
                length=len(title),
                limit=MAX_TITLE,
            )
        )
    return title


def _months_ahead(value: object) -> int | None:
    months = _whole(value, _MONTHS_AHEAD, minimum=0)
    if months is not None and months > MAX_MONTHS_AHEAD:
        raise InvalidRequest(
            Text(
                gettext_noop("months ahead is {months}; at most {limit}"),
                months=months,
                limit=MAX_MONTHS_AHEAD,
            )
        )
    return months


def _email(value: object) -> str:
    email = str(value or "").strip()
    if email and not _EMAIL.fullmatch(email):
        raise InvalidRequest(
            Text(gettext_noop("email {email} is not an email address"), email=repr(email))
        )
    return email


def _words(value: object) -> str:
    return " ".join(str(value or "").split())


def parse_request(
    *,
    kind: object,
    title: object,
    org: object = "",
    text: object = "",
    skills: object = (),
    region: object = "",
    level: object = "",
    count: object = None,
    date: object = None,
    months_ahead: object = None,
    email: object = "",
) -> RequestRow:
    """Parse loose values (strings from a sheet or a form, or typed ones) into a :class:`RequestRow`.

    An empty count is 1.  Raises :class:`InvalidRequest` for the first value
    that is wrong, in the order title, kind, months ahead, email, count, date.

    Examples
    --------
    >>> row = parse_request(kind="Boventallig", title=" Vleesinspecteur ", count="24",
    ...                     date="01-03-2027", skills="HACCP, inspectie")
    >>> row.kind, row.title, row.count, row.date, row.skills
    ('surplus', 'Vleesinspecteur', 24, datetime.date(2027, 3, 1), ('HACCP', 'inspectie'))
    >>> parse_request(kind="vacancy", title="Engineer", count="two")
    Traceback (most recent call last):
    ...
    weakties.meetings.services.request_rows.InvalidRequest: count 'two' is not a whole number
    """
    clean_title = _title(title)
    clean_kind = parse_kind(kind)
    months = _months_ahead(months_ahead)
    clean_email = _email(email)
    return RequestRow(
        kind=clean_kind,
        title=clean_title,
        org=_words(org),
        text=str(text or "").strip(),
        skills=parse_skills(skills),
        region=_words(region),
        level=_words(level),
        count=_whole(count, _COUNT, minimum=1) or 1,
        date=_date(date),
        months_ahead=months,
        email=clean_email,
    )


# -- sheets ---------------------------------------------------------------------------------

_EMPTY = Text(
    gettext_noop(
        "the file is empty; the first row must name the columns (kind, title, organisation, ...)"
    )
)
_NO_REQUESTS = Text(gettext_noop("there are no requests below the header"))


def _is_workbook(data: bytes, file: str) -> bool:
    return data[:2] == b"PK" or file.lower().endswith((".xlsx", ".xlsm"))


def _workbook_rows(data: bytes, file: str) -> list[tuple[int, Sequence[object]]]:
    """``(line, cells)`` of the first sheet of an XLSX workbook, every row."""
    from openpyxl import load_workbook

    # Whatever openpyxl raises on a damaged workbook (a bad zip, a broken deflate stream, XML
    # that does not parse, a missing part), while opening it or while reading its rows (read-only
    # mode reads lazily), the file is not readable: the fuzzing campaign (bench/fuzz.py) found
    # zlib.error and XML parse errors escaping the narrower list that was here.
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            sheet = book.worksheets[0]
            return list(enumerate(sheet.iter_rows(values_only=True), start=1))
        finally:
            book.close()
    except Exception as exc:  # noqa: BLE001 - any failure of the workbook reader on this file
        raise ImportFileError(
            file,
            Text(
                gettext_noop(
                    "this is not a readable XLSX workbook ({error}); "
                    "save it again from Excel as .xlsx or CSV"
                ),
                error=exc.__class__.__name__,
            ),
        ) from None


def _table(data: bytes, file: str) -> Table:
    if _is_workbook(data, file):
        return table_from_rows(
            _workbook_rows(data, file), file=file, header=COLUMNS, missing=_EMPTY
        )
    text = decode(data, file).text
    # A sheet's rows, as in a workbook: short rows are padded, extra cells ignored.
    return read_table(text, file=file, header=COLUMNS, missing=_EMPTY, exact_width=False)


def read_request_sheet(data: bytes, *, file: str) -> RequestSheet:
    """Parse a CSV or XLSX sheet of help requests, one request per row below the header.

    The header is the first of the first rows that names a ``kind`` and a
    ``title`` column (English or Dutch, see :data:`COLUMNS`); empty rows are
    skipped.  A row that is not a request is listed in ``errors`` with its
    line, and the rows after it are read all the same.

    Raises
    ------
    ImportFileError
        The file as a whole: empty, not a text file or workbook, broken
        quoting, no header with a kind and a title column, or no request
        below the header.
    """
    table = _table(data, file)
    rows: list[tuple[int, RequestRow]] = []
    for line, values in table.named_rows(COLUMNS):
        try:
            rows.append((line, parse_request(**values)))
        except InvalidRequest as exc:
            table.errors.add(line, exc.message)
    if not rows and not table.errors:
        raise ImportFileError(file, _NO_REQUESTS, line=table.header_line)
    return RequestSheet(file=file, header_line=table.header_line, rows=rows, errors=table.errors)
