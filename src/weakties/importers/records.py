"""Typed records that every importer produces.

Parsing happens at the edge: an importer turns the bytes of one exported file
into these records, and no code after it handles raw CSV rows or vCard
objects.  This module is pure Python (no Django).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Literal, NamedTuple

__all__ = [
    "SOURCES",
    "Contact",
    "DirectoryEntry",
    "ImportFileError",
    "InteractionRecord",
    "ParseResult",
    "RowError",
    "Text",
    "make_contact",
]


class Text(str):
    """An English message for people that keeps its template and values for translation.

    The importers never import Django, so they cannot translate; they build
    every message as a ``Text``.  Its value is the English sentence (it *is*
    a ``str``), and :attr:`template` (marked with ``gettext_noop`` so that
    ``makemessages`` finds it) and :attr:`values` let the Django layer
    (:func:`weakties.core.messages.localize`) say the same in the
    reader's language.  A value may itself be a ``Text`` (a fragment such as
    "comma" or a whole clause); it is translated along with the message.

    A template without values is used as it stands (it is not formatted).

    Examples
    --------
    >>> problem = Text("has {count:,} fields", count=1200)
    >>> message = Text("line {line} {problem}.", line=7, problem=problem)
    >>> message
    'line 7 has 1,200 fields.'
    >>> message.template, message.values["line"]
    ('line {line} {problem}.', 7)
    >>> message.as_data()["values"]["problem"]
    {'template': 'has {count:,} fields', 'values': {'count': 1200}}
    """

    template: str
    values: dict[str, object]

    def __new__(cls, template: str, /, **values: object) -> Text:
        self = super().__new__(cls, template.format(**values) if values else template)
        self.template = str(template)
        self.values = values
        return self

    def __reduce__(self) -> tuple[object, tuple[str, dict[str, object]]]:
        # Parsed files come back pickled from a second process.
        return _text, (self.template, self.values)

    def as_data(self) -> dict[str, object]:
        """``{"template", "values"}`` with nested texts as dicts too: fit for JSON."""
        return {"template": self.template, "values": {k: _data(v) for k, v in self.values.items()}}


def _text(template: str, values: dict[str, object]) -> Text:
    return Text(template, **values)


def _data(value: object) -> object:
    if isinstance(value, Text):
        return value.as_data()
    if value is None or isinstance(value, bool | int | float):
        return value
    return str(value)


#: Where a tie was seen.  The value is stored on the tie as one of its sources.
SOURCES = ("linkedin", "google", "outlook", "vcard", "directory", "email", "calendar")


class Contact(NamedTuple):
    """One person in one employee's exported network, as the file states it.

    ``line`` is the physical line (1-based) where the record starts in the
    file; for a vCard it is the line of its ``BEGIN:VCARD``.
    Text fields are stripped and never ``None``: an absent value is ``""``.

    A named tuple rather than a dataclass: a large import creates and (from
    the parsing process) unpickles hundreds of thousands of these, and a
    tuple is several times cheaper to build and to unpickle.
    """

    line: int
    source: str
    first_name: str = ""
    last_name: str = ""
    emails: tuple[str, ...] = ()
    phones: tuple[str, ...] = ()
    linkedin_url: str = ""
    company: str = ""
    department: str = ""
    position: str = ""
    connected_on: date | None = None

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.first_name, self.last_name) if p)


_tuple_new = tuple.__new__


def make_contact(
    *,
    line: int,
    source: str,
    first_name: str = "",
    last_name: str = "",
    emails: tuple[str, ...] = (),
    phones: tuple[str, ...] = (),
    linkedin_url: str = "",
    company: str = "",
    department: str = "",
    position: str = "",
    connected_on: date | None = None,
) -> Contact:
    """Build a :class:`Contact` from keyword arguments, as cheaply as from positions.

    Importers build one per row, hundreds of thousands per import.  Calling
    the named tuple's class with keywords makes Python pack them into a dict
    for ``__new__`` (about twice the cost of positions); this plain function
    takes them without one and fills the tuple directly, so a call by name is
    even a little cheaper than ``Contact(line, source, ...)`` by position.
    Its parameters are :class:`Contact`'s fields, in order and with the same
    defaults (a test keeps them so).

    Examples
    --------
    >>> make_contact(line=2, source="linkedin", first_name="Jan").full_name
    'Jan'
    """
    return _tuple_new(
        Contact,
        (
            line,
            source,
            first_name,
            last_name,
            emails,
            phones,
            linkedin_url,
            company,
            department,
            position,
            connected_on,
        ),
    )


@dataclass(frozen=True, slots=True)
class DirectoryEntry:
    """One employee row of an HR directory export."""

    line: int
    email: str
    first_name: str = ""
    last_name: str = ""
    department: str = ""
    job_title: str = ""
    location: str = ""
    manager_email: str = ""

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.first_name, self.last_name) if p)


@dataclass(frozen=True, slots=True)
class InteractionRecord:
    """One e-mail or meeting, as metadata only: who, with whom, when.

    Read from an mbox file (``kind="email"``: ``sender`` is the From
    address, ``recipients`` To and Cc) or an .ics calendar
    (``kind="meeting"``: ``sender`` is the organizer, ``recipients`` the
    attendees who did not decline).  Never a subject or a body.

    ``line`` is where the message (its ``From `` separator line) or the event
    (its ``BEGIN:VEVENT``) starts.  ``when`` is timezone-aware, in UTC;
    ``all_day`` marks a calendar date without a time (midnight UTC).
    Addresses are lower-case, unique, and the sender is not repeated among
    the recipients.  ``names`` pairs addresses with the display names the
    file gave them (RFC 2047 decoded), where it gave one.
    """

    line: int
    kind: Literal["email", "meeting"]
    when: datetime
    sender: str | None
    recipients: tuple[str, ...]
    names: tuple[tuple[str, str], ...] = ()
    all_day: bool = False

    @property
    def participants(self) -> tuple[str, ...]:
        """The sender (if known) and every recipient."""
        return ((self.sender,) if self.sender else ()) + self.recipients

    @property
    def key(self) -> str:
        """A stable fingerprint of kind, time and participants: importing the same
        message or meeting again (from the same file or another) gives the same key."""
        parts = [self.kind, self.when.isoformat(), self.sender or "", *sorted(self.recipients)]
        return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class RowError:
    """A problem with one record; ``line`` is the physical line in the file."""

    line: int
    message: Text

    def __post_init__(self) -> None:
        if not isinstance(self.message, Text):
            object.__setattr__(self, "message", Text(self.message))

    def as_dict(self) -> dict[str, object]:
        """``{"line", "message"}`` with the English message."""
        return {"line": self.line, "message": str(self.message)}


@dataclass(slots=True)
class ParseResult:
    """Everything an importer learned from one file.

    ``records`` holds :class:`Contact` objects (network exports) or
    :class:`DirectoryEntry` objects (``format == "directory"``).
    ``skipped`` counts records deliberately left out (for example LinkedIn's
    blank hidden members, or a vCard that describes a company).  ``errors``
    lists rows that could not be read; an import with any error is rejected
    as a whole.  ``warnings`` lists what was read in part or left out on
    purpose (a date that cannot be read, an invalid e-mail address, a card
    skipped because it is an organisation, bytes that were not UTF-8): the
    records stand and the file is imported, but people should be told.
    """

    file: str
    format: str
    encoding: str
    records: list = field(default_factory=list)
    skipped: int = 0
    errors: list[RowError] = field(default_factory=list)
    delimiter: str = ""
    warnings: list[RowError] = field(default_factory=list)


class ImportFileError(Exception):
    """The file as a whole cannot be imported (wrong kind, binary, too big, ...).

    The message is meant for people: it names the file, the line where one is
    known, and what to do.  It is a :class:`Text` (English, translatable); a
    plain string is wrapped in one.
    """

    def __init__(self, file: str, message: str, line: int | None = None) -> None:
        self.file = file
        self.line = line
        self.message = message if isinstance(message, Text) else Text(message)
        where = f"{file}, line {line}" if line else file
        super().__init__(f"{where}: {message}")
