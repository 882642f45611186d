"""Skills: one canonical name for "rijbewijs B", "B-rijbewijs" and "driving licence".

Skills are compared as canonical ids from ``data/skills.csv``.  A skill is
looked up by its stemmed words (:mod:`weakties.matching.text`); a spelling the
list does not know is compared with the known names by Levenshtein-based
similarity (rapidfuzz, cut-off 90 %) and otherwise kept as its own id, so that
two requests with the same unlisted skill still share it.

Skills named in a free text ("je hebt je VCA en rijbewijs B") are found by
scanning the text for the known names; very short or ambiguous names are only
taken from the skills field.

Two sets of skills are compared by the cosine of their idf-weighted binary
vectors [1]_ (:class:`weakties.matching.engine.Matcher` does this for all pairs
at once), so a shared rare skill (HACCP) counts more than a shared common one
(MS Office).

References
----------
.. [1] Salton, G. & Buckley, C. (1988). Term-weighting approaches in automatic
   text retrieval. *Information Processing & Management* 24(5).
"""

from __future__ import annotations

from functools import cache, lru_cache

from rapidfuzz import fuzz, process

from . import catalogue
from .text import fold, stem, tokens

__all__ = ["canonical_skill", "skill_set", "skills_in_text"]

_CUSTOM = "~"  # prefix of ids for skills the list does not know
# Names too short or too ambiguous to be taken from free text.
_NOT_IN_TEXT = frozenset(
    """
    r big bio ic word safe gas control huur video design cloud planning onderhoud
    koffie presentatie bediening controleren inspectie keuren lan be verkoop sales
    audit tax coaching training lean agile seh wft tra aml kyc gcp glp vsr adl
    """.split()
)


def _key(text: str) -> tuple[str, ...]:
    return tuple(stem(word) for word in tokens(text))


@cache
def _index() -> tuple[dict[tuple[str, ...], str], dict[str, str], list[str]]:
    by_key: dict[tuple[str, ...], str] = {}
    names: dict[str, str] = {}
    for skill in catalogue.skills():
        for label in skill.labels_nl + skill.labels_en:
            by_key.setdefault(_key(label), skill.id)
            names.setdefault(fold(label), skill.id)
    return by_key, names, list(names)


@lru_cache(maxsize=1 << 16)
def canonical_skill(name: str) -> str:
    """The canonical id of one skill name; ``""`` for an empty name.

    Examples
    --------
    >>> canonical_skill("Rijbewijs B"), canonical_skill("driving licence")
    ('driving licence b', 'driving licence b')
    >>> canonical_skill("voedselveiligheid") == canonical_skill("Food safety")
    True
    >>> canonical_skill("Rapportages")
    'reporting'
    >>> canonical_skill("Mastodon-beheer")
    '~mastodon beher'
    """
    key = _key(name)
    if not key:
        return ""
    by_key, names, choices = _index()
    if key in by_key:
        return by_key[key]
    folded = fold(name).strip()
    if len(folded) >= 5:
        best = process.extractOne(folded, choices, scorer=fuzz.ratio, score_cutoff=90)
        if best is not None:
            return names[best[0]]
    return _CUSTOM + " ".join(key)


@cache
def _phrases() -> tuple[dict[str, list[tuple[tuple[str, ...], str]]], int]:
    by_first: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for skill in catalogue.skills():
        for label in skill.labels_nl + skill.labels_en:
            folded = fold(label)
            if folded in _NOT_IN_TEXT or len(folded) < 3:
                continue
            key = _key(label)
            if key:
                by_first.setdefault(key[0], []).append((key, skill.id))
    for options in by_first.values():
        options.sort(key=lambda option: -len(option[0]))
    return by_first, 0


@lru_cache(maxsize=1 << 16)
def skills_in_text(text: str) -> tuple[tuple[str, str], ...]:
    """Known skills named in a free text, as ``(skill id, words used)``.

    Examples
    --------
    >>> [skill for skill, _ in skills_in_text("Je hebt rijbewijs B en kennis van HACCP.")]
    ['driving licence b', 'haccp']
    """
    words = tokens(text)
    stems = tuple(map(stem, words))
    by_first, _ = _phrases()
    if by_first.keys().isdisjoint(stems):
        return ()
    found: dict[str, str] = {}
    end = 0
    for i, first in enumerate(stems):
        if i < end or first not in by_first:
            continue
        for key, skill in by_first[first]:
            if stems[i : i + len(key)] == key:
                found.setdefault(skill, " ".join(words[i : i + len(key)]))
                end = i + len(key)
                break
    return tuple(found.items())


def skill_set(skills: tuple[str, ...], text: str = "") -> dict[str, str]:
    """Canonical skills of a request, each with the words that named it.

    The skills field comes first; skills found in ``text`` are added.

    Examples
    --------
    >>> skill_set(("HACCP", "rapporteren"), "Rijbewijs B is een pré.")
    {'haccp': 'HACCP', 'reporting': 'rapporteren', 'driving licence b': 'rijbewijs b'}
    """
    out: dict[str, str] = {}
    for name in skills:
        skill = canonical_skill(name)
        if skill:
            out.setdefault(skill, name.strip())
    for skill, words in skills_in_text(text):
        out.setdefault(skill, words)
    return out
