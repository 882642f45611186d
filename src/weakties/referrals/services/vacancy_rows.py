"""Vacancies as typed records: loose values and recruiters' sheets in, :class:`VacancyRow` out.

A vacancy comes as loose values (the form, the command line, the API) or as
a row of a sheet that recruiters keep in Excel.  :func:`read_vacancy_sheet`
reads CSV (``,`` ``;`` or tab; UTF-8 or Windows-1252) and XLSX with English
or Dutch column headers through the pure layer's one table reader
(:func:`weakties.importers.tables.read_table` and
:func:`~weakties.importers.tables.table_from_rows`), as the help-request
sheets of the meeting cycle are read: it finds the header among the first
rows, names the columns it misses, and counts physical lines.

Every problem of a row names its line and the column as the sheet's header
writes it ("line 4, column sluitingsdatum: …").  Messages are
:class:`~weakties.importers.Text` (English, marked for translation); the
services say them in the reader's language.  Nothing here touches the database.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from weakties.importers.dates import DateError, parse_date
from weakties.importers.decoding import decode
from weakties.importers.errors import RowErrors
from weakties.importers.records import ImportFileError, Text
from weakties.importers.tables import Columns, Table, read_table, table_from_rows
from weakties.translatable import gettext_noop

__all__ = [
    "COLUMNS",
    "InvalidVacancy",
    "MAX_TITLE",
    "VacancyRow",
    "VacancySheet",
    "parse_vacancy",
    "read_vacancy_sheet",
]

#: The columns of a sheet: each field and the headers (normalised, ``_`` as a space) naming it.
COLUMNS = Columns(
    {
        "title": (
            "title", "job title", "vacancy", "function", "role", "position", "titel",
            "functie", "functietitel", "vacature", "vacaturetitel", "rol", "positie",
        ),
        "description": (
            "description", "text", "details", "notes", "summary", "omschrijving",
            "beschrijving", "functieomschrijving", "tekst", "toelichting",
        ),
        "location": (
            "location", "place", "city", "region", "office", "locatie", "plaats",
            "standplaats", "werkplek", "regio", "stad", "vestiging",
        ),
        "level": (
            "level", "seniority", "grade", "scale", "niveau", "senioriteit", "schaal",
            "salarisschaal", "opleidingsniveau",
        ),
        "closes": (
            "closes", "closing date", "close date", "end date", "deadline", "until",
            "open until", "sluitingsdatum", "sluit", "einddatum", "open tot", "tot",
            "reageren tot", "uiterste datum",
        ),
    },
    required=("title",),
    key=lambda name: name.replace("_", " "),
)  # fmt: skip

MAX_TITLE = 300
MAX_LOCATION = 200
MAX_LEVEL = 100
MAX_DESCRIPTION = 20_000

#: The names of the fields in messages (the header's own name is used where there is one).
FIELD_NAMES = {
    "title": Text(gettext_noop("title")),
    "description": Text(gettext_noop("description")),
    "location": Text(gettext_noop("location")),
    "level": Text(gettext_noop("level")),
    "closes": Text(gettext_noop("closing date")),
}


@dataclass(frozen=True, slots=True)
class VacancyRow:
    """One vacancy as parsed from a form, the command line or a sheet row."""

    title: str
    description: str = ""
    location: str = ""
    level: str = ""
    closes: dt.date | None = None


class InvalidVacancy(ValueError):
    """A value that is not a vacancy's: ``field`` says which, ``message`` (a :class:`Text`) why."""

    def __init__(self, field: str, message: Text) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


def _words(value: object) -> str:
    return " ".join(str(value or "").split())


def _limited(field: str, value: object, limit: int) -> str:
    text = _words(value)
    if len(text) > limit:
        raise InvalidVacancy(
            field,
            Text(
                gettext_noop("{length} characters; at most {limit}"),
                length=len(text),
                limit=limit,
            ),
        )
    return text


def _title(value: object) -> str:
    title = _limited("title", value, MAX_TITLE)
    if not title:
        raise InvalidVacancy(
            "title", Text(gettext_noop("empty; give the job's title, e.g. Python developer"))
        )
    return title


def _closes(value: object, today: dt.date | None) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        day: dt.date | None = value.date()
    elif isinstance(value, dt.date):
        day = value
    else:
        try:
            day = parse_date(str(value))
        except DateError as exc:
            raise InvalidVacancy("closes", exc.message) from None
    if day is not None and today is not None and day < today:
        raise InvalidVacancy(
            "closes",
            Text(gettext_noop("{day} is in the past"), day=day.isoformat()),
        )
    return day


