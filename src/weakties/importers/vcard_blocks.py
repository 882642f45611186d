"""Splitting a .vcf file into cards and preparing each card for vobject.

The file is cut into ``BEGIN:VCARD`` … ``END:VCARD`` blocks here, not by
vobject, so that every card knows the physical line it begins on and one
broken or cut-off card becomes a row error instead of failing the file.

Each block is then normalised before vobject sees it:

* vCard 2.1 quoted-printable values are decoded here, honouring soft line
  breaks (``=`` at the end of a line) and the ``CHARSET`` parameter (vobject
  0.9 always assumes UTF-8 and joins at most one soft break);
* only the properties the importer reads are kept (names, kind, organisation,
  title, e-mail, phone, URLs and their labels), and only those with a value:
  a damaged photo, address or note, or a bare ``N`` line, cannot fail a card,
  and vobject has less to parse.  2.1 base64 data that continues without
  indentation is skipped with its property;
* in a file that is not UTF-8 (read as Windows-1252, see
  :mod:`~weakties.importers.decoding`), 8-bit values are read again in the
  charset the card declares: vCard 2.1 writers often give ``CHARSET`` on one
  property only (``LABEL;CHARSET=Windows-1251;QUOTED-PRINTABLE:...``) and
  write the name in the same charset without saying so.

``BEGIN:VCARD`` and ``END:VCARD`` may carry a group prefix
(``TEST.BEGIN:VCARD``), which RFC 2426 allows on every line.
"""

from __future__ import annotations

import codecs
import io
import quopri
import re
from dataclasses import dataclass, field

from .decoding import decode_cp1252

__all__ = ["Block", "normalise", "split_cards"]

_PROP_START = re.compile(r"[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)?[;:]")
_BINARY = frozenset({"PHOTO", "LOGO", "SOUND", "KEY"})
#: The properties the importer reads; all others are dropped before vobject parses the card.
_KEEP = frozenset(
    {"BEGIN", "END", "VERSION", "N", "FN", "ORG", "TITLE", "ROLE", "EMAIL", "TEL", "URL",
     "X-SOCIALPROFILE", "X-ABLABEL", "KIND", "X-ADDRESSBOOKSERVER-KIND", "X-ABSHOWAS"}
)  # fmt: skip
#: ``BEGIN:VCARD`` / ``END:VCARD`` with a group prefix (upper case, stripped).
_GROUPED_BEGIN = re.compile(r"[A-Z0-9-]+\.BEGIN:VCARD")
_GROUPED_END = re.compile(r"[A-Z0-9-]+\.END:VCARD")
_CHARSET = re.compile(r";\s*CHARSET\s*=\s*\"?([^;:\"]+)", re.IGNORECASE)
#: Charsets that say nothing about a legacy file's 8-bit bytes.
_UNICODE = frozenset({"utf-8", "utf8", "us-ascii", "ascii"})


def _is_begin(upper: str) -> bool:
    return upper == "BEGIN:VCARD" or (
        upper.endswith(".BEGIN:VCARD") and _GROUPED_BEGIN.fullmatch(upper) is not None
    )


def _is_end(upper: str) -> bool:
    return upper == "END:VCARD" or (
        upper.endswith(".END:VCARD") and _GROUPED_END.fullmatch(upper) is not None
    )


@dataclass(slots=True)
class Block:
    """The lines of one card (line endings removed) and where it begins."""

    line: int
    lines: list[str] = field(default_factory=list)
    complete: bool = False


def split_cards(text: str) -> tuple[list[Block], list[int]]:
    """Cut ``text`` into cards.

    Returns
    -------
    blocks : list of Block
        Every card in file order; ``complete`` is false when ``END:VCARD`` is missing.
    stray : list of int
        Lines with text outside any card (the first line of each such stretch).
    """
    blocks: list[Block] = []
    stray: list[int] = []
    current: Block | None = None
    depth = 0
    in_stray = False
    for number, raw in enumerate(io.StringIO(text, newline=""), start=1):
        line = raw.rstrip("\r\n")
        upper = line.strip().upper()
        if current is None:
            if _is_begin(upper):
                current, depth = Block(number, [line]), 1
            elif upper and not in_stray:
                stray.append(number)
            in_stray = bool(upper) and current is None
            continue
        if _is_begin(upper):
            if current.lines and current.lines[-1].upper().startswith("AGENT"):
                depth += 1  # a vCard 2.1 AGENT embeds another card
            else:
                blocks.append(current)  # the previous card lacks END:VCARD
                current, depth = Block(number, [line]), 1
                continue
        current.lines.append(line)
        if _is_end(upper):
            depth -= 1
            if depth == 0:
                current.complete = True
                blocks.append(current)
                current = None
    if current is not None:
        blocks.append(current)
    return blocks, stray


