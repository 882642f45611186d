"""vCard (``.vcf``) address-book exports, one file with many cards, CRLF.

``3.0`` (Apple Contacts)
    ``PRODID:-//Apple Inc.//macOS ...``, ``N``/``FN``, ``ORG:Company;Department``,
    ``EMAIL;type=INTERNET;type=WORK;type=pref:``, the LinkedIn profile as a
    grouped ``item1.URL:https\\://www.linkedin.com/in/...`` with
    ``item1.X-ABLabel:LinkedIn`` (Apple escapes the colon), text escaped per
    RFC 2426, lines folded at 75 octets (RFC 2425 §5.8.1).
``2.1`` (Android)
    Non-ASCII values written as ``CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE``
    with ``=`` soft line breaks (RFC 2045 §6.7); ``TEL;CELL:``, ``EMAIL;HOME:``.
``4.0`` (RFC 6350)
    ``TYPE=`` parameters, ``X-SOCIALPROFILE;type=linkedin:``, a ``UID``, folded
    at 75 octets.

The ground truth records the line of each card's ``BEGIN:VCARD``.
"""

from __future__ import annotations

import random
from pathlib import Path

from ..model import SynthPerson
from .noise import Look, Noise, is_personal

__all__ = ["VERSIONS", "fold", "quoted_printable", "write_vcard"]

VERSIONS = ("3.0", "2.1", "4.0")
_SAFE = frozenset(range(33, 127)) - {ord("=")}


def fold(line: str, limit: int = 75) -> list[str]:
    """Fold one content line into physical lines of at most ``limit`` octets.

    Continuation lines start with one space (counted in the limit); a
    multi-byte UTF-8 character is never split.
    """
    data = line.encode("utf-8")
    if len(data) <= limit:
        return [line]
    out: list[str] = []
    pos = 0
    width = limit
    while pos < len(data):
        end = min(pos + width, len(data))
        while end < len(data) and (data[end] & 0xC0) == 0x80:
            end -= 1
        chunk = data[pos:end].decode("utf-8")
        out.append(chunk if not out else " " + chunk)
        pos = end
        width = limit - 1
    return out


def _qp_value(text: str) -> list[str]:
    """Quoted-printable tokens of ``text`` (one token per literal char or ``=XX``)."""
    data = text.encode("utf-8")
    tokens = []
    for i, b in enumerate(data):
        if b in _SAFE or (b == 32 and i != len(data) - 1):
            tokens.append(chr(b))
        else:
            tokens.append(f"={b:02X}")
    return tokens


def quoted_printable(prefix: str, components: list[str], limit: int = 76) -> list[str]:
    """``prefix`` + QP-encoded ``;``-joined components, soft-broken at ``limit`` chars."""
    tokens: list[str] = []
    for i, c in enumerate(components):
        if i:
            tokens.append(";")
        tokens += _qp_value(c)
    lines: list[str] = []
    current = prefix
    for t in tokens:
        if len(current) + len(t) > limit - 1:
            lines.append(current + "=")
            current = ""
            if t == " ":
                t = "=20"  # a continuation line must not start with white space
        current += t
    lines.append(current)
    return lines


def _esc(text: str) -> str:
    return text.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;")


def _esc21(text: str) -> str:
    return text.replace(";", "\\;")


def _uid(r: random.Random) -> str:
    h = f"{r.getrandbits(128):032x}"
    return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-a{h[17:20]}-{h[20:]}".upper()


def _card(version: str, lk: Look, person: SynthPerson, r: random.Random) -> list[str]:
    """One card, with the properties, order and escaping of the program writing ``version``."""
    n_parts = [lk.last, lk.first, lk.middle, "", lk.suffix]
    fn = " ".join(x for x in (lk.first, lk.middle, lk.last) if x)
    if lk.suffix:
        fn += f", {lk.suffix}"
    lines = ["BEGIN:VCARD", f"VERSION:{version}"]
    if version == "2.1":
        lines += _android_properties(lk, n_parts, fn)
    else:
        if version == "3.0":
            content = _apple_properties(lk, n_parts, fn)
        else:
            content = _rfc6350_properties(lk, n_parts, fn)
        if version == "4.0":
            content.append(f"UID:urn:uuid:{_uid(r)}")
        for c in content:
            lines += fold(c)
    lines.append("END:VCARD")
    return lines


