"""Calendar files (.ics): who met whom and when, from ORGANIZER, ATTENDEE and DTSTART.

Meetings are interactions too (Gilbert & Karahalios 2009: intensity and
recency of contact predict tie strength).  This importer reads exactly three
properties of every ``VEVENT``: ``ORGANIZER``, ``ATTENDEE`` (``mailto:``
addresses) and ``DTSTART``.  Summaries, descriptions, locations and
attachments are skipped unread.  The file is streamed line by line.

Handled (RFC 5545): folded lines (a continuation starts with a space or a
tab), parameters with quoted values (``CN="Doe, Jan"``), ``TZID`` time zones
(IANA names, and the Windows names that Outlook writes), all-day events
(``VALUE=DATE``), UTC times (``Z``) and floating times (read as UTC).
Alarms inside an event (``VALARM``, whose ``ATTENDEE`` is where a reminder
is mailed) are ignored; cancelled events are skipped; a recurring event
counts once, at its first start.

Problems with one event (no or unreadable ``DTSTART``) become a
:class:`~weakties.importers.RowError` on its ``BEGIN:VEVENT`` line; a file
that is not a calendar, binary, or cut off (an event or the calendar never
ends) is refused as a whole.

References
----------
.. [1] Desruisseaux, B. (2009). RFC 5545: Internet Calendaring and
   Scheduling Core Object Specification (iCalendar), sections 3.1 (folding),
   3.3.4-3.3.5 (DATE, DATE-TIME), 3.8.4.1 (ATTENDEE), 3.8.4.3 (ORGANIZER).
.. [2] Gilbert, E. & Karahalios, K. (2009). Predicting Tie Strength with
   Social Media. *CHI 2009*.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import BinaryIO
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ..translatable import gettext_noop
from .errors import RowErrors
from .records import ImportFileError, InteractionRecord, ParseResult, Text

__all__ = ["LABEL", "parse_stream", "score"]

LABEL = Text(gettext_noop("a calendar (.ics) file"))
SOURCE = "calendar"

_EMAIL = re.compile(r"^[^@\s<>(),;:\"\[\]]+@[^@\s<>(),;:\"\[\]]+\.[^@\s<>(),;:\"\[\]]+$")
_DATE = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_DATETIME = re.compile(r"^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(Z?)$")
#: Longest logical (unfolded) line accepted.
MAX_LINE_BYTES = 1024 * 1024

#: Windows time-zone names (as Outlook writes them in TZID) to IANA names.
WINDOWS_ZONES = {
    "w. europe standard time": "Europe/Amsterdam",
    "romance standard time": "Europe/Paris",
    "central europe standard time": "Europe/Budapest",
    "central european standard time": "Europe/Warsaw",
    "gmt standard time": "Europe/London",
    "greenwich standard time": "Atlantic/Reykjavik",
    "e. europe standard time": "Europe/Chisinau",
    "fle standard time": "Europe/Helsinki",
    "gtb standard time": "Europe/Bucharest",
    "russian standard time": "Europe/Moscow",
    "eastern standard time": "America/New_York",
    "central standard time": "America/Chicago",
    "mountain standard time": "America/Denver",
    "pacific standard time": "America/Los_Angeles",
    "india standard time": "Asia/Kolkata",
    "china standard time": "Asia/Shanghai",
    "tokyo standard time": "Asia/Tokyo",
    "aus eastern standard time": "Australia/Sydney",
    "utc": "UTC",
    "coordinated universal time": "UTC",
}


def score(head: str) -> float:
    """1.0 when the text starts with ``BEGIN:VCALENDAR``; 0.9 when it appears early on."""
    start = head.lstrip("\ufeff \t\r\n")[:15].upper()
    if start == "BEGIN:VCALENDAR":
        return 1.0
    return 0.9 if "BEGIN:VCALENDAR" in head[:4096].upper() else 0.0


def _text(raw: bytes) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def logical_lines(stream: BinaryIO, file: str) -> Iterator[tuple[int, bytes]]:
    """Unfolded content lines with the number of the physical line each starts on."""
    start = 0
    parts: list[bytes] = []
    size = 0
    for number, raw_line in enumerate(stream, start=1):
        raw = raw_line.rstrip(b"\r\n")
        if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
        if raw[:1] in (b" ", b"\t") and parts:
            parts.append(raw[1:])
            size += len(raw)
            if size > MAX_LINE_BYTES:
                raise ImportFileError(
                    file,
                    Text(
                        gettext_noop(
                            "the property that begins on line {line} is longer than {limit} KiB; "
                            "this is not a normal calendar."
                        ),
                        line=start,
                        limit=MAX_LINE_BYTES // 1024,
                    ),
                    line=start,
                )
            continue
        if parts:
            yield start, b"".join(parts)
        if raw.strip():
            start, parts, size = number, [raw], len(raw)
        else:
            parts, size = [], 0
    if parts:
        yield start, b"".join(parts)


def split_property(line: str) -> tuple[str, dict[str, str], str]:
    """``NAME;P1=a;P2="b:c":value`` -> ``("NAME", {"P1": "a", "P2": "b:c"}, "value")``."""
    quoted = False
    for i, ch in enumerate(line):
        if ch == '"':
            quoted = not quoted
        elif ch == ":" and not quoted:
            head, value = line[:i], line[i + 1 :]
            break
    else:
        raise ValueError("no ':' between the property's name and its value")
    pieces: list[str] = []
    quoted = False
    current = ""
    for ch in head:
        if ch == '"':
            quoted = not quoted
        if ch == ";" and not quoted:
            pieces.append(current)
            current = ""
        else:
            current += ch
    pieces.append(current)
    params: dict[str, str] = {}
    for piece in pieces[1:]:
        key, _, val = piece.partition("=")
        params[key.strip().upper()] = val.strip().strip('"')
    return pieces[0].strip().upper(), params, value


def _mailto(value: str) -> str | None:
    v = value.strip()
    if v.lower().startswith("mailto:"):
        v = v[7:]
    v = v.strip().lower()
    return v if _EMAIL.match(v) else None


def _zone(tzid: str) -> ZoneInfo | None:
    name = tzid.strip().strip('"').lstrip("/")
    name = WINDOWS_ZONES.get(name.lower(), name)
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def parse_datetime(value: str, params: dict[str, str]) -> tuple[datetime, bool] | None:
    """``(UTC datetime, all_day)`` of a DTSTART value, or None when it cannot be read.

    An all-day date is midnight UTC of that day; a floating time or an
    unknown ``TZID`` is read as UTC (a meeting's day is what counts).
    """
    v = value.strip()
    if params.get("VALUE", "").upper() == "DATE" or _DATE.match(v):
        m = _DATE.match(v)
        if not m:
            return None
        try:
            return datetime(int(m[1]), int(m[2]), int(m[3]), tzinfo=UTC), True
        except ValueError:
            return None
    m = _DATETIME.match(v)
    if not m:
        return None
    try:
        naive = datetime(int(m[1]), int(m[2]), int(m[3]), int(m[4]), int(m[5]), int(m[6]) % 60)
    except ValueError:
        return None
    if m[7]:
        return naive.replace(tzinfo=UTC), False
    zone = _zone(params["TZID"]) if "TZID" in params else None
    if zone is None:
        return naive.replace(tzinfo=UTC), False
    return naive.replace(tzinfo=zone).astimezone(UTC), False


class _Event:
    __slots__ = ("line", "organizer", "attendees", "names", "start", "start_line", "cancelled")

    def __init__(self, line: int) -> None:
        self.line = line
        self.organizer: str | None = None
        self.attendees: list[str] = []
        self.names: dict[str, str] = {}
        self.start: tuple[str, dict[str, str]] | None = None
        self.start_line = line
        self.cancelled = False


def parse_stream(stream: BinaryIO, *, file: str) -> ParseResult:
    """Read every event's ORGANIZER, ATTENDEE and DTSTART from a binary .ics stream.

    Returns
    -------
    ParseResult
        :class:`InteractionRecord` records (``kind="meeting"``; ``sender``
        is the organizer), ``skipped`` events (cancelled, or nobody but the
        organizer) and row errors.

    Raises
    ------
    ImportFileError
        Not a calendar, or cut off.
    """
    reader = _Calendar(file)
    for number, raw in logical_lines(stream, file):
        reader.line(number, raw)
    return reader.finish()


#: The only event properties read; everything else is skipped unparsed.
_READ = (b"ORGANIZER", b"ATTENDEE", b"DTSTART", b"STATUS")


class _Calendar:
    """The state of one calendar being read, one logical line at a time.

    ``depth`` is the stack of open components (``["VCALENDAR", "VEVENT",
    "VALARM"]``); ``event`` is the top-level event being read, if any.
    """

    __slots__ = ("file", "result", "errors", "depth", "seen", "ended", "event", "last")

    def __init__(self, file: str) -> None:
        self.file = file
        self.result = ParseResult(file=file, format="ics", encoding="utf-8")
        self.errors = RowErrors()
        self.depth: list[str] = []
        self.seen = False  # BEGIN:VCALENDAR read
        self.ended = False  # END:VCALENDAR read
        self.event: _Event | None = None
        self.last = 0

    def line(self, number: int, raw: bytes) -> None:
        """Take one logical line: a component's start or end, or a property."""
        self.last = number
        if not self.depth and not self.seen and raw.strip().upper() != b"BEGIN:VCALENDAR":
            raise ImportFileError(
                self.file,
                Text(
                    gettext_noop(
                        "this does not look like a calendar (.ics) file: it should begin "
                        "with BEGIN:VCALENDAR. Export the calendar as .ics (iCalendar)."
                    )
                ),
                line=number,
            )
        upper = raw[:16].upper()
        if upper.startswith(b"BEGIN:"):
            self._begin(number, _text(raw[6:]).strip().upper())
        elif upper.startswith(b"END:"):
            self._end(number, _text(raw[4:]).strip().upper())
        elif self.event is not None and self.depth[-1] == "VEVENT":
            # Calendar-level properties, time zones and alarms are not read.
            if upper.split(b";", 1)[0].split(b":", 1)[0] in _READ:
                self._property(self.event, number, raw)

    def _begin(self, number: int, kind: str) -> None:
        if kind == "VCALENDAR" and not self.depth:
            self.seen = True
        elif kind == "VEVENT" and self.depth == ["VCALENDAR"]:
            self.event = _Event(number)
        self.depth.append(kind)

    def _end(self, number: int, kind: str) -> None:
        depth = self.depth
        if not depth or depth[-1] != kind:
            raise ImportFileError(
                self.file,
                Text(
                    gettext_noop(
                        "line {line} ends a {component} that was not begun here; the file is "
                        "damaged. Export the calendar again."
                    ),
                    line=number,
                    component=kind,
                ),
                line=number,
            )
        depth.pop()
        if kind == "VEVENT" and self.event is not None and depth == ["VCALENDAR"]:
            _finish(self.event, self.result, self.errors)
            self.event = None
        if kind == "VCALENDAR" and not depth:
            self.ended = True

    def _property(self, event: _Event, number: int, raw: bytes) -> None:
        try:
            prop, params, value = split_property(_text(raw))
        except ValueError:
            self.errors.add(
                number,
                Text(
                    gettext_noop("line {line} cannot be read: it has no ':' before its value."),
                    line=number,
                ),
            )
            return
        if prop == "DTSTART":
            event.start, event.start_line = (value, params), number
        elif prop == "STATUS":
            event.cancelled = value.strip().upper() == "CANCELLED"
        else:
            _person(event, prop, params, value)

    def finish(self) -> ParseResult:
        """The result, once the whole file is read; refuses an empty or cut-off calendar."""
        if not self.seen:
            raise ImportFileError(
                self.file, Text(gettext_noop("the file is empty: it holds no calendar."))
            )
        if self.depth or not self.ended:
            raise ImportFileError(self.file, self._cut_off(), line=self.last)
        self.result.errors = self.errors.finish()
        return self.result

    def _cut_off(self) -> Text:
        component = self.depth[-1] if self.depth else "VCALENDAR"
        if self.event:
            return Text(
                gettext_noop(
                    "the file ends before the event that begins on line {start} is closed (no "
                    "END:{component}); it may have been cut off. Export the calendar again."
                ),
                start=self.event.line,
                component=component,
            )
        return Text(
            gettext_noop(
                "the file ends before the calendar is closed (no END:{component}); it may "
                "have been cut off. Export the calendar again."
            ),
            component=component,
        )


def _person(event: _Event, prop: str, params: dict[str, str], value: str) -> None:
    """Note an ORGANIZER or ATTENDEE (with its display name); declined attendees are left out."""
    email = _mailto(value)
    if email is None:
        return
    if params.get("CN"):
        event.names.setdefault(email, params["CN"].strip())
    if prop == "ORGANIZER":
        event.organizer = email
    elif params.get("PARTSTAT", "").upper() != "DECLINED" and email not in event.attendees:
        event.attendees.append(email)


def _finish(event: _Event, result: ParseResult, errors: RowErrors) -> None:
    others = [a for a in event.attendees if a != event.organizer]
    if event.cancelled or not others:
        result.skipped += 1
        return
    if event.start is None:
        errors.add(
            event.line,
            Text(
                gettext_noop(
                    "the event that begins on line {line} has no DTSTART, so it cannot be "
                    "counted as a meeting."
                ),
                line=event.line,
            ),
        )
        return
    value, params = event.start
    parsed = parse_datetime(value, params)
    if parsed is None:
        errors.add(
            event.start_line,
            Text(
                gettext_noop(
                    "line {line}: the start {value} of the event that begins on line {start} "
                    "cannot be read."
                ),
                line=event.start_line,
                value=repr(value.strip()[:40]),
                start=event.line,
            ),
        )
        return
    when, all_day = parsed
    result.records.append(
        InteractionRecord(
            line=event.line,
            kind="meeting",
            when=when,
            sender=event.organizer,
            recipients=tuple(others),
            names=tuple((e, n) for e, n in event.names.items() if n),
            all_day=all_day,
        )
    )
