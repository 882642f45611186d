"""A sharer's ties ranked for a purpose exactly as "who can introduce me to …" ranks them.

One ranking for referral candidates (:mod:`.services.tie_table`), "open
vacancies that fit people I know" (:func:`weakties.referrals.selectors.fitting_vacancies`)
and the plan's own contacts (:mod:`weakties.plans.helpers`), built from the
same public parts as the introductions search
(:mod:`weakties.insights.services.introductions`), so the three cannot drift
from it: the fit and the strength shown come from
:func:`weakties.people.selectors.ranked_ties.purpose_fit`, the job score's
peak from :func:`weakties.insights.selectors.job_peak`.

* **strength and tier**: the last ``weakties analyze``'s (``TieRank``); a tie
  not analysed yet gets :func:`~weakties.people.strength.provisional_strength`
  and :func:`~weakties.people.strength.provisional_tiers` (``"unknown"``
  unless its age and sources are evidence enough; with the default weights
  they are not);
* **fit for job leads and new information** (``"job"``, ``"info"``): the job
  score the analysis stored (``TieRank.job_score``: Rajkumar et al. 2022's
  inverted U over mutual connections times a fit that falls with intensity,
  :func:`weakties.network.job_leads.job_score`).  A tie without one (not
  analysed yet, or analysed before the job score was stored) gets it from the
  same function, from its mutual connections known (none when not analysed)
  and its strength as intensity, unknown (the middle) where its tier is
  unknown, at the peak the organisation's last analysis used;
* **fit for sales and senior roles**: :func:`weakties.network.paths.strength_fit`
  (stronger is better), a tie of unknown tier counting at 0.25;
* **order**: fit, then strength, both descending.

References
----------
.. [1] Rajkumar, K., Saint-Jacques, G., Bojinov, I., Brynjolfsson, E. &
   Aral, S. (2022). A causal test of the strength of weak ties. *Science*
   377(6612), 1304-1310.
.. [2] Granovetter, M. S. (1995). *Getting a Job*, 2nd ed. University of
   Chicago Press.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from weakties.accounts.models import Organisation
from weakties.insights.selectors import job_peak
from weakties.network.paths import JOB_PURPOSES
from weakties.network.strength import TIERS
from weakties.people.selectors.ranked_ties import purpose_fit
from weakties.people.strength import provisional_strength, provisional_tiers, strength_weights

__all__ = [
    "NOT_ANALYSED",
    "NOT_READ",
    "TIER_NAMES",
    "UNKNOWN",
    "Facts",
    "Ranked",
    "rank_ties",
    "tier_codes",
    "tier_names",
]

#: Tier names by code: the four tiers, then "unknown" (too little evidence for a tier).
TIER_NAMES = (*TIERS, "unknown")
UNKNOWN = TIER_NAMES.index("unknown")
#: The code of a tie the analysis has not seen (its stored tier is empty).
NOT_ANALYSED = -1
#: The code of a stored tier not read (yet): a job ranking needs no tier of a tie with a job score.
NOT_READ = -2
_CODE = {name: code for code, name in enumerate(TIER_NAMES)}


def tier_codes(tiers: Sequence[str]) -> np.ndarray:
    """Stored tier names as codes (``""``: :data:`NOT_ANALYSED`)."""
    return np.array([_CODE.get(t, NOT_ANALYSED) for t in tiers], np.int8)


def tier_names(codes: np.ndarray) -> list[str]:
    """Codes as the tier names pages, the API and the CLI show (a tie not analysed: "unknown")."""
    if (codes == NOT_READ).any():
        raise ValueError("a tier was not read")
    return [TIER_NAMES[c] if c >= 0 else "unknown" for c in codes.tolist()]


@dataclass(frozen=True)
class Facts:
    """What a tie's provisional strength and fallback job score need, for some rows.

    ``tier``: their stored tiers (names, or codes as :func:`tier_codes`
    gives), where the caller had not read them (``rank_ties`` was given
    :data:`NOT_READ` for them).  ``mutual`` may be an array too.
    """

    mutual: Sequence[int | None] | np.ndarray
    connected_on: Sequence[dt.date | None]
    sources: Sequence[int]
    tier: Sequence[str] | np.ndarray | None = None


@dataclass(frozen=True, eq=False)
class Ranked:
    """Per tie: the strength shown (measured or provisional), the tier code and the fit."""

    strength: np.ndarray
    tier: np.ndarray
    fit: np.ndarray

    def order(self) -> np.ndarray:
        """Best first: fit, then strength, then the given order."""
        return np.lexsort((np.arange(self.fit.size), -self.strength, -self.fit))


def rank_ties(
    *,
    purpose: str,
    strength: np.ndarray,
    tier: np.ndarray,
    job: np.ndarray,
    facts: Callable[[np.ndarray], Facts],
    organisation: Organisation | None,
    today: dt.date,
) -> Ranked:
    """Strength, tier and fit of ties for ``purpose`` (see the module docstring).

    ``strength`` and ``job`` hold NaN where not stored, ``tier`` the stored
    tier codes (:func:`tier_codes`; :data:`NOT_READ` where the job score
    makes it needless, and then ``facts`` gives it where the job score is
    missing after all).  ``facts(rows)`` gives, for the rows
    that need them (no strength, or no job score for a job purpose), the
    mutual connections, the date connected and the number of sources; it is
    called once, and not at all when every tie is analysed.
    """
    strength = np.array(strength, np.float64)
    tier = np.array(tier, np.int8)
    job = np.array(job, np.float64)
    no_strength = ~np.isfinite(strength)
    by_job = purpose in JOB_PURPOSES
    no_job = ~np.isfinite(job) if by_job else np.zeros(job.size, bool)
    rows = np.flatnonzero(no_strength | no_job)
    mutual = np.zeros(strength.size, np.float64)
    if rows.size:
        found = facts(rows)
        if isinstance(found.mutual, np.ndarray):
            mutual[rows] = np.nan_to_num(found.mutual.astype(np.float64))
        else:
            mutual[rows] = [m or 0 for m in found.mutual]
        if isinstance(found.tier, np.ndarray):
            tier[rows] = found.tier
        elif found.tier is not None:
            tier[rows] = tier_codes(found.tier)
        fresh = no_strength[rows]
        if fresh.any():
            on = [d for d, f in zip(found.connected_on, fresh.tolist(), strict=True) if f]
            counts = [n for n, f in zip(found.sources, fresh.tolist(), strict=True) if f]
            weights = strength_weights()
            strength[rows[fresh]] = provisional_strength(
                connected_on=on, sources=counts, today=today, weights=weights
            )
            tier[rows[fresh]] = tier_codes(
                provisional_tiers(connected_on=on, sources=counts, today=today, weights=weights)
            )
    if not by_job and (tier == NOT_READ).any():
        raise ValueError("ranking by strength needs every tie's tier")
    # Intensity: unknown (the middle) where the strength rests on too little for a tier.
    strength, fit = purpose_fit(
        purpose,
        strength=strength,
        unknown=(tier < 0) | (tier == UNKNOWN),
        job=job,
        mutual=mutual,
        peak=lambda: job_peak(organisation=organisation),
    )
    return Ranked(strength=strength, tier=tier, fit=fit)
