"""The occupation taxonomy: which occupation a job title names, and how close two titles are.

Occupations have Dutch and English labels ("verpleegkundige", "nurse",
"registered nurse") and belong to one of about thirty families ("inspection",
"nursing and care", ...); families name related families.  This follows the
ESCO/ISCO idea of occupations with multilingual alternative labels under
broader groups [1]_ [2]_, reduced to what employer networks exchange.

A title is read as follows:

1. its words are stemmed (:mod:`weakties.matching.text`), and the longest
   labels found in it are taken ("senior beleidsmedewerker ruimtelijke
   ordening" names *policy advisor*);
2. two adjacent words are also tried joined ("software ontwikkelaar" is
   "softwareontwikkelaar");
3. a word that names no occupation is split as a Dutch compound and its head
   tried ("brandveiligheidsinspecteur" -> "inspecteur" -> *inspector*);
4. if no occupation is found, family keywords ("klantenservice", "magazijn")
   still place the title in a family.

A few titles are ambiguous and deliberately name two occupations ("machinist"
is a train driver in Dutch and a machine operator in English; a "security
officer" guards a building or a network).

Two titles are then as close as their closest occupations:
same occupation 1.0, same family 0.7, related families 0.35, else 0
(:func:`occupation_similarity`).

References
----------
.. [1] European Commission (2017). ESCO: European Skills, Competences,
   Qualifications and Occupations. https://esco.ec.europa.eu/
.. [2] International Labour Office (2012). *ISCO-08*. Geneva: ILO.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache
from typing import TYPE_CHECKING

import numpy as np

from weakties.translatable import gettext_noop

from . import catalogue

if TYPE_CHECKING:
    import scipy.sparse as sp
from .text import compound_parts, stem, tokens

__all__ = [
    "FAMILY_NAMES",
    "occupation_table",
    "SAME_FAMILY",
    "SAME_OCCUPATION",
    "RELATED_FAMILY",
    "TitleProfile",
    "occupation_similarity",
    "read_title",
]

SAME_OCCUPATION = 1.0
SAME_FAMILY = 0.7
RELATED_FAMILY = 0.35

# Family names as they appear in explanations ("Both are {family} roles").
# Marked here, not in the CSV, so that makemessages finds them.
FAMILY_NAMES: dict[str, str] = {
    "inspection": gettext_noop("inspection and enforcement"),
    "environment": gettext_noop("environment and spatial planning"),
    "policy": gettext_noop("policy and public administration"),
    "legal": gettext_noop("legal"),
    "finance": gettext_noop("finance and accounting"),
    "hr": gettext_noop("HR"),
    "communication": gettext_noop("marketing and communication"),
    "sales": gettext_noop("sales"),
    "customer_service": gettext_noop("customer service"),
    "office": gettext_noop("office and administration"),
    "software": gettext_noop("software development"),
    "it_ops": gettext_noop("IT infrastructure and support"),
    "data": gettext_noop("data and analytics"),
    "nursing": gettext_noop("nursing and care"),
    "medical": gettext_noop("medical and paramedical"),
    "social": gettext_noop("social work and welfare"),
    "education": gettext_noop("education and childcare"),
    "logistics": gettext_noop("logistics and warehouse"),
    "transport": gettext_noop("transport and driving"),
    "construction": gettext_noop("construction and civil engineering"),
    "installation": gettext_noop("technical installation and maintenance"),
    "manufacturing": gettext_noop("production and manufacturing"),
    "engineering": gettext_noop("engineering and design"),
    "hospitality": gettext_noop("hospitality and catering"),
    "food": gettext_noop("food processing"),
    "retail": gettext_noop("retail"),
    "security": gettext_noop("security and public safety"),
    "agriculture": gettext_noop("agriculture, green spaces and animals"),
    "cleaning": gettext_noop("cleaning and facility services"),
    "management": gettext_noop("management and projects"),
    "research": gettext_noop("research and laboratory"),
    "creative": gettext_noop("design and creative"),
}


@dataclass(frozen=True)
class TitleProfile:
    """What a title says about the occupation.

    ``occupations`` maps each occupation found to the words of the title that
    named it; ``families`` holds the families of those occupations and of any
    family keyword.
    """

    occupations: tuple[tuple[str, str], ...] = ()  # (occupation id, words in the title)
    families: frozenset[str] = frozenset()
    occupation_ids: frozenset[str] = frozenset()

    @property
    def known(self) -> bool:
        return bool(self.families)


@cache
def _index() -> tuple[dict[tuple[str, ...], frozenset[str]], int]:
    labels: dict[tuple[str, ...], set[str]] = {}
    for occupation in catalogue.occupations():
        for label in occupation.labels_nl + occupation.labels_en:
            key = tuple(stem(word) for word in tokens(label))
            if key:
                labels.setdefault(key, set()).add(occupation.id)
    longest = max(len(key) for key in labels)
    return {key: frozenset(ids) for key, ids in labels.items()}, longest


@cache
def _keywords() -> tuple[dict[tuple[str, ...], frozenset[str]], int]:
    keywords: dict[tuple[str, ...], set[str]] = {}
    for family in catalogue.families():
        for keyword in family.keywords:
            key = tuple(stem(word) for word in tokens(keyword))
            if key:
                keywords.setdefault(key, set()).add(family.id)
    return {key: frozenset(ids) for key, ids in keywords.items()}, max(map(len, keywords))


@cache
def family_of() -> dict[str, str]:
    return {occupation.id: occupation.family for occupation in catalogue.occupations()}


@cache
def related_families() -> dict[str, frozenset[str]]:
    related: dict[str, set[str]] = {
        family.id: set(family.related) for family in catalogue.families()
    }
    for family, others in list(related.items()):
        for other in others:
            related.setdefault(other, set()).add(family)  # related is symmetric
    return {family: frozenset(others) for family, others in related.items()}


def _scan(words: tuple[str, ...], index: dict, longest: int) -> list[tuple[int, int, frozenset]]:
    """Longest labels of ``index`` in ``words``, left to right, not overlapping."""
    stems = tuple(stem(word) for word in words)
    found = []
    i = 0
    while i < len(stems):
        for size in range(min(longest, len(stems) - i), 0, -1):
            ids = index.get(stems[i : i + size])
            if ids:
                found.append((i, i + size, ids))
                i += size
                break
            if size == 2:  # "software ontwikkelaar" -> "softwareontwikkelaar"
                ids = index.get((stem(words[i] + words[i + 1]),))
                if ids:
                    found.append((i, i + 2, ids))
                    i += 2
                    break
        else:
            i += 1
    return found


def read_title(title: str, text: str = "") -> TitleProfile:
    """Find the occupations and families a job title names.

    ``text`` is only used for family keywords when the title names nothing.

    Examples
    --------
    >>> p = read_title("Vleesinspecteur")
    >>> sorted(p.occupation_ids), sorted(p.families)
    (['food inspector'], ['inspection'])
    >>> sorted(read_title("Brandveiligheidsinspecteur").occupation_ids)
    ['inspector']
    >>> sorted(read_title("Registered Nurse").occupation_ids)
    ['nurse']
    """
    profile = _read_title(title)
    if profile.known or not text:
        return profile
    keyword_index, keyword_longest = _keywords()
    families: set[str] = set()
    for _, _, ids in _scan(tokens(text), keyword_index, keyword_longest):
        families |= ids
    return TitleProfile(profile.occupations, frozenset(families), profile.occupation_ids)


@lru_cache(maxsize=1 << 16)
def _read_title(title: str) -> TitleProfile:
    index, longest = _index()
    words = tokens(title)
    occupations: dict[str, str] = {}
    covered: set[int] = set()
    for start, end, ids in _scan(words, index, longest):
        covered.update(range(start, end))
        for occupation in ids:
            occupations.setdefault(occupation, " ".join(words[start:end]))
    for i, word in enumerate(words):
        if i in covered:
            continue
        parts = compound_parts(word)
        for size in range(len(parts) - 1, 0, -1):  # longest head first
            head = index.get((stem("".join(parts[-size:])),)) or (
                index.get(tuple(stem(p) for p in parts[-size:]))
            )
            if head:
                for occupation in head:
                    occupations.setdefault(occupation, word)
                break
    families = {family_of()[occupation] for occupation in occupations}
    keyword_index, keyword_longest = _keywords()
    rest = tuple(word for i, word in enumerate(words) if i not in covered)
    for _, _, ids in _scan(rest, keyword_index, keyword_longest):
        families |= ids
    for word in rest:
        for part in compound_parts(word):
            families |= keyword_index.get((stem(part),), frozenset())
    return TitleProfile(
        tuple(sorted(occupations.items())), frozenset(families), frozenset(occupations)
    )


@lru_cache(maxsize=1 << 18)
def occupation_similarity(a: TitleProfile, b: TitleProfile) -> tuple[float, str, str, str]:
    """How close two titles are by occupation, and why.

    Returns ``(score, code, family, shared)``: ``code`` is ``"synonym"`` (same
    occupation), ``"family"``, ``"related"`` or ``""``; ``family`` the family id
    behind it (for "related": ``"a|b"``).

    Examples
    --------
    >>> occupation_similarity(read_title("Vleesinspecteur"), read_title("Wegeninspecteur"))[:2]
    (0.7, 'family')
    >>> occupation_similarity(read_title("verpleegkundige"), read_title("nurse"))[:2]
    (1.0, 'synonym')
    """
    shared = a.occupation_ids & b.occupation_ids
    if shared:
        occupation = min(shared)
        return SAME_OCCUPATION, "synonym", family_of()[occupation], occupation
    families = a.families & b.families
    if families:
        return SAME_FAMILY, "family", min(families), ""
    related = related_families()
    for family in sorted(a.families):
        others = related.get(family, frozenset()) & b.families
        if others:
            return RELATED_FAMILY, "related", f"{family}|{min(others)}", ""
    return 0.0, "", "", ""


def occupation_table(a: list[TitleProfile], b: list[TitleProfile]) -> np.ndarray:
    """:func:`occupation_similarity` scores of all profile pairs, as a float32 matrix.

    Computed with sparse products: shared occupations, shared families, and
    families related through the (symmetric) relation matrix.
    """
    import scipy.sparse as sp  # only the bulk table needs it (start-up: issue 11)

    occupation_ids = {o.id: i for i, o in enumerate(catalogue.occupations())}
    family_ids = {f: i for i, f in enumerate(sorted(FAMILY_NAMES))}

    def incidence(profiles: list[TitleProfile], attr: str, ids: dict[str, int]) -> sp.csr_matrix:
        rows, cols = [], []
        for r, profile in enumerate(profiles):
            for value in getattr(profile, attr):
                rows.append(r)
                cols.append(ids[value])
        values = np.ones(len(rows), np.float32)
        return sp.csr_matrix((values, (rows, cols)), shape=(len(profiles), len(ids)))

    related = related_families()
    r_rows = [family_ids[f] for f, others in related.items() for _ in others]
    r_cols = [family_ids[o] for others in related.values() for o in others]
    relation = sp.csr_matrix(
        (np.ones(len(r_rows), np.float32), (r_rows, r_cols)), shape=(len(family_ids),) * 2
    )
    a_occ, b_occ = (
        incidence(a, "occupation_ids", occupation_ids),
        incidence(b, "occupation_ids", occupation_ids),
    )
    a_fam, b_fam = incidence(a, "families", family_ids), incidence(b, "families", family_ids)
    table = np.zeros((len(a), len(b)), np.float32)
    table[((a_fam @ relation) @ b_fam.T).toarray() > 0] = RELATED_FAMILY
    table[(a_fam @ b_fam.T).toarray() > 0] = SAME_FAMILY
    table[(a_occ @ b_occ.T).toarray() > 0] = SAME_OCCUPATION
    return table
