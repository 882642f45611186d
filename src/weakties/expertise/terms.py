"""Search terms of profiles, job titles and queries, in Dutch and English (pure Python).

A text gives two kinds of terms, compared as equal strings:

* **words**: :func:`weakties.matching.text.terms`, the Snowball stems (Dutch
  or English, chosen per word) of its words and of the parts of Dutch
  compounds, without stopwords: "Datawetenschappers" gives
  ``datawetenschapper``, ``data`` and ``wetenschapper``; "data engineering"
  and "data-engineer" share ``data`` and ``enginer``;
* **concepts**: the occupation a title names (:func:`weakties.matching.taxonomy.read_title`,
  ESCO-style labels in both languages) as ``occ:<id>``, and the canonical
  skill a text names (:func:`weakties.matching.skills.canonical_skill`) as
  ``skill:<id>``.  "datawetenschapper" and "data scientist" share
  ``occ:data scientist``; "ETL" and "datawarehouse" share
  ``skill:data engineering``.

A query is read the same way, split first at commas, "and"/"en" and
slashes, so "python en sql" names two skills.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from weakties.matching import catalogue
from weakties.matching.skills import canonical_skill
from weakties.matching.taxonomy import read_title
from weakties.matching.text import stem, terms, tokens

__all__ = ["FIELD_WEIGHT", "MAX_TERM", "text_terms", "query_parts", "query_terms"]

#: How much a match in each field says about expertise: a skill the employee
#: names most, a focus topic (what they want to hear about) a little less, the
#: job title less, the department least.
FIELD_WEIGHT = {"skill": 1.0, "focus": 0.9, "title": 0.8, "department": 0.5}
MAX_TERM = 120

_PARTS = re.compile(r"\s*(?:[,;/|+]|\ben\b|\band\b|&)\s*", re.IGNORECASE)


@cache
def _skill_ids() -> dict[tuple[str, ...], str]:
    """Skills by the stems of their canonical names ("data engineering"), which the lists'
    labels do not always repeat."""
    return {tuple(stem(w) for w in tokens(s.id)): s.id for s in catalogue.skills()}


@lru_cache(maxsize=1 << 14)
def _concepts(text: str) -> tuple[str, ...]:
    found = [f"occ:{occupation}" for occupation in sorted(read_title(text).occupation_ids)]
    skill = canonical_skill(text)
    if skill.startswith("~"):
        skill = _skill_ids().get(tuple(stem(w) for w in tokens(text)), "")
    if skill:
        found.append(f"skill:{skill}")
    return tuple(found)


@lru_cache(maxsize=1 << 14)
def text_terms(text: str) -> tuple[str, ...]:
    """The terms of one entry (a skill, a focus topic, a title, a department), each once.

    Examples
    --------
    >>> text_terms("Datawetenschapper")
    ('datawetenschapper', 'data', 'wetenschapper', 'occ:data scientist')
    >>> "occ:data scientist" in text_terms("Data Scientist")
    True
    """
    found = [*terms(text), *_concepts(text)]
    # a bare number ("Afdeling 3", "2025") says nothing about what someone knows
    return tuple(dict.fromkeys(t[:MAX_TERM] for t in found if t and not t.isdigit()))


def query_parts(query: str) -> list[str]:
    """The parts of a query: "python en sql, ASML" gives ``["python", "sql", "ASML"]``."""
    return [p for p in (s.strip() for s in _PARTS.split(query)) if p]


def query_terms(query: str) -> tuple[str, ...]:
    """The terms of a whole query: those of the query and of each of its parts, each once.

    Examples
    --------
    >>> query_terms("python en sql")
    ('python', 'sql', 'skill:python', 'skill:sql')
    """
    found = list(text_terms(query))
    for part in query_parts(query):
        found.extend(text_terms(part))
    return tuple(dict.fromkeys(found))
