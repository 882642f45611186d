"""Reads of the referral app: vacancies, candidates with their "why", pipelines, contributions,
and the ended referrals as outcomes of the referrers' ties (:func:`referral_outcomes`,
which ``weakties analyze --calibrate`` passes to the calibration).

Nothing here writes.  Contact details (a contact's email or phone) appear in
one place only: :func:`fitting_vacancies`, the signed-in employee's own
contacts on their own page (DESIGN.md: visible to the owner alone).  The
candidates a recruiter sees carry name, company and position, and which
colleague knows them.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from typing import Any

import numpy as np
from django.conf import settings
from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from weakties.accounts.models import Employee, Organisation
from weakties.insights.selectors import TIER_TEXT
from weakties.insights.services.calibration import TieOutcomes
from weakties.matching import Reason, explain
from weakties.people.models import Tie
from weakties.referrals import rules
from weakties.referrals.models import PIPELINE, Referral, Stage, Suggestion, Vacancy, VacancyStatus
from weakties.referrals.ranking import Facts, Ranked, rank_ties, tier_codes, tier_names
from weakties.referrals.services.candidates import (
    MIN_MATCH,
    PURPOSE,
    QUIET,
    as_request,
    explain_positions,
)
from weakties.referrals.services.org_settings import settings_of

__all__ = [
    "board",
    "candidate_rows",
    "contribution",
    "fitting_vacancies",
    "leaderboard",
    "my_referrals",
    "referral_outcomes",
    "pipeline",
    "suggestion_why",
    "tie_sentence",
    "vacancies_for",
]

_SOURCE_NAMES = {
    "linkedin": "LinkedIn",
    "google": "Google",
    "outlook": "Outlook",
    "vcard": "vCard",
    "mbox": "email",
    "ics": "calendar",
}
#: Own ties looked at for "vacancies that fit people I know".
MAX_OWN_TIES = 5_000
#: Vacancies shown there, the best-fitting first.
MAX_SHOWN = 20


def vacancies_for(actor: Any, organisation: Organisation) -> QuerySet[Vacancy]:
    """The vacancies an actor sees: all for recruiters, the open ones for colleagues, else none."""
    qs = Vacancy.objects.filter(organisation=organisation).select_related(
        "organisation", "created_by"
    )
    if rules.is_recruiter(actor, organisation):
        return qs
    if rules.is_member(actor, organisation):
        today = dt.date.today()
        return qs.filter(status=VacancyStatus.OPEN).filter(
            Q(closes_on__isnull=True) | Q(closes_on__gte=today)
        )
    return qs.none()


def tier_label(tier: str) -> str:
    """A tier in words, in the active language ("matig", "zwak", …)."""
    return _(TIER_TEXT[tier]) if tier in TIER_TEXT else ""


def tie_sentence(tier: str, *, purpose: str = PURPOSE) -> str:
    """Why a tie of this tier ranks where it does for a job lead (Rajkumar et al. 2022)."""
    if tier in ("moderate", "weak"):
        return _(
            "A weak tie, of low intensity: by intensity the weakest ties brought job leads "
            "most often (Rajkumar et al. 2022), so it ranks high."
        )
    if tier == "strong":
        return _(
            "A strong tie: close contacts mostly hear what your colleague hears already, so it "
            "ranks a little lower."
        )
    if tier == "dormant":
        return _("A dormant tie: still worth a try, but the contact may need a reminder.")
    return _("The tie's strength is not known yet.")


def suggestion_why(s: Suggestion, reasons: Sequence[Reason] = ()) -> str:
    """The "why" of a suggestion in plain words, in the active language.

    ``reasons`` are the engine's reasons for the contact's position
    (:func:`~weakties.referrals.services.candidates.explain_positions`).
    """
    who = s.employee.full_name or s.employee.email
    contact = s.person.name or _("this contact")
    sources = ", ".join(_SOURCE_NAMES.get(x, x) for x in (s.tie.sources or ()))
    since = _(" since %(year)s") % {"year": s.tie.connected_on.year} if s.tie.connected_on else ""
    first = _("%(who)s knows %(contact)s through %(sources)s%(since)s.") % {
        "who": who,
        "contact": contact,
        "sources": sources or _("an import"),
        "since": since,
    }
    fits = explain(list(reasons), translate=_)
    return " ".join(part for part in (first, fits, tie_sentence(s.tier)) if part)


def candidate_rows(vacancy: Vacancy, *, limit: int = 50) -> list[dict[str, Any]]:
    """The stored suggestions, best first: ``{"employee", "contact", "score", "why", …}``.

    ``contact`` is ``{"id", "name", "company", "position"}``: never an email or a phone.
    """
    rows = list(
        Suggestion.objects.filter(vacancy=vacancy)
        .select_related("employee", "person__company", "tie")
        .order_by("rank")[:limit]
    )
    reasons = explain_positions(vacancy, [s.person.position for s in rows])
    asked = set(vacancy.asks.values_list("employee_id", flat=True))
    return [
        {
            "employee": s.employee.email,
            "employee_name": s.employee.full_name or s.employee.email,
            "contact": {
                "id": s.person_id,
                "name": s.person.name,
                "company": s.person.company.name if s.person.company else "",
                "position": s.person.position,
            },
            "score": round(s.score, 4),
            "match": round(s.match, 4),
            "strength": round(s.strength, 4),
            "tier": s.tier,
            "tier_label": tier_label(s.tier),
            "why": suggestion_why(s, reasons.get(s.person.position, ())),
            "asked": s.employee_id in asked,
        }
        for s in rows
    ]


def pipeline(vacancy: Vacancy) -> list[tuple[str, str, list[Referral]]]:
    """The vacancy's referrals per stage, in pipeline order: ``[(stage, label, referrals)]``."""
    by_stage: dict[str, list[Referral]] = {stage: [] for stage in PIPELINE}
    for r in vacancy.referrals.select_related("referrer").order_by("created_at", "pk"):
        by_stage[r.stage].append(r)
    return [(stage, str(Stage(stage).label), by_stage[stage]) for stage in PIPELINE]


