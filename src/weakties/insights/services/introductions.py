"""Ranked warm introductions: who can introduce me to a company, a person or a role.

Every tie of a consenting colleague to a relevant contact is a candidate.
The score is ``relevance × fit`` (:mod:`weakties.network.paths`):

* for job leads and new information the fit is the **job score** of
  :mod:`weakties.network.job_leads` (Rajkumar et al. 2022, *Science* 377): an
  inverted U over the tie's mutual connections, peaking near ten scaled to
  how complete the organisation's data is, times a fit that falls with the
  tie's intensity (weaker is better).  ``weakties analyze`` stores it per tie
  on ``TieRank.job_score``, and a search reads it best first off one index;
* for sales deals and senior or critical roles strong ties fit best
  (Granovetter 1995; seed ``003_*``): ``fit = strength``, read strongest first.

Tie strength comes from the last ``weakties analyze``; ties added since get
a provisional strength from their duration and number of sources, computed
here with the same formula (:func:`weakties.network.tie_strength`), and a
provisional job score with no mutual connection seen yet.

Every row names, in the "why", the tie's mutual connections and its
intensity in plain words, in the reader's language.

Privacy (DESIGN.md): only consenting employees' ties count, results carry
no contact details, and every search is written to the audit log.  The
colleague is asked for the introduction; nobody writes to the contact.
"""

from __future__ import annotations

import datetime as dt
import re
import time
from typing import Any

import numpy as np
from django.conf import settings
from django.core.cache import cache
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rapidfuzz import fuzz

from weakties.accounts.models import Employee, Organisation, Role
from weakties.accounts.services.audit import audit
from weakties.core.errors import ServiceError
from weakties.insights.selectors import TIER_TEXT, job_peak
from weakties.insights.services.intro_reasons import phrases, why, why_mutual
from weakties.network import seniority_from_title
from weakties.network.job_leads import MUTUAL_PEAK
from weakties.network.paths import JOB_PURPOSES
from weakties.notifications.services.notify import notify
from weakties.people.models import PersonIdentifier
from weakties.people.selectors.ranked_ties import (
    Page,
    RankedTie,
    Target,
    as_page,
    companies_matching,
    count_ties,
    measured_ties,
    parse_cursor,
    purpose_fit,
    search_ties,
    titles_like,
)
from weakties.people.services.identity import digest
from weakties.people.strength import provisional_strength, provisional_tiers, strength_weights
from weakties.resolve import normalize_email, normalize_linkedin_url

__all__ = ["INTRO_PURPOSES", "TooManySearches", "introductions", "by_introducer"]

#: Person searches one user may make per hour (setting ``PERSON_SEARCHES_PER_HOUR``):
#: looking up addresses one after another probes who is a known contact.
PERSON_SEARCHES_PER_HOUR = 30


class TooManySearches(ServiceError):
    """Over the person-search limit: the API answers 429, the page and the CLI say so."""


#: The purposes a user can choose; "senior" is picked for senior roles.
INTRO_PURPOSES = ("job", "sales", "info")
#: Senior roles (directors, heads, managers) prefer strong ties.
SENIOR_ROLE = 0.85
#: A contact's title must fit the role this well (0–1) to count.
ROLE_FIT = 0.6
#: The best-fitting titles whose ties a role search ranks.
ROLE_TITLES = 30


def _role_tokens(role: str) -> list[str]:
    return [t for t in re.split(r"[^\w]+", role.casefold()) if len(t) >= 3]


def _targets(
    organisation: Organisation | None, company: str | None, person_ids: tuple[int, ...]
) -> list[Target]:
    """The ranked-ties searches for a company or a person (colleagues are not introduced).

    A company name finds the company it names exactly, else those it starts
    ("Rabo") or resembles ("Stirpe"): one search each
    (:func:`~weakties.people.selectors.ranked_ties.companies_matching`).
    No target: the company is unknown, so nobody can introduce anyone there.
    """
    if company is not None:
        return [
            Target(organisation=organisation, company_id=pk, exclude_colleagues=True)
            for pk, _name in companies_matching(company)
        ]
    return [Target(organisation=organisation, person_ids=person_ids, exclude_colleagues=True)]


