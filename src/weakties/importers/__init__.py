"""Pure importers for contact exports: bytes in, typed records out.

Supported: LinkedIn ``Connections.csv``, Google Contacts CSV, Outlook CSV
(English and Dutch), vCard 2.1/3.0/4.0 and the organisation's HR directory
CSV.  Format, encoding and delimiter are detected automatically.

Interaction metadata (who wrote to or met whom, and when) comes from mbox
mailboxes and .ics calendars through :func:`parse_interactions` and
:func:`parse_interactions_path`, which give :class:`InteractionRecord`
objects and never keep message bodies or event descriptions.

Problems with the file as a whole raise :class:`ImportFileError` with a
message for people; problems with single records are listed in
:attr:`ParseResult.errors` (any error rejects the file), and what was read
in part or left out on purpose in :attr:`ParseResult.warnings` (a date that
cannot be read, a value that is no e-mail address, an organisation's vCard,
bytes that were not UTF-8), which never reject it.  No other exception
escapes :func:`parse_bytes`.
This package never imports Django.

Examples
--------
>>> result = parse_bytes(b"First Name,Last Name,Connected On\\nJan,de Vries,07 Feb 2026\\n",
...                      file="Connections.csv")
>>> result.format, result.records[0].last_name, result.records[0].line
('linkedin', 'de Vries', 2)
"""

from __future__ import annotations

import codecs
import io
import logging
import os
import stat
from collections.abc import Callable, Iterator
from typing import BinaryIO

from ..translatable import gettext_noop
from .csv_text import HEAD_CHARS
from .decoding import _SIGNATURES, decode
from .errors import RowWarnings
from .records import (
    Contact,
    DirectoryEntry,
    ImportFileError,
    InteractionRecord,
    ParseResult,
    RowError,
    Text,
)
from .registry import (
    FORMATS,
    INTERACTION_EXPECTED,
    INTERACTION_FORMATS,
    INTERACTION_PARSERS,
    PARSERS,
    check,
    check_interactions,
    detect,
    detect_interactions,
)

__all__ = [
    "FORMATS",
    "INTERACTION_FORMATS",
    "MAX_FILE_BYTES",
    "MAX_INTERACTION_BYTES",
    "Contact",
    "DirectoryEntry",
    "ImportFileError",
    "InteractionRecord",
    "ParseResult",
    "RowError",
    "Text",
    "detect_format",
    "parse_bytes",
    "parse_interactions",
    "parse_interactions_path",
    "parse_path",
    "read_file",
]

_log = logging.getLogger(__name__)

#: Largest file accepted, in bytes (100 MiB).  Checked before a file is read.
MAX_FILE_BYTES = 100 * 1024 * 1024


def _too_big(file: str, size: int) -> ImportFileError:
    return ImportFileError(
        file,
        Text(
            gettext_noop(
                "the file is {size}; the largest file that can be imported is {limit}. "
                "Export fewer contacts per file, or split the file."
            ),
            size=_size(size),
            limit=_size(MAX_FILE_BYTES),
        ),
    )


def _size(n: int) -> str:
    return f"{n / 2**30:.1f} GiB" if n >= 2**30 else f"{n / 2**20:.0f} MiB"


def _check_format(format: str, file: str) -> None:
    if format != "auto" and format not in FORMATS:
        raise ImportFileError(
            file,
            Text(
                gettext_noop("unknown format {format}; choose auto or one of {formats}."),
                format=repr(format),
                formats=", ".join(FORMATS),
            ),
        )


def detect_format(data: bytes, *, file: str) -> str:
    """Return which of :data:`FORMATS` ``data`` is.

    Raises
    ------
    ImportFileError
        The file is binary, empty or not a contacts export.
    """
    try:
        text = decode(bytes(data), file).text
        return detect(text[:HEAD_CHARS], file)
    except ImportFileError:
        raise
    except Exception as exc:
        raise _unexpected(file, exc) from exc


def parse_bytes(data: bytes, *, file: str, format: str = "auto") -> ParseResult:
    """Parse a complete export.

    Parameters
    ----------
    data : bytes
        The file's content.
    file : str
        The file's name, used in messages.
    format : str
        ``"auto"`` (detect) or one of :data:`FORMATS`; an explicit format is
        checked against the content.

    Returns
    -------
    ParseResult
        Records (:class:`Contact`, or :class:`DirectoryEntry` for
        ``"directory"``), skipped count and row errors.

    Raises
    ------
    ImportFileError
        The file as a whole cannot be imported.  (Only a caller passing
        something other than bytes gets a ``TypeError``.)
    """
    if not isinstance(data, bytes | bytearray | memoryview):
        raise TypeError(f"parse_bytes needs the file's bytes, not {type(data).__name__}")
    _check_format(format, file)
    if len(data) > MAX_FILE_BYTES:
        raise _too_big(file, len(data))
    try:
        decoded = decode(bytes(data), file)
        head = decoded.text[:HEAD_CHARS]
        if format == "auto":
            format = detect(head, file)
        else:
            check(format, head, file)
        result = PARSERS[format].parse(decoded.text, file=file, encoding=decoded.encoding)
        if decoded.stray_lines:
            result.warnings = _with_stray_lines(result.warnings, decoded.stray_lines)
        return result
    except ImportFileError:
        raise
    except Exception as exc:
        raise _unexpected(file, exc) from exc


