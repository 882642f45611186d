"""The expertise finder: colleagues by what they know and by whom they know (issue 10, part 5).

A query is read two ways at once:

* **what they know**: its terms (:mod:`weakties.expertise.terms`: Dutch and
  English stems, compound parts, occupations and canonical skills) are
  looked up in :class:`~weakties.expertise.models.ProfileTerm`, one index
  range per term.  A colleague scores the share of the query they match,
  each term weighted by its rarity (idf, ``ln(1 + N/df)``: Sparck Jones
  1972) and by the field it is in (a skill counts more than a department;
  :data:`weakties.expertise.terms.FIELD_WEIGHT`);
* **whom they know**: the companies its words name (``resolve.company_key``
  of every run of up to four words, one look-up on the unique key), the
  sector and the region it names (:mod:`weakties.expertise.groups`), read
  best first from :class:`~weakties.expertise.models.CompanyReach` and
  :class:`~weakties.expertise.models.GroupReach`.  Knowing ``n`` people
  there adds ``n / (n + k)``: the first contacts matter most, as in BM25's
  saturation of term frequency (Robertson & Zaragoza 2009).  A weak tie is a
  path all the same (Granovetter 1973): every consenting colleague's contact counts.

Each colleague comes with the reasons in plain words, best first ("skill:
data engineering", "knows 12 people at ASML").  Only active colleagues are
found, and only the networks of those who share them now count; a result
never names a contact, only counts and company names (DESIGN.md).  Every
search is written to the audit log.

The database scores the text match (:func:`.statements.text_scores`) and
sends only the best ``10 × limit``: a common job title is held by thousands.

Cost: four to six statements whatever the size of the organisation (target:
p99 ≤ 50 ms through HTTP at 10,000 employees and 3M ties, ``bench/expertise.py``):
the audit line; what the words name (the index's state, the terms' holders, the
companies: :func:`.statements.first_read`); the text scores; whom they know
(every company, sector and region asked at once: :func:`.statements.network`)
and the exact text scores of those found there; the colleagues checked; their
reasons.  Written as SQL (:mod:`.statements`) because composing them through
the ORM cost more CPU than answering them; merged because each statement has
its own fixed cost in Django's cursor.  Nothing is cached between searches but
the reasons' words per language: every count and score is read as it is now.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from django.utils.translation import get_language, gettext_noop, ngettext
from django.utils.translation import gettext as _

from weakties.accounts.models import Employee, Organisation
from weakties.accounts.services.audit import audit
from weakties.core.errors import ServiceError
from weakties.core.prepared import fetch_all
from weakties.expertise.groups import SECTOR_WHERE, ngrams, region_named, sector_named
from weakties.expertise.selectors import statements
from weakties.expertise.services.index import (
    index_ensure,
    index_resume_stalled,
    index_stalled_before,
)
from weakties.expertise.terms import FIELD_WEIGHT, query_terms
from weakties.people.selectors.ranked_ties import Statement
from weakties.resolve import company_key

__all__ = ["Hit", "expertise_search", "MAX_LIMIT"]

MAX_LIMIT = 100
#: Candidates read per company, sector or region.
CANDIDATES = 200
#: The best text matches whose counts at the asked companies, sectors and regions are read too.
TEXT_WITH_NETWORK = 50
#: ``n / (n + k)``: knowing 3 people at a company counts half of what a company can add.
COMPANY_K = 3.0
GROUP_K = 25.0
#: Stands for the candidates not ranked yet (see :func:`_ranked`).
_REST = -1
#: At most this many companies read from one query.
MAX_COMPANIES = 3
_FIELD_TEXT = {
    "skill": gettext_noop("skill: %(label)s"),
    "focus": gettext_noop("focus topic: %(label)s"),
    "title": gettext_noop("job title: %(label)s"),
    "department": gettext_noop("department: %(label)s"),
}


@dataclass
class Hit:
    """A colleague found, with the score and the reasons (``why``) best first."""

    employee: dict[str, Any]
    score: float = 0.0
    text: float = 0.0
    network: float = 0.0
    why: list[str] = field(default_factory=list)
    #: ``(contribution, reason)`` pairs before they are sorted into ``why``.
    reasons: list[tuple[float, str]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        """The contract of ``weakties expertise --json`` and ``/api/expertise``."""
        return {"employee": self.employee, "score": round(self.score, 4), "why": self.why}


@dataclass(frozen=True)
class Asked:
    """What the query names in the network: companies (id, name), a sector, a region."""

    companies: tuple[tuple[int, str], ...] = ()
    sector: str = ""
    region: str = ""

    @property
    def any(self) -> bool:
        return bool(self.companies or self.sector or self.region)


#: ``resolve.company_key`` of the runs of words that queries repeat ("data engineer", "ASML").
_key = lru_cache(maxsize=1 << 14)(company_key)


def _company_keys(texts: list[str]) -> list[str]:
    """The company keys of the runs of words of the texts (at most 60)."""
    keys: dict[str, None] = {}
    for text in texts:
        for gram in ngrams(text):
            key = _key(gram)
            if key and len(key) >= 2:
                keys.setdefault(key, None)
    return list(keys)[:60]


def _companies(by_key: dict[str, tuple[int, str]]) -> tuple[tuple[int, str], ...]:
    """The companies found by their keys: longest names first, at most three."""
    chosen = [by_key[k] for k in sorted(by_key, key=lambda k: (-len(k), k))]
    return tuple(chosen[:MAX_COMPANIES])


def _rows(statement: Statement) -> list[tuple[Any, ...]]:
    return fetch_all(statement.sql, statement.params)  # planned once per connection


# -- what they know -----------------------------------------------------------------------------


@dataclass
class TextMatch:
    """The profile match of a query: the colleagues' scores known so far, and what the reasons need.

    The database scores the match (:func:`.statements.text_scores`) and sends
    only the best ``top`` colleagues: a common word ("manager") is held by
    thousands.  Every colleague not read yet scores at most :attr:`floor`;
    :meth:`fill` reads the exact scores of named colleagues and :meth:`read_all`
    the rest, for the rare search that needs them.
    """

    scores: dict[int, float]
    terms: tuple[str, ...] = ()
    #: A term's share of the query's weight (its idf over the sum of the found terms' idf).
    share: dict[str, float] = field(default_factory=dict)
    #: The most a colleague not in :attr:`scores` can score (0: every match was read).
    floor: float = 0.0
    #: The last colleague read at :attr:`floor`: the ones not read who score as much come after.
    floor_id: int = 0
    organisation_id: int = 0
    #: Colleagues whose score is known to be 0 (asked for by :meth:`fill`, no match).
    unmatched: set[int] = field(default_factory=set)

    @property
    def complete(self) -> bool:
        return self.floor <= 0.0

    def _read(self, statement: Statement) -> dict[int, float]:
        scale = statements.SCALE
        return {e: min(v / scale, 1.0) for e, v in _rows(statement)}

    def fill(self, employee_ids: list[int]) -> None:
        """Read the exact scores of these colleagues (those not known yet)."""
        if self.complete:
            return
        missing = sorted(
            e for e in employee_ids if e not in self.scores and e not in self.unmatched
        )
        if missing:
            found = self._read(
                statements.text_scores(self.organisation_id, self.share, employee_ids=missing)
            )
            self.scores.update(found)
            self.unmatched.update(e for e in missing if e not in found)

    def read_all(self) -> None:
        """Read every colleague's score (afterwards :attr:`complete` holds)."""
        if not self.complete:
            self.scores.update(self._read(statements.text_scores(self.organisation_id, self.share)))
            self.floor = 0.0


