r"""Referral candidates: contacts in colleagues' networks who may fit a vacancy, and who knows them.

For each vacancy every tie of a consenting, active colleague to a contact
with a fitting position is a candidate.  Its score multiplies how well the
contact's position fits the vacancy by how well the tie's strength fits the
purpose "job":

.. math::

   \text{score} = \text{match}(\text{position}, \text{vacancy}) \times \text{fit}_{job}(s)

* **match** is the matching engine's score (:func:`weakties.matching.match_contacts`:
  occupation taxonomy, BM25 over Dutch/English stems and compound parts,
  skills, region, level), in [0, 1];
* **fit** is the purpose-aware tie ranking of the introductions search, the
  same function (:func:`weakties.referrals.ranking.rank_ties`): for a job
  lead the job score ``weakties analyze`` stored on ``TieRank.job_score``
  (:func:`weakties.network.job_leads.job_score`).  Granovetter (1973) found
  that weak ties carry job leads; Rajkumar et al. (2022, *Science* 377), in
  randomised experiments on about 20 million LinkedIn members, found an
  inverted U over mutual connections (peaking near ten) and, over
  interaction intensity, the weakest ties best.  So of two colleagues who
  know the same fitting contact, the one whose tie has the better job score
  ranks first; a tie not analysed yet gets the provisional strength and tier
  and the job score they give, as in the introductions search.

Each contact appears once per vacancy, through the colleague whose tie scores
best.  The work is blocked so that 100 vacancies take seconds at 3M ties: the
organisation's positions in use are read once into a
:class:`~.tie_table.TieTable`; per vacancy :func:`~.tie_table.block` picks the
positions that share a word or an occupation family with it, the matching
engine scores those distinct positions (not every person), the best
:data:`TOP_POSITIONS` of them are kept, and only then are ties read: the head
of each kept position, as deep as the ranking looks (for all the vacancies of
a batch at once), ranked as arrays.  What is read is exactly what a scan of
every tie would rank first (``tests/referrals/test_tie_heads.py`` compares
the two).

The suggestions are stored (:class:`~weakties.referrals.models.Suggestion`),
so pages read them at once; the "why" is said when they are shown, in the
reader's language, from the engine's reasons for the few positions on the
page (:func:`explain_positions`).  Never with contact details (DESIGN.md); every search
is audited.

References
----------
.. [1] Granovetter, M. S. (1973). The Strength of Weak Ties. *American
   Journal of Sociology* 78(6), 1360-1380.
.. [2] Rajkumar, K., Saint-Jacques, G., Bojinov, I., Brynjolfsson, E. &
   Aral, S. (2022). A causal test of the strength of weak ties. *Science*
   377(6612), 1304-1310.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
from django.db import transaction
from django.utils import timezone

from weakties.matching.records import Contact, Reason, Request

if TYPE_CHECKING:
    from weakties.matching.engine import Matcher
from weakties.matching.reasons import LEVEL_UNKNOWN, REGION_UNKNOWN
from weakties.referrals.models import Suggestion, Vacancy
from weakties.referrals.services.actors import audit_by
from weakties.referrals.services.tie_table import (
    TieTable,
    block,
    ranges,
    tie_table_load,
    tiers_of,
)

__all__ = [
    "KEEP",
    "MIN_MATCH",
    "PURPOSE",
    "TOP_POSITIONS",
    "Found",
    "as_request",
    "candidates_find",
    "candidates_find_many",
    "explain_positions",
    "candidates_refresh",
    "candidates_store",
]

#: The purpose the ties are ranked for (Rajkumar et al. 2022: moderately weak ties first).
PURPOSE = "job"
#: Suggestions stored per vacancy.
KEEP = 50
#: The best-matching distinct positions whose ties are ranked per vacancy.
TOP_POSITIONS = 200
#: A position must match at least this well to count at all.
MIN_MATCH = 0.15

Progress = Callable[[int, int], None]
#: The engine's neutral sentences ("region unknown …") say nothing a reader needs.
QUIET = frozenset({REGION_UNKNOWN, LEVEL_UNKNOWN})


@dataclass(frozen=True)
class Found:
    """One suggestion before it is stored: a tie and its scores."""

    tie: int
    person: int
    employee: int
    score: float
    match: float
    strength: float
    tier: str


def as_request(vacancy: Vacancy) -> Request:
    """A vacancy as the matching engine's demand :class:`~weakties.matching.Request`."""
    return Request(
        id=vacancy.pk,
        org=f"organisation:{vacancy.organisation_id}",
        kind="vacancy",
        title=vacancy.title,
        text=vacancy.description,
        region=vacancy.location,
        level=vacancy.level,
    )


