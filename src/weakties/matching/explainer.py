"""Reasons for chosen pairs, built only for the top-k pairs and reusing what repeats.

Occupation, region, level and timing reasons depend only on the distinct
values of those features, so each is made once per pair of distinct values
(integer codes from :mod:`weakties.matching.features`) and shared by every
match with the same pair.  Skills and shared words are made per pair.
"""

from __future__ import annotations

import datetime

from .features import Features, TextIndex
from .levels import describe_level, level_score
from .reasons import (
    level_reason,
    occupation_reason,
    region_reason,
    skills_reason,
    words_reason,
)
from .records import Reason, Request
from .regions import compare_regions
from .taxonomy import TitleProfile, occupation_similarity
from .text import compound_parts, stem, tokens
from .timing import timing_reason

__all__ = ["Explainer"]


class Explainer:
    """Reasons and English sentences for pairs ``(i, j)`` of supply ``s`` and demand ``d``."""

    def __init__(
        self,
        s: Features,
        d: Features,
        text_index: TextIndex,
        today: datetime.date,
        timing: bool,
        surfaces: dict[int, dict[str, str]] | None = None,
    ) -> None:
        self.s, self.d, self.today, self.timing = s, d, today, timing
        self.s_profile = s.profile_code.tolist()
        self.d_profile = d.profile_code.tolist()
        self.s_place = s.place_level_keys[s.place_level_code, 0].tolist()
        self.d_place = d.place_level_keys[d.place_level_code, 0].tolist()
        # levels as shown (the field, else the title's level word), coded with their ordinal
        shown: dict[tuple[int | None, str], int] = {}
        self.s_level = [
            shown.setdefault((level, describe_level(r.level, r.title)), len(shown))
            for level, r in zip(s.levels, s.requests, strict=True)
        ]
        self.n_levels = len(shown)
        self.d_level = [
            shown.setdefault((level, describe_level(r.level, r.title)), len(shown))
            for level, r in zip(d.levels, d.requests, strict=True)
        ]
        self.shown_levels = {code: key for key, code in shown.items()}
        self.s_day = s.day_code.tolist()
        self.d_day = d.day_code.tolist()
        self.n_profiles = len(d.profile_keys) + 1
        self.n_places = len(d.place_keys) + 1
        self.n_days = len(d.day_keys) + 1
        # each cache holds (reason, its English sentence)
        self.occupation: dict[int, tuple[Reason, str] | None] = {}
        self.region: dict[int, tuple[Reason, str]] = {}
        self.level: dict[int, tuple[Reason, str]] = {}
        self.days: dict[int, tuple[Reason, str]] = {}
        self.terms_s: dict[int, frozenset[str]] = {}
        self.terms_d: dict[int, frozenset[str]] = {}
        self.surface = {} if surfaces is None else surfaces
        self.idf = {term: float(text_index.idf[k]) for term, k in text_index.vocabulary.items()}

    def reasons(self, i: int, j: int) -> tuple[Reason, ...]:
        return self.explained(i, j)[0]

    def explained(self, i: int, j: int) -> tuple[tuple[Reason, ...], str]:
        """The reasons of pair ``(i, j)`` and ``explain(reasons)`` in English."""
        s, d = self.s, self.d
        out: list[Reason] = []
        sentences: list[str] = []
        key = self.s_profile[i] * self.n_profiles + self.d_profile[j]
        if key in self.occupation:
            occupation = self.occupation[key]
        else:
            reason = _occupation(
                s.profiles[i], d.profiles[j], s.requests[i].title, d.requests[j].title
            )
            occupation = self.occupation[key] = None if reason is None else _said(reason)
        if occupation is not None:
            out.append(occupation[0])
            sentences.append(occupation[1])
        skills_s, skills_d = s.skills[i], d.skills[j]
        if skills_s and skills_d:
            shared = [skill for skill in skills_s if skill in skills_d]
            if shared:
                names = [skills_s[skill] for skill in shared[:6]]
                total = len(skills_s) + len(skills_d) - len(shared)
                reason = skills_reason(len(shared) / total, names)
                out.append(reason)
                sentences.append(reason.message.format(**reason.params))
        if occupation is None:  # words only when no occupation says it better
            words = self.shared_words(i, j)
            if words:
                reason = words_reason("title", min(1.0, len(words) / 3), words)
                out.append(reason)
                sentences.append(reason.message.format(**reason.params))
        key = self.s_place[i] * self.n_places + self.d_place[j]
        region = self.region.get(key)
        if region is None:
            region = self.region[key] = _said(
                region_reason(compare_regions(s.places[i], d.places[j]))
            )
        out.append(region[0])
        sentences.append(region[1])
        key = self.s_level[i] * (self.n_levels + len(self.shown_levels)) + self.d_level[j]
        level = self.level.get(key)
        if level is None:
            (ordinal_s, shown_s), (ordinal_d, shown_d) = (
                self.shown_levels[self.s_level[i]],
                self.shown_levels[self.d_level[j]],
            )
            level = self.level[key] = _said(
                level_reason(level_score(ordinal_s, ordinal_d), shown_s, shown_d)
            )
        out.append(level[0])
        sentences.append(level[1])
        if self.timing:
            key = self.s_day[i] * self.n_days + self.d_day[j]
            timing = self.days.get(key)
            if timing is None:
                supply, demand = s.requests[i], d.requests[j]
                timing = self.days[key] = _said(timing_reason(supply.date, demand.date, self.today))
            out.append(timing[0])
            sentences.append(timing[1])
        return tuple(out), " ".join(sentences)

    def shared_words(self, i: int, j: int, limit: int = 3) -> list[str]:
        terms_s = self.terms_s.get(i)
        if terms_s is None:
            terms_s = self.terms_s[i] = frozenset(t for t in self.s.text_terms[i] if t in self.idf)
        terms_d = self.terms_d.get(j)
        if terms_d is None:
            terms_d = self.terms_d[j] = frozenset(self.d.text_terms[j])
        shared = terms_s & terms_d
        if not shared:
            return []
        ranked = sorted(sorted(shared), key=self.idf.__getitem__, reverse=True)[:limit]
        surface = self.surface.get(j)
        if surface is None:
            surface = self.surface[j] = _surface(self.d.requests[j])
        return [surface.get(t, t) for t in ranked]


def _said(reason: Reason) -> tuple[Reason, str]:
    return reason, reason.message.format(**reason.params)


def _occupation(a: TitleProfile, b: TitleProfile, title_a: str, title_b: str) -> Reason | None:
    score, code, family, _ = occupation_similarity(a, b)
    if not code:
        return None
    return occupation_reason(score, code, family, _named(a, title_a), _named(b, title_b))


def _named(profile: TitleProfile, title: str) -> str:
    """The words of the title that named its occupation, else the title."""
    if profile.occupations:
        return profile.occupations[0][1]
    return title.strip().lower()


def _surface(request: Request) -> dict[str, str]:
    """Stem -> a word of the request that has it, to show shared words as written."""
    words: dict[str, str] = {}
    for text in (request.title, request.text, " ; ".join(request.skills)):
        for word in tokens(text):
            words.setdefault(stem(word), word)
            for part in compound_parts(word):
                words.setdefault(stem(part), part)
    return words
