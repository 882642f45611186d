"""The "why" of each introduction: two or three sentences in the reader's language.

A page of 50 suggestions says about ten fixed phrases per row.  Django's
``gettext`` looks up the active language through a context-local on every
call, which cost more than the search's SQL (issue 9: ~500 calls, 1.3 ms per
request).  The phrases are therefore translated once per language into a
table (:func:`phrases`) and only formatted per row.  The texts stay literal
``_()`` calls, so ``makemessages`` still finds them.

The sentences cite what the ranking rests on: Granovetter (1973) for weak
ties, and Rajkumar et al. (2022, *Science* 377) for intensity and the
inverted U over mutual connections.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from django.conf import settings
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from weakties.network.paths import JOB_PURPOSES, intensity_of, mutual_position
from weakties.people.selectors.ranked_ties import RankedTie

__all__ = ["phrases", "why", "why_mutual"]

SOURCE_NAMES = {
    "linkedin": "LinkedIn",
    "google": "Google",
    "outlook": "Outlook",
    "vcard": "vCard",
    "mbox": "email",
    "ics": "calendar",
}


def phrases() -> dict[str, str]:
    """The fixed phrases in the active language (translated once per language)."""
    return _table(get_language() or settings.LANGUAGE_CODE)


@lru_cache(maxsize=32)
def _table(language: str) -> dict[str, str]:  # noqa: ARG001 - the cache's key
    return {
        "at": _("%(position)s at %(company)s"),
        "since": _(" since %(year)s"),
        "knows": _("%(who)s knows %(contact)s (%(at)s) through %(sources)s%(since)s."),
        "this_contact": _("this contact"),
        "position_unknown": _("position unknown"),
        "an_import": _("an import"),
        "strong": _("a strong tie"),
        "moderate": _("a moderate tie"),
        "weak": _("a weak tie"),
        "dormant": _("a dormant tie"),
        "unknown": _("a tie of unknown strength"),
        "role": _("Their position matches the role you are looking for."),
        "job_unknown": _(
            "Too little is known of this tie to give it a tier, so its intensity counts "
            "as middling."
        ),
        "job_strong": _(
            "It is %(tier)s, of high intensity: close contacts mostly know what you already "
            "know, so it ranks lower for new leads (by intensity, the weakest ties helped "
            "most, Rajkumar et al. 2022)."
        ),
        "job_weak": _(
            "It is %(tier)s, of low intensity: by intensity the weakest ties brought job "
            "leads most often (Rajkumar et al. 2022)."
        ),
        "senior": _("a senior role"),
        "sales": _("a sales conversation"),
        "vouch": _(
            "It is %(tier)s, and for %(reason)s a colleague who can vouch for you counts most."
        ),
        "stronger": _("It is %(tier)s; for %(reason)s a stronger tie would carry more weight."),
        # Dutch and English both say "1" in the singular and every other number in the plural
        "shared_one": ngettext(
            "They share %(n)s mutual connection in the data",
            "They share %(n)s mutual connections in the data",
            1,
        ),
        "shared_many": ngettext(
            "They share %(n)s mutual connection in the data",
            "They share %(n)s mutual connections in the data",
            2,
        ),
        "no_mutual": _(
            "No mutual connection shows in the data; job leads came most often through ties "
            "with about %(peak)s of them (Rajkumar et al. 2022, scaled to how complete our "
            "data is)."
        ),
        "near_peak": _(
            ", near the %(peak)s at which job leads peaked (Rajkumar et al. 2022, scaled to how "
            "complete our data is)."
        ),
        "few": _(
            ", fewer than the %(peak)s at which job leads peaked: the contact may know your "
            "colleague too little to help."
        ),
        "many": _(
            ", more than the %(peak)s at which job leads peaked: their circle overlaps much "
            "with ours, so their news is less often new."
        ),
    }


def why(row: RankedTie, tier: str, purpose: str, relation: str, p: dict[str, str]) -> str:
    """Who knows whom, through what and since when; then what the tie's tier means here."""
    who = row.employee_first_name or row.employee_email
    contact = " ".join(x for x in (row.person_first_name, row.person_last_name) if x)
    at = (
        p["at"] % {"position": row.position, "company": row.company}
        if row.position and row.company
        else row.position or row.company
    )
    sources = ", ".join(SOURCE_NAMES.get(s, s) for s in row.sources)
    since = p["since"] % {"year": row.connected_on.year} if row.connected_on else ""
    first = p["knows"] % {
        "who": who,
        "contact": contact or p["this_contact"],
        "at": at or p["position_unknown"],
        "sources": sources or p["an_import"],
        "since": since,
    }
    if relation == "role":
        first += " " + p["role"]
    return f"{first} {_tier_sentence(row, tier, purpose, p)}"


def _tier_sentence(row: RankedTie, tier: str, purpose: str, p: dict[str, str]) -> str:
    tier_text = p[tier] if tier in ("strong", "moderate", "weak", "dormant") else p["unknown"]
    if purpose in JOB_PURPOSES:
        intensity = "unknown" if tier in ("", "unknown") else intensity_of(row.strength or 0.0)
        if intensity == "unknown":
            return p["job_unknown"]
        key = "job_strong" if intensity == "strong" else "job_weak"
        return p[key] % {"tier": tier_text}
    values = {"tier": tier_text, "reason": p["senior"] if purpose == "senior" else p["sales"]}
    return (p["vouch"] if tier == "strong" else p["stronger"]) % values


def why_mutual(row: dict[str, Any], purpose: str, peak: float, p: dict[str, str]) -> str:
    """The sentence on the tie's mutual connections (Rajkumar et al. 2022's inverted U)."""
    n = int(row["mutual_connections"])
    values = {"n": n, "peak": f"{peak:.0f}" if peak >= 1.5 else f"{peak:.1f}"}
    shared = p["shared_one" if n == 1 else "shared_many"] % values
    if purpose not in JOB_PURPOSES:
        return shared + "."
    if n == 0:
        return p["no_mutual"] % values
    return shared + p[mutual_position(n, peak)] % values