def normalise(lines: list[str], *, legacy: bool = False) -> str:
    """Return the card's text with only the properties we read, quoted-printable decoded.

    ``legacy`` says that the file was read as Windows-1252 because it is not
    UTF-8; 8-bit values are then read again in their own ``CHARSET`` or, if
    they have none, the one the card declares on another property.
    """
    charset = _declared_charset(lines) if legacy else ""
    out: list[str] = []
    i, n = 0, len(lines)
    keep = True
    while i < n:
        line = lines[i]
        i += 1
        if not line or line[0] in " \t":  # a folded continuation of the previous property
            if keep:
                out.append(_recoded(line, charset) if charset else line)
            continue
        head, sep, value = line.partition(":")
        name = head.split(";", 1)[0].split(".")[-1].strip().upper()
        keep = bool(sep) and name in _KEEP  # a bare "N" has no value to read
        qp = bool(sep) and "QUOTED-PRINTABLE" in head.upper()
        if qp:
            while value.endswith("=") and i < n:  # soft line break
                value = value[:-1] + lines[i]
                i += 1
        elif name in _BINARY:  # 2.1 base64 may continue without indentation
            while i < n and lines[i] and not _PROP_START.match(lines[i]):
                i += 1
        if not keep:
            continue
        if qp:
            out.append(_decoded_line(head, value, charset))
        elif legacy and not line.isascii():
            out.append(_recoded(line, _own_charset(head) or charset))
        else:
            out.append(line)
    return "\r\n".join(out) + "\r\n"


def _declared_charset(lines: list[str]) -> str:
    """The first 8-bit ``CHARSET`` a card declares that Python knows, or ``""``."""
    for line in lines:
        if "CHARSET" not in line.upper():
            continue
        match = _CHARSET.search(line.partition(":")[0])
        if match is not None:
            name = match.group(1).strip().lower()
            if name not in _UNICODE and _known(name):
                return name
    return ""


def _own_charset(head: str) -> str:
    match = _CHARSET.search(head)
    return match.group(1).strip() if match is not None else ""


def _known(charset: str) -> bool:
    try:
        codecs.lookup(charset)
    except LookupError:
        return False
    return True


def _recoded(line: str, charset: str) -> str:
    """A line read as Windows-1252, read again as ``charset`` (unchanged when that fails)."""
    if not charset or line.isascii():
        return line
    try:
        data = line.encode("cp1252", errors="_weakties_latin1_back")
        return data.decode(charset)
    except (LookupError, UnicodeError, ValueError):
        return line


def _decoded_line(head: str, value: str, declared: str = "") -> str:
    params = head.split(";")
    charset = ""
    kept = [params[0]]
    for param in params[1:]:
        key, _, val = param.partition("=")
        upper_key = key.strip().upper()
        if upper_key == "CHARSET":
            charset = val.strip().strip('"')
        elif param.strip().upper() in ("QUOTED-PRINTABLE", "ENCODING=QUOTED-PRINTABLE"):
            continue
        else:
            kept.append(param)
    data = quopri.decodestring(value.encode("utf-8"))
    text = _decode_charset(data, charset or declared)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")
    return ";".join(kept) + ":" + text


def _decode_charset(data: bytes, charset: str) -> str:
    for candidate in (charset, "utf-8"):
        if not candidate:
            continue
        try:
            codecs.lookup(candidate)
            return data.decode(candidate)
        except (LookupError, UnicodeDecodeError, ValueError):
            continue
    return decode_cp1252(data)


def _latin1_back(exc: UnicodeError) -> tuple[bytes, int]:
    """Encode, as their own byte, the five characters :func:`decode_cp1252` read as Latin-1."""
    if not isinstance(exc, UnicodeEncodeError):  # pragma: no cover - encode only
        raise exc
    return exc.object[exc.start : exc.end].encode("latin-1"), exc.end


codecs.register_error("_weakties_latin1_back", _latin1_back)
