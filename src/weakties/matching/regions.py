"""Where a request is: a small gazetteer of Dutch and Belgian places, and distance as a score.

``data/places.csv`` holds the twelve Dutch and the ten Belgian provinces (plus
Brussels), the main cities of both countries, a few regions ("Randstad",
"Vlaanderen") and the countries themselves, with coordinates.  A free-text
region ("Utrecht e.o.", "regio Gent", "Den Haag / Rotterdam", "landelijk") is
read into one or more places; two requests are as close as their closest
places.

Distance is the great-circle (haversine) distance between coordinates.  A
province or region is an area, not a point: a city inside it is at distance 0,
and otherwise its radius is subtracted.  The score falls with distance as
``1 / (1 + (km / 40)^2)``: 0.92 at 12 km, 0.5 at 40 km (a long commute), 0.14
at 100 km.  A country-wide request ("landelijk", "heel Nederland") scores 0.8
against anywhere in that country.  An unknown region scores a neutral 0.5 and
the explanation says so.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import cache, lru_cache

from . import catalogue
from .text import fold

__all__ = [
    "NEUTRAL",
    "RegionMatch",
    "compare_regions",
    "distance_km",
    "read_region",
    "region_score",
]

NEUTRAL = 0.5
HALF_SCORE_KM = 40.0
NATIONWIDE = 0.8
_RADIUS_KM = {"city": 0.0, "province": 35.0, "region": 50.0}
_NOISE = re.compile(
    r"\b(?:regio|region|omgeving|omstreken|area|around|near|rond|rondom|provincie|province|"
    r"gemeente|municipality|stad|city|e\.?o\.?|centrum|centre|center|hybride|hybrid|of|or|en|and|"
    r"ook|also|thuiswerken|deels)\b"
)
_SPLIT = re.compile(r"[/,;|+&()]|\s[-–]\s|\s(?:of|or|en|and)\s")
_ANYWHERE = frozenset({"remote", "anywhere", "overal", "heel het land", "nationwide"})


@dataclass(frozen=True)
class RegionMatch:
    score: float
    km: float | None  # None when unknown or country-wide
    supply_place: str
    demand_place: str
    relation: str  # "same" | "inside" | "distance" | "country" | "unknown"


@cache
def _lookup() -> dict[str, int]:
    names: dict[str, int] = {}
    for i, place in enumerate(catalogue.places()):
        for name in (place.name, *place.aliases):
            names.setdefault(_clean(name), i)
    return names


def _clean(text: str) -> str:
    return " ".join(fold(text).replace("'s-", "s-").replace("-", " ").split())


@lru_cache(maxsize=1 << 14)
def read_region(text: str) -> tuple[int, ...]:
    """Indices of the places named in a free-text region (``()`` if none is known).

    Examples
    --------
    >>> from weakties.matching.catalogue import places
    >>> [places()[i].name for i in read_region("regio Den Haag / Rotterdam")]
    ['Den Haag', 'Rotterdam']
    >>> [places()[i].name for i in read_region("Utrecht e.o.")]
    ['Utrecht']
    >>> read_region("Atlantis")
    ()
    """
    names = _lookup()
    found: list[int] = []
    for part in _SPLIT.split(fold(text)):
        cleaned = _clean(part)
        if not cleaned:
            continue
        if cleaned in _ANYWHERE:
            found.append(names["nederland"])
            continue
        if cleaned in names:
            found.append(names[cleaned])
            continue
        cleaned = " ".join(_NOISE.sub(" ", cleaned).split())
        if cleaned in names:
            found.append(names[cleaned])
            continue
        # "Amsterdam Zuidoost", "werklocatie Utrecht": the longest known run of words.
        words = cleaned.split()
        best = None
        for size in range(len(words), 0, -1):
            for start in range(len(words) - size + 1):
                candidate = " ".join(words[start : start + size])
                if candidate in names:
                    best = names[candidate]
                    break
            if best is not None:
                break
        if best is not None:
            found.append(best)
    return tuple(dict.fromkeys(found))


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine, Earth radius 6371 km).

    Examples
    --------
    >>> round(distance_km(52.09, 5.12, 52.16, 5.39))   # Utrecht - Amersfoort
    20
    """
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(a))


def region_score(km: float) -> float:
    """Score of a distance: 1 at 0 km, 0.5 at 40 km."""
    return 1.0 / (1.0 + (km / HALF_SCORE_KM) ** 2)


@lru_cache(maxsize=1 << 16)
def _compare_places(i: int, j: int) -> RegionMatch:
    places = catalogue.places()
    a, b = places[i], places[j]
    if i == j:
        return RegionMatch(1.0, 0.0, a.name, b.name, "same")
    if a.kind == "country" or b.kind == "country":
        same = a.country == b.country
        return RegionMatch(NATIONWIDE if same else 0.3, None, a.name, b.name, "country")
    if a.kind != "city" and b.kind == "city" and b.province == a.name:
        return RegionMatch(0.95, 0.0, a.name, b.name, "inside")
    if b.kind != "city" and a.kind == "city" and a.province == b.name:
        return RegionMatch(0.95, 0.0, a.name, b.name, "inside")
    km = distance_km(a.lat, a.lon, b.lat, b.lon)
    km = max(0.0, km - _RADIUS_KM.get(a.kind, 0.0) - _RADIUS_KM.get(b.kind, 0.0))
    return RegionMatch(region_score(km), km, a.name, b.name, "distance")


@lru_cache(maxsize=1 << 16)
def compare_regions(a: tuple[int, ...], b: tuple[int, ...]) -> RegionMatch:
    """How close two requests are, from their :func:`read_region` places.

    Examples
    --------
    >>> m = compare_regions(read_region("Utrecht"), read_region("Amersfoort"))
    >>> round(m.km), round(m.score, 2)
    (20, 0.8)
    >>> compare_regions(read_region(""), read_region("Gent")).relation
    'unknown'
    """
    if not a or not b:
        return RegionMatch(NEUTRAL, None, "", "", "unknown")
    return max((_compare_places(i, j) for i in a for j in b), key=lambda m: m.score)
