"""A pasted or uploaded list of targets → typed target lines (pure Python, no Django).

Sales and recruiting users bring lists from wherever they keep them: pasted
from a spreadsheet, a CRM export (CSV with a header), an XLSX sheet or plain
text.  Each line names one target:

* a LinkedIn profile URL (``linkedin.com/in/…``): a **person**;
* a LinkedIn company page (``linkedin.com/company/asml``): that **company**;
* anything else: a **company** name ("ASML", "Stripe, Inc." — matched after
  normalisation by :func:`weakties.resolve.company_key`).

A CSV or sheet with a header row uses its company and LinkedIn columns
(Dutch or English names: ``company``/``bedrijf``/``organisatie``/``account``,
``linkedin``/``url``/``profiel``); without one, the first cell of each row is
the target.  Repeated targets count once; empty lines are skipped.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass

from weakties.resolve import company_key, normalize_linkedin_url
from weakties.translatable import gettext_noop

__all__ = ["MAX_TARGETS", "TargetLine", "TargetInputError", "read_targets", "read_target_file"]

#: A list holds at most this many targets.
MAX_TARGETS = 5000

_COMPANY_HEADERS = {
    "company", "companies", "company name", "bedrijf", "bedrijfsnaam", "organisatie",
    "organisation", "organization", "account", "account name", "naam", "name", "werkgever",
}  # fmt: skip
_URL_HEADERS = {"linkedin", "linkedin url", "url", "profile", "profiel", "profile url", "link"}
_COMPANY_PAGE = re.compile(r"linkedin\.com/company/([^/?#]+)", re.IGNORECASE)


class TargetInputError(ValueError):
    """The input holds no target, or too many; ``message`` is marked for translation."""

    def __init__(self, message: str, **values: object) -> None:
        super().__init__(message)
        self.message = message
        self.values = values


@dataclass(frozen=True)
class TargetLine:
    """One target: ``kind`` is ``"company"`` (with ``name`` and ``key``) or ``"person"`` (``url``)."""

    line: int
    kind: str
    name: str = ""
    key: str = ""
    url: str = ""


def _target(line: int, company: str, url: str) -> TargetLine | None:
    url = url.strip()
    person = normalize_linkedin_url(url) if url else ""
    if person:
        return TargetLine(line=line, kind="person", url=person)
    page = _COMPANY_PAGE.search(url or company)
    if page:
        company = page.group(1).replace("-", " ")
    elif not company.strip() and url:
        company = url
    person = normalize_linkedin_url(company.strip())
    if person:
        return TargetLine(line=line, kind="person", url=person)
    name = " ".join(company.split())[:300]
    key = company_key(name)
    return TargetLine(line=line, kind="company", name=name, key=key) if key else None


def _columns(header: list[str]) -> tuple[int | None, int | None] | None:
    """The company and URL columns of a header row, or ``None`` when it is no header."""
    names = [cell.strip().casefold() for cell in header]
    company = next((i for i, n in enumerate(names) if n in _COMPANY_HEADERS), None)
    url = next((i for i, n in enumerate(names) if n in _URL_HEADERS), None)
    return (company, url) if company is not None or url is not None else None


def _rows(text: str) -> list[list[str]]:
    """CSV rows when the first line is a header naming a company or LinkedIn column; else lines.

    Without a header a comma belongs to the name ("Stripe, Inc."); a tab (a
    paste from a spreadsheet) ends the first cell.
    """
    first = next((line for line in text.splitlines() if line.strip()), "")
    for delimiter in (",", ";", "\t"):
        if delimiter in first and _columns(next(csv.reader([first], delimiter=delimiter))):
            rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
            while rows and not any(cell.strip() for cell in rows[0]):
                rows.pop(0)
            return rows
    return [[line.split("\t")[0].strip().strip('"')] for line in text.splitlines()]


def _from_rows(rows: list[list[str]]) -> list[TargetLine]:
    columns = _columns(rows[0]) if rows else None
    start = 1 if columns else 0
    company_col, url_col = columns or (0, None)
    found: list[TargetLine] = []
    seen: set[tuple[str, str]] = set()
    for number, row in enumerate(rows[start:], start=start + 1):
        company = row[company_col] if company_col is not None and company_col < len(row) else ""
        url = row[url_col] if url_col is not None and url_col < len(row) else ""
        target = _target(number, company, url)
        if target is None:
            continue
        identity = (target.kind, target.key or target.url)
        if identity not in seen:
            seen.add(identity)
            found.append(target)
    if not found:
        raise TargetInputError(gettext_noop("the list names no company and no LinkedIn profile"))
    if len(found) > MAX_TARGETS:
        raise TargetInputError(
            gettext_noop("the list names %(n)d targets; at most %(max)d, please"),
            n=len(found),
            max=MAX_TARGETS,
        )
    return found


def read_targets(text: str) -> list[TargetLine]:
    """The targets of pasted text or CSV, in order, each once.

    Examples
    --------
    >>> [(t.kind, t.name or t.url) for t in read_targets("ASML\\nStripe, Inc.\\nasml")]
    [('company', 'ASML'), ('company', 'Stripe, Inc.')]
    >>> read_targets("Bedrijf;LinkedIn\\n;https://www.linkedin.com/in/Jan-de-Vries/")[0].url
    'linkedin.com/in/jan-de-vries'
    """
    return _from_rows(_rows(text.lstrip("\ufeff")))


def _decode(data: bytes) -> str:
    for encoding in (
        ("utf-8-sig", "utf-16") if data[:2] in (b"\xff\xfe", b"\xfe\xff") else ("utf-8-sig",)
    ):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("cp1252", errors="replace")


def read_target_file(data: bytes, file_name: str) -> list[TargetLine]:
    """The targets of an uploaded file: XLSX (first sheet), CSV or plain text."""
    if data[:2] == b"PK" or file_name.lower().endswith((".xlsx", ".xlsm")):
        return _from_rows(_sheet_rows(data))
    if b"\x00" in data[:4096] and data[:2] not in (b"\xff\xfe", b"\xfe\xff"):
        raise TargetInputError(gettext_noop("this file is not text, CSV or XLSX"))
    return read_targets(_decode(data))


def _sheet_rows(data: bytes) -> list[list[str]]:
    import zipfile

    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError):
        raise TargetInputError(
            gettext_noop("this is not a readable XLSX workbook; save it again as .xlsx or CSV")
        ) from None
    try:
        sheet = book.worksheets[0]
        return [
            ["" if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True)
        ]
    finally:
        book.close()