def _person_key(person: str) -> tuple[str, str]:
    """``(kind, digest)`` of the LinkedIn URL or email address searched for."""
    url = normalize_linkedin_url(person)
    kind, value = ("linkedin", url) if url else ("email", normalize_email(person))
    if not value:
        raise ServiceError(
            _("%(value)s is neither a LinkedIn URL nor an email address") % {"value": person}
        )
    return kind, digest(value)


def _person_search_allowed(actor: Any) -> None:
    """Count a signed-in user's person searches; over the hourly limit, refuse and flag the burst.

    A counter in the cache (no database query): the key holds the user's
    id, the moment they joined (ids are reused by tests and restores) and
    the hour.  The first refusal of an hour notifies the organisation's
    admins once.  Operators on the command line are not limited.
    """
    if actor is None or not getattr(actor, "is_authenticated", False):
        return
    limit = int(getattr(settings, "PERSON_SEARCHES_PER_HOUR", PERSON_SEARCHES_PER_HOUR))
    joined = getattr(actor, "date_joined", None)
    stamp = joined.timestamp() if joined else ""
    key = f"weakties:person-searches:{actor.pk}:{stamp}:{int(time.time() // 3600)}"
    cache.add(key, 0, 3700)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, 3700)
        count = 1
    if count <= limit:
        return
    if count == limit + 1:
        _flag_burst(actor, limit)
    raise TooManySearches(
        _(
            "You looked up more than %(limit)s people in the last hour; "
            "try again later (searches for a company or a role still work)."
        )
        % {"limit": limit}
    )


def _flag_burst(actor: Any, limit: int) -> None:
    """Tell the searcher's organisation admins, in their own language, once per burst."""
    me = Employee.objects.filter(user_id=actor.pk).select_related("organisation").first()
    who = (me.email if me else "") or getattr(actor, "username", "")
    audit("intro.person_burst", actor=actor, limit=limit)
    if me is None:
        return
    admins = Employee.objects.filter(organisation=me.organisation, role=Role.ADMIN, active=True)
    for admin in admins:
        notify(
            employee=admin,
            kind="search.burst",
            subject=format_lazy(
                gettext_lazy("{who} looked up more than {limit} people in an hour"),
                who=who,
                limit=limit,
            ),
            body=format_lazy(
                gettext_lazy(
                    "Further person searches by {who} are refused for the rest of the hour. "
                    "The audit log shows who was looked up."
                ),
                who=who,
            ),
        )


def _role_candidates(
    organisation: Organisation | None, role: str, *, k: int, around: float | None, by: str
) -> tuple[list[RankedTie], int]:
    """Ties to people whose job title fits the role, and how many there are.

    The titles that name a word of the role are read (titles are few next to
    ties) and scored against the role; the :data:`ROLE_TITLES` that fit best
    are each read through ``TieRank``'s title index like a company: the best
    ``k`` around the purpose's peak, and those not analysed yet.  The count
    covers every fitting title (issue 9: no scan of the ties).
    """
    tokens = _role_tokens(role)
    if not tokens:
        raise ServiceError(_("describe the role in at least one word of three letters or more"))
    titles = titles_like(tokens)
    fit = _relevance(role, [key for _id, key in titles])
    chosen = [titles[i][0] for i in np.argsort(-fit, kind="stable") if fit[i] >= ROLE_FIT]
    if not chosen:
        return [], 0
    rows: list[RankedTie] = []
    for title_id in chosen[:ROLE_TITLES]:
        target = Target(organisation=organisation, title_ids=(title_id,), exclude_colleagues=True)
        rows += _read(target, k=k, around=around, by=by)
    total = 0
    for start in range(0, len(chosen), 500):
        total += count_ties(
            Target(
                organisation=organisation,
                title_ids=tuple(chosen[start : start + 500]),
                exclude_colleagues=True,
            )
        )
    return rows, total


