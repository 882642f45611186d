"""Outlook contacts CSV (File → Export → Comma Separated Values).

Headers are English (``First Name,Middle Name,Last Name,...,Company,
Department,Job Title,...,E-mail Address,...``) or Dutch (``Voornaam,
Middelste naam,Achternaam,...,Bedrijf,Afdeling,Functie,...,E-mailadres``).
Outlook writes Windows-1252, quotes every field, ends lines with CRLF, and
fills empty fields with placeholders (``0-0-00``, ``Niet-gespecificeerd``,
``Normaal``); placeholders become ``""``.  Note that Outlook's ``Title`` /
``Titel`` is the form of address (Dhr., Mevr.), not the job title.
"""

from __future__ import annotations

from ..translatable import gettext_noop
from .csv_text import candidate_headers
from .errors import RowWarnings, addresses_only
from .records import ParseResult, Text, make_contact
from .tables import column, read_table
from .values import is_linkedin_url, last_with_particles, split_full_name, split_multi, unique

__all__ = ["FILLER", "LABEL", "parse", "score"]

LABEL = Text(gettext_noop("an Outlook contacts export"))
SOURCE = "outlook"

#: Placeholders Outlook writes into empty fields (compared in lower case).
FILLER = frozenset(
    {
        "0-0-00", "0/0/00", "00-00-00", "00/00/00", "0-0-0000", "0/0/0000", "1-1-4501",
        "niet-gespecificeerd", "niet gespecificeerd", "unspecified", "normal", "normaal",
        "onwaar", "false",
    }
)  # fmt: skip

_FIRST = ("first name", "voornaam")
_MIDDLE = ("middle name", "middelste naam", "tweede voornaam")
_LAST = ("last name", "achternaam")
_COMPANY = ("company", "bedrijf")
_DEPARTMENT = ("department", "afdeling")
_JOB = ("job title", "functie")
_DISPLAY = ("e-mail display name", "weergavenaam e-mail", "weergavenaam voor e-mail")
_EMAILS = (
    ("e-mail address", "e-mailadres"),
    ("e-mail 2 address", "e-mailadres 2", "e-mail 2-adres", "e-mail-adres 2"),
    ("e-mail 3 address", "e-mailadres 3", "e-mail 3-adres", "e-mail-adres 3"),
)
_PHONES = (
    ("mobile phone", "mobiele telefoon"),
    ("business phone", "telefoon op werk", "telefoon werk"),
    ("business phone 2", "telefoon op werk 2", "telefoon werk 2"),
    ("primary phone", "hoofdtelefoon"),
    ("company main phone", "hoofdtelefoon bedrijf", "telefoon bedrijf"),
    ("home phone", "telefoon thuis"),
    ("home phone 2", "telefoon thuis 2"),
    ("other phone", "andere telefoon", "overige telefoon"),
    ("car phone", "autotelefoon"),
)
_WEB = ("web page", "webpagina", "webpagina werk", "personal web page")
#: Columns only Outlook's export has; three of them identify it.
_MARKERS = frozenset(
    {a for group in (_MIDDLE, _JOB, _DISPLAY, _WEB) for a in group}
    | {a for group in _EMAILS for a in group}
    | {a for group in _PHONES for a in group}
    | {"suffix", "achtervoegsel", "business street", "werkadres, straat", "home street",
       "huisadres, straat", "categories", "categorieën", "gender", "geslacht",
       "sensitivity", "gevoeligheid", "priority", "prioriteit", "e-mail type", "e-mailtype"}
)  # fmt: skip


def _is_header(cells: list[str]) -> bool:
    if column(cells, *_FIRST, *_LAST) is None:
        return False
    if any(c.startswith("e-mail 1 - ") for c in cells):
        return False  # Google's numbered columns
    return sum(1 for c in cells if c in _MARKERS) >= 3


def score(head: str) -> float:
    """0.9 when the first rows hold an Outlook header (English or Dutch)."""
    return 0.9 if any(_is_header(list(row)) for row in candidate_headers(head, 3)) else 0.0


def _value(raw: str) -> str:
    value = raw.strip()
    return "" if value.lower() in FILLER else value


_NO_HEADER = Text(
    gettext_noop(
        "no Outlook header on the first line; expected columns such as First Name, "
        "Last Name, E-mail Address (or Voornaam, Achternaam, E-mailadres). In Outlook "
        "use File → Open & Export → Import/Export → Export to a file → CSV."
    )
)


def parse(text: str, *, file: str, encoding: str) -> ParseResult:
    """Read an Outlook contacts CSV into :class:`Contact` records (source ``"outlook"``)."""
    table = read_table(text, file=file, header=_is_header, within=3, missing=_NO_HEADER)
    i_first, i_middle, i_last = (
        table.column(*_FIRST),
        table.column(*_MIDDLE),
        table.column(*_LAST),
    )
    i_company, i_dept, i_job = (
        table.column(*_COMPANY),
        table.column(*_DEPARTMENT),
        table.column(*_JOB),
    )
    i_display = table.column(*_DISPLAY)
    i_emails = [i for aliases in _EMAILS if (i := table.column(*aliases)) is not None]
    i_phones = [i for aliases in _PHONES if (i := table.column(*aliases)) is not None]
    i_web = table.column(*_WEB)

    def cell(row: list[str], index: int | None) -> str:
        return _value(row[index]) if index is not None else ""

    result = ParseResult(file=file, format=SOURCE, encoding=encoding, delimiter=table.delimiter)
    warnings = RowWarnings()
    for line, row in table.rows():
        first = cell(row, i_first)
        last = last_with_particles(cell(row, i_middle), cell(row, i_last))
        if not (first or last):
            display = cell(row, i_display).split("(")[0]
            first, last = split_full_name(display if "@" not in display else "")
        # Exchange-internal contacts carry an X.500 path instead of an address.
        emails = unique(
            [e for i in i_emails for e in split_multi(_value(row[i])) if not e.startswith("/")]
        )
        if emails:
            emails = addresses_only(emails, line, warnings)
        phones = unique([_value(row[i]) for i in i_phones])
        web = cell(row, i_web)
        company = cell(row, i_company)
        if not (first or last or emails or phones or company):
            result.skipped += 1
            continue
        result.records.append(
            make_contact(
                line=line,
                source=SOURCE,
                first_name=first,
                last_name=last,
                emails=emails,
                phones=phones,
                linkedin_url=web if is_linkedin_url(web) else "",
                company=company,
                department=cell(row, i_dept),
                position=cell(row, i_job),
            )
        )
    result.errors = table.errors.finish()
    result.warnings = warnings.finish()
    return result
