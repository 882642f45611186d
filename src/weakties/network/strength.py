r"""Tie strength in [0, 1], the evidence it rests on, and a tier.

Granovetter (1973) defined the strength of a tie as "a combination of the
amount of time, the emotional intensity, the intimacy and the reciprocal
services".  Gilbert & Karahalios (2009) predicted it from social-media
traces; **days since the last communication** was their strongest single
predictor, next to duration (days since the first communication), intimacy
and intensity variables (words exchanged, how often people interact) and
structural overlap (mutual friends).  weakties measures what it can of those:

=============  =====================================  =================================
feature        input                                  score in [0, 1]
=============  =====================================  =================================
recency        days since the last interaction        ``0.5 ** (r / recency_half_life)``
rating         the employee's own: know well /        1, 0.5, 0
               somewhat / barely
interactions   messages and meetings (metadata)       ``c / (c + interactions_half)``
duration       days since ``connected_on``            ``d / (d + duration_half)``
multiplexity   number of sources (LinkedIn, phone,    ``(min(s, max) - 1) / (max - 1)``
               e-mail) the tie is seen in
mutual         mutual connections of the two ends     ``m / (m + mutual_half)``
               (:mod:`weakties.network.mutual`)
reciprocity    share of exchanges going both ways     as given
=============  =====================================  =================================

The strength is the weighted mean of the known scores,

.. math::

   s = \frac{\sum_{k \text{ known}} \omega_k f_k}{\sum_{k \text{ known}} \omega_k},

so a missing feature (NaN, or an input not given at all) stays missing: it is
left out, never filled in.  **Evidence** says how much of the model the
strength rests on, the share of the total weight that is known,

.. math::

   e = \frac{\sum_{k \text{ known}} \omega_k}{\sum_k \omega_k} \in [0, 1],

and a tier is only given where the evidence is enough: at least
``min_evidence`` of the weight and ``min_features`` features.  Otherwise the
tier is **unknown** (code -1), whatever the strength: a ten-year LinkedIn
tie with nothing else known (duration, one source, no mutual connection
seen: evidence 3/13) has a strength but no tier.

The weights :math:`\omega_k` (:class:`StrengthWeights`) follow Gilbert &
Karahalios's ranking of predictors: recency 4 (their strongest single
predictor), the employee's own rating 3 (direct evidence of intimacy),
interactions 2 (intensity), and 1 each for duration, multiplexity, mutual
connections and reciprocity.  They are a *prior*, set by hand: ``weakties
analyze --calibrate`` fits them to the organisation's own outcomes
(:mod:`weakties.network.calibration`) once there are enough.

Tiers: **strong** ``s >= 0.6``, **moderate** ``s >= 0.35``, **weak**
``s >= 0.15``, else **dormant**.  A tie whose last interaction is older than
``dormant_after_days`` (three years) is dormant whatever its strength or
evidence: a long silence is itself direct evidence, of a once-close contact
who has gone quiet, worth reviving (Levin, Walter & Murnighan 2011).

References
----------
.. [1] Granovetter, M. S. (1973). The Strength of Weak Ties. *American
   Journal of Sociology* 78(6), 1360-1380.
.. [2] Gilbert, E. & Karahalios, K. (2009). Predicting Tie Strength with
   Social Media. *Proceedings of CHI 2009*, 211-220.
.. [3] Marsden, P. V. & Campbell, K. E. (1984). Measuring Tie Strength.
   *Social Forces* 63(2), 482-501.
.. [4] Levin, D. Z., Walter, J. & Murnighan, J. K. (2011). Dormant Ties:
   The Value of Reconnecting. *Organization Science* 22(4), 923-939.

Examples
--------
>>> import numpy as np
>>> from weakties.network import tie_strength
>>> ts = tie_strength(
...     duration_days=[3650, 30, 3650],
...     sources=[3, 1, 1],
...     rating=[2, np.nan, np.nan],
...     recency_days=[20, np.nan, np.nan],
... )
>>> ts.strength.round(3).tolist()
[0.949, 0.02, 0.417]
>>> ts.evidence.round(3).tolist()
[0.692, 0.154, 0.154]
>>> ts.labels()  # the last two rest on duration and one source alone
['strong', 'unknown', 'unknown']
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

import numpy as np

from .snapshot import NetworkSnapshot

__all__ = [
    "RATINGS",
    "TIERS",
    "StrengthWeights",
    "TieStrength",
    "FEATURES",
    "colleagues_knowing",
    "tie_strength",
    "tier_of",
]

#: Tier names by code; code -1 is "unknown" (too little evidence, or nothing known).
TIERS = ("strong", "moderate", "weak", "dormant")

#: The features of the model, in the order of their default weight (heaviest first).
FEATURES = (
    "recency",
    "rating",
    "interactions",
    "duration",
    "multiplexity",
    "mutual",
    "reciprocity",
)

#: The employee's own rating of a tie, as codes for :func:`tie_strength`.
RATINGS = {"barely": 0, "somewhat": 1, "well": 2}


@dataclass(frozen=True)
class StrengthWeights:
    """Weights and scales of the tie-strength formula (see the module docstring).

    The weights are the hand-set prior (Gilbert & Karahalios 2009: recency
    first); ``weakties analyze --calibrate`` fits them to outcomes.
    """

    recency: float = 4.0
    rating: float = 3.0
    interactions: float = 2.0
    duration: float = 1.0
    multiplexity: float = 1.0
    mutual: float = 1.0
    reciprocity: float = 1.0
    #: Days after which duration scores 0.5.
    duration_half: float = 730.0
    #: Number of sources that scores 1.
    max_sources: int = 3
    #: Mutual connections at which the mutual score is 0.5.
    mutual_half: float = 5.0
    #: Interactions at which intensity scores 0.5.
    interactions_half: float = 12.0
    #: Days without interaction that halve the recency score.
    recency_half_life: float = 180.0
    strong: float = 0.6
    moderate: float = 0.35
    weak: float = 0.15
    #: Ties silent for longer than this are dormant.
    dormant_after_days: float = 3 * 365.0
    #: Share of the total weight that must be known for a tier (else "unknown").
    min_evidence: float = 0.3
    #: Features that must be known for a tier (one feature never decides it alone).
    min_features: int = 2

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            if not np.isfinite(value) or value < 0:
                raise ValueError(f"StrengthWeights.{f.name} must be >= 0, not {value!r}")
        if self.max_sources < 2:
            raise ValueError("StrengthWeights.max_sources must be at least 2")
        if not self.weak <= self.moderate <= self.strong:
            raise ValueError("tier thresholds must satisfy weak <= moderate <= strong")
        if self.min_evidence > 1:
            raise ValueError("StrengthWeights.min_evidence must be <= 1")
        if self.total_weight() <= 0:
            raise ValueError("at least one tie-strength weight must be above 0")

    def total_weight(self) -> float:
        """Sum of the weights of all features: the denominator of the evidence."""
        return float(sum(getattr(self, name) for name in FEATURES))


@dataclass(frozen=True, eq=False)
class TieStrength:
    """Strength and tier of every tie.

    Attributes
    ----------
    strength : ndarray of float64
        In [0, 1]; NaN where nothing is known.
    tier : ndarray of int8
        Index into :data:`TIERS`; -1 where the evidence is too little.
    features : dict of str to ndarray
        Each feature's score in [0, 1] (NaN where unknown): the "why".
    evidence : ndarray of float64
        Share of the total weight known for each tie, in [0, 1].
    known : ndarray of int8
        Features known for each tie.
    """

    strength: np.ndarray
    tier: np.ndarray
    features: dict[str, np.ndarray]
    evidence: np.ndarray
    known: np.ndarray

    def labels(self) -> list[str]:
        """Tier names (``"unknown"`` for code -1)."""
        return [TIERS[t] if t >= 0 else "unknown" for t in self.tier.tolist()]


def _feature(value: Any, n: int | None, name: str) -> np.ndarray | None:
    """One feature as a float array of ``n`` values (any length when ``n`` is None)."""
    if value is None:
        return None
    a = np.asarray(value, dtype=np.float64).reshape(-1)
    if n is not None and a.size != n:
        raise ValueError(f"{name} has {a.size} values, expected {n} (one per tie)")
    if np.any(a[np.isfinite(a)] < 0):
        raise ValueError(f"{name} must be >= 0 (NaN where unknown)")
    return a


def tie_strength(
    *,
    duration_days: Any = None,
    sources: Any = None,
    mutual: Any = None,
    interactions: Any = None,
    recency_days: Any = None,
    reciprocity: Any = None,
    rating: Any = None,
    weights: StrengthWeights | None = None,
) -> TieStrength:
    """Strength in [0, 1] and tier of every tie from per-tie feature arrays.

    Every argument is an array with one value per tie (NaN where unknown) or
    None when the feature is not known for any tie.

    Parameters
    ----------
    duration_days : array_like
        Days since the tie was made (``connected_on``).
    sources : array_like
        Number of sources the tie was seen in (1 or more).
    mutual : array_like
        Mutual connections of the two ends
        (:func:`~weakties.network.mutual.mutual_connections`).
    interactions : array_like
        Number of messages and meetings.
    recency_days : array_like
        Days since the last interaction.
    reciprocity : array_like
        In [0, 1]: share of exchanges that went both ways (1 = balanced).
    rating : array_like
        The employee's own rating: 2 know well, 1 somewhat, 0 barely
        (:data:`RATINGS`).
    weights : StrengthWeights, optional

    Returns
    -------
    TieStrength
    """
    cfg = weights or StrengthWeights()
    inputs = {
        "duration": duration_days,
        "multiplexity": sources,
        "mutual": mutual,
        "interactions": interactions,
        "recency": recency_days,
        "reciprocity": reciprocity,
        "rating": rating,
    }
    raw = _known_features(inputs)
    n = next(iter(raw.values())).size
    with np.errstate(invalid="ignore", divide="ignore"):
        scores = {name: _score(name, a, cfg) for name, a in raw.items()}
        strength, weight, known = _weighted_mean(scores, cfg, n)
    evidence = weight / cfg.total_weight()
    tier = tier_of(strength, cfg)
    tier[(evidence < cfg.min_evidence - 1e-12) | (known < cfg.min_features)] = -1
    if "recency" in raw:
        silent = np.isfinite(raw["recency"]) & (raw["recency"] > cfg.dormant_after_days)
        tier[silent] = TIERS.index("dormant")
    return TieStrength(
        strength=strength, tier=tier, features=scores, evidence=evidence, known=known
    )


def _known_features(inputs: dict[str, Any]) -> dict[str, np.ndarray]:
    """The given feature arrays, checked to be equally long and not negative."""
    n: int | None = None
    raw: dict[str, np.ndarray] = {}
    for name, value in inputs.items():
        a = _feature(value, n, name)
        if a is not None:
            n = a.size
            raw[name] = a
    if n is None:
        raise ValueError("give at least one feature array (duration_days, sources, ...)")
    return raw


def _saturating(a: np.ndarray, half: float) -> np.ndarray:
    """``a / (a + half)``: 0.5 at ``half``, towards 1 beyond; with ``half = 0``, 1 for any ``a > 0``."""
    return a / (a + half) if half else (a > 0) * 1.0


def _score(name: str, a: np.ndarray, cfg: StrengthWeights) -> np.ndarray:
    """One feature's score in [0, 1] (NaN where the input is unknown); see the module table."""
    if name == "duration":
        f = _saturating(a, cfg.duration_half)
    elif name == "multiplexity":
        f = (np.clip(a, 1, cfg.max_sources) - 1) / (cfg.max_sources - 1)
    elif name == "mutual":
        f = _saturating(a, cfg.mutual_half)
    elif name == "interactions":
        f = _saturating(a, cfg.interactions_half)
    elif name == "recency":
        f = 0.5 ** (a / cfg.recency_half_life) if cfg.recency_half_life else a * 0.0
    elif name == "reciprocity":
        f = np.clip(a, 0.0, 1.0)
    else:  # rating
        f = np.clip(a, 0, 2) / 2.0
    return np.where(np.isfinite(a), f, np.nan)