def _contacts(table: TieTable, codes: np.ndarray) -> list[Request]:
    """Distinct positions as the engine's supply: one "candidate" request per position."""
    return [
        Request(id=int(c), org="contacts", kind="candidate", title=table.positions[c])
        for c in codes.tolist()
    ]


def _position_scores(
    table: TieTable, matcher: Matcher, requests: list[Request]
) -> dict[int, tuple[np.ndarray, np.ndarray]]:
    """Per vacancy id, the best-matching positions: ``(codes, match scores)``, best first.

    The positions blocked for any of the vacancies are scored against all of
    them in one go (one :class:`~weakties.matching.Matcher` for the batch);
    each vacancy keeps its best :data:`TOP_POSITIONS` scoring at least
    :data:`MIN_MATCH`.
    """
    blocked = [block(table, r) for r in requests]
    union = np.unique(np.concatenate(blocked)) if blocked else np.zeros(0, np.int64)
    out: dict[int, tuple[np.ndarray, np.ndarray]] = {
        r.id: (np.zeros(0, np.int64), np.zeros(0)) for r in requests
    }
    if union.size == 0:
        return out
    rows, cols, scores = matcher.top_pairs(
        _contacts(table, union), top_k=len(requests), min_score=MIN_MATCH
    )
    order = np.lexsort((union[rows], -scores, cols))  # per vacancy, best first
    rows, cols, scores = rows[order], cols[order], scores[order]
    bounds = np.searchsorted(cols, np.arange(len(matcher.demand) + 1))
    for j, request in enumerate(matcher.demand):
        lo, hi = bounds[j], min(bounds[j + 1], bounds[j] + TOP_POSITIONS)
        out[request.id] = (union[rows[lo:hi]], scores[lo:hi].astype(np.float64))
    return out


def _rank(
    table: TieTable, codes: np.ndarray, matches: np.ndarray, limit: int
) -> list[tuple[int, float, float]]:
    """``(tie index, score, match)`` of the best tie per contact, best first.

    Each position's ties are stored best first for the purpose, so only the
    first few of each need scoring: a tie further down a position's range
    scores at most that position's match times the fit of the last tie
    taken.  The look widens until the ``limit``-th contact scores at least
    that much for every position not read to its end (then nothing unread
    can beat it), or every range is read.  The table reads each position's
    head as deep as the look goes (:meth:`~.tie_table.TieTable.read`: more
    than ``take`` ties, or all), so what is scored is what the whole table
    would give.
    """
    if codes.size == 0:
        return []
    take = limit * 4
    while True:
        table.read(codes, take)
        lo, ends = table.lo[codes], table.hi[codes]
        hi = np.minimum(ends, lo + take)
        idx = ranges(lo, hi)
        match = np.repeat(matches, hi - lo)
        score = match * table.fit[idx]
        order = np.lexsort((table.tie[idx], -table.strength[idx], -score))
        _unique, first = np.unique(table.person[idx[order]], return_index=True)
        chosen = order[np.sort(first)][:limit]
        open_ = hi < ends
        if not open_.any():
            break
        bound = float((matches[open_] * table.fit[hi[open_] - 1]).max())
        if chosen.size >= limit and float(score[chosen[-1]]) >= bound:
            break
        take *= 4
    return [(int(idx[k]), float(score[k]), float(match[k])) for k in chosen.tolist()]


def _found(
    table: TieTable, ranked: list[tuple[int, float, float]], tiers: dict[int, str]
) -> list[Found]:
    return [
        Found(
            tie=int(table.tie[k]),
            person=int(table.person[k]),
            employee=int(table.employee[k]),
            score=round(score, 4),
            match=round(match, 4),
            strength=round(float(table.strength[k]), 4),
            tier=tiers[k],
        )
        for k, score, match in ranked
    ]


