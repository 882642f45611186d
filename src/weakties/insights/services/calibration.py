"""``weakties analyze --calibrate``: tie-strength weights fitted to the organisation's outcomes.

The outcomes, one per observation, on the tie they concern:

* every introduction the contact **accepted** (1) or **declined** (0), as
  counted on ``Tie.intros_accepted`` / ``Tie.intros_declined``;
* the employee's own **rating** of a tie: "know well" (1) or "barely" (0)
  ("somewhat" says neither).  When ratings are among the outcomes the rating
  feature is not fitted (it cannot predict itself) and keeps its hand weight;
* outcomes of other kinds on ties, gathered by the apps above this one and
  passed in as :class:`TieOutcomes` (``more``): the **referrals** linked to
  the referrer's tie to the candidate
  (:func:`weakties.referrals.selectors.referral_outcomes`: hired or
  interview-or-better 1, not hired or no response 0).  An outcome on a tie
  outside the network analysed (its owner does not share) is left out and
  counted as ``<kind>_not_shared``; what the app itself left out (a referral
  of someone the referrer has no tie with) is counted as it says.

Each observation's feature scores are the tie's as ``weakties analyze``
computes them (:func:`weakties.network.tie_strength`, mutual connections
included); the fit is :func:`weakties.network.calibration.calibrate`
(logistic regression, cross-validated AUC, calibration table), with one
intercept per kind of outcome (their base rates differ) and the outcomes
counted per kind.  With too little data (fewer than
:data:`~weakties.network.calibration.MIN_OUTCOMES` outcomes of all kinds
together) the hand weights stay, and the report says so.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import TYPE_CHECKING

import numpy as np

from weakties.accounts.models import Organisation
from weakties.insights.services.snapshots import load_network
from weakties.people.models import Tie
from weakties.people.strength import strength_weights

if TYPE_CHECKING:
    from collections.abc import Sequence

    from weakties.network.calibration import Calibration

__all__ = ["OUTCOME_KINDS", "TieOutcomes", "calibration_fit"]

#: The kinds of outcome read here, in the order they are reported (``more`` adds its kinds).
OUTCOME_KINDS = ("introductions", "ratings")


@dataclasses.dataclass(frozen=True)
class TieOutcomes:
    """Outcomes of one kind on ties, from an app above this one (referrals).

    ``outcomes`` holds one ``(tie id, 1 or 0)`` per observation; ``left_out``
    counts what the app did not count as an outcome, by reason.
    """

    kind: str
    outcomes: Sequence[tuple[int, float]]
    left_out: dict[str, int] = dataclasses.field(default_factory=dict)


def calibration_fit(
    *,
    organisation: Organisation,
    today: dt.date | None = None,
    weights: dict[str, float] | None = None,
    more: Sequence[TieOutcomes] = (),
) -> Calibration:
    """Fit the organisation's tie-strength weights to its outcomes (or keep the prior).

    ``more``: outcomes of other kinds (referrals), gathered by the apps that hold them.
    """
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
    position = {int(t): k for k, t in enumerate(data.tie_ids.tolist())}
    out = _Outcomes()
    _introductions(organisation, position, out)
    _ratings(data.rating, out)
    left_out: dict[str, int] = {}
    for kind in more:
        left_out |= _more(kind, position, out)
    rated = bool(np.isfinite(data.rating).any() and (np.isin(data.rating, (0, 2))).any())
    rows = np.asarray(out.rows, dtype=np.int64)
    scores = {name: f[rows] for name, f in ts.features.items()}
    fit = calibrate(
        scores,
        np.asarray(out.outcome, dtype=np.float64),
        prior=prior,
        fixed=("rating",) if rated else (),
        source=out.source,
    )
    empty = {"outcomes": 0, "positives": 0}
    return dataclasses.replace(
        fit,
        sources={
            kind: fit.sources.get(kind, dict(empty))
            for kind in (*OUTCOME_KINDS, *(m.kind for m in more))
        },
        left_out=left_out,
    )


@dataclasses.dataclass
class _Outcomes:
    """Input rows of the network, with the outcome and its kind, one per observation."""

    rows: list[int] = dataclasses.field(default_factory=list)
    outcome: list[float] = dataclasses.field(default_factory=list)
    source: list[str] = dataclasses.field(default_factory=list)

    def add(self, row: int, value: float, kind: str, times: int = 1) -> None:
        self.rows += [row] * times
        self.outcome += [value] * times
        self.source += [kind] * times


def _introductions(organisation: Organisation, position: dict[int, int], out: _Outcomes) -> None:
    """One outcome per accepted (1) or declined (0) introduction."""
    counted = (
        Tie.objects.filter(employee__organisation=organisation)
        .exclude(intros_accepted=0, intros_declined=0)
        .values_list("id", "intros_accepted", "intros_declined")
    )
    for tie_id, accepted, declined in counted.iterator(chunk_size=5000):
        k = position.get(int(tie_id))
        if k is None:  # not in the network analysed (the employee does not share)
            continue
        out.add(k, 1.0, "introductions", accepted)
        out.add(k, 0.0, "introductions", declined)


def _ratings(rating: np.ndarray, out: _Outcomes) -> None:
    """One outcome per clear rating: "know well" (1), "barely" (0)."""
    for k in np.flatnonzero(rating == 2).tolist():
        out.add(k, 1.0, "ratings")
    for k in np.flatnonzero(rating == 0).tolist():
        out.add(k, 0.0, "ratings")


def _more(kind: TieOutcomes, position: dict[int, int], out: _Outcomes) -> dict[str, int]:
    """Add one kind's outcomes on the ties analysed; what was left out, by reason."""
    left = dict(kind.left_out)
    not_shared = f"{kind.kind}_not_shared"
    left[not_shared] = left.get(not_shared, 0)
    for tie_id, value in kind.outcomes:
        k = position.get(int(tie_id))
        if k is None:  # the tie's owner does not share their network: not analysed
            left[not_shared] += 1
            continue
        out.add(k, float(value), kind.kind)
    return left