def _read(target: Target, *, k: int, around: float | None, by: str) -> list[RankedTie]:
    """The rows of one target that may rank in the top ``k``: the best analysed, and those
    not analysed yet.

    The job ranking reads the stored job score best first.  Where none of the
    target's ties carries one, the database was analysed before the job score
    was stored (an upgrade, until the next ``weakties analyze``): the score is
    then computed from the strength alone, no mutual connection being known,
    and it falls as the strength rises (:func:`~weakties.network.job_leads.intensity_fit`),
    so the ``k`` weakest analysed ties hold the top ``k`` (one more index read,
    instead of scoring every unscored tie).
    """
    best, fresh = search_ties(target, k=k, around=around, by=by)
    if by == "job" and not best:
        best = measured_ties(target, k=k, around=0.0)
    return best + fresh


def _candidates(
    organisation: Organisation | None,
    company: str | None,
    person_ids: tuple[int, ...],
    role: str | None,
    *,
    k: int,
    around: float | None,
    by: str = "strength",
) -> tuple[list[RankedTie], int | None]:
    """The ties that may rank in the top ``k``, and how many answer the search (None: unknown)."""
    if role:
        return _role_candidates(organisation, role, k=k, around=around, by=by)
    rows: list[RankedTie] = []
    total = 0
    for target in _targets(organisation, company, person_ids):
        rows += _read(target, k=k, around=around, by=by)
        total += count_ties(target)
    if company is None and len(rows) < k:
        # A person's few ties were all read, each checked for a sharing colleague:
        # count those, so that the total cannot tell a stored address from an unknown one.
        return rows, None
    return rows, total


def _relevance(role: str | None, positions: list[str]) -> np.ndarray:
    if not role:
        return np.ones(len(positions))
    target = role.casefold()
    return np.array(
        [
            max(
                fuzz.token_set_ratio(target, p.casefold()), fuzz.partial_ratio(target, p.casefold())
            )
            / 100.0
            for p in positions
        ]
    )


def introductions(
    *,
    organisation: Organisation | None,
    company: str | None = None,
    person: str | None = None,
    role: str | None = None,
    purpose: str = "info",
    limit: int = 20,
    cursor: str | None = None,
    actor: Any = None,
    actor_label: str = "",
    today: dt.date | None = None,
) -> Page[dict[str, Any]]:
    """A page of ranked ``{"introducer", "contact", "strength", "tier", "score", "why"}``, best first."""
    given = [x for x in (company, person, role) if x]
    if len(given) != 1:
        raise ServiceError(_("give exactly one of company, person or role"))
    if purpose not in INTRO_PURPOSES:
        raise ServiceError(
            _("purpose must be one of %(choices)s") % {"choices": ", ".join(INTRO_PURPOSES)}
        )
    if limit < 1:
        raise ServiceError(_("limit must be at least 1"))
    offset = parse_cursor(cursor)
    person_ids: tuple[int, ...] = ()
    looked_up: dict[str, Any] = {}
    if person:
        kind, key = _person_key(person)
        _person_search_allowed(actor)
        person_ids = tuple(
            PersonIdentifier.objects.filter(kind=kind, digest=key).values_list(
                "person_id", flat=True
            )
        )
        # Who was looked up, without the address itself: the owner can see it.
        looked_up = {"person_ids": list(person_ids)}
    audit(
        "intro",
        actor=actor,
        actor_label=actor_label or (getattr(actor, "username", "") if actor else ""),
        target="company" if company else "person" if person else "role",
        query=company or role or f"{kind}:{key}",
        purpose=purpose,
        organisation=organisation.name if organisation else None,
        **looked_up,
    )
    effective = purpose
    if role and purpose != "sales" and seniority_from_title(role) >= SENIOR_ROLE:
        effective = "senior"
    by = "job" if effective in JOB_PURPOSES else "strength"
    rows, total = _candidates(
        organisation, company, person_ids, role, k=offset + limit, around=None, by=by
    )
    ranked = _ranked(rows, role=role, effective=effective, today=today, organisation=organisation)
    if total is None:
        total = len(ranked)
    page = as_page(ranked, offset=offset, limit=limit, total=total)
    relation = _relation(role, person)
    words = phrases()
    for row in page.rows:  # the reasons of the page only: words cost more than numbers
        row["why"] = why(row.pop("_tie"), row["tier"], effective, relation, words)
        row["why"] += " " + why_mutual(row, effective, row.pop("_peak"), words)
    return page


