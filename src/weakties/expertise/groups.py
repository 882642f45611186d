"""Sectors and regions a query may name, and how a reason says them (Dutch and English).

Companies carry a sector key (the Dutch labels of
:data:`weakties.resolve.sectors.SECTORS`) and a metropolitan region
(:data:`weakties.resolve.sectors.REGION_TOWNS`), read from their names at
import time.  A query names a sector in either language ("zorg",
"healthcare", "banken") and a region by its name or one of its towns
("Tilburg" lies in the Eindhoven region, as :func:`weakties.resolve.sectors.region_of`
reads it).
"""

from __future__ import annotations

from functools import cache

from django.utils.translation import gettext_noop

from weakties.resolve.sectors import REGION_TOWNS, SECTORS, region_of
from weakties.resolve.text import fold

__all__ = ["SECTOR_WHERE", "sector_named", "region_named", "ngrams"]

#: Words that name each sector, in Dutch and English.
_SECTOR_WORDS = {
    "it": "it;ict;tech;technology;technologie;software;digital;digitaal;it sector;tech sector",
    "finance": "finance;financial;financial services;financiele sector;financiële sector;"
    "financiële dienstverlening;banking;banks;banken;bank;insurance;verzekeraars;verzekeringen",
    "zorg": "zorg;healthcare;health care;gezondheidszorg;ziekenhuizen;hospitals",
    "overheid": "overheid;government;public sector;publieke sector;gemeenten;ministeries;rijksoverheid",
    "onderwijs": "onderwijs;education;universiteiten;universities;scholen;schools;hogescholen",
    "retail": "retail;detailhandel;winkels;shops;e-commerce;ecommerce",
    "logistiek": "logistiek;logistics;transport;supply chain",
    "energie": "energie;energy;utilities;nutsbedrijven",
    "bouw": "bouw;construction;bouwsector;vastgoed;real estate",
    "industrie": "industrie;industry;manufacturing;maakindustrie;productie",
    "zakelijke dienstverlening": "zakelijke dienstverlening;business services;professional services;"
    "consultancy;consulting;adviesbureaus",
    "media": "media;publishing;uitgeverijen;omroepen",
}

#: How a reason says "in the sector": "knows 40 people in healthcare".
SECTOR_WHERE = {
    "it": gettext_noop("in IT"),
    "finance": gettext_noop("in finance"),
    "zorg": gettext_noop("in healthcare"),
    "overheid": gettext_noop("in government"),
    "onderwijs": gettext_noop("in education"),
    "retail": gettext_noop("in retail"),
    "logistiek": gettext_noop("in logistics"),
    "energie": gettext_noop("in energy"),
    "bouw": gettext_noop("in construction"),
    "industrie": gettext_noop("in industry"),
    "zakelijke dienstverlening": gettext_noop("in business services"),
    "media": gettext_noop("in media"),
}
assert set(SECTOR_WHERE) == set(SECTORS) == set(_SECTOR_WORDS)


@cache
def _sector_index() -> dict[str, str]:
    return {
        fold(word): sector
        for sector, words in _SECTOR_WORDS.items()
        for word in words.split(";")
        if word
    }


def ngrams(text: str, *, longest: int = 4) -> list[str]:
    """The runs of up to ``longest`` words of ``text``, longest first (folded, no punctuation)."""
    words = fold(text).replace(",", " ").split()[:12]
    return [
        " ".join(words[i : i + n])
        for n in range(min(longest, len(words)), 0, -1)
        for i in range(len(words) - n + 1)
    ]


def sector_named(text: str) -> str:
    """The sector a query (or a run of its words) names, or ``""``.

    Examples
    --------
    >>> sector_named("healthcare"), sector_named("mensen in de zorg"), sector_named("python")
    ('zorg', 'zorg', '')
    """
    index = _sector_index()
    return next((index[g] for g in ngrams(text) if g in index), "")


def region_named(text: str) -> str:
    """The region a query names by its name or one of its towns, or ``""``.

    Examples
    --------
    >>> region_named("Tilburg"), region_named("data science")
    ('Eindhoven', '')
    """
    if not text.strip():
        return ""
    found = region_of(text)
    if found:
        return found
    folded = {fold(region): region for region in REGION_TOWNS}
    return next((folded[g] for g in ngrams(text) if g in folded), "")
