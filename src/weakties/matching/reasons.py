"""Reasons in plain words: the sentence templates and :func:`explain`.

Every template is English and marked with ``gettext_noop`` so that Django's
``makemessages`` finds it; parameters are ``{name}`` placeholders, filled after
translation.  The Django layer passes ``gettext`` as ``translate``::

    from django.utils.translation import gettext
    explain(match.reasons, translate=gettext)

Family names (``params["family"]``, ``"family_a"``, ``"family_b"``) are
translatable too (:data:`weakties.matching.taxonomy.FAMILY_NAMES`); all other
parameters are user data and shown as they are.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import lru_cache

from weakties.translatable import gettext_noop

from .levels import NEUTRAL as LEVEL_NEUTRAL
from .records import Reason
from .regions import RegionMatch
from .taxonomy import FAMILY_NAMES

__all__ = [
    "TRANSLATED_PARAMS",
    "explain",
    "level_reason",
    "occupation_reason",
    "region_reason",
    "skills_reason",
    "words_reason",
]

TRANSLATED_PARAMS = frozenset({"family", "family_a", "family_b"})

SAME_OCCUPATION = gettext_noop("Same occupation ({supply_title} ~ {demand_title}).")
SAME_FAMILY = gettext_noop("Both are {family} roles ({supply_title} ~ {demand_title}).")
SAME_TITLE = gettext_noop("Same job ({title}).")
RELATED_FAMILIES = gettext_noop(
    "Related fields: {family_a} / {family_b} ({supply_title} ~ {demand_title})."
)
SHARED_SKILLS = gettext_noop("Shared skills: {skills}.")
SHARED_WORDS = gettext_noop("Similar words in title or description: {words}.")
SAME_PLACE = gettext_noop("Both in {place}.")
INSIDE = gettext_noop("{city} lies in {area}.")
KM_APART = gettext_noop("{km} km apart ({supply_place} – {demand_place}).")
COUNTRY_WIDE = gettext_noop("Country-wide ({supply_place} – {demand_place}).")
REGION_UNKNOWN = gettext_noop("Region unknown on one side or both; counted as neutral.")
SAME_LEVEL = gettext_noop("Same level ({level}).")
LEVELS = gettext_noop("Levels {supply_level} and {demand_level}.")
LEVEL_UNKNOWN = gettext_noop("Level unknown on one side or both; counted as neutral.")


@lru_cache(maxsize=1 << 16)
def occupation_reason(
    score: float, code: str, family: str, supply_title: str, demand_title: str
) -> Reason:
    params = {"supply_title": supply_title, "demand_title": demand_title}
    if code == "synonym" and supply_title == demand_title:
        return Reason("synonym", score, SAME_TITLE, {"title": supply_title})
    if code == "synonym":
        return Reason("synonym", score, SAME_OCCUPATION, params)
    if code == "family":
        return Reason("family", score, SAME_FAMILY, {**params, "family": FAMILY_NAMES[family]})
    a, _, b = family.partition("|")
    return Reason(
        "related",
        score,
        RELATED_FAMILIES,
        {**params, "family_a": FAMILY_NAMES[a], "family_b": FAMILY_NAMES[b]},
    )


def skills_reason(score: float, names: Sequence[str]) -> Reason:
    return Reason("skills", score, SHARED_SKILLS, {"skills": ", ".join(names)})


def words_reason(code: str, score: float, words: Sequence[str]) -> Reason:
    return Reason(code, score, SHARED_WORDS, {"words": ", ".join(words)})


@lru_cache(maxsize=1 << 16)
def region_reason(match: RegionMatch) -> Reason:
    if match.relation == "unknown":
        return Reason("region", match.score, REGION_UNKNOWN, {})
    if match.relation == "same":
        return Reason("region", match.score, SAME_PLACE, {"place": match.supply_place})
    if match.relation == "inside":
        return Reason(
            "region", match.score, INSIDE, _inside(match.supply_place, match.demand_place)
        )
    if match.relation == "country":
        return Reason(
            "region",
            match.score,
            COUNTRY_WIDE,
            {"supply_place": match.supply_place, "demand_place": match.demand_place},
        )
    return Reason(
        "region",
        match.score,
        KM_APART,
        {
            "km": str(round(match.km or 0.0)),
            "supply_place": match.supply_place,
            "demand_place": match.demand_place,
        },
    )


def _inside(a: str, b: str) -> dict[str, str]:
    from . import catalogue

    kinds = {place.name: place.kind for place in catalogue.places()}
    return {"city": a, "area": b} if kinds.get(a) == "city" else {"city": b, "area": a}


@lru_cache(maxsize=1 << 16)
def level_reason(score: float, supply_level: str, demand_level: str) -> Reason:
    if score == LEVEL_NEUTRAL and not (supply_level and demand_level):
        return Reason("level", score, LEVEL_UNKNOWN, {})
    if score == 1.0 and supply_level.lower() == demand_level.lower():
        return Reason("level", score, SAME_LEVEL, {"level": demand_level})
    return Reason(
        "level", score, LEVELS, {"supply_level": supply_level, "demand_level": demand_level}
    )


def _identity(message: str) -> str:
    return message


def explain(reasons: Sequence[Reason], translate: Callable[[str], str] = _identity) -> str:
    """The reasons as plain sentences, translated with ``translate`` (``gettext``).

    Examples
    --------
    >>> r = [Reason("skills", 0.5, SHARED_SKILLS, {"skills": "HACCP, rapporteren"}),
    ...      Reason("family", 0.7, SAME_FAMILY, {"family": "inspection and enforcement",
    ...             "supply_title": "vleesinspecteur", "demand_title": "wegeninspecteur"})]
    >>> explain(r)
    'Shared skills: HACCP, rapporteren. Both are inspection and enforcement roles (vleesinspecteur ~ wegeninspecteur).'
    >>> explain(r[:1], translate={SHARED_SKILLS: "Gedeelde vaardigheden: {skills}."}.get)
    'Gedeelde vaardigheden: HACCP, rapporteren.'
    """
    if translate is _identity:
        return " ".join(reason.message.format(**reason.params) for reason in reasons)
    sentences = []
    for reason in reasons:
        params = {
            key: ((translate(value) or value) if key in TRANSLATED_PARAMS else value)
            for key, value in reason.params.items()
        }
        template = translate(reason.message) or reason.message
        try:
            sentences.append(template.format(**params))
        except (KeyError, IndexError, ValueError):
            # A broken translation must not hide the match: fall back to English.
            sentences.append(reason.message.format(**reason.params))
    return " ".join(sentences)