def _text_scores(
    organisation: Organisation, terms: tuple[str, ...], holders: dict[str, int], employees: int,
    top: int,
) -> TextMatch:  # fmt: skip
    """The best ``top`` colleagues' share of the query, weighted by rarity and field, in [0, 1].

    ``holders``: how many colleagues hold each term (the idf; :func:`_first_read`); the
    scores are summed by the database.  Read without the labels (the reasons of the hits
    fetch theirs, :func:`_text_reasons`).
    """
    if not terms:
        return TextMatch({})
    if not holders:
        return TextMatch({}, terms)
    n = max(employees, 1)
    idf = {t: math.log(1.0 + n / df) for t, df in holders.items()}
    total = sum(idf.values()) or 1.0
    share = {t: v / total for t, v in idf.items()}
    match = TextMatch({}, terms, share, organisation_id=organisation.pk)
    if sum(holders.values()) <= top:  # every holder fits: read them all at once
        match.scores = match._read(statements.text_scores(organisation.pk, share))
        return match
    rows = _rows(statements.text_scores(organisation.pk, share, limit=top))
    scale = statements.SCALE
    match.scores = {e: min(v / scale, 1.0) for e, v in rows}
    if len(rows) >= top:  # others may match: none better than the last one read
        match.floor, match.floor_id = match.scores[rows[-1][0]], rows[-1][0]
    return match