def candidates_find_many(
    table: TieTable,
    vacancies: Sequence[Vacancy],
    *,
    limit: int = KEEP,
    timings: dict[str, float] | None = None,
) -> dict[int, list[Found]]:
    """The best ``limit`` contacts for each vacancy, from a loaded :class:`TieTable`.

    One matcher scores the blocked positions against all the vacancies, the
    heads of all their best positions are read in one go, then the ties of
    each vacancy's best positions are ranked.  The reasons are
    said when the suggestions are shown (:func:`explain_positions`), for the
    few on the page.  ``timings``, when given, receives the seconds of each
    step (for ``bench/referrals.py``).
    """
    clock = time.perf_counter()
    requests = [as_request(v) for v in vacancies]
    if not requests:
        return {}
    from weakties.matching.engine import Matcher  # the engine loads scipy: only when scoring

    scored = _position_scores(table, Matcher(requests), requests)
    lap = time.perf_counter()
    chosen = [codes for codes, _matches in scored.values()]
    table.read(np.concatenate(chosen) if chosen else np.zeros(0, np.int64), limit * 4)
    read = time.perf_counter()
    ranked = {pk: _rank(table, codes, matches, limit) for pk, (codes, matches) in scored.items()}
    kept = sorted({k for rows in ranked.values() for k, _score, _match in rows})
    tiers = dict(zip(kept, tiers_of(table, kept), strict=True))
    out = {pk: _found(table, rows, tiers) for pk, rows in ranked.items()}
    if timings is not None:
        timings.update(match=lap - clock, read=read - lap, rank=time.perf_counter() - read)
    return out


def explain_positions(vacancy: Vacancy, positions: Sequence[str]) -> dict[str, tuple[Reason, ...]]:
    """The matching engine's reasons why each position fits the vacancy (neutral ones left out).

    For the suggestions a page, the API or the CLI shows: one engine run over
    their few distinct positions.
    """
    distinct = sorted({p for p in positions if p.strip()})
    if not distinct:
        return {}
    contacts = [Contact(id=i, title=title) for i, title in enumerate(distinct)]
    from weakties.matching.engine import match_contacts  # as above

    found = match_contacts(as_request(vacancy), contacts, top_k=len(contacts), min_score=0.0)
    return {
        distinct[m.contact.id]: tuple(r for r in m.reasons if r.message not in QUIET) for m in found
    }


def candidates_find(table: TieTable, vacancy: Vacancy, *, limit: int = KEEP) -> list[Found]:
    """The best ``limit`` contacts for one vacancy from a loaded :class:`TieTable`."""
    return candidates_find_many(table, [vacancy], limit=limit)[vacancy.pk]


def _suggestions(vacancy: Vacancy, found: list[Found]) -> list[Suggestion]:
    return [
        Suggestion(
            vacancy=vacancy,
            tie_id=f.tie,
            employee_id=f.employee,
            person_id=f.person,
            rank=rank,
            score=f.score,
            match=f.match,
            strength=f.strength,
            tier=f.tier,
            purpose=PURPOSE,
        )
        for rank, f in enumerate(found, start=1)
    ]


@transaction.atomic
def candidates_store(found: dict[int, list[Found]], *, vacancies: Sequence[Vacancy]) -> None:
    """Replace the stored suggestions of ``vacancies`` with ``found`` (one transaction)."""
    pks = [v.pk for v in vacancies]
    Suggestion.objects.filter(vacancy_id__in=pks).delete()
    Suggestion.objects.bulk_create(
        [s for v in vacancies for s in _suggestions(v, found.get(v.pk, []))], batch_size=2000
    )
    now = timezone.now()
    Vacancy.objects.filter(pk__in=pks).update(candidates_at=now)
    for v in vacancies:
        v.candidates_at = now


def candidates_refresh(
    *,
    vacancies: Sequence[Vacancy],
    keep: int = KEEP,
    table: TieTable | None = None,
    today: dt.date | None = None,
    progress: Progress | None = None,
    actor: Any = None,
    actor_label: str = "",
) -> dict[int, list[Suggestion]]:
    """Find and store the candidates of ``vacancies`` (one organisation); ``{vacancy id: suggestions}``.

    The organisation's positions, and the ties their best positions need, are
    read once for all of them (pass ``table`` to reuse one already read).
    Closed vacancies get none.
    """
    vacancies = list(vacancies)
    if not vacancies:
        return {}
    organisations = {v.organisation_id for v in vacancies}
    if len(organisations) != 1:
        raise ValueError("candidates_refresh takes the vacancies of one organisation")
    if table is None:
        table = tie_table_load(organisation=vacancies[0].organisation, purpose=PURPOSE, today=today)
    found = candidates_find_many(table, [v for v in vacancies if v.is_open], limit=keep)
    if progress is not None:
        progress(len(vacancies), len(vacancies))
    candidates_store(found, vacancies=vacancies)
    out: dict[int, list[Suggestion]] = {v.pk: [] for v in vacancies}
    for s in Suggestion.objects.filter(vacancy__in=vacancies).order_by("vacancy", "rank"):
        out[s.vacancy_id].append(s)
    audit_by(
        "referral_candidates",
        actor,
        actor_label,
        vacancies=[v.pk for v in vacancies],
        found={str(k): len(v) for k, v in out.items()},
    )
    return out
