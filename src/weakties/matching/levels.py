"""Job level as one ordinal, so that close levels score higher.

Dutch help requests state level in three vocabularies, often mixed:

* education: vmbo, mbo 1-4, havo/vwo, hbo (bachelor), wo (master), PhD;
* seniority: junior, medior, senior, lead/principal;
* the salary scale of the public sector ("schaal 10", BBRA/CAO Rijk scales 1-18).

All three are mapped onto the salary-scale axis, which is the one public
employers use to compare functions (the job-evaluation systems behind the
scales, e.g. FUWA Rijk, weigh education and complexity):

=================  ======  ===================  ======
education          scale   seniority            shift
=================  ======  ===================  ======
vmbo, mbo 1-2      4-5     junior, starter      -1
mbo 3              6       medior               0
mbo 4, mbo         7       senior               +2
havo, vwo          6       lead, principal      +3
hbo, bachelor      9       manager, hoofd       +3
wo, master         10
PhD                12
=================  ======  ===================  ======

Education plus seniority gives ``base + shift``; seniority alone shifts a
default of 9; an explicit scale wins.  Two levels score
``max(0, 1 - |a - b| / 5)``: one step apart 0.8, five steps apart 0.  An
unknown level on either side scores a neutral 0.5.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .text import fold

__all__ = ["NEUTRAL", "describe_level", "level_score", "read_level"]

NEUTRAL = 0.5
_STEPS_TO_ZERO = 5.0

_SCALE = re.compile(r"\b(?:schaal|salarisschaal|scale|bbra)\s*(\d{1,2})\b")
_MBO = re.compile(r"\bmbo(?:[\s-]*(?:niveau|level)?\s*([1-4]))?\b")
_EDUCATION = (
    (re.compile(r"\b(?:phd|promovendus|doctoraat|dr)\b"), 12),
    (re.compile(r"\b(?:wo|master|msc|ma|universitair|universiteit|university|academisch)\b"), 10),
    (re.compile(r"\b(?:hbo|bachelor|bsc|ba|hogeschool)\b"), 9),
    (re.compile(r"\b(?:havo|vwo)\b"), 6),
    (re.compile(r"\b(?:vmbo|lbo|basisonderwijs)\b"), 4),
)
_SENIORITY = (
    (re.compile(r"\b(?:lead|principal|hoofd|head|manager|teamleider|directeur|director)\b"), 3),
    (re.compile(r"\b(?:senior|sr|ervaren|experienced)\b"), 2),
    (re.compile(r"\b(?:medior|mid[\s-]?level)\b"), 0),
    (
        re.compile(
            r"\b(?:junior|jr|starter|trainee|stagiair|stagiaire|intern|werkervaringsplek|leerling)\b"
        ),
        -1,
    ),
)
_MBO_LEVELS = {None: 7, "1": 4, "2": 5, "3": 6, "4": 7}
_DEFAULT_BASE = 9


@lru_cache(maxsize=1 << 14)
def read_level(level: str, title: str = "") -> int | None:
    """The ordinal (salary-scale equivalent) of a level, or ``None`` if none is stated.

    The title is read too, for "Senior ..." or "Junior ..." when the level
    field is empty or only gives education.

    Examples
    --------
    >>> read_level("hbo"), read_level("wo"), read_level("mbo 4"), read_level("schaal 11")
    (9, 10, 7, 11)
    >>> read_level("hbo", "Senior beleidsmedewerker")
    11
    >>> read_level("", "Junior developer"), read_level("", "Developer")
    (8, None)
    """
    text = fold(f"{level} {title}")
    scale = _SCALE.search(text)
    if scale and 1 <= int(scale.group(1)) <= 18:
        return int(scale.group(1))
    base = None
    mbo = _MBO.search(text)
    if mbo:
        base = _MBO_LEVELS[mbo.group(1)]
    else:
        for pattern, value in _EDUCATION:
            if pattern.search(text):
                base = value
                break
    shift = None
    for pattern, value in _SENIORITY:
        if pattern.search(text):
            shift = value
            break
    if base is None and shift is None:
        return None
    return (_DEFAULT_BASE if base is None else base) + (shift or 0)


def level_score(a: int | None, b: int | None) -> float:
    """Closeness of two levels in [0, 1]; ``NEUTRAL`` when either is unknown.

    Examples
    --------
    >>> level_score(9, 9), level_score(9, 10), level_score(4, 12), level_score(None, 9)
    (1.0, 0.8, 0.0, 0.5)
    """
    if a is None or b is None:
        return NEUTRAL
    return max(0.0, 1.0 - abs(a - b) / _STEPS_TO_ZERO)


_TITLE_LEVEL = re.compile(
    r"\b(?:senior|sr|junior|jr|medior|ervaren|experienced|starter|trainee|lead|principal|"
    r"schaal\s*\d{1,2}|mbo(?:[\s-]*\d)?|hbo|wo)\b"
)


@lru_cache(maxsize=1 << 14)
def describe_level(level: str, title: str = "") -> str:
    """The level as shown to people: the level field, else the level word in the title.

    Examples
    --------
    >>> describe_level("hbo", "Senior adviseur"), describe_level("", "Senior adviseur")
    ('hbo', 'senior')
    >>> describe_level("", "Adviseur")
    ''
    """
    if level.strip():
        return level.strip()
    found = _TITLE_LEVEL.search(fold(title))
    return found.group(0) if found else ""
