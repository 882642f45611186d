"""vCard files (.vcf), versions 2.1, 3.0 and 4.0, read with vobject.

Handled: quoted-printable 2.1 values with soft line breaks and ``CHARSET``,
folded lines, Apple's grouped ``item1.URL`` + ``item1.X-ABLabel:LinkedIn``
and escaped ``https\\://``, ``X-SOCIALPROFILE;type=linkedin:...``,
``ORG:Company;Department``, ``TITLE``, ``EMAIL``, ``TEL`` (also ``tel:``
URIs), ``N`` and ``FN`` (a card with only ``FN`` has it split).

Every vobject call is guarded: a card vobject cannot read becomes a
:class:`RowError` on the line of its ``BEGIN:VCARD``.
"""

from __future__ import annotations

import binascii
import io
import re
from dataclasses import dataclass

from ..translatable import gettext_noop
from .errors import RowErrors
from .records import Contact, ParseResult, Text, make_contact
from .values import is_linkedin_url, last_with_particles, split_full_name, unescape_url, unique
from .vcard_blocks import normalise, split_cards

__all__ = ["LABEL", "parse", "score"]

LABEL = Text(gettext_noop("a vCard (.vcf) file"))
SOURCE = "vcard"
_AT_LINE = re.compile(r"^At line \d+:\s*")


def score(head: str) -> float:
    """1.0 when the file starts with ``BEGIN:VCARD``; 0.9 when it appears early on."""
    start = head.lstrip()[:11].upper()
    if start == "BEGIN:VCARD":
        return 1.0
    return 0.9 if "BEGIN:VCARD" in head[:4096].upper() else 0.0


def parse(text: str, *, file: str, encoding: str) -> ParseResult:
    """Read every card of a .vcf file into :class:`Contact` records (source ``"vcard"``)."""
    result = ParseResult(file=file, format=SOURCE, encoding=encoding)
    errors = RowErrors()
    blocks, stray = split_cards(text)
    for line in stray:
        errors.add(
            line,
            Text(
                gettext_noop(
                    "line {line} is outside any BEGIN:VCARD … END:VCARD card; the file may be "
                    "damaged or not a plain vCard file."
                ),
                line=line,
            ),
        )
    for block in blocks:
        if not block.complete:
            errors.add(
                block.line,
                Text(
                    gettext_noop(
                        "the card that begins on line {line} has no END:VCARD; the file may "
                        "be cut off. Export the contacts again."
                    ),
                    line=block.line,
                ),
            )
            continue
        try:
            contact = _contact(block.line, normalise(block.lines))
        except Exception as exc:  # noqa: BLE001 - vobject raises many kinds
            reason = _reason(exc)
            errors.add(
                block.line,
                Text(
                    gettext_noop("the card that begins on line {line} cannot be read ({reason})."),
                    line=block.line,
                    reason=reason,
                ),
            )
            continue
        if contact is None:
            result.skipped += 1
        else:
            result.records.append(contact)
    result.errors = errors.finish()
    return result


def _reason(exc: Exception) -> Text:
    """Why a card failed: our own (translatable) words, or vobject's, shortened."""
    if exc.args and isinstance(exc.args[0], Text):
        return exc.args[0]
    return Text(_AT_LINE.sub("", str(exc)).strip()[:160] or type(exc).__name__)


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return " ".join(_text(v) for v in value if v).strip()
    return str(value).strip()


_ESCAPED = re.compile(r"\\(.)")
_UNESCAPED_SEMICOLON = re.compile(r"(?<!\\);")
#: Structured properties whose components are separated by ";".
_STRUCTURED = frozenset({"n", "org", "adr"})
#: The properties this importer reads; others (PHOTO, NOTE, ...) are never decoded.
_READ = frozenset(
    {"n", "fn", "org", "title", "role", "email", "tel", "url", "x-socialprofile", "x-ablabel"}
)


def _unescape(value: str) -> str:
    return _ESCAPED.sub(lambda m: "\n" if m.group(1) in "nN" else m.group(1), value)


@dataclass(frozen=True, slots=True)
class _Property:
    """One content line, as vobject's line parser reads it, with text unescaped."""

    value: str | list[str]
    group: str | None
    params: dict[str, list[str]]


