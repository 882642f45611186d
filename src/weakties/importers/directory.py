"""The organisation's own HR directory: one row per employee.

Columns (matched ignoring case, spaces, underscores and hyphens) are English
``email, first_name, last_name, department, job_title, location,
manager_email`` or Dutch ``e-mailadres, voornaam, achternaam, afdeling,
functie, locatie, manager``; the delimiter is ``,`` or ``;``.

Every row needs a valid, unique e-mail address, and a manager must be an
employee in the same file; otherwise the row gets a :class:`RowError`.
"""

from __future__ import annotations

from ..translatable import gettext_noop
from .csv_text import candidate_headers, compact
from .records import DirectoryEntry, ParseResult, Text
from .tables import Columns, read_table
from .values import is_email

__all__ = ["LABEL", "parse", "score"]

LABEL = Text(gettext_noop("an HR directory CSV"))
FORMAT = "directory"

_FIELDS: dict[str, tuple[str, ...]] = {
    "email": ("email", "emailaddress", "emailadres", "mail", "workemail", "werkemail"),
    "first_name": ("firstname", "voornaam", "givenname", "roepnaam"),
    "last_name": ("lastname", "achternaam", "surname", "familyname", "familienaam"),
    "department": ("department", "afdeling", "team", "dienst"),
    "job_title": ("jobtitle", "functie", "functietitel", "rol"),
    "location": ("location", "locatie", "vestiging", "office", "kantoor"),
    "manager_email": (
        "manageremail", "manager", "manageremailadres", "emailmanager",
        "leidinggevende", "emailleidinggevende", "leidinggevendeemail",
    ),
}  # fmt: skip
#: Column names are compared without case, spaces, underscores and hyphens.
_COLUMNS = Columns(_FIELDS, key=compact)
#: A column that only a network export has: a row naming it is not a directory's header
#: (LinkedIn's ``FirstName,LastName,EmailAddress,...,ConnectedOn`` would otherwise pass).
_NETWORK_ONLY = frozenset({"connectedon", "verbondenop", "connected"})


def _is_header(cells: list[str]) -> bool:
    found = _COLUMNS.find(cells)
    named = [c for c in cells if c]
    return (
        "email" in found
        and ("first_name" in found or "last_name" in found)
        and len(found) * 2 >= len(named)
        and not any(compact(c) in _NETWORK_ONLY for c in named)
    )


def score(head: str) -> float:
    """0.5–0.95 for a directory header, higher the more columns are known."""
    best = 0.0
    for row in candidate_headers(head, 2):
        if _is_header(list(row)):
            named = [c for c in row if c]
            best = max(best, 0.5 + 0.45 * len(_COLUMNS.find(row)) / max(len(named), 1))
    return best


_NO_HEADER = Text(
    gettext_noop(
        "no directory header on the first line; expected the columns email, "
        "first_name, last_name, department, job_title, location, manager_email (or "
        "e-mailadres, voornaam, achternaam, afdeling, functie, locatie, manager)."
    )
)


def parse(text: str, *, file: str, encoding: str) -> ParseResult:
    """Read an HR directory CSV into :class:`DirectoryEntry` records."""
    table = read_table(text, file=file, header=_is_header, within=2, missing=_NO_HEADER)
    errors = table.errors
    entries: list[DirectoryEntry] = []
    first_line: dict[str, int] = {}
    for line, values in table.named_rows(_COLUMNS):
        email = values.get("email", "")
        if not email:
            errors.add(
                line,
                Text(
                    gettext_noop("line {line} has no e-mail address; every employee needs one."),
                    line=line,
                ),
            )
            continue
        if not is_email(email):
            errors.add(
                line,
                Text(
                    gettext_noop("line {line}: {email} is not a valid e-mail address."),
                    line=line,
                    email=repr(email),
                ),
            )
            continue
        key = email.lower()
        if key in first_line:
            errors.add(
                line,
                Text(
                    gettext_noop(
                        "line {line}: {email} also appears on line {first}; each employee may "
                        "appear only once."
                    ),
                    line=line,
                    email=email,
                    first=first_line[key],
                ),
            )
            continue
        first_line[key] = line
        entries.append(DirectoryEntry(line=line, **values))

    result = ParseResult(file=file, format=FORMAT, encoding=encoding, delimiter=table.delimiter)
    for entry in entries:
        manager = entry.manager_email
        if manager and manager.lower() not in first_line:
            errors.add(
                entry.line,
                Text(
                    gettext_noop(
                        "line {line}: manager {manager} is not an employee in this file; add "
                        "them or leave the manager empty."
                    ),
                    line=entry.line,
                    manager=manager,
                ),
            )
        else:
            result.records.append(entry)
    result.errors = errors.finish()
    return result
