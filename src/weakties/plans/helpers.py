"""Who can help me reach my goal (seed ``002_*``, step 2): a ranked list with a "why" per line.

Three kinds of helpers, in one list:

* **my own contacts** (``via="own"``): the plan's owner's own ties, read from
  ``people.TieRank`` best first for the purpose, a few rows per target
  (:func:`_nearest`; for a topic the positions of the strongest
  :data:`OWN_CAP`), and ranked exactly as the introductions search ranks
  (:func:`weakties.referrals.ranking.rank_ties`: the stored job score for
  job leads and information, strength for sales; a tie not analysed yet gets
  the provisional strength and tier of :mod:`weakties.people.strength`).  They are the owner's own contacts, so the
  list shows their email and phone (DESIGN.md: the owner sees their own
  contact details);
* **colleagues' contacts** (``via="introduction"``): the organisation's ranked
  warm introductions (:func:`weakties.insights.services.introductions.introductions`)
  to each target company, and to the companies of a target sector the
  organisation knows best (counted by :mod:`weakties.plans.services.area`).
  Only name, company and position are shown: the colleague is asked for the
  introduction and writes to the contact themselves;
* **colleagues who know the topic** (``via="colleague"``) for a target topic:
  their expertise profile or job title names it.  A colleague needs no
  introduction.

The goal picks the purpose of the ranking: a new job and a new direction look
for job leads, knowledge and a promotion for new information, ranked by the
job score (Rajkumar et al. 2022, *Science* 377: an inverted U over mutual
connections, peaking near ten, and the weakest ties best by intensity;
Granovetter 1973); customers look for sales, where strong ties who vouch for
you count most (Granovetter 1995; seed ``003_*``).

Every read is bounded: a few index ranges per target and one page per
introductions search, whatever the size of the organisation.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from weakties.accounts.models import Employee
from weakties.insights.services.introductions import introductions
from weakties.matching.text import terms
from weakties.network.paths import JOB_PURPOSES
from weakties.people.models import Company, Tie, TieRank
from weakties.people.selectors.ranked_ties import RankedTie, ranked_rows
from weakties.plans.models import Goal, Plan
from weakties.plans.targets import Targets, classify, matches_topic
from weakties.referrals.ranking import Facts, Ranked, rank_ties, tier_codes, tier_names

__all__ = ["GOAL_PURPOSE", "purpose_of", "helpers", "colleagues_knowing"]

#: The purpose of the ranking for each goal.
GOAL_PURPOSE = {
    Goal.NEW_JOB: "job",
    Goal.NEW_DIRECTION: "job",
    Goal.KNOWLEDGE: "info",
    Goal.PROMOTION: "info",
    Goal.CUSTOMERS: "sales",
}
#: Own ties whose positions are read for a topic (the strongest first).
OWN_CAP = 1_000
#: Own ties without what the purpose ranks by (not analysed yet) read per target at most.
UNMEASURED_CAP = 5_000
#: Suggestions asked of each introductions search, and searches per plan.
PER_TARGET = 5
MAX_SEARCHES = 8
#: An introduction is one step further than a contact of one's own.
INTRO_WEIGHT = 0.8
#: Own contacts outside the target area, and colleagues who know a topic.
OUTSIDE_WEIGHT = 0.5
COLLEAGUE_FIT = 0.5
#: Colleagues looked at for a topic (found by a word of it, then checked stemmed).
COLLEAGUE_CAP = 500
#: Shown per kind, so that neither hides the other: own contacts, introductions, colleagues.
SHOWN = {"own": 10, "introduction": 10, "colleague": 5}
MAX_HELPERS = sum(SHOWN.values())
_SOURCE_NAMES = {"linkedin": "LinkedIn", "mbox": "email", "ics": "calendar", "vcard": "vCard"}


def purpose_of(goal: str) -> str:
    """``job``, ``info`` or ``sales``: the purpose the goal's ranking uses."""
    return GOAL_PURPOSE[Goal(goal)]


@dataclass(frozen=True)
class _Own:
    """One of the owner's ties as a candidate: only what ranking needs, read narrow."""

    tie_id: int
    strength: float | None
    tier: str
    job_score: float | None
    mutual: int | None
    connected_on: dt.date | None
    sources: list[str]
    kind: str  # "company", "sector", "topic" or "" (outside the targets)
    target: str


_NARROW = (
    "tie_id",
    "strength",
    "tier",
    "job_score",
    "mutual_connections",
    "tie__connected_on",
    "tie__sources",
)