def parse_vacancy(
    *,
    title: object,
    description: object = "",
    location: object = "",
    level: object = "",
    closes: object = None,
    today: dt.date | None = None,
) -> VacancyRow:
    """Parse loose values into a :class:`VacancyRow`; ``today`` refuses a closing date before it.

    Raises :class:`InvalidVacancy` for the first wrong value (title, location,
    level, description, closing date).

    Examples
    --------
    >>> row = parse_vacancy(title=" Python  developer ", closes="01-03-2027", level="medior")
    >>> row.title, row.closes, row.level
    ('Python developer', datetime.date(2027, 3, 1), 'medior')
    >>> parse_vacancy(title="")
    Traceback (most recent call last):
    ...
    weakties.referrals.services.vacancy_rows.InvalidVacancy: empty; give the job's title, e.g. Python developer
    """
    clean_title = _title(title)
    clean_location = _limited("location", location, MAX_LOCATION)
    clean_level = _limited("level", level, MAX_LEVEL)
    text = str(description or "").strip()
    if len(text) > MAX_DESCRIPTION:
        raise InvalidVacancy(
            "description",
            Text(
                gettext_noop("{length} characters; at most {limit}"),
                length=len(text),
                limit=MAX_DESCRIPTION,
            ),
        )
    return VacancyRow(
        title=clean_title,
        description=text,
        location=clean_location,
        level=clean_level,
        closes=_closes(closes, today),
    )


def field_problem(field: str, message: Text) -> Text:
    """``"title: empty; …"``: a value's problem with the name of its field."""
    return Text(gettext_noop("{field}: {problem}"), field=FIELD_NAMES[field], problem=message)


# -- sheets ---------------------------------------------------------------------------------

_EMPTY = Text(
    gettext_noop(
        "the file is empty; the first row must name the columns "
        "(title/functie, description/omschrijving, location/locatie, level/niveau, "
        "closes/sluitingsdatum)"
    )
)
_NO_VACANCIES = Text(gettext_noop("there are no vacancies below the header"))


@dataclass(slots=True)
class VacancySheet:
    """What a sheet holds: its vacancies with their lines, and the problems of its rows."""

    file: str
    header_line: int
    rows: list[tuple[int, VacancyRow]]
    errors: RowErrors


def _is_workbook(data: bytes, file: str) -> bool:
    return data[:2] == b"PK" or file.lower().endswith((".xlsx", ".xlsm"))


def _workbook_rows(data: bytes, file: str) -> list[tuple[int, Sequence[object]]]:
    """``(line, cells)`` of every row of the first sheet of an XLSX workbook."""
    import io
    import zipfile

    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
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
    try:
        return list(enumerate(book.worksheets[0].iter_rows(values_only=True), start=1))
    finally:
        book.close()


def _table(data: bytes, file: str) -> Table:
    if _is_workbook(data, file):
        return table_from_rows(
            _workbook_rows(data, file), file=file, header=COLUMNS, missing=_EMPTY
        )
    text = decode(data, file).text
    # Rows as in a workbook: short rows padded, empty rows skipped.
    return read_table(text, file=file, header=COLUMNS, missing=_EMPTY, exact_width=False)


def read_vacancy_sheet(data: bytes, *, file: str, today: dt.date | None = None) -> VacancySheet:
    """Parse a CSV or XLSX sheet of vacancies, one per row below the header.

    The header is the first of the first rows that names a title column
    (English or Dutch, see :data:`COLUMNS`).  A row that is not a vacancy is
    listed in ``errors`` with its line and the column as the header names it;
    the rows after it are read all the same.

    Raises
    ------
    ImportFileError
        The file as a whole: empty, not a text file or workbook, broken
        quoting, no header with a title column, or no vacancy below it.
    """
    table = _table(data, file)
    located = table.locate(COLUMNS)
    header = {field: table.header[index] for field, index in located.items()}
    rows: list[tuple[int, VacancyRow]] = []
    for line, values in table.named_rows(COLUMNS):
        try:
            rows.append((line, parse_vacancy(**values, today=today)))
        except InvalidVacancy as exc:
            table.errors.add(
                line,
                Text(
                    gettext_noop("line {line}, column {column}: {problem}"),
                    line=line,
                    column=header.get(exc.field, exc.field),
                    problem=exc.message,
                ),
            )
    if not rows and not table.errors:
        raise ImportFileError(file, _NO_VACANCIES, line=table.header_line)
    return VacancySheet(file=file, header_line=table.header_line, rows=rows, errors=table.errors)
