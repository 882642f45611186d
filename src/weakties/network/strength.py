r"""Tie strength in [0, 1] and a tier, from what is known about each tie.

Granovetter (1973) defined the strength of a tie as "a combination of the
amount of time, the emotional intensity, the intimacy and the reciprocal
services".  Gilbert & Karahalios (2009) predicted it from social-media
traces; their strongest predictors were intimacy, intensity (how often people
interact), *days since the last communication*, duration and structural
overlap (mutual friends).  weakties measures what it can of those:

=============  =====================================  =================================
feature        input                                  score in [0, 1]
=============  =====================================  =================================
duration       days since ``connected_on``            ``d / (d + duration_half)``
multiplexity   number of sources (LinkedIn, phone,    ``(min(s, max) - 1) / (max - 1)``
               e-mail) the tie is seen in
embeddedness   colleagues who also know the contact   ``k / (k + embeddedness_half)``
interactions   messages and meetings (metadata)       ``c / (c + interactions_half)``
recency        days since the last interaction        ``0.5 ** (r / recency_half_life)``
reciprocity    share of exchanges going both ways     as given
rating         the employee's own: know well /        1, 0.5, 0
               somewhat / barely
=============  =====================================  =================================

The strength is the weighted mean of the known scores,

.. math::

   s = \frac{\sum_k \omega_k f_k}{\sum_{k \text{ known}} \omega_k},

so a missing feature (NaN, or an input not given at all) is left out and the
weights are renormalised over the features that are known.  The weights
:math:`\omega_k` live in :class:`StrengthWeights`; the defaults give the
employee's own rating the most weight (it is direct evidence of intimacy),
then interaction intensity and recency, the best predictors in Gilbert &
Karahalios.  A tie with no known feature gets NaN and the tier "unknown".

Tiers: **strong** ``s >= 0.6``, **moderate** ``s >= 0.35``, **weak**
``s >= 0.15``, else **dormant**.  A tie whose last interaction is older than
``dormant_after_days`` (three years) is dormant whatever its strength: a
once-close contact who has gone quiet, worth reviving (Levin, Walter &
Murnighan 2011).

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
...     duration_days=[3650, 30, np.nan],
...     sources=[3, 1, 1],
...     rating=[2, np.nan, 0],
... )
>>> ts.strength.round(3).tolist()
[0.967, 0.02, 0.0]
>>> ts.labels()
['strong', 'dormant', 'dormant']
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
    "colleagues_knowing",
    "tie_strength",
    "tier_of",
]

#: Tier names by code; code -1 is "unknown".
TIERS = ("strong", "moderate", "weak", "dormant")

#: The employee's own rating of a tie, as codes for :func:`tie_strength`.
RATINGS = {"barely": 0, "somewhat": 1, "well": 2}


@dataclass(frozen=True)
class StrengthWeights:
    """Weights and scales of the tie-strength formula (see the module docstring)."""

    duration: float = 1.0
    multiplexity: float = 1.0
    embeddedness: float = 1.0
    interactions: float = 2.0
    recency: float = 2.0
    reciprocity: float = 1.0
    rating: float = 3.0
    #: Days after which duration scores 0.5.
    duration_half: float = 730.0
    #: Number of sources that scores 1.
    max_sources: int = 3
    #: Colleagues knowing the contact at which embeddedness scores 0.5.
    embeddedness_half: float = 5.0
    #: Interactions at which intensity scores 0.5.
    interactions_half: float = 12.0
    #: Days without interaction that halve the recency score.
    recency_half_life: float = 180.0
    strong: float = 0.6
    moderate: float = 0.35
    weak: float = 0.15
    #: Ties silent for longer than this are dormant.
    dormant_after_days: float = 3 * 365.0

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            if not np.isfinite(value) or value < 0:
                raise ValueError(f"StrengthWeights.{f.name} must be >= 0, not {value!r}")
        if self.max_sources < 2:
            raise ValueError("StrengthWeights.max_sources must be at least 2")
        if not self.weak <= self.moderate <= self.strong:
            raise ValueError("tier thresholds must satisfy weak <= moderate <= strong")


@dataclass(frozen=True, eq=False)
class TieStrength:
    """Strength and tier of every tie.

    Attributes
    ----------
    strength : ndarray of float64
        In [0, 1]; NaN where nothing is known.
    tier : ndarray of int8
        Index into :data:`TIERS`; -1 where the strength is unknown.
    features : dict of str to ndarray
        Each feature's score in [0, 1] (NaN where unknown): the "why".
    """

    strength: np.ndarray
    tier: np.ndarray
    features: dict[str, np.ndarray]

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
    colleagues: Any = None,
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
    colleagues : array_like
        Other employees who also know the contact
        (:func:`colleagues_knowing`).
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
        "embeddedness": colleagues,
        "interactions": interactions,
        "recency": recency_days,
        "reciprocity": reciprocity,
        "rating": rating,
    }
    raw = _known_features(inputs)
    n = next(iter(raw.values())).size
    with np.errstate(invalid="ignore", divide="ignore"):
        scores = {name: _score(name, a, cfg) for name, a in raw.items()}
        strength = _weighted_mean(scores, cfg, n)
    tier = tier_of(strength, cfg)
    if "recency" in raw:
        silent = np.isfinite(raw["recency"]) & (raw["recency"] > cfg.dormant_after_days)
        tier[silent] = TIERS.index("dormant")
    return TieStrength(strength=strength, tier=tier, features=scores)


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
    elif name == "embeddedness":
        f = _saturating(a, cfg.embeddedness_half)
    elif name == "interactions":
        f = _saturating(a, cfg.interactions_half)
    elif name == "recency":
        f = 0.5 ** (a / cfg.recency_half_life) if cfg.recency_half_life else a * 0.0
    elif name == "reciprocity":
        f = np.clip(a, 0.0, 1.0)
    else:  # rating
        f = np.clip(a, 0, 2) / 2.0
    return np.where(np.isfinite(a), f, np.nan)


def _weighted_mean(scores: dict[str, np.ndarray], cfg: StrengthWeights, n: int) -> np.ndarray:
    """Mean of the known scores weighted by ``cfg``, renormalised per tie (NaN: none known)."""
    total = np.zeros(n)
    weight = np.zeros(n)
    for name, f in scores.items():
        w = getattr(cfg, name)
        known = np.isfinite(f)
        total += np.where(known, w * f, 0.0)
        weight += np.where(known, w, 0.0)
    return np.where(weight > 0, total / weight, np.nan)


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
    """Embeddedness of ties: how many *other* employees also know each contact.

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
