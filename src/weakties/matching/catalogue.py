"""Load the data files the matcher is built from (``matching/data/*.csv``).

* ``families.csv`` -- about thirty occupation families, the families each is
  related to, and Dutch/English keywords that point to a family when no
  occupation is named ("klantenservice", "warehouse").
* ``occupations.csv`` -- occupations with their Dutch and English titles,
  each in one family.  The grouping follows the idea of ESCO and ISCO-08 [1]_
  [2]_ (an occupation with alternative labels in several languages, under a
  broader group), simplified to what employer networks exchange.
* ``skills.csv`` -- skills and certificates with their Dutch and English names.
* ``places.csv`` -- a gazetteer of Dutch and Belgian provinces and main cities
  with coordinates (WGS84, degrees).

The files are plain CSV so that a coordinator can extend them without code.

References
----------
.. [1] European Commission (2017). ESCO: European Skills, Competences,
   Qualifications and Occupations. https://esco.ec.europa.eu/
.. [2] International Labour Office (2012). *International Standard
   Classification of Occupations: ISCO-08*. Geneva: ILO.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from importlib import resources

__all__ = ["Family", "Occupation", "Place", "Skill", "families", "occupations", "places", "skills"]


@dataclass(frozen=True)
class Family:
    id: str
    related: tuple[str, ...]
    keywords: tuple[str, ...]


@dataclass(frozen=True)
class Occupation:
    id: str
    family: str
    labels_nl: tuple[str, ...]
    labels_en: tuple[str, ...]


@dataclass(frozen=True)
class Skill:
    id: str
    labels_nl: tuple[str, ...]
    labels_en: tuple[str, ...]


@dataclass(frozen=True)
class Place:
    name: str
    aliases: tuple[str, ...]
    country: str
    province: str
    lat: float
    lon: float
    kind: str  # city | province | region | country


def _rows(name: str) -> list[dict[str, str]]:
    text = resources.files(__package__).joinpath("data", name).read_text(encoding="utf-8")
    return list(csv.DictReader(text.splitlines()))


def _split(value: str, sep: str = ";") -> tuple[str, ...]:
    return tuple(part.strip() for part in value.split(sep) if part.strip())


@cache
def families() -> tuple[Family, ...]:
    return tuple(
        Family(
            id=row["family"],
            related=_split(row["related"], " "),
            keywords=_split(row["keywords_nl"]) + _split(row["keywords_en"]),
        )
        for row in _rows("families.csv")
    )


@cache
def occupations() -> tuple[Occupation, ...]:
    return tuple(
        Occupation(
            id=row["occupation"],
            family=row["family"],
            labels_nl=_split(row["nl"]),
            labels_en=_split(row["en"]),
        )
        for row in _rows("occupations.csv")
    )


@cache
def skills() -> tuple[Skill, ...]:
    return tuple(
        Skill(id=row["skill"], labels_nl=_split(row["nl"]), labels_en=_split(row["en"]))
        for row in _rows("skills.csv")
    )


@cache
def places() -> tuple[Place, ...]:
    return tuple(
        Place(
            name=row["place"],
            aliases=_split(row["aliases"]),
            country=row["country"],
            province=row["province"],
            lat=float(row["lat"]),
            lon=float(row["lon"]),
            kind=row["kind"],
        )
        for row in _rows("places.csv")
    )