def _android_properties(lk: Look, n_parts: list[str], fn: str) -> list[str]:
    """vCard 2.1 lines as Android writes them: quoted-printable where not ASCII."""

    def prop(name: str, parts: list[str]) -> list[str]:
        if all(p.isascii() for p in parts):
            return [f"{name}:" + ";".join(_esc21(p) for p in parts)]
        return quoted_printable(f"{name};CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:", parts)

    lines = prop("N", n_parts) + prop("FN", [fn])
    if lk.phone:
        lines.append(f"TEL;CELL:{lk.phone}")
    for e in lk.emails:
        lines.append(f"EMAIL;{'HOME' if is_personal(e) else 'WORK'}:{e}")
    if lk.company:
        lines += prop("ORG", [lk.company, lk.department] if lk.department else [lk.company])
    if lk.position:
        lines += prop("TITLE", [lk.position])
    if lk.url:
        lines.append(f"URL:{lk.url}")
    return lines


def _apple_properties(lk: Look, n_parts: list[str], fn: str) -> list[str]:
    """vCard 3.0 content lines (unfolded) as Apple Contacts writes them."""
    content = [
        "PRODID:-//Apple Inc.//macOS 14.6.1//EN",
        "N:" + ";".join(_esc(p) for p in n_parts),
        f"FN:{_esc(fn)}",
    ]
    if lk.company:
        content.append(f"ORG:{_esc(lk.company)};{_esc(lk.department)}")
    if lk.position:
        content.append(f"TITLE:{_esc(lk.position)}")
    for i, e in enumerate(lk.emails):
        kind = "home" if is_personal(e) else "work"
        pref = ";type=pref" if i == 0 else ""
        content.append(f"EMAIL;type=INTERNET;type={kind.upper()}{pref}:{e}")
    if lk.phone:
        content.append(f"TEL;type=CELL;type=VOICE;type=pref:{lk.phone}")
    if lk.url:
        content.append("item1.URL:" + lk.url.replace(":", "\\:"))
        content.append("item1.X-ABLabel:LinkedIn")
    return content


def _rfc6350_properties(lk: Look, n_parts: list[str], fn: str) -> list[str]:
    """vCard 4.0 content lines (unfolded, without the UID) with ``TYPE=`` parameters."""
    content = [f"FN:{_esc(fn)}", "N:" + ";".join(_esc(p) for p in n_parts)]
    if lk.company:
        if lk.department:
            content.append(f"ORG:{_esc(lk.company)};{_esc(lk.department)}")
        else:
            content.append(f"ORG:{_esc(lk.company)}")
    if lk.position:
        content.append(f"TITLE:{_esc(lk.position)}")
    for e in lk.emails:
        kind = "home" if is_personal(e) else "work"
        content.append(f"EMAIL;TYPE={kind}:{e}")
    if lk.phone:
        content.append(f"TEL;TYPE=cell:{lk.phone}")
    if lk.url:
        content.append(f"X-SOCIALPROFILE;type=linkedin:{lk.url}")
    return content


def write_vcard(
    path: Path, version: str, people: list[SynthPerson], noise: Noise
) -> tuple[dict[int, int], int]:
    """Write all ``people`` as cards of one vCard ``version`` into ``path``.

    Returns the ground truth (line of each ``BEGIN:VCARD`` → person id) and
    the number of cards.
    """
    out: list[str] = []
    truth: dict[int, int] = {}
    for person in people:
        lk = noise.look(
            person,
            middle=0.1,
            suffix_field=True,
            email=1.0,
            url=0.5 if version != "2.1" else 0.1,
            phone=0.9,
            alt_email=0.6,
            drop_email=0.12,
            drop_company=0.15,
            drop_position=0.3,
            drop_phone=0.05,
        )
        truth[len(out) + 1] = person.id
        out += _card(version, lk, person, noise.r)
    path.write_bytes(("\r\n".join(out) + "\r\n").encode("utf-8"))
    return truth, len(people)
