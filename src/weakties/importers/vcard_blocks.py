"""Splitting a .vcf file into cards and preparing each card for vobject.

The file is cut into ``BEGIN:VCARD`` … ``END:VCARD`` blocks here, not by
vobject, so that every card knows the physical line it begins on and one
broken or cut-off card becomes a row error instead of failing the file.

Each block is then normalised before vobject sees it:

* vCard 2.1 quoted-printable values are decoded here, honouring soft line
  breaks (``=`` at the end of a line) and the ``CHARSET`` parameter (vobject
  0.9 always assumes UTF-8 and joins at most one soft break);
* only the properties the importer reads are kept (names, organisation,
  title, e-mail, phone, URLs and their labels): a damaged photo, address or
  note cannot fail a card, and vobject has less to parse.  2.1 base64 data
  that continues without indentation is skipped with its property.
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
     "X-SOCIALPROFILE", "X-ABLABEL"}
)  # fmt: skip


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
            if upper == "BEGIN:VCARD":
                current, depth = Block(number, [line]), 1
            elif upper and not in_stray:
                stray.append(number)
            in_stray = bool(upper) and current is None
            continue
        if upper == "BEGIN:VCARD":
            if current.lines and current.lines[-1].upper().startswith("AGENT"):
                depth += 1  # a vCard 2.1 AGENT embeds another card
            else:
                blocks.append(current)  # the previous card lacks END:VCARD
                current, depth = Block(number, [line]), 1
                continue
        current.lines.append(line)
        if upper == "END:VCARD":
            depth -= 1
            if depth == 0:
                current.complete = True
                blocks.append(current)
                current = None
    if current is not None:
        blocks.append(current)
    return blocks, stray


def normalise(lines: list[str]) -> str:
    """Return the card's text with only the properties we read, quoted-printable decoded."""
    out: list[str] = []
    i, n = 0, len(lines)
    keep = True
    while i < n:
        line = lines[i]
        i += 1
        if not line or line[0] in " \t":  # a folded continuation of the previous property
            if keep:
                out.append(line)
            continue
        head, sep, value = line.partition(":")
        name = head.split(";", 1)[0].split(".")[-1].strip().upper()
        keep = name in _KEEP
        qp = bool(sep) and "QUOTED-PRINTABLE" in head.upper()
        if qp:
            while value.endswith("=") and i < n:  # soft line break
                value = value[:-1] + lines[i]
                i += 1
        elif name in _BINARY:  # 2.1 base64 may continue without indentation
            while i < n and lines[i] and not _PROP_START.match(lines[i]):
                i += 1
        if keep:
            out.append(_decoded_line(head, value) if qp else line)
    return "\r\n".join(out) + "\r\n"


def _decoded_line(head: str, value: str) -> str:
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
    text = _decode_charset(data, charset)
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
