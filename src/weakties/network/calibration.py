r"""Tie-strength weights fitted to the organisation's own outcomes.

The weights of :mod:`weakties.network.strength` are a hand-set prior that
follows Gilbert & Karahalios (2009), who fitted a linear model of tie
strength to 35 people's ratings of their Facebook friends.  An organisation
has its own evidence of which ties are strong: introductions that a contact
accepted or declined, referrals that ended in a hire, the employees' own
ratings.  :func:`calibrate` fits a **logistic regression** of such outcomes
(1 = the tie proved strong: accepted, hired, rated "know well"; 0 = it did
not) on the tie's feature scores :math:`f_k \in [0, 1]`,

.. math::

   \Pr(y = 1) = \sigma\Big(\beta_0 + \sum_k \beta_k f_k\Big),

with scikit-learn (L2 penalty ``C``, so collinear features stay finite).  A
feature unknown for a tie is set to the feature's mean over the ties where
it is known (it then moves no prediction), and a feature known for too few
ties is not fitted.  The fitted weights are the positive coefficients scaled
to the prior's total weight, :math:`\omega_k = \max(\beta_k, 0) \cdot
\sum_j \omega^{\text{prior}}_j / \sum_j \max(\beta_j, 0)`: the strength
stays a weighted mean in [0, 1] and the evidence keeps its meaning.  A
negative coefficient (more of the feature, less often a strong tie) gets
weight 0 and is reported.

**Kinds of outcome.**  Outcomes come from several sources (introductions,
ratings, referrals), each with its own base rate: most introductions are
accepted, few referrals end in a hire.  With ``source`` given and more than
one source present, each source gets its own intercept (one indicator column
per source beside the first), and the feature coefficients are shared.  A
feature that merely goes with one source more than another (referred
contacts are mailed more often, say) then gets no weight for the sources'
base rates; only how the outcomes vary *within* a source moves the weights.
The report gives the outcomes and positives per source and the
cross-validated AUC within each source (where it has both classes), which
says how well the tie's features rank that kind of outcome alone.

**Too little data.**  With fewer than ``min_outcomes`` outcomes, or fewer
than ``min_each`` of either class, nothing is fitted: the hand weights stay
(:attr:`Calibration.fitted` is False) and the report says why.  With
enough, the fit reports

* the AUC, cross-validated (``folds``-fold, stratified, seeded), so it is the
  AUC on outcomes the fit did not see; 0.5 is chance;
* calibration: the Brier score and, per bin of predicted probability, the mean
  prediction beside the observed rate (a calibrated model has them equal);
* the number of outcomes it rests on, and how many were positive, per source.

References
----------
.. [1] Gilbert, E. & Karahalios, K. (2009). Predicting Tie Strength with
   Social Media. *Proceedings of CHI 2009*, 211-220.
.. [2] Hosmer, D. W., Lemeshow, S. & Sturdivant, R. X. (2013). *Applied
   Logistic Regression*, 3rd ed. Wiley.
.. [3] Niculescu-Mizil, A. & Caruana, R. (2005). Predicting good
   probabilities with supervised learning. *ICML 2005* (reliability diagrams).

Examples
--------
Outcomes generated from known coefficients are recovered:

>>> import numpy as np
>>> from weakties.network.calibration import calibrate, simulate_outcomes
>>> scores, y = simulate_outcomes({"recency": 4.0, "rating": 2.0}, n=4000, intercept=-3.0, seed=1)
>>> fit = calibrate(scores, y, seed=1)
>>> fit.fitted, fit.outcomes
(True, 4000)
>>> {k: round(v) for k, v in fit.coefficients.items()}
{'recency': 4, 'rating': 2}
>>> calibrate(scores, y, min_outcomes=10**6).reason  # too little: the hand weights stay
'too_few_outcomes'
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np

from .strength import FEATURES, StrengthWeights

__all__ = ["Calibration", "calibrate", "simulate_outcomes"]

#: Outcomes below which the hand weights stay.
MIN_OUTCOMES = 50
#: Outcomes of each class (strong / not) needed as well.
MIN_EACH = 10
#: Bins of predicted probability in the calibration table.
CALIBRATION_BINS = 5


@dataclass(frozen=True)
class Calibration:
    """What :func:`calibrate` found.

    Attributes
    ----------
    fitted : bool
        False: too little data, the ``weights`` are the prior's (``reason`` says why).
    weights : dict of str to float
        The weights to use, one per feature of the model (the prior's where not fitted).
    prior : dict of str to float
        The hand weights.
    coefficients : dict of str to float
        The logistic coefficients of the fitted features (log-odds per unit of score).
    intercept : float or None
        With one intercept per source, the first source's (``source_intercepts`` has all).
    auc : float or None
        Cross-validated area under the ROC curve.
    brier : float or None
        Mean squared error of the predicted probabilities (in-sample).
    calibration : list of dict
        Per bin: ``predicted`` (mean), ``observed`` (rate), ``n``.
    outcomes, positives : int
    negative : list of str
        Features whose coefficient came out below 0 (weight 0).
    skipped : list of str
        Features known for too few outcomes to fit.
    reason : str
        ``"fitted"``, ``"too_few_outcomes"``, ``"too_few_of_one_kind"`` or ``"no_features"``.
    sources : dict of str to dict
        Per source of outcomes (when ``source`` was given): ``outcomes`` and ``positives``.
    source_intercepts : dict of str to float
        The intercept of each source (log-odds of a positive outcome at all-zero scores),
        fitted when more than one source is present.
    auc_by_source : dict of str to float or None
        The cross-validated AUC within each source (None: only one class in it).
    left_out : dict of str to int
        Observations the caller did not count as outcomes, by reason (the caller's report).
    """

    fitted: bool
    weights: dict[str, float]
    prior: dict[str, float]
    outcomes: int
    positives: int
    reason: str
    coefficients: dict[str, float] = field(default_factory=dict)
    intercept: float | None = None
    auc: float | None = None
    brier: float | None = None
    calibration: list[dict[str, float]] = field(default_factory=list)
    negative: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    sources: dict[str, dict[str, int]] = field(default_factory=dict)
    source_intercepts: dict[str, float] = field(default_factory=dict)
    auc_by_source: dict[str, float | None] = field(default_factory=dict)
    left_out: dict[str, int] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        """The report as plain JSON values."""
        return {
            "fitted": self.fitted,
            "reason": self.reason,
            "outcomes": self.outcomes,
            "positives": self.positives,
            "weights": {k: round(v, 4) for k, v in self.weights.items()},
            "prior": dict(self.prior),
            "coefficients": {k: round(v, 4) for k, v in self.coefficients.items()},
            "intercept": None if self.intercept is None else round(self.intercept, 4),
            "auc": None if self.auc is None else round(self.auc, 4),
            "brier": None if self.brier is None else round(self.brier, 4),
            "calibration": self.calibration,
            "negative": list(self.negative),
            "skipped": list(self.skipped),
            "sources": {k: dict(v) for k, v in self.sources.items()},
            "source_intercepts": {k: round(v, 4) for k, v in self.source_intercepts.items()},
            "auc_by_source": {
                k: None if v is None else round(v, 4) for k, v in self.auc_by_source.items()
            },
            "left_out": dict(self.left_out),
        }


def _prior(weights: StrengthWeights | None) -> dict[str, float]:
    cfg = weights or StrengthWeights()
    return {name: float(getattr(cfg, name)) for name in FEATURES}


def calibrate(
    scores: dict[str, Any],
    outcome: Any,
    *,
    prior: StrengthWeights | None = None,
    min_outcomes: int = MIN_OUTCOMES,
    min_each: int = MIN_EACH,
    folds: int = 5,
    C: float = 100.0,
    seed: int = 0,
    fixed: tuple[str, ...] = (),
    source: Any = None,
) -> Calibration:
    """Fit tie-strength weights to outcomes by logistic regression (see the module docstring).

    Parameters
    ----------
    scores : dict of feature name to array_like
        Each feature's score in [0, 1] per outcome (NaN unknown), as
        :attr:`~weakties.network.strength.TieStrength.features` holds them.
    outcome : array_like of {0, 1}
        1 where the tie proved strong (accepted, hired, rated well).
    prior : StrengthWeights, optional
        The hand weights kept when there is too little data.
    fixed : tuple of str
        Features not fitted, which keep their prior weight (the rating, when
        ratings are among the outcomes: a feature cannot predict itself).
    source : array_like of str, optional
        The source of each outcome (``"introductions"``, ``"referrals"``, ...): counted per
        source, and each source present gets its own intercept.
    """
    y = np.asarray(outcome, dtype=np.float64).reshape(-1)
    if not np.all((y == 0) | (y == 1)):
        raise ValueError("outcomes must be 0 or 1")
    base = _prior(prior)
    n, pos = int(y.size), int(y.sum())
    unknown = sorted(set(scores) - set(FEATURES))
    if unknown:
        raise ValueError(f"unknown features {unknown}; choose from {list(FEATURES)}")
    labels = None if source is None else np.asarray(source, dtype=object).reshape(-1)
    if labels is not None and labels.size != n:
        raise ValueError(f"{labels.size} sources for {n} outcomes")
    counts = _per_source(labels, y)

    def keep(reason: str, skipped: list[str] | None = None) -> Calibration:
        return Calibration(
            False, dict(base), base, n, pos, reason, skipped=skipped or [], sources=counts
        )

    if n < min_outcomes:
        return keep("too_few_outcomes")
    if min(pos, n - pos) < min_each:
        return keep("too_few_of_one_kind")
    names, X, skipped = _design({k: v for k, v in scores.items() if k not in fixed}, n, min_each)
    if not names:
        return keep("no_features", skipped)
    fit = _fit(names, X, y, base, skipped, folds=folds, C=C, seed=seed, fixed=fixed, labels=labels)
    return replace(fit, sources=counts)


def _per_source(labels: np.ndarray | None, y: np.ndarray) -> dict[str, dict[str, int]]:
    """Outcomes and positives per source, in the order the sources first appear."""
    if labels is None:
        return {}
    out: dict[str, dict[str, int]] = {}
    for name in dict.fromkeys(labels.tolist()):
        mine = labels == name
        out[str(name)] = {"outcomes": int(mine.sum()), "positives": int(y[mine].sum())}
    return out


def _indicators(labels: np.ndarray | None) -> tuple[list[str], np.ndarray | None]:
    """The sources present, and one 0/1 column per source beside the first (None: one source)."""
    if labels is None:
        return [], None
    present = [str(s) for s in dict.fromkeys(labels.tolist())]
    if len(present) < 2:
        return present, None
    return present, np.column_stack([(labels == s).astype(np.float64) for s in present[1:]])


def _design(
    scores: dict[str, Any], n: int, min_known: int
) -> tuple[list[str], np.ndarray, list[str]]:
    """The features known often enough, as columns (unknown: the feature's mean where known)."""
    names: list[str] = []
    columns: list[np.ndarray] = []
    skipped: list[str] = []
    for name in FEATURES:
        if name not in scores:
            continue
        f = np.asarray(scores[name], dtype=np.float64).reshape(-1)
        if f.size != n:
            raise ValueError(f"{name} has {f.size} scores for {n} outcomes")
        known = np.isfinite(f)
        if known.sum() < min_known or np.ptp(f[known]) == 0:
            skipped.append(name)
            continue
        names.append(name)
        columns.append(np.where(known, f, f[known].mean()))
    X = np.column_stack(columns) if columns else np.zeros((n, 0))
    return names, X, skipped


def _fit(
    names: list[str],
    X: np.ndarray,
    y: np.ndarray,
    base: dict[str, float],
    skipped: list[str],
    *,
    folds: int,
    C: float,
    seed: int,
    fixed: tuple[str, ...] = (),
    labels: np.ndarray | None = None,
) -> Calibration:
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import brier_score_loss, roc_auc_score
    from sklearn.model_selection import StratifiedKFold, cross_val_predict

    present, offsets = _indicators(labels)
    design = X if offsets is None else np.hstack([X, offsets])
    model = LogisticRegression(C=C, max_iter=1000)
    k = int(max(2, min(folds, y.sum(), (1 - y).sum())))
    cv = StratifiedKFold(n_splits=k, shuffle=True, random_state=seed)
    held_out = cross_val_predict(model, design, y, cv=cv, method="predict_proba")[:, 1]
    model.fit(design, y)
    p = model.predict_proba(design)[:, 1]
    coef = model.coef_[0].tolist()
    beta = dict(zip(names, coef[: len(names)], strict=True))
    b0 = float(model.intercept_[0])
    intercepts = {}
    if offsets is not None:
        intercepts = {present[0]: b0} | {
            s: b0 + d for s, d in zip(present[1:], coef[len(names) :], strict=True)
        }
    positive = {k_: max(b, 0.0) for k_, b in beta.items()}
    total = sum(v for k_, v in base.items() if k_ not in fixed)
    scale = total / sum(positive.values()) if sum(positive.values()) > 0 else 0.0
    weights = {
        name: base[name] if name in fixed else positive.get(name, 0.0) * scale for name in FEATURES
    }
    if scale == 0.0:  # nothing raised the odds: keep the prior
        weights = dict(base)
    return Calibration(
        fitted=True,
        weights=weights,
        prior=base,
        outcomes=int(y.size),
        positives=int(y.sum()),
        reason="fitted",
        coefficients=beta,
        intercept=b0,
        auc=float(roc_auc_score(y, held_out)),
        brier=float(brier_score_loss(y, p)),
        calibration=_reliability(p, y),
        negative=[k_ for k_, b in beta.items() if b < 0],
        skipped=skipped,
        source_intercepts=intercepts,
        auc_by_source=_auc_within(labels, present, y, held_out),
    )


def _auc_within(
    labels: np.ndarray | None, present: list[str], y: np.ndarray, held_out: np.ndarray
) -> dict[str, float | None]:
    """The held-out AUC within each source (None where the source has one class only)."""
    from sklearn.metrics import roc_auc_score

    out: dict[str, float | None] = {}
    if labels is None:
        return out
    for name in present:
        mine = labels == name
        both = 0 < y[mine].sum() < mine.sum()
        out[name] = float(roc_auc_score(y[mine], held_out[mine])) if both else None
    return out


def _reliability(
    p: np.ndarray, y: np.ndarray, bins: int = CALIBRATION_BINS
) -> list[dict[str, float]]:
    """Mean prediction and observed rate per bin of equal count (quantiles of ``p``)."""
    order = np.argsort(p, kind="stable")
    out = []
    for part in np.array_split(order, bins):
        if part.size:
            out.append(
                {
                    "predicted": round(float(p[part].mean()), 4),
                    "observed": round(float(y[part].mean()), 4),
                    "n": int(part.size),
                }
            )
    return out


def simulate_outcomes(
    coefficients: dict[str, float],
    *,
    n: int,
    intercept: float = 0.0,
    missing: float = 0.0,
    seed: int = 0,
) -> tuple[dict[str, np.ndarray], np.ndarray]:
    """Synthetic feature scores (uniform in [0, 1]) and outcomes drawn from known coefficients.

    ``missing`` is the share of each feature's scores set to NaN (unknown).
    For the recovery test of :func:`calibrate`.
    """
    rng = np.random.default_rng(seed)
    scores = {name: rng.random(n) for name in coefficients}
    logit = intercept + sum(b * scores[k] for k, b in coefficients.items())
    y = (rng.random(n) < 1.0 / (1.0 + np.exp(-logit))).astype(np.float64)
    if missing:
        for f in scores.values():
            f[rng.random(n) < missing] = np.nan
    return scores, y
