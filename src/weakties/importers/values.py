"""Cleaning the values inside records: names, e-mail lists, LinkedIn URLs.

Names follow Dutch and Belgian usage: surname particles ("van den", "de",
"'t", "ter") belong to the last name, so ``"Jan van den Berg"`` splits into
``("Jan", "van den Berg")`` and Outlook's middle name ``"van den"`` is put in
front of the last name.
"""

from __future__ import annotations

import re

__all__ = [
    "PARTICLES",
    "clean",
    "emails_in",
    "is_email",
    "is_linkedin_url",
    "last_with_particles",
    "split_full_name",
    "split_multi",
    "unescape_url",
    "unique",
]

#: Surname particles (tussenvoegsels) in Dutch, Flemish, German and French names.
PARTICLES = frozenset(
    "van von de der den het 't ter ten te in op aan bij uit vd v.d. d' du des la le "
    "l' da di del della dos zu zum zur 's".split()
)
_TITLES = frozenset(
    "dhr dhr. mevr mevr. mw mw. mr mr. mrs mrs. ms ms. dr dr. drs drs. ir ir. ing ing. "
    "prof prof. ds ds. sir".split()
)
_SUFFIXES = frozenset("jr sr msc bsc phd mba llm ma ba ra jd md".split())
_MULTI = re.compile(r"\s*:::\s*|\s*;\s*")
_EMAIL = re.compile(r"[^@\s<>(),;:\"]+@[^@\s<>(),;:\"]+\.[^@\s<>(),;:\".]{2,}")


def clean(value: str | None) -> str:
    """Strip whitespace; ``None`` becomes ``""``."""
    return value.strip() if value else ""


def split_multi(value: str) -> list[str]:
    """Split a cell holding several values (Google's ``" ::: "`` or ``";"``)."""
    value = value.strip()
    if not value:
        return []
    if ":::" not in value and ";" not in value:
        return [value]
    return [v for v in _MULTI.split(value) if v]


def emails_in(cell: str) -> tuple[str, ...]:
    """The addresses in one cell, split and de-duplicated (fast for the common single value)."""
    value = cell.strip()
    if not value:
        return ()
    if ":::" not in value and ";" not in value:
        return (value,)
    return unique(_MULTI.split(value))


def unique(values: list[str]) -> tuple[str, ...]:
    """Drop empty and repeated values, keeping the first occurrence's order."""
    return tuple(dict.fromkeys(v for v in values if v))


def is_email(value: str) -> bool:
    """A plausible e-mail address: one ``@``, a dotted domain, no spaces."""
    return bool(_EMAIL.fullmatch(value))


def unescape_url(value: str) -> str:
    """Undo vCard escaping in a URL (Apple writes ``https\\://``)."""
    return value.replace("\\:", ":").replace("\\,", ",").replace("\\;", ";").strip()


def is_linkedin_url(value: str) -> bool:
    """Whether ``value`` points at a LinkedIn member profile (``/in/`` or ``/pub/``)."""
    low = value.lower()
    return "linkedin.com/in/" in low or "linkedin.com/pub/" in low


def last_with_particles(middle: str, last: str) -> str:
    """Put a middle name that consists of particles in front of the last name.

    Other middle names are dropped: the people we match against are known by
    first and last name (LinkedIn has no middle-name field).

    >>> last_with_particles("van den", "Berg")
    'van den Berg'
    >>> last_with_particles("Fitzgerald", "Kennedy")
    'Kennedy'
    """
    middle, last = middle.strip(), last.strip()
    if middle and all(p.lower() in PARTICLES for p in middle.split()):
        if not last.lower().startswith(middle.lower() + " "):
            return f"{middle} {last}".strip()
    return last


def _is_suffix(text: str) -> bool:
    bare = text.replace(".", "").replace(" ", "")
    return bare.isupper() or bare.lower() in _SUFFIXES


def split_full_name(name: str) -> tuple[str, str]:
    """Split a display name into first and last name.

    Leading titles ("dr.", "ir.", "Dhr.") are dropped; the last name starts at
    the first particle after the first word, otherwise it is the last word.
    ``"Berg, Jan van den"`` (last name first) is understood too.

    >>> split_full_name("Jan van den Berg")
    ('Jan', 'van den Berg')
    >>> split_full_name("Kees 't Hart")
    ('Kees', "'t Hart")
    >>> split_full_name("Berg, Jan van den")
    ('Jan', 'van den Berg')
    """
    name = " ".join(name.split())
    if not name:
        return "", ""
    if name.count(",") == 1:
        left, right = (p.strip() for p in name.split(","))
        if " " in left or not right or _is_suffix(right):
            name = left  # "Jan Jansen, MBA": drop the suffix
        else:  # "Berg, Jan van den": last name first
            words = right.split()
            cut = len(words)
            while cut > 1 and words[cut - 1].lower() in PARTICLES:
                cut -= 1
            return " ".join(words[:cut]), " ".join([*words[cut:], left])
    words = name.split()
    if not words:
        return "", ""
    while len(words) > 1 and words[0].lower() in _TITLES:
        words = words[1:]
    if len(words) == 1:
        return words[0], ""
    for i in range(1, len(words) - 1):
        if words[i].lower() in PARTICLES:
            return " ".join(words[:i]), " ".join(words[i:])
    return " ".join(words[:-1]), words[-1]
