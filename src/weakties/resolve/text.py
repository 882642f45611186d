"""Text helpers shared by the name and company normalisers.

Two operations are needed everywhere in identity resolution: *folding* text
into a comparable form (lowercase, no diacritics) and *removing decorations*
that people add to their names on social media (emoji, pictographs, hashtags,
pronouns in brackets).  Both are pure functions of their input and cached.

References
----------
.. [1] Christen, P. (2012). *Data Matching: Concepts and Techniques for
   Record Linkage, Entity Resolution, and Duplicate Detection*. Springer,
   ch. 3 (data pre-processing).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = ["fold", "normalize_apostrophes", "remove_brackets", "strip_decorations"]

_CACHE_SIZE = 1 << 17

# Letters that NFKD does not decompose into a base letter plus a mark.
_SPECIAL_LETTERS = str.maketrans(
    {
        "ß": "ss",
        "ẞ": "ss",
        "ø": "o",
        "Ø": "O",
        "æ": "ae",
        "Æ": "AE",
        "œ": "oe",
        "Œ": "OE",
        "ł": "l",
        "Ł": "L",
        "đ": "d",
        "Đ": "D",
        "ð": "d",
        "Ð": "D",
        "þ": "th",
        "Þ": "Th",
        "ı": "i",
        "ħ": "h",
        "Ħ": "H",
    }
)

# Typographic apostrophes, and accents typed as one.  (A regular expression:
# ``str.translate`` with a dict table is slow on short non-ASCII strings.)
_APOSTROPHE_CHARS = re.compile("[\u2019\u2018\u201b\u02bc\u02bb\u2032`\u00b4]")

# Categories removed as decoration: symbols (emoji, arrows, currency, maths),
# format and control characters (zero-width joiners, direction marks), and
# private-use / unassigned / surrogate code points.
_DROP_CATEGORIES = frozenset({"So", "Sk", "Sm", "Sc", "Cf", "Cc", "Co", "Cs", "Cn"})
_ZERO_WIDTH_MARKS = frozenset({"\ufe0e", "\ufe0f", "\u20e3"})

_BRACKETS = re.compile(
    r"\([^)]*\)?|\[[^\]]*\]?|\{[^}]*\}?|\"[^\"]*\"?|\u201c[^\u201d]*\u201d?|\u201e[^\u201d\u201c]*[\u201d\u201c]?|\u00ab[^\u00bb]*\u00bb?"
)
_ASCII_SYMBOLS = str.maketrans("", "", "^~<>=+|$\\")
_ASCII_CONTROL = re.compile(r"[\x00-\x1f\x7f]+")
_TAGS = re.compile(r"(?<!\S)[#@]\S*")
_SPACES = re.compile(r"\s+")


def normalize_apostrophes(text: str) -> str:
    """Replace typographic apostrophes and accents used as such by ``'``.

    Examples
    --------
    >>> normalize_apostrophes("in \u2019t Veld")
    "in 't Veld"
    """
    if text.isascii():
        return text.replace("`", "'")
    return _APOSTROPHE_CHARS.sub("'", text)


def remove_brackets(text: str) -> str:
    """Remove bracketed and quoted asides such as pronouns or nicknames.

    An unclosed bracket removes the rest of the text.

    Examples
    --------
    >>> remove_brackets("Peters (he/him)").strip()
    'Peters'
    >>> " ".join(remove_brackets('Johannes "Hans" Smit').split())
    'Johannes Smit'
    """
    return _BRACKETS.sub(" ", text)


@lru_cache(maxsize=_CACHE_SIZE)
def strip_decorations(text: str) -> str:
    """Remove emoji, symbols, hashtags, handles and invisible characters.

    Letters, digits, marks on letters and ordinary punctuation are kept;
    whitespace is collapsed to single spaces and stripped.

    Examples
    --------
    >>> strip_decorations("Smit \U0001f680")
    'Smit'
    >>> strip_decorations("de Vries #OpenToWork")
    'de Vries'
    >>> strip_decorations("Zo\u00eb \u2764\ufe0f")
    'Zoë'
    """
    text = unicodedata.normalize("NFC", text)
    if not text.isascii():
        kept: list[str] = []
        dropped_previous = True
        for ch in text:
            cat = unicodedata.category(ch)
            if cat == "Cc" or cat == "Zl" or cat == "Zp":
                kept.append(" ")
                dropped_previous = True
                continue
            if cat in _DROP_CATEGORIES or ch in _ZERO_WIDTH_MARKS:
                dropped_previous = True
                continue
            if cat in ("Mn", "Me") and dropped_previous:
                continue  # a mark left over from a removed symbol
            dropped_previous = cat == "Zs"
            kept.append(ch)
        text = "".join(kept)
    else:
        text = _ASCII_CONTROL.sub(" ", text.translate(_ASCII_SYMBOLS))
    text = _TAGS.sub(" ", text)
    return _SPACES.sub(" ", text).strip()


@lru_cache(maxsize=_CACHE_SIZE)
def fold(text: str) -> str:
    """Fold text for comparison: no diacritics, lowercase, NFKC-compatible.

    Letters without a decomposition (ß, ø, æ, ł, ...) are transliterated.
    Other scripts are kept, lowercased.

    Examples
    --------
    >>> fold("Zoë Müller-Çelik")
    'zoe muller-celik'
    >>> fold("Ørsted ß")
    'orsted ss'
    """
    if text.isascii():
        return text.lower()
    folded = unicodedata.normalize("NFKD", text.translate(_SPECIAL_LETTERS)).casefold()
    folded = unicodedata.normalize("NFKD", folded.translate(_SPECIAL_LETTERS))
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", folded)