def _text_reasons(
    organisation: Organisation, match: TextMatch, employee_ids: list[int]
) -> dict[int, dict[tuple[str, str], float]]:
    """``{employee: {(field, label): contribution}}`` for these colleagues (the hits): one query."""
    if not match.share or not employee_ids:
        return {}
    rows = _rows(statements.reasons_of(organisation.pk, sorted(employee_ids), sorted(match.share)))
    best: dict[tuple[int, str], tuple[float, str, str]] = {}
    for employee_id, term, field_name, label in rows:
        weight = FIELD_WEIGHT.get(field_name, 0.5)
        if weight > best.get((employee_id, term), (0.0, "", ""))[0]:
            best[(employee_id, term)] = (weight, field_name, label)
    because: dict[int, dict[tuple[str, str], float]] = defaultdict(lambda: defaultdict(float))
    for (employee_id, term), (weight, field_name, label) in best.items():
        because[employee_id][(field_name, label)] += weight * match.share[term]
    return because


# -- whom they know -----------------------------------------------------------------------------


def _network_reads(asked: Asked) -> list[tuple[str, str, Any]]:
    """``(what, name, key)`` for each company (key: its id), sector and region the query names."""
    reads: list[tuple[str, str, Any]] = [
        ("company", name, company_id) for company_id, name in asked.companies
    ]
    for kind, group in (("sector", asked.sector), ("region", asked.region)):
        if group:
            reads.append((kind, group, group))
    return reads


def _network_reason(what: str, key: str, people: int) -> str:
    if what == "company":
        return ngettext(
            "knows %(n)d person at %(company)s", "knows %(n)d people at %(company)s", people
        ) % {"n": people, "company": key}
    if what == "sector":
        return ngettext("knows %(n)d person %(where)s", "knows %(n)d people %(where)s", people) % {
            "n": people,
            "where": _(SECTOR_WHERE.get(key, key)),
        }
    return ngettext(
        "knows %(n)d person in the %(region)s region",
        "knows %(n)d people in the %(region)s region",
        people,
    ) % {"n": people, "region": key}


def _network_counts(
    organisation: Organisation, reads: list[tuple[str, str, Any]], text_candidates: list[int]
) -> dict[int, list[tuple[str, str, int]]]:
    """``{employee: [(what, name, people)]}``: the best of each read, and the text candidates'
    counts, in one statement (:func:`.statements.network`)."""
    statement = statements.network(
        [(what, key) for what, _name, key in reads],
        organisation.pk,
        CANDIDATES,
        sorted(text_candidates),
    )
    found: list[dict[int, int]] = [{} for _read in reads]
    for read, employee_id, people in _rows(statement):
        found[read][employee_id] = people
    counts: dict[int, list[tuple[str, str, int]]] = defaultdict(list)
    for (what, name, _key), known in zip(reads, found, strict=True):
        for employee_id, people in known.items():
            counts[employee_id].append((what, name, people))
    return counts


# -- the search ---------------------------------------------------------------------------------


def _employees(
    organisation: Organisation, ids: list[int], exclude: int | None
) -> tuple[dict[int, dict], set[int]]:
    """The active colleagues among ``ids`` (``{id: {"id", "name", "department", "job_title"}}``)
    and those of them who share their network now (an active consent): one query."""
    rows = _rows(statements.colleagues(organisation.pk, sorted(ids)))
    people, sharing = {}, set()
    for pk, first, last, email, department, title, shares in rows:
        if pk == exclude:
            continue
        people[pk] = {
            "id": pk,
            "name": " ".join(p for p in (first, last) if p) or email,
            "department": department,
            "job_title": title,
        }
        if shares:
            sharing.add(pk)
    return people, sharing


def _network_part(what: str, people: int) -> float:
    return people / (people + (COMPANY_K if what == "company" else GROUP_K))


@lru_cache(maxsize=64)
def _field_words(language: str | None) -> dict[str, str]:
    return {f: _(text) for f, text in _FIELD_TEXT.items()}


