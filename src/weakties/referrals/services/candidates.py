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
* **fit** is the purpose-aware tie ranking of the introductions search
  (:func:`weakties.network.paths.strength_fit` with ``PURPOSES["job"]``): an
  inverted U peaking at moderately weak ties.  Granovetter (1973) found that
  weak ties carry job leads; Rajkumar et al. (2022, *Science* 377), in
  randomised experiments on about 20 million LinkedIn members, found that
  *moderately* weak ties raised job mobility most.  So of two colleagues who
  know the same fitting contact, the one with the moderately weak tie ranks
  first, and a fitting contact known only through a strong tie ranks below
  an equally fitting one known through a moderately weak tie.

Each contact appears once per vacancy, through the colleague whose tie scores
best.  The work is blocked so that 100 vacancies take seconds at 3M ties: the
organisation's ties are read once into a :class:`~.tie_table.TieTable`; per
vacancy :func:`~.tie_table.block` picks the positions that share a word or an
occupation family with it, the matching engine scores those distinct
positions (not every person), the best :data:`TOP_POSITIONS` of them are kept,
and their ties are ranked as arrays.

The suggestions are stored (:class:`~weakties.referrals.models.Suggestion`)
with the engine's reasons, so pages read them at once and say the "why" in
the reader's language.  Never with contact details (DESIGN.md); every search
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
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from django.db import transaction
from django.utils import timezone

from weakties.matching import Contact, Reason, Request, match_contacts
from weakties.network.paths import PURPOSES, strength_fit
from weakties.network.strength import TIERS, tier_of
from weakties.people.strength import strength_weights
from weakties.referrals.models import Suggestion, Vacancy
from weakties.referrals.services.actors import audit_by
from weakties.referrals.services.tie_table import TieTable, block, tie_table_load

__all__ = [
    "KEEP",
    "MIN_MATCH",
    "PURPOSE",
    "TOP_POSITIONS",
    "Found",
    "as_request",
    "candidates_find",
    "candidates_refresh",
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


@dataclass(frozen=True)
class Found:
    """One suggestion before it is stored: a tie, its scores and the engine's reasons."""

    tie: int
    person: int
    employee: int
    score: float
    match: float
    strength: float
    tier: str
    reasons: tuple[Reason, ...]


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


def _position_scores(table: TieTable, request: Request) -> tuple[np.ndarray, np.ndarray, dict]:
    """The best-matching positions: codes, match scores, and each one's reasons."""
    codes = block(table, request)
    if codes.size == 0:
        return codes, np.zeros(0), {}
    contacts = [Contact(id=int(c), title=table.positions[c]) for c in codes.tolist()]
    found = match_contacts(request, contacts, top_k=TOP_POSITIONS, min_score=MIN_MATCH)
    best = np.fromiter((m.contact.id for m in found), np.int64, len(found))
    scores = np.fromiter((m.score for m in found), np.float64, len(found))
    return best, scores, {m.contact.id: m.reasons for m in found}


def _rank(
    table: TieTable, codes: np.ndarray, matches: np.ndarray, limit: int
) -> list[tuple[int, float, float, float]]:
    """``(tie index, score, match, strength)`` of the best tie per contact, best first."""
    if codes.size == 0:
        return []
    idx = table.ties_of(codes)
    match = np.repeat(matches, table.start[codes + 1] - table.start[codes])
    strength = table.strength[idx]
    score = match * strength_fit(strength, PURPOSES[PURPOSE])
    peak = np.abs(strength - PURPOSES[PURPOSE].peak)
    # Sort only the best few: a contact known by several colleagues takes several rows,
    # so look at a multiple of the limit and widen the look until enough people come out.
    wanted = limit * 8
    while True:
        if wanted < score.size:
            part = np.argpartition(-score, wanted - 1)[:wanted]
        else:
            part = np.arange(score.size)
        # Best first; equal scores: the tie nearer the peak, then the older tie.
        order = part[np.lexsort((table.tie[idx[part]], peak[part], -score[part]))]
        _unique, first = np.unique(table.person[idx[order]], return_index=True)
        if first.size >= limit or part.size == score.size:
            break
        wanted *= 4
    chosen = order[np.sort(first)][:limit]
    return [
        (int(idx[k]), float(score[k]), float(match[k]), float(strength[k])) for k in chosen.tolist()
    ]


def candidates_find(table: TieTable, vacancy: Vacancy, *, limit: int = KEEP) -> list[Found]:
    """The best ``limit`` contacts for one vacancy from a loaded :class:`TieTable`."""
    request = as_request(vacancy)
    codes, matches, reasons = _position_scores(table, request)
    ranked = _rank(table, codes, matches, limit)
    if not ranked:
        return []
    weights = strength_weights()
    tiers = tier_of(np.array([r[3] for r in ranked]), weights)
    code_of = np.searchsorted(table.start, [r[0] for r in ranked], side="right") - 1
    return [
        Found(
            tie=int(table.tie[k]),
            person=int(table.person[k]),
            employee=int(table.employee[k]),
            score=round(score, 4),
            match=round(match, 4),
            strength=round(strength, 4),
            tier=TIERS[int(t)] if t >= 0 else "",
            reasons=tuple(reasons.get(int(c), ())),
        )
        for (k, score, match, strength), t, c in zip(ranked, tiers, code_of, strict=True)
    ]


def _reasons_json(reasons: Sequence[Reason]) -> list[dict[str, Any]]:
    return [
        {
            "code": r.code,
            "score": float(r.score),
            "message": r.message,
            "params": {k: str(v) for k, v in dict(r.params).items()},
        }
        for r in reasons
    ]


@transaction.atomic
def _store(vacancy: Vacancy, found: list[Found]) -> list[Suggestion]:
    Suggestion.objects.filter(vacancy=vacancy).delete()
    rows = Suggestion.objects.bulk_create(
        [
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
                reasons=_reasons_json(f.reasons),
            )
            for rank, f in enumerate(found, start=1)
        ]
    )
    vacancy.candidates_at = timezone.now()
    vacancy.save(update_fields=["candidates_at"])
    return rows


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

    The organisation's ties are read once for all of them (pass ``table`` to
    reuse one already read).  Closed vacancies get none.
    """
    vacancies = list(vacancies)
    if not vacancies:
        return {}
    organisations = {v.organisation_id for v in vacancies}
    if len(organisations) != 1:
        raise ValueError("candidates_refresh takes the vacancies of one organisation")
    if table is None:
        table = tie_table_load(organisation=vacancies[0].organisation, today=today)
    out: dict[int, list[Suggestion]] = {}
    for done, vacancy in enumerate(vacancies, start=1):
        found = candidates_find(table, vacancy, limit=keep) if vacancy.is_open else []
        out[vacancy.pk] = _store(vacancy, found)
        if progress is not None:
            progress(done, len(vacancies))
    audit_by(
        "referral_candidates",
        actor,
        actor_label,
        vacancies=[v.pk for v in vacancies],
        found={str(k): len(v) for k, v in out.items()},
    )
    return out
