"""vCard files (.vcf), versions 2.1, 3.0 and 4.0, read with vobject.

Handled: quoted-printable 2.1 values with soft line breaks and ``CHARSET``,
folded lines, Apple's grouped ``item1.URL`` + ``item1.X-ABLabel:LinkedIn``
and escaped ``https\\://``, ``X-SOCIALPROFILE;type=linkedin:...``,
``ORG:Company;Department``, ``TITLE``, ``EMAIL``, ``TEL`` (also ``tel:``
URIs), ``N`` and ``FN`` (a card with only ``FN`` has it split).

A card that describes an organisation, not a person, is skipped with a
warning that names it: vCard 4 ``KIND:org`` (also ``group`` and
``location``, and Apple's ``X-ADDRESSBOOKSERVER-KIND:group``), Apple's
company card (``X-ABShowAs:COMPANY`` with an empty ``N``), and a card
without a person's name whose ``FN`` is its ``ORG``.  An ``EMAIL`` value
that is no address is left out with a warning.

Every vobject call is guarded: a content line vobject cannot read is left
out with a warning, and a card that is left with nothing to import becomes a
:class:`RowError` on the line of its ``BEGIN:VCARD``.
"""

from __future__ import annotations

import binascii
import io
import re
from dataclasses import dataclass

from ..translatable import gettext_noop
from .errors import RowErrors, RowWarnings
from .records import Contact, ParseResult, Text, make_contact
from .values import (
    is_email,
    is_linkedin_url,
    last_with_particles,
    split_full_name,
    unescape_url,
    unique,
)
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
    warnings = RowWarnings()
    legacy = encoding == "cp1252"
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
            card = _card(block.line, normalise(block.lines, legacy=legacy))
        except Exception as exc:  # noqa: BLE001 - vobject raises many kinds
            errors.add(block.line, _unreadable(block.line, _reason(exc)))
            continue
        for note in card.notes:
            warnings.add(block.line, note)
        if card.contact is not None:
            result.records.append(card.contact)
        elif card.unreadable is not None:
            errors.add(block.line, _unreadable(block.line, card.unreadable))
        else:
            result.skipped += 1
    result.errors = errors.finish()
    result.warnings = warnings.finish()
    return result


def _unreadable(line: int, reason: Text) -> Text:
    return Text(
        gettext_noop("the card that begins on line {line} cannot be read ({reason})."),
        line=line,
        reason=reason,
    )


def _reason(exc: Exception) -> Text:
    """Why a card failed: our own (translatable) words, or vobject's, shortened."""
    if exc.args and isinstance(exc.args[0], Text):
        return exc.args[0]
    return Text(_AT_LINE.sub("", str(exc)).strip()[:160] or type(exc).__name__)


#: Parameter values one line may carry (real cards carry a few: TYPE=WORK,VOICE,PREF).
MAX_PARAMETER_VALUES = 16


def _check_parameters(line: str) -> None:
    """Refuse a line whose parameters vobject's pattern would take exponential time to read.

    vobject reads a line with one regular expression whose parameter values
    nest two repetitions; on a line with many quoted values that does not
    match, it backtracks exponentially (18 values: 0.15 s, 40: never ends;
    found by ``bench/fuzz.py``).  Only the part before the value, the first
    ``:`` outside quotes, is counted.
    """
    quoted = False
    commas = quotes = 0
    for char in line:
        if char == '"':
            quoted = not quoted
            quotes += 1
        elif char == ":" and not quoted:
            break
        elif char == ",":
            commas += 1
    if commas > MAX_PARAMETER_VALUES or quotes > 2 * MAX_PARAMETER_VALUES:
        raise ValueError(
            Text(
                gettext_noop("a line with more than {count} parameter values"),
                count=MAX_PARAMETER_VALUES,
            )
        )


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
    {"n", "fn", "org", "title", "role", "email", "tel", "url", "x-socialprofile", "x-ablabel",
     "kind", "x-addressbookserver-kind", "x-abshowas"}
)  # fmt: skip
#: ``KIND`` values of cards that are not a person (RFC 6350 6.1.4; Apple's group kind).
_NOT_PEOPLE = frozenset({"org", "organization", "group", "location"})


def _unescape(value: str) -> str:
    return _ESCAPED.sub(lambda m: "\n" if m.group(1) in "nN" else m.group(1), value)


@dataclass(frozen=True, slots=True)
class _Property:
    """One content line, as vobject's line parser reads it, with text unescaped."""

    value: str | list[str]
    group: str | None
    params: dict[str, list[str]]


def _properties(card_text: str) -> tuple[dict[str, list[_Property]], list[Text]]:
    """Content lines by lower-case name, read with vobject's own line parser.

    vobject's ``readOne`` builds a component tree and runs every property's
    behaviour; on an address book that is nearly all the import time.  Its
    line parser (``getLogicalLines`` + ``parseLine``) is about ten times
    faster and handles the same folding, groups and parameters.

    Also returns why each line that could not be read was left out.
    """
    from vobject.base import getLogicalLines, parseLine  # local: importing stays cheap

    contents: dict[str, list[_Property]] = {}
    unreadable: list[Text] = []
    depth = 0
    for line, number in getLogicalLines(io.StringIO(card_text)):
        try:
            _check_parameters(line)
            name, raw_params, value, group = parseLine(line, number)
            key = name.lower()
            if key in ("begin", "end"):
                depth += 1 if key == "begin" else -1
                continue
            prop = _property(key, raw_params, value, group)
        except Exception as exc:  # noqa: BLE001 - vobject raises many kinds
            unreadable.append(_reason(exc))
            continue
        contents.setdefault(key, []).append(prop)
    if depth != 0:
        raise ValueError(Text(gettext_noop("a BEGIN inside the card has no matching END")))
    return contents, unreadable