def _weighted_mean(
    scores: dict[str, np.ndarray], cfg: StrengthWeights, n: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Mean of the known scores weighted by ``cfg`` (NaN: none known), the known weight and
    the number of known features (a feature of weight 0 counts as not known), per tie."""
    total = np.zeros(n)
    weight = np.zeros(n)
    count = np.zeros(n, dtype=np.int8)
    for name, f in scores.items():
        w = getattr(cfg, name)
        known = np.isfinite(f) & (w > 0)
        total += np.where(known, w * f, 0.0)
        weight += np.where(known, w, 0.0)
        count += known
    return np.where(weight > 0, total / np.where(weight > 0, weight, 1.0), np.nan), weight, count


def tier_of(strength: Any, weights: StrengthWeights | None = None) -> np.ndarray:
    """Tier codes (index into :data:`TIERS`, -1 for NaN) of strengths.

    >>> from weakties.network import tier_of
    >>> tier_of([0.9, 0.4, 0.2, 0.0, float("nan")]).tolist()
    [0, 1, 2, 3, -1]
    """
    cfg = weights or StrengthWeights()
    s = np.asarray(strength, dtype=np.float64)
    tier = np.full(s.shape, 3, dtype=np.int8)
    tier[s >= cfg.weak] = 2
    tier[s >= cfg.moderate] = 1
    tier[s >= cfg.strong] = 0
    tier[~np.isfinite(s)] = -1
    return tier


def colleagues_knowing(snapshot: NetworkSnapshot, employee: Any, contact: Any) -> np.ndarray:
    """How many *other* employees also know each contact: the contact's popularity.

    Not the overlap of a tie (they need not know the employee): that is
    :func:`~weakties.network.mutual.mutual_connections`, which tie strength uses.

    ``employee[k]`` and ``contact[k]`` are the node indices of tie ``k``
    (an employee and a person they are tied to).

    >>> from weakties.network import NetworkSnapshot, colleagues_knowing
    >>> snap = NetworkSnapshot.from_edges([1, 2, 3], [9], [0, 1, 2], [3, 3, 3])
    >>> colleagues_knowing(snap, [0, 1], [3, 3]).tolist()
    [2, 2]
    """
    e = np.asarray(employee, dtype=np.int64).reshape(-1)
    c = np.asarray(contact, dtype=np.int64).reshape(-1)
    if e.size != c.size:
        raise ValueError("employee and contact differ in length")
    E = snapshot.n_employees
    knowers = np.bincount(
        snapshot.rows, weights=snapshot.indices < E, minlength=snapshot.n_nodes
    ).astype(np.int64)
    own = (e < E).astype(np.int64)  # the employee's own tie is not a colleague's
    return np.maximum(knowers[c] - own, 0)