def _properties(card_text: str) -> dict[str, list[_Property]]:
    """Content lines by lower-case name, read with vobject's own line parser.

    vobject's ``readOne`` builds a component tree and runs every property's
    behaviour; on an address book that is nearly all the import time.  Its
    line parser (``getLogicalLines`` + ``parseLine``) is about ten times
    faster and handles the same folding, groups and parameters.
    """
    from vobject.base import getLogicalLines, parseLine  # local: importing stays cheap

    contents: dict[str, list[_Property]] = {}
    depth = 0
    for line, number in getLogicalLines(io.StringIO(card_text)):
        name, raw_params, value, group = parseLine(line, number)
        key = name.lower()
        if key in ("begin", "end"):
            depth += 1 if key == "begin" else -1
            continue
        params: dict[str, list[str]] = {}
        for param in raw_params:
            if len(param) == 1:  # vCard 2.1 bare parameter: TEL;CELL:...
                params.setdefault("TYPE", []).append(param[0])
            else:
                params.setdefault(param[0].upper(), []).extend(param[1:])
        if key in _READ and {e.upper() for e in params.get("ENCODING", [])} & {"B", "BASE64"}:
            value = _base64_text(value, params)
        if key in _STRUCTURED:
            parsed: str | list[str] = [_unescape(v) for v in _UNESCAPED_SEMICOLON.split(value)]
        else:
            parsed = _unescape(value)
        contents.setdefault(key, []).append(_Property(parsed, group, params))
    if depth != 0:
        raise ValueError(Text(gettext_noop("a BEGIN inside the card has no matching END")))
    return contents


def _base64_text(value: str, params: dict[str, list[str]]) -> str:
    charset = (params.get("CHARSET") or ["utf-8"])[0]
    try:
        return binascii.a2b_base64(value.encode("ascii"), strict_mode=True).decode(charset)
    except (binascii.Error, UnicodeError, LookupError, ValueError):
        raise ValueError(Text(gettext_noop("a base64-encoded value cannot be decoded"))) from None


def _contact(line: int, card_text: str) -> Contact | None:
    contents = _properties(card_text)
    first = last = ""
    for item in contents.get("n", [])[:1]:
        family, given, additional = ([*item.value, "", "", ""])[:3]
        first, last = _text(given), last_with_particles(_text(additional), _text(family))
    if not (first or last):
        full = next((_text(i.value) for i in contents.get("fn", []) if _text(i.value)), "")
        first, last = split_full_name(full)

    company = department = ""
    for item in contents.get("org", [])[:1]:
        org = [_text(o) for o in item.value]
        company = org[0] if org else ""
        department = next((o for o in org[1:] if o), "")
    position = next(
        (
            _text(i.value)
            for key in ("title", "role")
            for i in contents.get(key, [])
            if _text(i.value)
        ),
        "",
    )
    emails = unique([_strip_scheme(_text(i.value), "mailto:") for i in contents.get("email", [])])
    phones = unique([_strip_scheme(_text(i.value), "tel:") for i in contents.get("tel", [])])
    if not (first or last or emails or phones or company):
        return None
    return make_contact(
        line=line,
        source=SOURCE,
        first_name=first,
        last_name=last,
        emails=emails,
        phones=phones,
        linkedin_url=_linkedin(contents),
        company=company,
        department=department,
        position=position,
    )


def _strip_scheme(value: str, scheme: str) -> str:
    return value[len(scheme) :].strip() if value.lower().startswith(scheme) else value


def _linkedin(contents: dict) -> str:
    """The LinkedIn profile among URL and X-SOCIALPROFILE lines, labelled or recognised."""
    labels = {
        (i.group or "").lower(): _text(i.value).lower() for i in contents.get("x-ablabel", [])
    }
    fallback = ""
    for key in ("x-socialprofile", "url"):
        for item in contents.get(key, []):
            url = unescape_url(_text(item.value))
            if is_linkedin_url(url):
                return url
            types = {t.lower() for t in item.params.get("TYPE", [])}
            labelled = labels.get((item.group or "").lower(), "") == "linkedin"
            if not fallback and ("linkedin" in types or labelled) and "linkedin" in url.lower():
                fallback = url
    return fallback