def _property(key: str, raw_params: list, value: str, group: str | None) -> _Property:
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
    return _Property(parsed, group, params)


def _base64_text(value: str, params: dict[str, list[str]]) -> str:
    charset = (params.get("CHARSET") or ["utf-8"])[0]
    try:
        return binascii.a2b_base64(value.encode("ascii"), strict_mode=True).decode(charset)
    except (binascii.Error, UnicodeError, LookupError, ValueError):
        raise ValueError(Text(gettext_noop("a base64-encoded value cannot be decoded"))) from None


@dataclass(frozen=True, slots=True)
class _Card:
    """What one card gave: a contact, or nothing (skipped, or unreadable), and warnings."""

    contact: Contact | None
    notes: tuple[Text, ...] = ()
    unreadable: Text | None = None


def _card(line: int, card_text: str) -> _Card:
    contents, unreadable = _properties(card_text)
    notes = [_line_left_out(line, reason) for reason in unreadable]
    first, last, has_n = _name(contents)
    company, department = _organisation(contents)
    organisation = _organisation_card(contents, has_n, company)
    if organisation is not None:
        return _Card(None, (*notes, _not_a_person(line, organisation)))
    emails = []
    for item in contents.get("email", []):
        value = _strip_scheme(_text(item.value), "mailto:")
        if is_email(value):
            emails.append(value)
        elif value:
            notes.append(_not_an_email(line, value))
    phones = unique([_strip_scheme(_text(i.value), "tel:") for i in contents.get("tel", [])])
    if not (first or last or emails or phones or company):
        reason = unreadable[0] if unreadable else None
        return _Card(None, () if reason else tuple(notes), reason)
    contact = make_contact(
        line=line,
        source=SOURCE,
        first_name=first,
        last_name=last,
        emails=unique(emails),
        phones=phones,
        linkedin_url=_linkedin(contents),
        company=company,
        department=department,
        position=_position(contents),
    )
    return _Card(contact, tuple(notes))


def _name(contents: dict[str, list[_Property]]) -> tuple[str, str, bool]:
    """First and last name, from ``N`` or else split from ``FN``; and whether ``N`` gave one."""
    for item in contents.get("n", [])[:1]:
        family, given, additional = ([*item.value, "", "", ""])[:3]
        first, last = _text(given), last_with_particles(_text(additional), _text(family))
        if first or last:
            return first, last, True
    full = next((_text(i.value) for i in contents.get("fn", []) if _text(i.value)), "")
    first, last = split_full_name(full)
    return first, last, False


def _organisation(contents: dict[str, list[_Property]]) -> tuple[str, str]:
    """Company and department from the first ``ORG``."""
    for item in contents.get("org", [])[:1]:
        org = [_text(o) for o in item.value]
        company = org[0] if org else ""
        return company, next((o for o in org[1:] if o), "")
    return "", ""


def _position(contents: dict[str, list[_Property]]) -> str:
    return next(
        (
            _text(i.value)
            for key in ("title", "role")
            for i in contents.get(key, [])
            if _text(i.value)
        ),
        "",
    )


def _organisation_card(
    contents: dict[str, list[_Property]], has_n: bool, company: str
) -> str | None:
    """The name of the organisation (or group) the card describes, or ``None`` for a person."""
    full = next((_text(i.value) for i in contents.get("fn", []) if _text(i.value)), "")
    name = full or company
    kinds = {
        _text(i.value).lower()
        for key in ("kind", "x-addressbookserver-kind")
        for i in contents.get(key, [])
    }
    if kinds & _NOT_PEOPLE:
        return name
    if has_n:
        return None
    shown_as = {_text(i.value).upper() for i in contents.get("x-abshowas", [])}
    if "COMPANY" in shown_as and company:
        return company
    if company and full and full.casefold() == company.casefold():
        return company  # no person's name; the card's name is its organisation
    return None


def _line_left_out(line: int, reason: Text) -> Text:
    return Text(
        gettext_noop(
            "the card that begins on line {line} has a line that cannot be read ({reason}); "
            "that line was left out."
        ),
        line=line,
        reason=reason,
    )


def _not_a_person(line: int, name: str) -> Text:
    return Text(
        gettext_noop(
            "the card that begins on line {line} describes an organisation or group ({name}), "
            "not a person; it was skipped."
        ),
        line=line,
        name=name or "?",
    )


def _not_an_email(line: int, value: str) -> Text:
    return Text(
        gettext_noop(
            "the card that begins on line {line} has {value} as an e-mail address, which is "
            "not one; it was left out."
        ),
        line=line,
        value=repr(value[:80]),
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
