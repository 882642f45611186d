"""Person names: cleaning for display and canonical keys for comparison.

Dutch and Belgian family names carry *particles* ("tussenvoegsels": van,
de, van der, in 't, ...) that exports place inconsistently: in the last-name
field ("Jan" / "van den Berg"), at the end of the first-name field
("Jan van den" / "Berg"), or inverted after a comma ("Berg, van den").  People
also decorate their names on LinkedIn with credentials ("MSc", "ir."), emoji
and pronouns.  This module removes the decorations and puts particles in one
canonical place (between given names and the rest of the family name), so
that all these spellings give the same key.

References
----------
.. [1] Christen, P. (2012). *Data Matching: Concepts and Techniques for
   Record Linkage, Entity Resolution, and Duplicate Detection*. Springer,
   ch. 3 (pre-processing of names).
.. [2] Fellegi, I. P. & Sunter, A. B. (1969). A Theory for Record Linkage.
   *Journal of the American Statistical Association* 64(328), 1183-1210.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache
from typing import NamedTuple

from rapidfuzz import fuzz

from .text import fold, normalize_apostrophes, remove_brackets, strip_decorations

__all__ = [
    "CREDENTIALS",
    "PARTICLES",
    "TITLES",
    "NameParts",
    "clean_first_name",
    "clean_last_name",
    "name_similarity",
    "parse_name",
    "person_name_key",
]

_CACHE_SIZE = 1 << 18

#: Name particles, folded and without apostrophes ("'t" is "t", "d'" is "d").
#: Multi-word particles ("van der", "in 't") are sequences of these.
PARTICLES: frozenset[str] = frozenset(
    {
        "van",
        "von",
        "vom",
        "vd",
        "vdr",
        "v",
        "der",
        "den",
        "de",
        "del",
        "della",
        "dela",
        "di",
        "da",
        "das",
        "dos",
        "du",
        "des",
        "le",
        "la",
        "les",
        "het",
        "t",
        "s",
        "ter",
        "ten",
        "te",
        "op",
        "in",
        "aan",
        "bij",
        "uit",
        "onder",
        "over",
        "voor",
        "d",
        "l",
        "el",
        "al",
        "zu",
        "zum",
        "zur",
        "y",
    }
)

#: Titles written before a name ("ir. Jan", "Dr Jan", "mr. drs. Els").
TITLES: frozenset[str] = frozenset(
    {
        "dr",
        "drs",
        "ir",
        "mr",
        "ing",
        "prof",
        "dhr",
        "mevr",
        "mw",
        "mevrouw",
        "meneer",
        "ds",
        "bc",
        "mrs",
        "ms",
        "miss",
        "sir",
        "kand",
        "lic",
    }
)

#: Credentials written after a name ("de Vries MSc", "Jansen, MBA").
CREDENTIALS: frozenset[str] = frozenset(
    {
        "msc",
        "bsc",
        "mba",
        "emba",
        "mpa",
        "mph",
        "phd",
        "dphil",
        "mphil",
        "mres",
        "bba",
        "llm",
        "llb",
        "lld",
        "meng",
        "beng",
        "cpa",
        "cfa",
        "acca",
        "cima",
        "pmp",
        "prince2",
        "cissp",
        "cism",
        "cisa",
        "cipp",
        "cippe",
        "cipm",
        "rba",
        "emfc",
        "cmc",
        "mcc",
        "pcc",
        "frsa",
        "jr",
        "sr",
        "iii",
        "drs",
        "prof",
    }
)

# Credentials that are also plausible name tokens ("Ma", "Re"); stripped at the
# end of a name only when written as a credential ("MA", "ing.") or after a
# comma.
_AMBIGUOUS_CREDENTIALS = frozenset(
    {"ma", "ba", "md", "ra", "re", "rc", "aa", "ri", "ir", "dr", "mr", "ing", "bc", "ii", "ms"}
)

_SEPARATOR = re.compile(r"[|\u2022\u00b7\u2014\u2015]|\s-{2,}\s")
_KEY_SPLIT = re.compile(r"[\W_]+")
_TOKEN_EDGES = ";:!?*_~"
_WORD = re.compile(r"[^\W_]")
_PLAIN_FIELD = re.compile(r"[A-Za-z][A-Za-z'.-]*(?: [A-Za-z][A-Za-z'.-]*)*")


def _plain(token: str) -> str:
    """Folded token without apostrophes and periods ("'t" -> "t", "M.Sc." -> "msc")."""
    return fold(token).replace("'", "").replace(".", "")


def _credential(token: str, *, strict: bool) -> bool:
    plain = _plain(token)
    pieces = [p for p in re.split(r"[/\-+&]", plain) if p]
    if not pieces:
        return False
    for piece in pieces:
        if piece in CREDENTIALS:
            continue
        if piece in _AMBIGUOUS_CREDENTIALS and (
            not strict or "." in token or (token.isupper() and len(token) > 1)
        ):
            continue
        return False
    return True


@lru_cache(maxsize=1 << 17)
def _token_info(token: str) -> tuple[bool, bool, bool, bool, bool, tuple[str, ...]]:
    """What a display token is: (particle, title, strict credential,
    credential after a comma, has a word character, its words in a key)."""
    plain = _plain(token)
    title_parts = [p for p in fold(token).replace("'", "").split(".") if p]
    return (
        plain in PARTICLES,
        bool(title_parts) and all(p in TITLES for p in title_parts),
        _credential(token, strict=True),
        _credential(token, strict=False),
        _WORD.search(token) is not None,
        tuple(w for w in _KEY_SPLIT.split(plain) if w),
    )


def _is_particle(token: str) -> bool:
    return _token_info(token)[0]


def _is_title(token: str) -> bool:
    return _token_info(token)[1]


def _is_credential(token: str, *, strict: bool) -> bool:
    info = _token_info(token)
    return info[2] if strict else info[3]


def _has_word(token: str) -> bool:
    return _token_info(token)[4]


def _tokens(value: str) -> tuple[list[str], list[str]]:
    """Split a name field into display tokens and comma-inverted particles."""
    inverted: list[str] = []
    if _PLAIN_FIELD.fullmatch(value):  # the common case: nothing to clean
        base = value.split()
    else:
        base, inverted = _cleaned_tokens(value)
    base = _trim_ends(base)
    return base, (inverted if base else [])


def _cleaned_tokens(value: str) -> tuple[list[str], list[str]]:
    """Tokens of a field that needs cleaning, and the particles written after a comma.

    Only the text before a separator counts, without brackets and decorations.
    A part after a comma is dropped when it holds credentials only ("Berg, MSc"),
    kept apart when it holds particles only ("Berg, van den"), else read as more name.
    """
    text = normalize_apostrophes(unicodedata.normalize("NFC", value))
    cut = _SEPARATOR.search(text)
    if cut:
        text = text[: cut.start()]
    parts = strip_decorations(remove_brackets(text)).split(",")
    base = parts[0].split()
    inverted: list[str] = []
    for part in parts[1:]:
        tokens = part.split()
        if not tokens or all(_is_credential(t, strict=False) for t in tokens):
            continue
        if all(_is_particle(t) for t in tokens):
            inverted.extend(tokens)
        else:
            base.extend(tokens)
    stripped = (t.strip(_TOKEN_EDGES) for t in base)
    return [t for t in stripped if t], inverted


def _trim_ends(base: list[str]) -> list[str]:
    """Drop leading titles and trailing credentials (keeping one token), then
    tokens without a word character at either end."""
    while len(base) > 1 and _is_title(base[0]):
        base.pop(0)
    while len(base) > 1 and _is_credential(base[-1], strict=True):
        base.pop()
    while base and not _has_word(base[-1]):
        base.pop()
    while base and not _has_word(base[0]):
        base.pop(0)
    return base


def _last_tokens(value: str) -> list[str]:
    return list(_last_tokens_cached(value))


def _first_tokens(value: str) -> list[str]:
    return list(_first_tokens_cached(value))


# Given names and family names recur across people far more than whole names
# do, so the tokens of each field are cached on their own.
@lru_cache(maxsize=_CACHE_SIZE)
def _last_tokens_cached(value: str) -> tuple[str, ...]:
    base, inverted = _tokens(value)
    trailing = 0
    while trailing < len(base) - 1 and _is_particle(base[len(base) - 1 - trailing]):
        trailing += 1
    if trailing and not all(_is_particle(t) for t in base[:-trailing]):
        base = base[-trailing:] + base[:-trailing]
    return (*inverted, *base)


@lru_cache(maxsize=_CACHE_SIZE)
def _first_tokens_cached(value: str) -> tuple[str, ...]:
    base, inverted = _tokens(value)
    return (*base, *inverted)


def _fixpoint(function: Callable[[str], str], value: str) -> str:
    """Apply ``function`` until the value stops changing (at most four times)."""
    for _ in range(4):
        again = function(value)
        if again == value:
            break
        value = again
    return value


@lru_cache(maxsize=_CACHE_SIZE)
def clean_last_name(value: str) -> str:
    """Return a last name for display, without credentials or decorations.

    Credentials ("MSc", "PhD", ", MBA"), leading titles ("dr.", "ir."),
    emoji, hashtags and bracketed asides ("(he/him)") are removed; particles
    written after the name ("Berg, van den" or "Berg van den") are moved to
    the front.  Case and diacritics are kept.

    Parameters
    ----------
    value : str
        The last-name field of an export.

    Returns
    -------
    str
        The cleaned last name, single-spaced.

    Examples
    --------
    >>> clean_last_name("de Vries MSc")
    'de Vries'
    >>> clean_last_name("Jansen, MBA")
    'Jansen'
    >>> clean_last_name("Smit \U0001f680")
    'Smit'
    >>> clean_last_name("Peters (he/him)")
    'Peters'
    >>> clean_last_name("Berg, van den")
    'van den Berg'
    >>> clean_last_name("Müller PhD")
    'Müller'
    """
    return _fixpoint(lambda v: " ".join(_last_tokens(v)), " ".join(_last_tokens(value)))


@lru_cache(maxsize=_CACHE_SIZE)
def clean_first_name(value: str) -> str:
    """Return a first name for display, without titles or decorations.

    Examples
    --------
    >>> clean_first_name("ir. Jan-Willem")
    'Jan-Willem'
    >>> clean_first_name("Zoë \u2728")
    'Zoë'
    """
    return _fixpoint(lambda v: " ".join(_first_tokens(v)), " ".join(_first_tokens(value)))


class NameParts(NamedTuple):
    """A person's name split for comparison and blocking.

    A named tuple of strings (immutable, hashable, and not tracked by the
    garbage collector, which matters when an index holds millions of them).

    Attributes
    ----------
    key : str
        Canonical full name: folded, single-spaced, particles between given
        names and the rest of the family name.
    given : str
        The given names part of ``key``.
    particles : str
        The leading particles of the family name ("van den").
    core : str
        The family name without leading particles ("berg").
    compact : str
        ``key`` without spaces ("janvandenberg"), so that "Jan-Willem",
        "Jan Willem" and "Janwillem" compare equal.
    """

    key: str
    given: str
    particles: str
    core: str
    compact: str


def _key_words(tokens: list[str]) -> list[str]:
    words: list[str] = []
    for token in tokens:
        words.extend(_token_info(token)[5])
    return words


def _split_full_name(tokens: list[str]) -> tuple[list[str], list[str]]:
    """Split "Jan Pieter de Vries" into given and family names."""
    for i in range(1, len(tokens)):
        if _is_particle(tokens[i]):
            return tokens[:i], tokens[i:]
    return tokens[:-1], tokens[-1:]


@lru_cache(maxsize=_CACHE_SIZE)
def parse_name(first_name: str, last_name: str) -> NameParts:
    """Parse a first and last name field into :class:`NameParts`.

    Particles at the end of the first-name field move to the family name.
    When one field is empty and the other holds a full name
    ("Jan de Vries"), the full name is split before its first particle or
    before its last word.

    Examples
    --------
    >>> parse_name("Jan van den", "Berg")
    NameParts(key='jan van den berg', given='jan', particles='van den', core='berg', compact='janvandenberg')
    >>> parse_name("Jan", "Berg, van den") == parse_name("Jan", "van den Berg")
    True
    >>> parse_name("Zoë", "Çelik MSc").key
    'zoe celik'
    """
    given = _first_tokens(first_name)
    family = _last_tokens(last_name)
    if family:
        while given and _is_title(given[0]):
            given.pop(0)
    while len(given) > 1 and _is_particle(given[-1]):
        family.insert(0, given.pop())
    if not family and len(given) > 1:
        given, family = _split_full_name(given)
    elif not given and len(family) > 1 and not _is_particle(family[0]):
        given, family = _split_full_name(family)
    given_words = _key_words(given)
    family_words = _key_words(family)
    lead = 0
    while lead < len(family_words) - 1 and family_words[lead] in PARTICLES:
        lead += 1
    key = " ".join(given_words + family_words)
    return NameParts(
        key=key,
        given=" ".join(given_words),
        particles=" ".join(family_words[:lead]),
        core=" ".join(family_words[lead:]),
        compact=key.replace(" ", ""),
    )


def person_name_key(first_name: str, last_name: str) -> str:
    """Return the canonical full name used to compare people.

    The key has no diacritics, credentials, titles or emoji, keeps particles
    in one canonical position (after the given names), is lowercase and
    single-spaced.  Hyphens, periods and apostrophes do not separate words
    differently across spellings ("Jan-Willem" gives "jan willem", "'t" gives
    "t").

    Parameters
    ----------
    first_name, last_name : str
        The name fields of a contact.

    Returns
    -------
    str
        The key, ``""`` when there is no name.

    Examples
    --------
    >>> person_name_key("Jan", "van den Berg")
    'jan van den berg'
    >>> person_name_key("Jan van den", "Berg")
    'jan van den berg'
    >>> person_name_key("jan", "Berg, Van Den")
    'jan van den berg'
    >>> person_name_key("Zoë", "de Vries MSc \U0001f680")
    'zoe de vries'
    >>> person_name_key("ir. Kees", "in \u2019t Veld")
    'kees in t veld'
    """
    return parse_name(first_name, last_name).key


def _particles_compatible(a: str, b: str) -> bool:
    if not a or not b or a == b:
        return True
    ca, cb = a.replace(" ", ""), b.replace(" ", "")
    initials_a = "".join(w[0] for w in a.split())
    initials_b = "".join(w[0] for w in b.split())
    return ca == initials_b or cb == initials_a


def name_similarity(a: NameParts, b: NameParts, score_cutoff: float = 0.0) -> float:
    """Similarity of two parsed names in [0, 1].

    Equal compact keys score 1.0.  Names with equal given names and equal
    core family names whose particles are compatible (one side has none, or
    one is the abbreviation of the other: "vd" and "van der") score 0.99.
    Otherwise the score is rapidfuzz's ``token_sort_ratio`` of the keys
    divided by 100, which tolerates a typo but not a different word order
    of particles (those are already canonical).

    Parameters
    ----------
    a, b : NameParts
        Parsed names (see :func:`parse_name`).
    score_cutoff : float
        Scores below this are returned as 0.0 (lets rapidfuzz stop early).

    Examples
    --------
    >>> name_similarity(parse_name("Jan", "van den Berg"), parse_name("Jan van den", "Berg"))
    1.0
    >>> name_similarity(parse_name("Jan", "v.d. Berg"), parse_name("Jan", "van der Berg"))
    0.99
    >>> round(name_similarity(parse_name("Pieter", "de Vries"), parse_name("Pieter", "de Vreis")), 3)
    0.933
    """
    if a.compact == b.compact:
        return 1.0
    if a.given == b.given and a.core == b.core and _particles_compatible(a.particles, b.particles):
        return 0.99 if 0.99 >= score_cutoff else 0.0
    return fuzz.token_sort_ratio(a.key, b.key, score_cutoff=score_cutoff * 100) / 100