def _relation(role: str | None, person: str | None) -> str:
    return "role" if role else "target" if person else "company"


def _ranked(
    rows: list[RankedTie],
    *,
    role: str | None,
    effective: str,
    today: dt.date | None,
    organisation: Organisation | None = None,
) -> list[dict[str, Any]]:
    """Every candidate that fits (score above 0), best first; ``_tie`` is the row a reason needs."""
    if not rows:
        return []
    weights = strength_weights()
    strength = np.array([np.nan if r.strength is None else r.strength for r in rows], float)
    missing = ~np.isfinite(strength)
    tier_of_row = [r.tier for r in rows]
    if missing.any():
        fresh = [r for r, m in zip(rows, missing, strict=True) if m]
        on = [r.connected_on for r in fresh]
        counts = [len(r.sources) for r in fresh]
        day = today or dt.date.today()
        strength[missing] = provisional_strength(
            connected_on=on, sources=counts, today=day, weights=weights
        )
        tiers = provisional_tiers(connected_on=on, sources=counts, today=day, weights=weights)
        for k, tier in zip(np.flatnonzero(missing).tolist(), tiers, strict=True):
            tier_of_row[k] = tier
    relevance = _relevance(role, [r.position for r in rows])
    mutual = np.array([r.mutual_connections or 0 for r in rows], dtype=np.int64)
    peak = job_peak(organisation=organisation) if effective in JOB_PURPOSES else MUTUAL_PEAK
    strength, fit = purpose_fit(
        effective,
        strength=strength,
        # Intensity for the job fit: unknown (the middle) where the strength rests on too little.
        unknown=np.array([t in ("", "unknown") for t in tier_of_row], bool),
        job=np.array([np.nan if r.job_score is None else r.job_score for r in rows], float),
        mutual=mutual,
        peak=lambda: peak,
    )
    score = relevance * fit
    if role:
        score[relevance < ROLE_FIT] = 0.0
    order = np.lexsort((np.arange(len(rows)), -strength, -score))
    out: list[dict[str, Any]] = []
    for k in order:
        if score[k] <= 0:
            break
        r = rows[k]
        tier = tier_of_row[k] or "unknown"
        out.append(
            {
                "introducer": r.employee_email,
                "contact": {
                    "id": r.person_id,
                    "name": " ".join(p for p in (r.person_first_name, r.person_last_name) if p),
                    "company": r.company,
                    "position": r.position,
                },
                "strength": round(float(strength[k]), 4),
                "tier": tier,
                "score": round(float(score[k]), 4),
                "matched": r.company,
                # People both know as far as the data shows (0 until the tie is analysed).
                "mutual_connections": int(mutual[k]),
                "evidence": None if r.evidence is None else round(float(r.evidence), 4),
                "_tie": r,
                "_peak": peak,
            }
        )
    return out


def by_introducer(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A page's suggestions grouped per colleague: ``[{"introducer", "suggestions"}]``.

    Colleagues come in the order of their best suggestion, and each one's
    suggestions keep their rank: one request to a colleague can cover several
    of their contacts.  Each suggestion also gets its tier in words (``tier_label``).
    """
    groups: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        label = _(TIER_TEXT[row["tier"]]) if row["tier"] in TIER_TEXT else row["tier"]
        groups.setdefault(row["introducer"], []).append({**row, "tier_label": label})
    return [{"introducer": who, "suggestions": found} for who, found in groups.items()]