def board(organisation: Organisation) -> list[tuple[str, str, list[Referral]]]:
    """Every referral of the organisation's open vacancies per stage (the recruiters' board)."""
    by_stage: dict[str, list[Referral]] = {stage: [] for stage in PIPELINE}
    qs = Referral.objects.filter(
        vacancy__organisation=organisation, vacancy__status=VacancyStatus.OPEN
    ).select_related("vacancy", "referrer")
    for r in qs.order_by("created_at", "pk")[:500]:
        by_stage[r.stage].append(r)
    return [(stage, str(Stage(stage).label), by_stage[stage]) for stage in PIPELINE]


def my_referrals(employee: Employee) -> QuerySet[Referral]:
    """The referrals that came in through the employee's links (their stage is theirs to see)."""
    return (
        Referral.objects.filter(referrer=employee)
        .select_related("vacancy")
        .order_by("-created_at", "-pk")
    )


def contribution(*, employee: Employee) -> dict[str, Any]:
    """``{"referrals", "hired", "stages": {stage: n}}`` of the referrals through the employee's links.

    For the ambassadors' contribution page; counts only, no candidate.
    """
    counts = Counter(
        Referral.objects.filter(referrer=employee).values_list("stage", flat=True).iterator()
    )
    stages = {stage: int(counts.get(stage, 0)) for stage in Stage.values}
    return {
        "referrals": sum(stages.values()),
        "hired": stages[Stage.HIRED],
        "stages": stages,
    }


def leaderboard(organisation: Organisation) -> dict[str, Any] | None:
    """Referrals and hires per department, most hires first; ``None`` while switched off.

    Counts what colleagues brought in (candidates who applied through their
    links, and hires among them), never what was shared.  Departments with
    fewer active employees than ``WEAKTIES_MIN_GROUP`` are pooled as
    "other departments", so no one's count shows alone (DESIGN.md); a pool of
    fewer colleagues than that is left out too (issue 12).
    """
    if not settings_of(organisation).leaderboard:
        return None
    minimum = int(getattr(settings, "WEAKTIES_MIN_GROUP", 5))
    sizes = dict(
        Employee.objects.filter(organisation=organisation, active=True)
        .values_list("department")
        .annotate(n=Count("id"))
        .values_list("department", "n")
    )
    rows: dict[str, dict[str, int]] = {}
    referrals = Referral.objects.filter(vacancy__organisation=organisation, referrer__isnull=False)
    for department, stage in referrals.values_list("referrer__department", "stage").iterator():
        name = department if sizes.get(department, 0) >= minimum and department else ""
        row = rows.setdefault(name, {"referrals": 0, "hired": 0})
        row["referrals"] += 1
        row["hired"] += int(stage == Stage.HIRED)
    ranked = sorted(
        ((name, r) for name, r in rows.items() if name),
        key=lambda item: (-item[1]["hired"], -item[1]["referrals"], item[0]),
    )
    out = [{"department": name, **r} for name, r in ranked]
    pooled = sum(n for department, n in sizes.items() if not department or n < minimum)
    if "" in rows and pooled >= minimum:
        out.append({"department": None, **rows[""]})
    return {"departments": out, "minimum": minimum}


