"""Typology: T-shaper, butterfly, lone star or emerging, with the reasons.

People differ on two axes: how *deep* their expertise is and how *broad*
and bridging their network is.  Crossing the two gives four types:

==============  =========  ==========  =================================================
type            depth      breadth     meaning
==============  =========  ==========  =================================================
``t_shaper``    high       high        deep knowledge and a broad, bridging network
``butterfly``   low        high        everywhere, connects many, little depth (yet)
``lone_star``   high       low         deep expertise that the network cannot reach
``emerging``    low        low         neither deep nor broad yet: often newcomers and
                                       juniors; the place to start a networking plan
==============  =========  ==========  =================================================

**Scores.**  Every input becomes a percentile rank among the employees for
whom it is known (average ranks for ties, ``(rank - 0.5) / n``), so scales
do not matter and one outlier cannot dominate.  Counts (skills,
endorsements) are ranked as they are.

* depth = weighted mean of the ranks of declared skills, job-title
  seniority (:func:`seniority_from_title`) and endorsements;
* breadth = weighted mean of the ranks of effective size (non-redundant
  contacts), normalised entropy of the contacts (variety) and betweenness
  (bridging).

Unknown inputs (NaN) are left out and the weights renormalised, as for tie
strength.  **Thresholds**: an axis is *high* when the score is above its
``quantile`` among the employees (the median by default), so the split is
relative to the organisation.  Every placement carries an explanation:
both scores, both thresholds and each input's rank.

References
----------
.. [1] Hansen, M. T. & von Oetinger, B. (2001). Introducing T-shaped
   Managers: Knowledge Management's Next Generation. *Harvard Business
   Review* 79(3), 106-116.
.. [2] Burt, R. S. (2004). Structural Holes and Good Ideas. *American
   Journal of Sociology* 110(2), 349-399.
.. [3] Granovetter, M. S. (1973). The Strength of Weak Ties. *American
   Journal of Sociology* 78(6), 1360-1380.

Examples
--------
>>> from weakties.network import typology
>>> t = typology(
...     skills=[20, 2, 25, 1], seniority=[0.9, 0.2, 0.8, 0.2],
...     effective_size=[40, 45, 3, 2], entropy=[0.9, 0.8, 0.2, 0.1],
...     betweenness=[500, 800, 0, 1])
>>> t.labels()
['t_shaper', 'butterfly', 'lone_star', 'emerging']
>>> t.explain(2)["depth_high"], t.explain(2)["breadth_high"]
(True, False)
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ..translatable import gettext_noop

__all__ = [
    "TYPES",
    "TYPE_MEANINGS",
    "Typology",
    "TypologyConfig",
    "percentile_rank",
    "seniority_from_title",
    "typology",
]

#: Type names by code; code -1 is "unplaced" (no input known on an axis).
TYPES = ("t_shaper", "butterfly", "lone_star", "emerging")

#: What each type means and what to do next, in plain English (msgids: translate with gettext).
TYPE_MEANINGS: dict[str, str] = {
    "t_shaper": gettext_noop(
        "T-shaper: deep expertise and a broad network that bridges groups. Others can reach "
        "your knowledge, and you hear what happens elsewhere: keep introducing people to "
        "each other."
    ),
    "butterfly": gettext_noop(
        "Butterfly: a broad network that reaches many groups, with less declared depth. You "
        "are a natural connector: pair up with an expert whose knowledge your network needs."
    ),
    "lone_star": gettext_noop(
        "Lone star: deep expertise that your network cannot reach yet. A few contacts outside "
        "your own circle would make your knowledge count: ask a colleague for an introduction."
    ),
    "emerging": gettext_noop(
        "Emerging: neither depth nor breadth stands out yet, often because you are new or "
        "little is known. Start with a networking plan: set a goal and list who can help."
    ),
    "unplaced": gettext_noop(
        "Not placed: too little is known about your expertise or your network to say."
    ),
}

DEPTH_INPUTS = ("skills", "seniority", "endorsements")
BREADTH_INPUTS = ("effective_size", "entropy", "betweenness")


@dataclass(frozen=True)
class TypologyConfig:
    """Weights of the inputs and the quantiles that split each axis."""

    depth_weights: dict[str, float] = field(
        default_factory=lambda: {"skills": 1.0, "seniority": 1.0, "endorsements": 1.0}
    )
    breadth_weights: dict[str, float] = field(
        default_factory=lambda: {"effective_size": 1.0, "entropy": 1.0, "betweenness": 1.0}
    )
    depth_quantile: float = 0.5
    breadth_quantile: float = 0.5


def percentile_rank(values: Any) -> np.ndarray:
    """Percentile rank in (0, 1) of each finite value (NaN stays NaN).

    >>> from weakties.network.typology import percentile_rank
    >>> percentile_rank([10, 30, 20, float("nan"), 20]).tolist()
    [0.125, 0.875, 0.5, nan, 0.5]
    """
    a = np.asarray(values, dtype=np.float64).reshape(-1)
    out = np.full(a.size, np.nan)
    known = np.isfinite(a)
    if known.any():
        from scipy.stats import rankdata  # here: scipy.stats takes ~0.3 s to import

        out[known] = (rankdata(a[known], method="average") - 0.5) / known.sum()
    return out


_SENIORITY = [
    (
        1.0,
        r"\b(ceo|cfo|cto|coo|cio|cmo|chief|founder|co-founder|owner|eigenaar|partner|president|vp|vice president|directeur|director|dga|dg)\b",
    ),
    (0.85, r"\b(head|hoofd|principal|manager|teamleider|team lead|lead|afdelingshoofd)\b"),
    (0.7, r"\b(senior|sr\.?|staff|expert|specialist|architect|consultant)\b"),
    (0.4, r"\b(medior|mid-level|mid)\b"),
    (0.2, r"\b(junior|jr\.?|assistant|assistent|trainee|graduate)\b"),
    (0.0, r"\b(intern|stagiair|student|werkstudent|apprentice|leerling)\b"),
]


def seniority_from_title(title: str | None) -> float:
    """A job-title seniority score in [0, 1] (Dutch and English keywords).

    The highest matching level wins: chief / director / owner 1.0, head /
    manager / lead 0.85, senior / expert 0.7, medior 0.4, junior 0.2,
    intern 0.0; a title without keywords scores 0.4 and an empty one NaN.

    >>> from weakties.network import seniority_from_title
    >>> seniority_from_title("Senior Data Engineer"), seniority_from_title("Stagiair marketing")
    (0.7, 0.0)
    >>> seniority_from_title("Hoofd Inkoop"), seniority_from_title("Accountant")
    (0.85, 0.4)
    """
    if not title or not title.strip():
        return float("nan")
    text = title.casefold()
    for score, pattern in _SENIORITY:
        if re.search(pattern, text):
            return score
    return 0.4


def _axis(
    parts: dict[str, np.ndarray], weights: dict[str, float], n: int
) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    total = np.zeros(n)
    weight = np.zeros(n)
    ranks: dict[str, np.ndarray] = {}
    for name, values in parts.items():
        r = percentile_rank(values)
        ranks[name] = r
        w = float(weights.get(name, 0.0))
        known = np.isfinite(r)
        total += np.where(known, w * r, 0.0)
        weight += np.where(known, w, 0.0)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(weight > 0, total / weight, np.nan), ranks


@dataclass(frozen=True, eq=False)
class Typology:
    """Placement of every employee on depth x breadth.

    Attributes
    ----------
    type : ndarray of int8
        Index into :data:`TYPES` (-1 when an axis has no known input).
    depth, breadth : ndarray of float64
        Scores in (0, 1).
    depth_threshold, breadth_threshold : float
        Scores above these are "high".
    ranks : dict of str to ndarray
        Each input's percentile rank.
    inputs : dict of str to ndarray
        The raw inputs, for the explanation.
    """

    type: np.ndarray
    depth: np.ndarray
    breadth: np.ndarray
    depth_threshold: float
    breadth_threshold: float
    ranks: dict[str, np.ndarray]
    inputs: dict[str, np.ndarray]

    def labels(self) -> list[str]:
        """Type names (``"unplaced"`` for code -1)."""
        return [TYPES[t] if t >= 0 else "unplaced" for t in self.type.tolist()]

    def explain(self, k: int) -> dict[str, Any]:
        """Why employee ``k`` has its type: scores, thresholds and the inputs' ranks.

        ``strongest`` and ``weakest`` name the inputs with the highest and
        lowest rank, the ones to mention first in a sentence; ``meaning`` is
        the type's plain-language description (:data:`TYPE_MEANINGS`, an
        English msgid to translate).  An axis is high when its score is above
        its threshold: the configured quantile of that score over everyone.
        """

        def num(x: float) -> float | None:
            return None if not np.isfinite(x) else round(float(x), 4)

        ranks = {name: num(r[k]) for name, r in self.ranks.items()}
        known = {name: r for name, r in ranks.items() if r is not None}
        code = int(self.type[k])
        name = TYPES[code] if code >= 0 else "unplaced"
        return {
            "type": name,
            "meaning": TYPE_MEANINGS[name],
            "depth": num(self.depth[k]),
            "breadth": num(self.breadth[k]),
            "depth_threshold": num(self.depth_threshold),
            "breadth_threshold": num(self.breadth_threshold),
            "depth_high": bool(self.depth[k] > self.depth_threshold),
            "breadth_high": bool(self.breadth[k] > self.breadth_threshold),
            "ranks": ranks,
            "inputs": {name: num(v[k]) for name, v in self.inputs.items()},
            "missing": sorted(name for name, r in ranks.items() if r is None),
            "strongest": max(known, key=lambda name: known[name]) if known else None,
            "weakest": min(known, key=lambda name: known[name]) if known else None,
        }


def typology(
    *,
    skills: Any = None,
    seniority: Any = None,
    endorsements: Any = None,
    effective_size: Any = None,
    entropy: Any = None,
    betweenness: Any = None,
    config: TypologyConfig | None = None,
) -> Typology:
    """Place every employee as T-shaper, butterfly, lone star or emerging.

    Every argument is one value per employee (NaN where unknown), or None
    when not known for anyone.

    Parameters
    ----------
    skills : array_like
        Number of declared skills.
    seniority : array_like
        Job-title seniority in [0, 1] (:func:`seniority_from_title`).
    endorsements : array_like
        Endorsements received, where imported.
    effective_size : array_like
        Burt's effective size (:func:`~weakties.network.structural_holes`).
    entropy : array_like
        Normalised entropy of the contacts
        (:func:`~weakties.network.contact_entropy`).
    betweenness : array_like
        Betweenness (:func:`~weakties.network.betweenness`).
    config : TypologyConfig, optional

    Returns
    -------
    Typology
    """
    cfg = config or TypologyConfig()
    given = {
        "skills": skills,
        "seniority": seniority,
        "endorsements": endorsements,
        "effective_size": effective_size,
        "entropy": entropy,
        "betweenness": betweenness,
    }
    inputs = {
        k: np.asarray(v, dtype=np.float64).reshape(-1) for k, v in given.items() if v is not None
    }
    sizes = {a.size for a in inputs.values()}
    if len(sizes) != 1:
        raise ValueError(
            "give the inputs for the same employees (one value each); "
            f"got lengths {sorted(sizes) or 'none'}"
        )
    n = sizes.pop()
    depth, depth_ranks = _axis(
        {k: v for k, v in inputs.items() if k in DEPTH_INPUTS}, cfg.depth_weights, n
    )
    breadth, breadth_ranks = _axis(
        {k: v for k, v in inputs.items() if k in BREADTH_INPUTS}, cfg.breadth_weights, n
    )
    d_ok, b_ok = np.isfinite(depth), np.isfinite(breadth)
    d_cut = float(np.quantile(depth[d_ok], cfg.depth_quantile)) if d_ok.any() else np.nan
    b_cut = float(np.quantile(breadth[b_ok], cfg.breadth_quantile)) if b_ok.any() else np.nan
    deep = depth > d_cut
    broad = breadth > b_cut
    kind = np.where(deep, np.where(broad, 0, 2), np.where(broad, 1, 3)).astype(np.int8)
    kind[~(d_ok & b_ok)] = -1
    return Typology(
        type=kind,
        depth=depth,
        breadth=breadth,
        depth_threshold=d_cut,
        breadth_threshold=b_cut,
        ranks={**depth_ranks, **breadth_ranks},
        inputs=inputs,
    )