def _with_stray_lines(warnings: list[RowError], lines: tuple[int, ...]) -> list[RowError]:
    """``warnings`` and one warning per line that held bytes that were not UTF-8, by line."""
    collected = RowWarnings()
    for warning in warnings:
        collected.add(warning.line, warning.message)
    for line in lines:
        collected.add(
            line,
            Text(
                gettext_noop(
                    "line {line} holds characters that are not UTF-8 in a UTF-8 file; they were "
                    "read as Windows-1252. Check the names on that line."
                ),
                line=line,
            ),
        )
    return collected.finish()


def read_file(path: str | os.PathLike[str], *, file: str | None = None) -> bytes:
    """The bytes of a regular file, refused unread when it is over :data:`MAX_FILE_BYTES`.

    ``file`` (the name used in messages) defaults to the path's base name.

    Raises
    ------
    ImportFileError
        Not a regular file, too big, or unreadable.
    """
    name = file if file is not None else os.path.basename(os.fspath(path))
    try:
        _check_size(path, name, MAX_FILE_BYTES, _too_big)
        with open(path, "rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise ImportFileError(name, _cannot_open(exc)) from None
    if len(data) > MAX_FILE_BYTES:  # grew while being read
        raise _too_big(name, len(data))
    return data


def parse_path(
    path: str | os.PathLike[str], *, format: str = "auto", file: str | None = None
) -> ParseResult:
    """Parse the file at ``path``; its size is checked before anything is read.

    ``file`` (the name used in messages) defaults to the path's base name.
    """
    name = file if file is not None else os.path.basename(os.fspath(path))
    _check_format(format, name)
    return parse_bytes(read_file(path, file=name), file=name, format=format)


_NOT_REGULAR = Text(gettext_noop("this is not a regular file."))


def _check_size(
    path: str | os.PathLike[str],
    name: str,
    limit: int,
    too_big: Callable[[str, int], ImportFileError],
) -> None:
    """Refuse, before reading it, a path that is not a regular file or is over ``limit`` bytes."""
    info = os.stat(path)
    if not stat.S_ISREG(info.st_mode):
        raise ImportFileError(name, _NOT_REGULAR)
    if info.st_size > limit:
        raise too_big(name, info.st_size)


def _cannot_open(exc: OSError) -> Text:
    return Text(
        gettext_noop("the file cannot be opened ({reason})."), reason=str(exc.strerror or exc)
    )


def _unexpected(file: str, exc: Exception) -> ImportFileError:
    _log.error("unexpected error while importing %s", file, exc_info=exc)
    return ImportFileError(
        file,
        Text(
            gettext_noop(
                "an unexpected problem stopped the import of this file ({error}). "
                "Please report it together with the file."
            ),
            error=type(exc).__name__,
        ),
    )


# -- interaction metadata: mbox and .ics --------------------------------------------------------

#: Largest mailbox or calendar accepted, in bytes (4 GiB).  They are streamed line by line and
#: only headers are kept, so memory does not grow with the file; the limit bounds the time.
MAX_INTERACTION_BYTES = 4 * 1024**3


def parse_interactions(data: bytes, *, file: str, format: str = "auto") -> ParseResult:
    """Parse an mbox file or an .ics calendar given as bytes into :class:`InteractionRecord`.

    Only From/To/Cc/Date (mbox) and ORGANIZER/ATTENDEE/DTSTART (.ics) are
    read; bodies, subjects and descriptions are never kept.

    Parameters
    ----------
    data : bytes
    file : str
        The file's name, used in messages.
    format : str
        ``"auto"`` or one of :data:`INTERACTION_FORMATS` (``"mbox"``, ``"ics"``).

    Raises
    ------
    ImportFileError
        The file as a whole cannot be imported (binary, wrong kind, too big,
        cut off).

    Examples
    --------
    >>> mail = (b"From - Tue Dec 01 09:00:00 2026\\nFrom: An <an@example.nl>\\n"
    ...         b"To: bo@example.nl\\nDate: Tue, 01 Dec 2026 09:00:00 +0100\\n\\nHello\\n")
    >>> r = parse_interactions(mail, file="Inbox")
    >>> r.format, r.records[0].sender, r.records[0].recipients, r.records[0].when.hour
    ('mbox', 'an@example.nl', ('bo@example.nl',), 8)
    """
    if not isinstance(data, bytes | bytearray | memoryview):
        raise TypeError(f"parse_interactions needs the file's bytes, not {type(data).__name__}")
    _check_interaction_format(format, file)
    if len(data) > MAX_INTERACTION_BYTES:
        raise _too_big_interactions(file, len(data))
    return _parse_interaction_stream(io.BytesIO(bytes(data)), file=file, format=format)


def parse_interactions_path(
    path: str | os.PathLike[str], *, format: str = "auto", file: str | None = None
) -> ParseResult:
    """Parse the mbox or .ics file at ``path``, streamed; its size is checked first."""
    name = file if file is not None else os.path.basename(os.fspath(path))
    _check_interaction_format(format, name)
    try:
        _check_size(path, name, MAX_INTERACTION_BYTES, _too_big_interactions)
        with open(path, "rb") as handle:
            return _parse_interaction_stream(handle, file=name, format=format)
    except OSError as exc:
        raise ImportFileError(name, _cannot_open(exc)) from None


def _check_interaction_format(format: str, file: str) -> None:
    if format != "auto" and format not in INTERACTION_FORMATS:
        raise ImportFileError(
            file,
            Text(
                gettext_noop("unknown format {format}; choose auto or one of {formats}."),
                format=repr(format),
                formats=", ".join(INTERACTION_FORMATS),
            ),
        )


def _too_big_interactions(file: str, size: int) -> ImportFileError:
    return ImportFileError(
        file,
        Text(
            gettext_noop(
                "the file is {size}; the largest mailbox or calendar that can be imported is "
                "{limit}. Export one folder or one year at a time."
            ),
            size=_size(size),
            limit=_size(MAX_INTERACTION_BYTES),
        ),
    )


def _interaction_head(raw: bytes, file: str) -> str:
    """The start of the file as text, after refusing empty, binary and UTF-16/32 files."""
    if not raw.strip():
        raise ImportFileError(
            file, Text(gettext_noop("the file is empty. Export the mailbox or calendar again."))
        )
    for magic, kind, _hint in _SIGNATURES:
        if raw.startswith(magic):
            raise ImportFileError(
                file,
                Text(
                    gettext_noop(
                        "this is {kind}; it does not look like e-mail or calendar data: {expected}."
                    ),
                    kind=kind,
                    expected=INTERACTION_EXPECTED,
                ),
            )
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or raw[:64].count(0) > 8:
        raise ImportFileError(
            file,
            Text(
                gettext_noop(
                    "this file is saved as UTF-16 or is binary; a mailbox or calendar is plain "
                    "text. Export it again as plain text: {expected}."
                ),
                expected=INTERACTION_EXPECTED,
            ),
        )
    if b"\x00" in raw:
        raise ImportFileError(
            file,
            Text(
                gettext_noop("this is a binary file, not e-mail or calendar data: {expected}."),
                expected=INTERACTION_EXPECTED,
            ),
        )
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[3:]
    return raw.decode("utf-8", errors="replace")


def _parse_interaction_stream(stream: BinaryIO, *, file: str, format: str) -> ParseResult:
    try:
        head = _interaction_head(stream.read(HEAD_CHARS), file)
        stream.seek(0)
        if format == "auto":
            format = detect_interactions(head, file)
        else:
            check_interactions(format, head, file)
        return INTERACTION_PARSERS[format].parse_stream(_BinaryChecked(stream, file), file=file)
    except ImportFileError:
        raise
    except Exception as exc:
        raise _unexpected(file, exc) from exc


#: Longest physical line read from a mailbox or calendar (RFC 5322 allows 998 characters).
MAX_LINE_BYTES = 16 * 2**20


class _BinaryChecked:
    """Iterate a binary stream's lines, refusing NUL bytes (a binary file past the head)."""

    def __init__(self, stream: BinaryIO, file: str) -> None:
        self._stream = stream
        self._file = file

    def __iter__(self) -> Iterator[bytes]:
        number = 0
        while line := self._stream.readline(MAX_LINE_BYTES + 1):
            number += 1
            if len(line) > MAX_LINE_BYTES:
                raise ImportFileError(
                    self._file,
                    Text(
                        gettext_noop(
                            "line {line} is longer than {limit} MiB; this is not a plain-text "
                            "mailbox or calendar. Export it again."
                        ),
                        line=number,
                        limit=MAX_LINE_BYTES // 2**20,
                    ),
                    line=number,
                )
            if b"\x00" in line:
                raise ImportFileError(
                    self._file,
                    Text(
                        gettext_noop(
                            "line {line} holds binary data; this is not a plain-text mailbox or "
                            "calendar. Export it again."
                        ),
                        line=number,
                    ),
                    line=number,
                )
            yield line