# -- "open vacancies that fit people I know" -------------------------------------------------


_OWN_FIELDS = (
    "pk",
    "person_id",
    "person__first_name",
    "person__last_name",
    "person__position",
    "person__company__name",
    "email",
    "phone",
    "connected_on",
    "sources",
    "measured__strength",
    "measured__tier",
    "measured__job_score",
    "measured__mutual_connections",
)


def _own_ties(employee: Employee) -> list[dict[str, Any]]:
    """The employee's ties to people with a position, colleagues left out (plain rows)."""
    rows = (
        Tie.objects.filter(employee=employee)
        .exclude(person__position="")
        .exclude(person__employee__organisation_id=employee.organisation_id)
        .order_by("-id")
        .values_list(*_OWN_FIELDS)[:MAX_OWN_TIES]
    )
    return [dict(zip(_OWN_FIELDS, row, strict=True)) for row in rows]


def _ranked(ties: list[dict[str, Any]], employee: Employee, today: dt.date) -> Ranked:
    """The ties' strength, tier and fit for a job lead, as the introductions search ranks them."""

    def facts(rows: np.ndarray) -> Facts:
        chosen = [ties[i] for i in rows.tolist()]
        return Facts(
            mutual=[t["measured__mutual_connections"] for t in chosen],
            connected_on=[t["connected_on"] for t in chosen],
            sources=[len(t["sources"] or ()) for t in chosen],
        )

    def number(value: float | None) -> float:
        return np.nan if value is None else float(value)

    return rank_ties(
        purpose=PURPOSE,
        strength=np.array([number(t["measured__strength"]) for t in ties], np.float64),
        tier=tier_codes([t["measured__tier"] or "" for t in ties]),
        job=np.array([number(t["measured__job_score"]) for t in ties], np.float64),
        facts=facts,
        organisation=employee.organisation,
        today=today,
    )


def _contact(tie: dict[str, Any], tier: str, score: float, why: str) -> dict[str, Any]:
    name = " ".join(p for p in (tie["person__first_name"], tie["person__last_name"]) if p)
    return {
        "tie": tie["pk"],
        "id": tie["person_id"],
        "name": name,
        "company": tie["person__company__name"] or "",
        "position": tie["person__position"],
        "email": tie["email"],
        "phone": tie["phone"],
        "tier": tier,
        "score": round(score, 4),
        "why": why,
    }


def _explained(
    matcher: Any, supply: list[Any], pairs: set[tuple[int, int]]
) -> dict[tuple[int, int], tuple[Reason, ...]]:
    """The engine's reasons for some (vacancy index, title index) pairs."""
    titles = sorted({r for _c, r in pairs})
    if not titles:
        return {}
    found = matcher.match(
        [supply[r] for r in titles], top_k=len(matcher.demand), min_score=MIN_MATCH
    )
    index = {request.id: j for j, request in enumerate(matcher.demand)}
    out: dict[tuple[int, int], tuple[Reason, ...]] = {}
    for m in found:
        key = (index[m.demand.id], m.supply.id)
        if key in pairs:
            out[key] = tuple(r for r in m.reasons if r.message not in QUIET and r.code != "timing")
    return out