def _narrow(qs: QuerySet[TieRank], kind: str, target: str) -> list[_Own]:
    out = []
    for tie_id, strength, tier, job, mutual, connected_on, sources in qs.values_list(*_NARROW):
        if isinstance(sources, str):  # JSON text, as SQLite returns it
            sources = json.loads(sources)
        out.append(
            _Own(
                tie_id, strength, tier, job, mutual, connected_on, list(sources or ()), kind, target
            )
        )
    return out


def _nearest(qs: QuerySet[TieRank], purpose: str, k: int) -> list[QuerySet[TieRank]]:
    """The reads that find the ``k`` best fits for the purpose, as the introductions search does.

    Job leads and new information rank by the job score the analysis stored
    (:func:`weakties.referrals.ranking.rank_ties`): the ``k`` best job scores;
    sales by strength: the ``k`` strongest.  The ties without what the
    purpose ranks by (not analysed yet, or analysed before the job score was
    stored) are all read, up to :data:`UNMEASURED_CAP`, and get it from
    their provisional strength (as
    :func:`weakties.people.selectors.ranked_ties.unmeasured_ties`).
    """
    if purpose in JOB_PURPOSES:
        measured = qs.filter(job_score__isnull=False).order_by("-job_score", "-tie_id")
        missing = qs.filter(job_score__isnull=True)
    else:
        measured = qs.filter(strength__isnull=False).order_by("-strength", "-tie_id")
        missing = qs.filter(strength__isnull=True)
    return [measured[:k], missing.order_by("tie_id")[:UNMEASURED_CAP]]


def _own_topics(mine: QuerySet[TieRank], topics: tuple[str, ...]) -> list[_Own]:
    """The owner's ties whose position names a topic (stemmed), among the strongest OWN_CAP."""
    positions = (
        mine.exclude(person__position="")
        .order_by("-strength", "-tie_id")
        .values_list("tie_id", "person__position")[:OWN_CAP]
    )
    matched: dict[int, str] = {}
    for tie_id, position in positions:
        topic = next((t for t in topics if matches_topic(t, position)), None)
        if topic is not None:
            matched[tie_id] = topic
    found = _narrow(TieRank.objects.filter(tie_id__in=list(matched)), "topic", "")
    return [replace(c, target=matched[c.tie_id]) for c in found]


def _own_candidates(employee: Employee, targets: Targets, purpose: str) -> list[_Own]:
    """The owner's best fits in each target area, then the best fits outside it (bounded reads)."""
    mine = TieRank.objects.filter(employee=employee, colleague=False)
    k = SHOWN["own"]
    out: list[_Own] = []
    for text, company_id in targets.companies:
        for read in _nearest(mine.filter(company_id=company_id), purpose, k):
            out += _narrow(read, "company", text)
    for text, sector in targets.sectors:
        for read in _nearest(mine.filter(company__sector=sector), purpose, k):
            out += _narrow(read, "sector", text)
    if targets.topics:
        out += _own_topics(mine, targets.topics)
    for read in _nearest(mine, purpose, k):
        out += _narrow(read, "", "")
    return out


def _ranked(rows: list[_Own], employee: Employee, purpose: str, today: dt.date) -> Ranked:
    """Strength, tier and fit of the owner's ties for the purpose, as the introductions search."""

    def facts(at: np.ndarray) -> Facts:
        chosen = [rows[i] for i in at.tolist()]
        return Facts(
            mutual=[r.mutual for r in chosen],
            connected_on=[r.connected_on for r in chosen],
            sources=[len(r.sources) for r in chosen],
        )

    def number(value: float | None) -> float:
        return np.nan if value is None else float(value)

    return rank_ties(
        purpose=purpose,
        strength=np.array([number(r.strength) for r in rows], float),
        tier=tier_codes([r.tier for r in rows]),
        job=np.array([number(r.job_score) for r in rows], float),
        facts=facts,
        organisation=employee.organisation,
        today=today,
    )


def _target_reason(kind: str, target: str, has_targets: bool) -> str:
    if kind == "company":
        return _("Works at %(target)s, one of your target companies.") % {"target": target}
    if kind == "sector":
        return _("Works in %(target)s, one of your target sectors.") % {"target": target}
    if kind == "topic":
        return _("The position matches your topic “%(target)s”.") % {"target": target}
    if has_targets:
        return _("Outside your target area, but they may know people there.")
    return ""


def _tier_reason(tier: str, purpose: str) -> str:
    if tier == "unknown":
        if purpose == "sales":
            return _("The tie's strength is not known yet.")
        return _(
            "Too little is known of this tie to give it a tier, so its intensity counts "
            "as middling."
        )
    if purpose == "sales":
        if tier == "strong":
            return _(
                "A strong tie: for customers, someone who knows you well and vouches for "
                "you counts most."
            )
        return _("A weaker tie: for customers, warm it up before you ask for anything.")
    if tier in ("moderate", "weak"):
        return _(
            "A weak tie, of low intensity: by intensity the weakest ties brought new "
            "information and job leads most often (Rajkumar et al. 2022)."
        )
    if tier == "strong":
        return _("A close contact: they mostly know what you know, but will gladly pass you on.")
    return _("A dormant tie: remind them who you are before you ask anything.")


