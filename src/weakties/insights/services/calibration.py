"""``weakties analyze --calibrate``: tie-strength weights fitted to the organisation's outcomes.

The outcomes, one per observation, on the tie they concern:

* every introduction the contact **accepted** (1) or **declined** (0), as
  counted on ``Tie.intros_accepted`` / ``Tie.intros_declined``;
* the employee's own **rating** of a tie: "know well" (1) or "barely" (0)
  ("somewhat" says neither).  When ratings are among the outcomes the rating
  feature is not fitted (it cannot predict itself) and keeps its hand weight.

Each observation's feature scores are the tie's as ``weakties analyze``
computes them (:func:`weakties.network.tie_strength`, mutual connections
included); the fit is :func:`weakties.network.calibration.calibrate`
(logistic regression, cross-validated AUC, calibration table).  With too
little data the hand weights stay, and the report says so.

Referrals' hires are not linked to a tie in the data (a referral names the
candidate, not the colleague's tie to them), so they are not used yet.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import numpy as np

from weakties.accounts.models import Organisation
from weakties.insights.services.snapshots import load_network
from weakties.people.models import Tie
from weakties.people.strength import strength_weights

if TYPE_CHECKING:
    from weakties.network.calibration import Calibration

__all__ = ["calibration_fit"]


def calibration_fit(
    *,
    organisation: Organisation,
    today: dt.date | None = None,
    weights: dict[str, float] | None = None,
) -> Calibration:
    """Fit the organisation's tie-strength weights to its outcomes (or keep the prior)."""
    from weakties.network.calibration import calibrate
    from weakties.network.mutual import mutual_connections
    from weakties.network.strength import tie_strength

    prior = strength_weights(overrides=weights)
    data = load_network(organisation=organisation, today=today)
    snap = data.snapshot
    row_tie = snap.input_edge
    mutual_tie = mutual_connections(snap).astype(np.float64)
    mutual = np.where(row_tie >= 0, mutual_tie[np.maximum(row_tie, 0)], np.nan)
    ts = tie_strength(
        duration_days=data.duration_days,
        sources=data.sources,
        interactions=data.interactions,
        recency_days=data.recency_days,
        reciprocity=data.reciprocity,
        rating=data.rating,
        mutual=mutual,
        weights=prior,
    )
    rows, outcome = _outcomes(organisation, data.tie_ids, data.rating)
    rated = bool(np.isfinite(data.rating).any() and (np.isin(data.rating, (0, 2))).any())
    scores = {name: f[rows] for name, f in ts.features.items()}
    return calibrate(scores, outcome, prior=prior, fixed=("rating",) if rated else ())


def _outcomes(
    organisation: Organisation, tie_ids: np.ndarray, rating: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Input rows and outcomes: one per accepted or declined introduction, one per clear rating."""
    position = {int(t): k for k, t in enumerate(tie_ids.tolist())}
    rows: list[int] = []
    outcome: list[float] = []
    counted = (
        Tie.objects.filter(employee__organisation=organisation)
        .exclude(intros_accepted=0, intros_declined=0)
        .values_list("id", "intros_accepted", "intros_declined")
    )
    for tie_id, accepted, declined in counted.iterator(chunk_size=5000):
        k = position.get(int(tie_id))
        if k is None:  # not in the network analysed (the employee does not share)
            continue
        rows += [k] * (accepted + declined)
        outcome += [1.0] * accepted + [0.0] * declined
    for k in np.flatnonzero(rating == 2).tolist():
        rows.append(k)
        outcome.append(1.0)
    for k in np.flatnonzero(rating == 0).tolist():
        rows.append(k)
        outcome.append(0.0)
    return np.asarray(rows, dtype=np.int64), np.asarray(outcome, dtype=np.float64)