def fitting_vacancies(
    *,
    employee: Employee,
    per_vacancy: int = 10,
    vacancy: Vacancy | None = None,
    today: dt.date | None = None,
) -> list[dict[str, Any]]:
    """Open vacancies of the employee's organisation that fit people the employee knows.

    ``[{"vacancy": Vacancy, "contacts": [{"tie", "id", "name", "company", "position",
    "email", "phone", "tier", "score", "why"}]}]``, the best-fitting vacancy first.
    The contacts are the employee's own, so their details are shown (to them
    alone); the order is the recruiters' (match × fit for a job lead).  The
    employee's distinct positions are matched against all open vacancies at
    once (:class:`weakties.matching.Matcher`); each position's ties are sorted
    by fit once, so a vacancy reads only the first few of each.  With
    ``vacancy``, only that one is looked at (the forward page).
    """
    from weakties.matching import Matcher, Request

    if vacancy is not None:
        vacancies = [vacancy] if vacancy.is_open else []
    else:
        vacancies = list(vacancies_for(employee, employee.organisation).filter(status="open")[:200])
    ties = _own_ties(employee)
    if not vacancies or not ties:
        return []
    ranked = _ranked(ties, employee, today or dt.date.today())
    fit = ranked.fit
    tiers = tier_names(ranked.tier)
    positions: dict[str, list[int]] = {}
    for i in ranked.order().tolist():  # best fit first
        positions.setdefault(ties[i]["person__position"], []).append(i)
    titles = list(positions)
    supply = [
        Request(id=i, org="contacts", kind="candidate", title=title)
        for i, title in enumerate(titles)
    ]
    matcher = Matcher([as_request(v) for v in vacancies])
    rows, cols, scores = matcher.top_pairs(supply, top_k=len(vacancies), min_score=MIN_MATCH)
    best: dict[int, list[tuple[float, int, int]]] = {}  # vacancy -> (score, tie index, title)
    for r, c, m in zip(rows.tolist(), cols.tolist(), scores.tolist(), strict=True):
        for i in positions[titles[r]][:per_vacancy]:
            best.setdefault(c, []).append((m * float(fit[i]), i, r))
    chosen = {
        c: sorted(found, key=lambda x: (-x[0], -ranked.strength[x[1]], ties[x[1]]["pk"]))[
            :per_vacancy
        ]
        for c, found in best.items()
    }
    shown = sorted(chosen, key=lambda c: -chosen[c][0][0])[:MAX_SHOWN]
    reasons = _explained(matcher, supply, {(c, r) for c in shown for _s, _i, r in chosen[c]})
    by_vacancy: dict[int, list[dict[str, Any]]] = {}
    for c in shown:
        for score, i, r in chosen[c]:
            why = explain(list(reasons.get((c, r), ())), translate=_)
            found = _contact(ties[i], tiers[i], score, f"{why} {tie_sentence(tiers[i])}".strip())
            by_vacancy.setdefault(vacancies[c].pk, []).append(found)
    out: list[tuple[float, dict[str, Any]]] = []
    for v in vacancies:
        contacts = sorted(by_vacancy.get(v.pk, ()), key=lambda x: (-x["score"], x["tie"]))
        if contacts:
            out.append((contacts[0]["score"], {"vacancy": v, "contacts": contacts[:per_vacancy]}))
    out.sort(key=lambda item: -item[0])
    return [item for _best, item in out]


#: A referral that got this far proved the tie: the candidate was worth an interview.
REFERRAL_POSITIVE = frozenset({Stage.INTERVIEW, Stage.OFFER, Stage.HIRED})
#: Still at one of these after its validity: no response, nothing came of it.
REFERRAL_WAITING = frozenset({Stage.REFERRED, Stage.CONTACTED})


def referral_outcomes(*, organisation: Organisation, today: dt.date | None = None) -> TieOutcomes:
    """The organisation's ended referrals as outcomes of the referrers' ties (for calibration).

    1 when the candidate was hired or got at least as far as an interview
    (interview, offer, hired): the referrer knew the candidate well enough to
    put forward someone worth meeting.  0 when not hired, or when nothing came
    of it (no response: still referred or contacted after the referral's
    validity).  The pipeline keeps the current stage only, so a candidate not
    hired after an interview counts 0.  A referral still in progress is no
    outcome yet (``referrals_in_progress``); a referral of someone the referrer
    has no tie with is not an outcome of a tie (``referrals_without_tie``).
    """
    day = today or timezone.localdate()
    outcomes: list[tuple[int, float]] = []
    left = {"referrals_without_tie": 0, "referrals_in_progress": 0}
    rows = Referral.objects.filter(vacancy__organisation=organisation).values_list(
        "tie_id", "stage", "valid_until"
    )
    for tie_id, stage, valid_until in rows.iterator(chunk_size=5000):
        if tie_id is None:
            left["referrals_without_tie"] += 1
        elif stage in REFERRAL_POSITIVE:
            outcomes.append((tie_id, 1.0))
        elif stage == Stage.NOT_HIRED or (stage in REFERRAL_WAITING and valid_until < day):
            outcomes.append((tie_id, 0.0))
        else:
            left["referrals_in_progress"] += 1
    return TieOutcomes("referrals", outcomes, left)