def _own_why(r: RankedTie, c: _Own, tier: str, purpose: str, has_targets: bool) -> str:
    name = " ".join(p for p in (r.person_first_name, r.person_last_name) if p)
    at = " · ".join(p for p in (r.position, r.company) if p) or _("position unknown")
    sources = ", ".join(_SOURCE_NAMES.get(s, s) for s in r.sources) or _("an import")
    values = {"contact": name or _("this contact"), "at": at, "sources": sources}
    first = (
        _("You know %(contact)s (%(at)s) yourself, through %(sources)s since %(year)s.")
        % (values | {"year": r.connected_on.year})
        if r.connected_on
        else _("You know %(contact)s (%(at)s) yourself, through %(sources)s.") % values
    )
    parts = [first, _target_reason(c.kind, c.target, has_targets), _tier_reason(tier, purpose)]
    return " ".join(p for p in parts if p)


def _own_helpers(
    employee: Employee, targets: Targets, purpose: str, today: dt.date
) -> list[dict[str, Any]]:
    """The owner's best candidates, scored; only the shown ones are read whole, with details."""
    candidates: dict[int, _Own] = {}
    for c in _own_candidates(employee, targets, purpose):
        candidates.setdefault(c.tie_id, c)  # a target's reason before "outside"
    found = list(candidates.values())
    if not found:
        return []
    ranked = _ranked(found, employee, purpose, today)
    strength, fit, tiers = ranked.strength, ranked.fit, tier_names(ranked.tier)
    relevance = np.array([1.0 if c.kind else OUTSIDE_WEIGHT for c in found])
    score = fit * relevance
    in_area = np.array([0 if c.kind else 1 for c in found])
    order = np.lexsort((np.arange(len(found)), -strength, -score, in_area))[: SHOWN["own"]]
    ids = [found[k].tie_id for k in order]
    rows = {r.tie_id: r for r in ranked_rows(TieRank.objects.filter(tie_id__in=ids))}
    details = {
        i: (e, p)
        for i, e, p in Tie.objects.filter(employee=employee, id__in=ids).values_list(
            "id", "email", "phone"
        )
    }
    out = []
    for k in order:
        c = found[k]
        r = rows.get(c.tie_id)
        if r is None:  # gone since the candidates were read
            continue
        email, phone = details.get(c.tie_id, ("", ""))
        out.append(
            {
                "via": "own",
                "person": {**_person(r), "email": email, "phone": phone},
                "target": c.target,
                "strength": round(float(strength[k]), 4),
                "tier": tiers[k],
                "score": round(float(score[k]), 4),
                "why": _own_why(r, c, tiers[k], purpose, bool(targets)),
            }
        )
    return out


def _person(r: RankedTie) -> dict[str, Any]:
    name = " ".join(p for p in (r.person_first_name, r.person_last_name) if p)
    return {"id": r.person_id, "name": name, "company": r.company, "position": r.position}


def _searches(plan: Plan, targets: Targets) -> list[tuple[str, str, str]]:
    """``(kind, target, company name)`` to search introducers for: target companies, then sectors'."""
    out = [("company", text, text) for text, _ in targets.companies]
    by_sector = {sector: text for text, sector in targets.sectors}
    best = [row for row in plan.area.get("sector_companies", []) if row[0] in by_sector]
    names = dict(Company.objects.filter(id__in=[row[1] for row in best]).values_list("id", "name"))
    out += [("sector", by_sector[s], names[cid]) for s, cid, _ in best if cid in names]
    return out[:MAX_SEARCHES]


def _introduction_helpers(
    plan: Plan, targets: Targets, purpose: str, *, actor: Any, today: dt.date
) -> list[dict[str, Any]]:
    employee = plan.employee
    out = []
    names: dict[str, str] = {}
    for kind, target, company in _searches(plan, targets):
        page = introductions(
            organisation=employee.organisation,
            company=company,
            purpose=purpose,
            limit=PER_TARGET * 2,
            actor=actor,
            actor_label=employee.email,
            today=today,
        )
        rows = [r for r in page.rows if r["introducer"] != employee.email][:PER_TARGET]
        for r in rows:
            names.setdefault(r["introducer"], "")
            out.append((kind, target, r))
    for email, first, last in Employee.objects.filter(
        organisation_id=employee.organisation_id, email__in=list(names)
    ).values_list("email", "first_name", "last_name"):
        names[email] = " ".join(p for p in (first, last) if p)
    return [
        {
            "via": "introduction",
            "person": dict(r["contact"]),
            "introducer": {"email": r["introducer"], "name": names.get(r["introducer"], "")},
            "target": target,
            "strength": r["strength"],
            "tier": r["tier"],
            "score": round(r["score"] * INTRO_WEIGHT, 4),
            "why": f"{_target_reason(kind, target, True)} {r['why']}",
        }
        for kind, target, r in out
    ]


