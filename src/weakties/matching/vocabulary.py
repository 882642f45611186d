"""Word lists derived from the data files: which words are Dutch, which English, which are heads.

Used by :mod:`weakties.matching.text` to pick a stemmer per word and to split
Dutch compounds.  Kept apart from ``text`` so that the word lists are built
from folded, *unstemmed* words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from weakties.resolve.text import fold

from . import catalogue
from .stopwords import STOPWORDS_DUTCH, STOPWORDS_EN

__all__ = ["DUTCH_WORDS", "ENGLISH_WORDS", "HEADS", "KNOWN_WORDS", "NO_SPLIT"]

_WORD = re.compile(r"[a-z]+")


def _words(labels: Iterable[str]) -> set[str]:
    """The folded words of some labels."""
    out: set[str] = set()
    for label in labels:
        out.update(_WORD.findall(fold(label)))
    return out


def _build() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    dutch: set[str] = set(STOPWORDS_DUTCH)
    english: set[str] = set(STOPWORDS_EN)
    for occupation in catalogue.occupations():
        dutch |= _words(occupation.labels_nl)
        english |= _words(occupation.labels_en)
    for skill in catalogue.skills():
        dutch |= _words(skill.labels_nl)
        english |= _words(skill.labels_en)
    for family in catalogue.families():
        dutch |= _words(family.keywords)
    dutch |= _EXTRA_DUTCH
    english |= _EXTRA_ENGLISH
    # Heads: words of at least four letters that can end a Dutch compound.
    stop = set(STOPWORDS_DUTCH) | set(STOPWORDS_EN)
    heads = {w for w in dutch | english if len(w) >= 4 and w not in stop} | _EXTRA_HEADS
    return frozenset(dutch), frozenset(english - dutch), frozenset(heads)


# Common words of Dutch job texts and compound parts that the lists lack.
_EXTRA_DUTCH = frozenset(
    """
    vlees wegen weg brand veiligheid klanten klant dienst diensten zaken beleid
    magazijn winkel keuken school zorg jeugd wijk stad gemeente provincie rijk
    water bodem milieu bouw verkeer spoor haven lucht zee dieren dier voedsel
    kantoor balie toezicht onderhoud service installatie productie systeem
    software netwerk data project proces kwaliteit beheer advies leiding
    ervaring opleiding diploma certificaat rijbewijs regio fulltime parttime
    uur uren week maand maanden salaris schaal contract tijdelijk vast
    """.split()
)
_EXTRA_ENGLISH = frozenset(
    """
    the and experience skills team we are looking for our you your will with
    working hours month months salary contract temporary permanent opening
    years required preferred responsibilities including english dutch
    """.split()
)
_EXTRA_HEADS = frozenset(
    """
    medewerker adviseur inspecteur beheerder ontwikkelaar monteur chauffeur
    verkoper manager leider coordinator specialist consulent begeleider
    verpleegkundige verzorgende analist engineer technicus werker assistent
    planner controller ontwerper docent trainer coach agent officier
    """.split()
)
# Known words that look like compounds but are not split.
NO_SPLIT = frozenset(
    """
    medewerker onderzoeker onderwijs onderhoud ondersteuner verpleegkundige
    verzorgende verkoper beveiliger opzichter uitvoerder ontwikkelaar
    verkeersleider leidinggevende
    """.split()
)

DUTCH_WORDS, ENGLISH_WORDS, HEADS = _build()
KNOWN_WORDS = DUTCH_WORDS | ENGLISH_WORDS
