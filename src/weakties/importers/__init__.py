"""Pure importers for contact exports: bytes in, typed records out.

Supported: LinkedIn ``Connections.csv``, Google Contacts CSV, Outlook CSV
(English and Dutch), vCard 2.1/3.0/4.0 and the organisation's HR directory
CSV.  Format, encoding and delimiter are detected automatically.

Problems with the file as a whole raise :class:`ImportFileError` with a
message for people; problems with single records are listed in
:attr:`ParseResult.errors`.  No other exception escapes :func:`parse_bytes`.
This package never imports Django.

Examples
--------
>>> result = parse_bytes(b"First Name,Last Name,Connected On\\nJan,de Vries,07 Feb 2026\\n",
...                      file="Connections.csv")
>>> result.format, result.records[0].last_name, result.records[0].line
('linkedin', 'de Vries', 2)
"""

from __future__ import annotations

import logging
import os
import stat

from .decoding import decode
from .records import Contact, DirectoryEntry, ImportFileError, ParseResult, RowError
from .registry import FORMATS, PARSERS, check, detect
from .tables import HEAD_CHARS

__all__ = [
    "FORMATS",
    "MAX_FILE_BYTES",
    "Contact",
    "DirectoryEntry",
    "ImportFileError",
    "ParseResult",
    "RowError",
    "detect_format",
    "parse_bytes",
    "parse_path",
]

_log = logging.getLogger(__name__)

#: Largest file accepted, in bytes (100 MiB).  Checked before a file is read.
MAX_FILE_BYTES = 100 * 1024 * 1024


def _too_big(file: str, size: int) -> ImportFileError:
    return ImportFileError(
        file,
        f"the file is {_size(size)}; the largest file that can be imported is "
        f"{_size(MAX_FILE_BYTES)}. Export fewer contacts per file, or split the file.",
    )


def _size(n: int) -> str:
    return f"{n / 2**30:.1f} GiB" if n >= 2**30 else f"{n / 2**20:.0f} MiB"


def _check_format(format: str, file: str) -> None:
    if format != "auto" and format not in FORMATS:
        raise ImportFileError(
            file, f"unknown format {format!r}; choose auto or one of {', '.join(FORMATS)}."
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
        return PARSERS[format].parse(decoded.text, file=file, encoding=decoded.encoding)
    except ImportFileError:
        raise
    except Exception as exc:
        raise _unexpected(file, exc) from exc


def parse_path(
    path: str | os.PathLike[str], *, format: str = "auto", file: str | None = None
) -> ParseResult:
    """Parse the file at ``path``; its size is checked before anything is read.

    ``file`` (the name used in messages) defaults to the path's base name.
    """
    name = file if file is not None else os.path.basename(os.fspath(path))
    _check_format(format, name)
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            raise ImportFileError(name, "this is not a regular file.")
        if info.st_size > MAX_FILE_BYTES:
            raise _too_big(name, info.st_size)
        with open(path, "rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise ImportFileError(name, f"the file cannot be opened ({exc.strerror or exc}).") from None
    if len(data) > MAX_FILE_BYTES:  # grew while being read
        raise _too_big(name, len(data))
    return parse_bytes(data, file=name, format=format)


def _unexpected(file: str, exc: Exception) -> ImportFileError:
    _log.error("unexpected error while importing %s", file, exc_info=exc)
    return ImportFileError(
        file,
        f"an unexpected problem stopped the import of this file ({type(exc).__name__}). "
        "Please report it together with the file.",
    )