def colleagues_knowing(
    employee: Employee, topics: tuple[str, ...]
) -> list[tuple[Employee, str, str]]:
    """``(colleague, topic, reason)`` for colleagues whose profile or job title names a topic.

    A word of the topic finds the candidates in the database (at most
    :data:`COLLEAGUE_CAP`); each is then checked with stemming (nl/en).
    """
    wanted = Q()
    for topic in topics:
        for term in terms(topic):
            part = term[:6]
            wanted |= (
                Q(job_title__icontains=part)
                | Q(profile__skills__icontains=part)
                | Q(profile__focus_topics__icontains=part)
            )
    if not wanted:
        return []
    candidates = (
        Employee.objects.filter(wanted, organisation_id=employee.organisation_id, active=True)
        .exclude(pk=employee.pk)
        .select_related("profile")
        .distinct()
        .order_by("last_name", "first_name", "pk")[:COLLEAGUE_CAP]
    )
    out = []
    for colleague in candidates:
        profile = getattr(colleague, "profile", None)
        text = f"{profile.skills}\n{profile.focus_topics}" if profile else ""
        for topic in topics:
            reason = _topic_source(topic, colleague.job_title, text)
            if reason:
                out.append((colleague, topic, reason))
                break
    return out


def _colleague_helpers(employee: Employee, targets: Targets) -> list[dict[str, Any]]:
    """Colleagues who know a target topic: asked directly, no introduction needed."""
    if not targets.topics:
        return []
    return [
        {
            "via": "colleague",
            "person": {
                "name": c.full_name or c.email,
                "company": employee.organisation.name,
                "position": c.job_title,
                "department": c.department,
            },
            "colleague": {"email": c.email},
            "target": topic,
            "strength": None,
            "tier": "",
            "score": COLLEAGUE_FIT,
            "why": reason + " " + _("A colleague needs no introduction: ask them directly."),
        }
        for c, topic, reason in colleagues_knowing(employee, targets.topics)[:MAX_HELPERS]
    ]


def _topic_source(topic: str, job_title: str, profile: str) -> str:
    if profile and matches_topic(topic, profile):
        return _("Their profile names “%(topic)s” among their skills or focus topics.") % {
            "topic": topic
        }
    if job_title and matches_topic(topic, job_title):
        return _("Their job title matches “%(topic)s”.") % {"topic": topic}
    return ""


def helpers(
    *, plan: Plan, limit: int = MAX_HELPERS, actor: Any = None, today: dt.date | None = None
) -> list[dict[str, Any]]:
    """The plan's helpers, best first: ``{"rank", "via", "person", "target", "score", "why", …}``.

    ``person`` has ``email`` and ``phone`` only for the owner's own contacts
    (``via="own"``); a colleague's contact (``via="introduction"``) comes with
    the ``introducer`` to ask.  A person both the owner and a colleague know
    shows once, as the owner's own contact.  People in the target area come
    first, the owner's other contacts after them; within each, the score
    decides: the tie's fit for the goal's purpose, as the introductions
    search ranks it (:mod:`weakties.referrals.ranking`).
    """
    today = today or dt.date.today()
    purpose = purpose_of(plan.goal)
    targets = classify(plan.targets)
    own = _own_helpers(plan.employee, targets, purpose, today)
    mine = {h["person"]["id"] for h in own}
    seen: set[int] = set()
    via = []
    for h in _introduction_helpers(plan, targets, purpose, actor=actor, today=today):
        if h["person"]["id"] not in mine and h["person"]["id"] not in seen:
            seen.add(h["person"]["id"])
            via.append(h)
    colleagues = _colleague_helpers(plan.employee, targets)
    rows = own[: SHOWN["own"]] + via[: SHOWN["introduction"]] + colleagues[: SHOWN["colleague"]]
    order = {"own": 0, "introduction": 1, "colleague": 2}
    # People in the target area first; the owner's other contacts after them.
    rows.sort(key=lambda h: (not h["target"], -h["score"], order[h["via"]], h["person"]["name"]))
    return [{"rank": i, **h} for i, h in enumerate(rows[:limit], start=1)]