@lru_cache(maxsize=1 << 13)
def _network_words(language: str | None, what: str, key: str, people: int) -> str:
    return _network_reason(what, key, people)


class _Words:
    """The reasons of one search in the active language, said once per process and language
    (``language`` is the cache's key: a catalogue does not change while the process runs)."""

    def __init__(self) -> None:
        self.language = get_language()
        self.fields = _field_words(self.language)

    def of_network(self, what: str, key: str, people: int) -> str:
        return _network_words(self.language, what, key, people)


def _hit(
    employee: dict[str, Any],
    text: float,
    because: dict[tuple[str, str], float],
    network: list[tuple[str, str, int]],
    words: _Words,
) -> Hit:
    """The colleague's score, and the reasons (best first) in the active language."""
    hit = Hit(employee=employee, text=text)
    hit.reasons = [
        (part, words.fields[f] % {"label": label}) for (f, label), part in because.items()
    ]
    for what, key, n in network:
        part = _network_part(what, n)
        hit.network += part
        hit.reasons.append((part, words.of_network(what, key, n)))
    hit.score = hit.text + hit.network
    hit.why = [reason for _part, reason in sorted(hit.reasons, key=lambda r: -r[0])]
    return hit


def _network_parts(network: dict[int, list[tuple[str, str, int]]]) -> dict[int, float]:
    """Each colleague's network part of the score, should they share their network."""
    parts = {}
    for e, groups in network.items():
        if len(groups) == 1:  # most often: the same as the sum
            what, _key, n = groups[0]
            parts[e] = n / (n + (COMPANY_K if what == "company" else GROUP_K))
        else:
            parts[e] = sum(_network_part(w, n) for w, _k, n in groups)
    return parts


def _bounds(match: TextMatch, parts: dict[int, float], exclude: int | None) -> dict[int, float]:
    """Each known candidate's best possible score (its network part counts only if it shares)."""
    bound = dict(match.scores)
    for e, part in parts.items():
        bound[e] = bound.get(e, 0.0) + part
    return {e: b for e, b in bound.items() if b > 0 and e != exclude}


def _best_first(scores: dict[int, float]) -> list[int]:
    """The ids by score, highest first, equal scores by id: the order of ``(-score, id)``.

    Two sorts, the second stable (``reverse`` keeps equal scores in id order), both keyed
    in C: a third of the CPU of a key that builds a tuple per colleague.
    """
    return sorted(sorted(scores), key=scores.__getitem__, reverse=True)


def _order(bound: dict[int, float], match: TextMatch, limit: int) -> list[int]:
    """The candidates to check first, best bound first, then :data:`_REST` if others remain.

    Colleagues whose text match was not read score at most ``match.floor``
    (and, scoring as much, come after ``match.floor_id``), so the known ones
    are checked first only while they rank before every such colleague.
    """
    order = _best_first(bound)[: 10 * limit]
    if not match.complete:
        last = (-match.floor, match.floor_id)
        cut = next((i for i, e in enumerate(order) if (-bound[e], e) > last), len(order))
        return [*order[:cut], _REST]
    return [*order, _REST] if len(order) < len(bound) else order


def _ranked(
    organisation: Organisation,
    match: TextMatch,
    network: dict[int, list[tuple[str, str, int]]],
    *,
    exclude: int | None,
    limit: int,
) -> list[Hit]:
    """The best ``limit`` colleagues, checked (active, sharing) in the order of their best score.

    A colleague's score counts their network only while they share it, so
    the score before the check is an upper bound: candidates are checked a
    batch at a time until the next one's bound cannot beat the ``limit``-th
    hit.  The rest (:data:`_REST`: the candidates not ranked, and those whose
    text match was not read) are read and ranked only when a search gets that
    far.  Reasons are put in words for the hits only.
    """
    parts = _network_parts(network)
    bound = _bounds(match, parts, exclude)
    order = _order(bound, match, limit)
    found: list[tuple[float, int, dict]] = []
    shared: set[int] = set()
    start = 0
    while start < len(order):
        if order[start] == _REST:
            ranked = set(order[:start])
            rest = max([match.floor, *(b for e, b in bound.items() if e not in ranked)])
            if len(found) >= limit and rest <= found[limit - 1][0]:
                break
            match.read_all()
            bound = _bounds(match, parts, exclude)
            order[start:] = [e for e in _best_first(bound) if e not in ranked]
            continue
        if len(found) >= limit and bound[order[start]] <= found[limit - 1][0]:
            break
        batch = [e for e in order[start : start + 3 * limit] if e != _REST]
        start += len(batch)
        people, sharing = _employees(organisation, batch, exclude)
        shared |= sharing
        scores = match.scores
        for e in batch:
            if e in people:
                score = scores.get(e, 0.0) + (parts.get(e, 0) if e in sharing else 0)
                if score > 0:
                    found.append((score, e, people[e]))
        found.sort(key=lambda f: (-f[0], f[2]["name"], f[1]))
    chosen = found[:limit]
    because = _text_reasons(organisation, match, [e for _score, e, _employee in chosen])
    words = _Words()
    return [
        _hit(
            employee,
            match.scores.get(e, 0.0),
            because.get(e, {}),
            network.get(e, []) if e in shared else [],
            words,
        )
        for _score, e, employee in chosen
    ]


