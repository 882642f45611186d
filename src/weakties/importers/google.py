"""Google Contacts CSV exports, old ("Google CSV") and new.

Old: ``Name,Given Name,Additional Name,Family Name,...,E-mail 1 - Type,
E-mail 1 - Value,...,Organization 1 - Name,Organization 1 - Title,
Organization 1 - Department,...,Website 1 - Value``, often UTF-16 LE with a
BOM.  New: ``First Name,Middle Name,Last Name,...,Organization Name,
Organization Title,Organization Department,...,E-mail 1 - Label,
E-mail 1 - Value,...``.  A cell may hold several values joined by
``" ::: "``.  A website on ``linkedin.com/in/`` becomes ``linkedin_url``.
"""

from __future__ import annotations

import re

from ..translatable import gettext_noop
from .csv_text import candidate_headers
from .errors import RowWarnings, addresses_only
from .records import ParseResult, Text, make_contact
from .tables import read_table
from .values import is_linkedin_url, last_with_particles, split_full_name, split_multi, unique

__all__ = ["LABEL", "parse", "score"]

LABEL = Text(gettext_noop("a Google Contacts export"))
SOURCE = "google"

_NUMBERED = re.compile(r"(e-mail|phone|website|organization|address|relation|event) \d+ - ")
_EMAIL_VALUE = re.compile(r"e-mail (\d+) - value")
_PHONE_VALUE = re.compile(r"phone (\d+) - value")
_WEBSITE_VALUE = re.compile(r"website (\d+) - value")
_NAMES = ("name", "given name", "family name", "first name", "last name")


def _is_header(cells: list[str]) -> bool:
    if not any(n in cells for n in _NAMES):
        return False
    numbered = sum(1 for c in cells if _NUMBERED.match(c))
    old_style = "given name" in cells and "family name" in cells
    new_style = "organization name" in cells or "phonetic first name" in cells or "file as" in cells
    return numbered >= 2 or (numbered >= 1 and (old_style or new_style))


def score(head: str) -> float:
    """0.95 when the first rows hold a Google Contacts header."""
    return 0.95 if any(_is_header(list(row)) for row in candidate_headers(head, 3)) else 0.0


def _numbered(header: list[str], pattern: re.Pattern[str]) -> list[int]:
    hits = [(int(m.group(1)), i) for i, h in enumerate(header) if (m := pattern.fullmatch(h))]
    return [i for _, i in sorted(hits)]


_NO_HEADER = Text(
    gettext_noop(
        "no Google Contacts header on the first line; expected columns such as Name, "
        "Given Name, Family Name, E-mail 1 - Value. In Google Contacts choose Export → "
        "Google CSV and upload that file unchanged."
    )
)


def parse(text: str, *, file: str, encoding: str) -> ParseResult:
    """Read a Google Contacts CSV into :class:`Contact` records (source ``"google"``)."""
    table = read_table(text, file=file, header=_is_header, within=3, missing=_NO_HEADER)
    column = table.column
    i_name = column("name")
    i_first = column("given name", "first name")
    i_middle = column("additional name", "middle name")
    i_last = column("family name", "last name")
    i_nick = column("file as", "nickname")
    i_company = column("organization 1 - name", "organization name")
    i_title = column("organization 1 - title", "organization title")
    i_dept = column("organization 1 - department", "organization department")
    i_emails = _numbered(table.header, _EMAIL_VALUE)
    i_phones = _numbered(table.header, _PHONE_VALUE)
    i_sites = _numbered(table.header, _WEBSITE_VALUE)

    def cell(row: list[str], index: int | None) -> str:
        # A multi-valued cell ("Acme ::: Beta") contributes its first value.
        return row[index].split(":::", 1)[0].strip() if index is not None else ""

    result = ParseResult(file=file, format=SOURCE, encoding=encoding, delimiter=table.delimiter)
    warnings = RowWarnings()
    for line, row in table.rows():
        first, last = cell(row, i_first), cell(row, i_last)
        last = last_with_particles(cell(row, i_middle), last)
        if not (first or last):
            first, last = split_full_name(cell(row, i_name) or cell(row, i_nick))
        emails = unique([e for i in i_emails for e in split_multi(row[i])])
        if emails:
            emails = addresses_only(emails, line, warnings)
        phones = unique([p.strip() for i in i_phones for p in row[i].split(":::")])
        sites = [s for i in i_sites for s in split_multi(row[i])]
        linkedin = next((s for s in sites if is_linkedin_url(s)), "")
        company = cell(row, i_company)
        if not (first or last or emails or phones or linkedin or company):
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
                linkedin_url=linkedin,
                company=company,
                department=cell(row, i_dept),
                position=cell(row, i_title),
            )
        )
    result.errors = table.errors.finish()
    result.warnings = warnings.finish()
    return result
