"""Mailbox files (mbox): who wrote to whom and when, from the headers only.

Tie strength needs interaction counts, recency and reciprocity (Gilbert &
Karahalios 2009: intensity and recency of communication are among the best
predictors).  This importer reads exactly four headers of every message,
``From``, ``To``, ``Cc`` and ``Date``, and nothing else: the file is
streamed line by line and message bodies (and every other header, Subject
included) are skipped as they are read, never kept.

The format: messages follow each other, each starting with a separator line
``From <envelope sender> <date>`` (Thunderbird writes ``From - <date>``)
after a blank line or at the start of the file; a blank line ends a
message's headers.  A separator's sender is an address or ``-``; a complete
envelope line, with its asctime date, counts even without the blank line
before it.  Writers escape body lines that begin with ``From `` as
``>From ``.  Handled: folded (continued) header lines, RFC 2047
encoded names (``=?UTF-8?Q?Jos=C3=A9?= <jose@example.nl>``, decoded into
:attr:`InteractionRecord.names`), 8-bit headers in UTF-8 or Windows-1252,
CRLF line ends.  Addresses are lower-cased; groups and invalid addresses
are left out.

Problems with one message (no or unreadable date, no sender and no
recipients) become a :class:`~weakties.importers.RowError` on its line; a
file that is not a mailbox, binary or cut off in the middle of a message's
headers is refused as a whole.

References
----------
.. [1] Hall, E. (2005). RFC 4155: The application/mbox Media Type.
.. [2] Resnick, P. (2008). RFC 5322: Internet Message Format (sections 3.2.2
   folding, 3.3 dates, 3.4 addresses).
.. [3] Moore, K. (1996). RFC 2047: MIME Part Three: Message Header
   Extensions for Non-ASCII Text.
.. [4] Gilbert, E. & Karahalios, K. (2009). Predicting Tie Strength with
   Social Media. *CHI 2009*.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import UTC, datetime
from email.header import decode_header, make_header
from email.utils import getaddresses, parsedate_to_datetime
from typing import BinaryIO

from ..translatable import gettext_noop
from .errors import RowErrors
from .records import ImportFileError, InteractionRecord, ParseResult, Text

__all__ = ["LABEL", "parse_stream", "score"]

LABEL = Text(gettext_noop("a mailbox (mbox) file"))
SOURCE = "email"

_ENVELOPE = re.compile(rb"^From (-|\S*@\S*)( |$)")
#: A complete envelope line (``From sender Tue Dec  1 10:00:00 2026``): a separator even
#: without the blank line before it, which some writers leave out.
_FULL_ENVELOPE = re.compile(
    rb"^From \S+ +(Mon|Tue|Wed|Thu|Fri|Sat|Sun) +"
    rb"(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) +\d{1,2} +\d{1,2}:\d{2}(:\d{2})? "
)
_HEADER = re.compile(
    r"^(from|to|cc|date|subject|message-id|received|return-path|reply-to|mime-version|"
    r"x-[a-z0-9-]+|delivered-to|content-type|x-mozilla-status2?):",
    re.IGNORECASE | re.MULTILINE,
)
_WANTED = {b"from": "from", b"to": "to", b"cc": "cc", b"date": "date"}
_EMAIL = re.compile(r"^[^@\s<>(),;:\"\[\]]+@[^@\s<>(),;:\"\[\]]+\.[^@\s<>(),;:\"\[\]]+$")
#: Longest header block read for one message; beyond it the message is refused.
MAX_HEADER_BYTES = 1024 * 1024


def score(head: str) -> float:
    """1.0 for a ``From `` separator followed by mail headers; 0 otherwise."""
    start = head.lstrip("\r\n")
    if not start.startswith("From "):
        return 0.0
    return 1.0 if _HEADER.search(start[:8192]) else 0.4


def _text(raw: bytes) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def _decoded_name(name: str) -> str:
    if "=?" not in name:
        return name.strip()
    try:
        return str(make_header(decode_header(name))).strip()
    except Exception:  # noqa: BLE001 - a damaged encoded word keeps its raw form
        return name.strip()


def addresses(values: Iterable[str]) -> tuple[tuple[str, ...], dict[str, str]]:
    """Lower-cased valid addresses (in order, unique) and their decoded display names."""
    emails: list[str] = []
    names: dict[str, str] = {}
    for name, addr in getaddresses(list(values)):
        email = addr.strip().lower()
        if not _EMAIL.match(email):
            continue
        if email not in names:
            emails.append(email)
            names[email] = ""
        decoded = _decoded_name(name)
        if decoded and not names[email] and decoded.lower() != email:
            names[email] = decoded
    return tuple(emails), names


class _Message:
    __slots__ = ("line", "headers", "header_lines", "size", "current")

    def __init__(self, line: int) -> None:
        self.line = line
        self.headers: dict[str, list[str]] = {}
        self.header_lines: dict[str, int] = {}
        self.size = 0
        self.current: str | None = None  # the wanted header being continued

    def add(self, number: int, raw: bytes) -> None:
        self.size += len(raw)
        if raw[:1] in (b" ", b"\t"):
            if self.current is not None:
                values = self.headers[self.current]
                values[-1] += " " + _text(raw).strip()
            return
        name, sep, value = raw.partition(b":")
        key = _WANTED.get(name.strip().lower()) if sep else None
        self.current = key
        if key is not None:
            self.headers.setdefault(key, []).append(_text(value).strip())
            self.header_lines.setdefault(key, number)


def parse_stream(stream: BinaryIO, *, file: str) -> ParseResult:
    """Read every message's From/To/Cc/Date from a binary mbox stream.

    Returns
    -------
    ParseResult
        :class:`InteractionRecord` records (``kind="email"``), ``skipped``
        messages with no address at all, and row errors.

    Raises
    ------
    ImportFileError
        The file does not start with a message, or ends inside a message's
        headers (cut off).
    """
    result = ParseResult(file=file, format="mbox", encoding="utf-8")
    errors = RowErrors()
    message: _Message | None = None
    in_headers = False
    previous_blank = True
    number = 0
    for number, raw_line in enumerate(stream, start=1):
        raw = raw_line.rstrip(b"\r\n")
        if (previous_blank and _ENVELOPE.match(raw)) or _FULL_ENVELOPE.match(raw):
            if message is not None:
                _finish(message, result, errors)
            message = _Message(number)
            in_headers = True
            previous_blank = False
            continue
        previous_blank = not raw
        if message is None:
            if raw.strip():
                raise ImportFileError(
                    file,
                    Text(
                        gettext_noop(
                            "this does not look like a mailbox (mbox) file: it should begin with "
                            "a 'From ' line. Export the mail folder as mbox (in Thunderbird: "
                            "ImportExportTools NG, 'export folder'), or upload the folder's file "
                            "itself."
                        )
                    ),
                    line=number,
                )
            continue
        if in_headers:
            if not raw:
                in_headers = False
                continue
            message.add(number, raw)
            if message.size > MAX_HEADER_BYTES:
                raise ImportFileError(
                    file,
                    Text(
                        gettext_noop(
                            "the message that begins on line {line} has more than {limit} KiB "
                            "of headers; this is not a normal mailbox."
                        ),
                        line=message.line,
                        limit=MAX_HEADER_BYTES // 1024,
                    ),
                    line=message.line,
                )
        # body lines are skipped: never decoded, never kept
    if message is None:
        raise ImportFileError(file, Text(gettext_noop("the file holds no messages.")))
    if in_headers:
        raise ImportFileError(
            file,
            Text(
                gettext_noop(
                    "the file ends inside the headers of the message that begins on line "
                    "{line}; it may have been cut off. Export the mailbox again."
                ),
                line=message.line,
            ),
            line=number,
        )
    _finish(message, result, errors)
    result.errors = errors.finish()
    return result


def _finish(message: _Message, result: ParseResult, errors: RowErrors) -> None:
    headers = message.headers
    senders, names = addresses(headers.get("from", []))
    recipients, more = addresses(headers.get("to", []) + headers.get("cc", []))
    for email, name in more.items():
        names.setdefault(email, name)
    if not senders and not recipients:
        result.skipped += 1
        return
    date_values = headers.get("date", [])
    date_line = message.header_lines.get("date", message.line)
    if not date_values:
        errors.add(
            message.line,
            Text(
                gettext_noop(
                    "the message that begins on line {line} has no Date header, so it cannot be "
                    "counted as an interaction."
                ),
                line=message.line,
            ),
        )
        return
    when = _date(date_values[0])
    if when is None:
        shown = date_values[0][:60]
        errors.add(
            date_line,
            Text(
                gettext_noop(
                    "line {line}: the date {date} of the message that begins on line {start} "
                    "cannot be read."
                ),
                line=date_line,
                date=repr(shown),
                start=message.line,
            ),
        )
        return
    sender = senders[0] if senders else None
    result.records.append(
        InteractionRecord(
            line=message.line,
            kind="email",
            when=when,
            sender=sender,
            recipients=tuple(r for r in recipients if r != sender),
            names=tuple((e, n) for e, n in names.items() if n),
        )
    )


def _date(value: str) -> datetime | None:
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if when is None:  # pragma: no cover - older Pythons returned None
        return None
    if when.tzinfo is None:  # "-0000": the time is UTC, the zone unknown
        when = when.replace(tzinfo=UTC)
    try:
        return when.astimezone(UTC)
    except (OverflowError, ValueError):
        return None