def _first_read(
    organisation: Organisation, terms: tuple[str, ...], keys: list[str]
) -> tuple[int, dict[str, int], dict[str, tuple[int, str]]]:
    """The N of the terms' idf, each term's holders and the companies keyed by the query's
    words: one statement (:func:`.statements.first_read`).  An index never built whole is
    built first (:func:`~weakties.expertise.services.index.index_ensure`), and the holders
    read again from it; a rebuild pass that stalled is taken up in the background
    (:func:`~weakties.expertise.services.index.index_resume_stalled`)."""
    employees: int | None = None
    holders: dict[str, int] = {}
    by_key: dict[str, tuple[int, str]] = {}
    read = statements.first_read(organisation.pk, terms, keys, index_stalled_before())
    for what, key, number, name in _rows(read):
        if what == statements.TERM:
            if number:
                holders[key] = int(number)
        elif what == statements.COMPANY:
            by_key[key] = (number, name)
        elif number >= 0:
            employees = int(number)
            if key:  # rare: a rebuild pass stalled
                index_resume_stalled(organisation=organisation)
    if employees is None:
        employees = index_ensure(organisation=organisation).employees
        if terms:
            holders = {
                t: int(n) for t, n in _rows(statements.term_holders(organisation.pk, terms)) if n
            }
    return employees, holders, by_key


def expertise_search(
    *,
    organisation: Organisation,
    query: str = "",
    company: str | None = None,
    sector: str | None = None,
    region: str | None = None,
    searcher: Employee | None = None,
    actor: Any = None,
    actor_label: str = "",
    limit: int = 20,
) -> list[Hit]:
    """Colleagues of ``organisation`` who know about ``query`` or know people where it points, best first.

    ``company``/``sector``/``region`` name the network part explicitly
    (otherwise it is read from the query).  ``searcher`` is left out of the
    results.  Raises :class:`ServiceError` for an empty search or a bad limit.
    """
    query = " ".join((query or "").split())[:300]
    if not (query or company or sector or region):
        raise ServiceError(_("type a skill, topic, job, company, sector or region to search for"))
    if not 1 <= limit <= MAX_LIMIT:
        raise ServiceError(_("limit must be between 1 and %(max)d") % {"max": MAX_LIMIT})
    audit(
        "expertise_search",
        actor=actor,
        actor_label=actor_label or (getattr(actor, "username", "") if actor else ""),
        query=query,
        company=company,
        sector=sector,
        region=region,
        organisation=organisation.name,
    )
    top = max(10 * limit, TEXT_WITH_NETWORK)
    terms = query_terms(query) if query else ()
    employees, holders, by_key = _first_read(
        organisation, terms, _company_keys([company] if company else [query])
    )
    text = _text_scores(organisation, terms, holders, employees, top)
    asked = Asked(
        companies=_companies(by_key),
        sector=sector_named(sector) if sector else sector_named(query),
        region=region_named(region) if region else region_named(query),
    )
    network: dict[int, list[tuple[str, str, int]]] = {}
    if asked.any:
        scores = text.scores
        ranked_text = _best_first(scores)[:TEXT_WITH_NETWORK]
        network = _network_counts(organisation, _network_reads(asked), ranked_text)
        text.fill(list(network))  # the exact text match of those found through their network
    exclude = searcher.pk if searcher else None
    return _ranked(organisation, text, network, exclude=exclude, limit=limit)
