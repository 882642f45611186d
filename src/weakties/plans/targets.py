"""What a plan's targets name: a company, a sector or a topic.

The employee writes targets as free text ("Rabobank", "zorg", "data
analysis").  Each is read the way a person would: a company weakties knows
(by its key, :func:`weakties.resolve.company_key`), else one of the sectors
weakties recognises (:data:`weakties.resolve.sectors.SECTORS`, with English
and common Dutch names), else a topic: words matched against positions,
skills and focus topics with Dutch/English stemming
(:func:`weakties.matching.text.terms`).
"""

from __future__ import annotations

from dataclasses import dataclass

from weakties.matching.text import fold, terms
from weakties.people.models import Company
from weakties.resolve import company_key
from weakties.resolve.sectors import SECTORS

__all__ = ["MAX_TARGETS", "Targets", "classify", "clean_targets", "matches_topic"]

#: A plan names at most this many targets: a focus, not a list of everything.
MAX_TARGETS = 10

#: Names people use for the sectors (folded), besides the keys themselves.
_SECTOR_NAMES = {
    "ict": "it",
    "tech": "it",
    "technology": "it",
    "technologie": "it",
    "software": "it",
    "financial services": "finance",
    "financien": "finance",
    "financiele dienstverlening": "finance",
    "banking": "finance",
    "banken": "finance",
    "banks": "finance",
    "insurance": "finance",
    "verzekeringen": "finance",
    "healthcare": "zorg",
    "health care": "zorg",
    "health": "zorg",
    "gezondheidszorg": "zorg",
    "care": "zorg",
    "government": "overheid",
    "public sector": "overheid",
    "publieke sector": "overheid",
    "education": "onderwijs",
    "detailhandel": "retail",
    "logistics": "logistiek",
    "transport": "logistiek",
    "energy": "energie",
    "construction": "bouw",
    "industry": "industrie",
    "manufacturing": "industrie",
    "maakindustrie": "industrie",
    "business services": "zakelijke dienstverlening",
    "consultancy": "zakelijke dienstverlening",
    "consulting": "zakelijke dienstverlening",
}


@dataclass(frozen=True)
class Targets:
    """A plan's targets sorted by kind: ``(text, company id)``, ``(text, sector)``, topic texts."""

    companies: tuple[tuple[str, int], ...] = ()
    sectors: tuple[tuple[str, str], ...] = ()
    topics: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.companies or self.sectors or self.topics)


def clean_targets(values: list[str] | tuple[str, ...]) -> list[str]:
    """Targets as stored: trimmed, split on commas, semicolons and new lines, no repeats."""
    out: list[str] = []
    seen: set[str] = set()
    for value in values:
        for part in str(value).replace("\n", ",").replace(";", ",").split(","):
            text = " ".join(part.split())[:120]
            if text and fold(text) not in seen:
                seen.add(fold(text))
                out.append(text)
    return out


def _sector(text: str) -> str:
    folded = " ".join(fold(text).split())
    if folded in SECTORS:
        return folded
    return _SECTOR_NAMES.get(folded, "")


def classify(targets: list[str]) -> Targets:
    """Each target as a company (one indexed look-up per target), a sector or a topic."""
    companies, sectors, topics = [], [], []
    keys = {t: company_key(t) for t in targets}
    known = dict(
        Company.objects.filter(key__in=[k for k in keys.values() if k]).values_list("key", "id")
    )
    for text in targets:
        sector = _sector(text)
        if sector:
            sectors.append((text, sector))
        elif keys[text] in known:
            companies.append((text, known[keys[text]]))
        elif terms(text):
            topics.append(text)
    return Targets(tuple(companies), tuple(sectors), tuple(topics))


def matches_topic(topic: str, text: str) -> bool:
    """Whether ``text`` (a position, skills) names every word of ``topic``, stemmed (nl/en)."""
    wanted = set(terms(topic))
    return bool(wanted) and wanted <= set(terms(text))
