"""Typology: T-shaper, butterfly, lone star or emerging, with the reasons.

**weakties' own model.**  People differ on two axes: how *deep* their
expertise is and how *broad* their network is.  Crossing the two gives four
types.  The idea of the T-shape, deep in one field and broad across others,
is Hansen & von Oetinger's [1]_; the four-type matrix, its names "butterfly",
"lone star" and "emerging", and the scales and thresholds below are
weakties' own, not theirs.

==============  =========  ==========  =================================================
type            depth      breadth     meaning
==============  =========  ==========  =================================================
``t_shaper``    high       high        deep knowledge and a broad, bridging network
``butterfly``   low        high        everywhere, connects many, little depth (yet)
``lone_star``   high       low         deep expertise that the network cannot reach
``emerging``    low        low         neither deep nor broad yet: often newcomers and
                                       juniors; the place to start a networking plan
==============  =========  ==========  =================================================

**Scores on fixed scales.**  Every input is put on a scale from 0 to 1 that
is the same in every organisation, so a type says the same thing
everywhere and is not half of everyone by construction:

* depth = the weighted mean of job-title seniority
  (:func:`seniority_from_title`: senior/expert 0.7, manager 0.85, chief 1),
  declared skills (``skills / SKILLS_FULL``, at most 1) and endorsements
  (``endorsements / ENDORSEMENTS_FULL``, at most 1);
* breadth = the weighted mean of Burt's *efficiency* [2]_ (effective size
  over the number of contacts: the share of contacts that are not redundant
  with each other, under the same-company rule) and the *diversity* of the
  groups reached (normalised entropy of the contacts over companies,
  sectors and the other attributes known: 1 when spread as evenly as
  possible [3]_).  Both are shares, independent of how many contacts
  someone imported.  Effective size, betweenness and constraint are left
  out: the first two grow with the number of contacts, and constraint falls
  with it (1/N for N unconnected contacts, Burt 1992), so each would
  measure the size of the import.

Unknown inputs (NaN) are left out and the weights renormalised.
**Thresholds** have a stated meaning: an axis is *high* from 0.5, the middle
of its scale (``TypologyConfig``): for breadth, on average at least half of
one's contacts are non-redundant and they spread over at least half of the
possible variety; for depth, a senior or expert title, or half of a full
set of skills and endorsements.  Every placement carries an explanation:
both scores, both thresholds, each input's value on its scale and its
percentile rank in the organisation (for the sentence, not the type).

References
----------
.. [1] Hansen, M. T. & von Oetinger, B. (2001). Introducing T-shaped
   Managers: Knowledge Management's Next Generation. *Harvard Business
   Review* 79(3), 106-116.
.. [2] Burt, R. S. (1992). *Structural Holes: The Social Structure of
   Competition*. Harvard University Press (effective size and efficiency,
   ch. 1; constraint).
.. [3] Granovetter, M. S. (1973). The Strength of Weak Ties. *American
   Journal of Sociology* 78(6), 1360-1380.

Examples
--------
>>> from weakties.network import typology
>>> t = typology(
...     skills=[10, 1, 8, 0], seniority=[0.85, 0.2, 0.7, 0.2],
...     efficiency=[0.8, 0.9, 0.2, 0.3], diversity=[0.9, 0.8, 0.2, 0.1])
>>> t.labels()
['t_shaper', 'butterfly', 'lone_star', 'emerging']
>>> t.explain(2)["depth_high"], t.explain(2)["breadth_high"], t.explain(2)["breadth"]
(True, False, 0.2)
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
BREADTH_INPUTS = ("efficiency", "diversity")
#: Declared skills that count as a full set (depth 1 from skills).
SKILLS_FULL = 10.0
#: Endorsements that count as fully endorsed.
ENDORSEMENTS_FULL = 20.0
#: The value of each input that is 1 on its scale (inputs not named are shares already).
_FULL = {"skills": SKILLS_FULL, "endorsements": ENDORSEMENTS_FULL}


@dataclass(frozen=True)
class TypologyConfig:
    """Weights of the inputs and the fixed thresholds of each axis (see the module)."""

    depth_weights: dict[str, float] = field(
        default_factory=lambda: {"skills": 1.0, "seniority": 1.0, "endorsements": 1.0}
    )
    breadth_weights: dict[str, float] = field(
        default_factory=lambda: {"efficiency": 1.0, "diversity": 1.0}
    )
    depth_threshold: float = 0.5
    breadth_threshold: float = 0.5


def scaled(name: str, values: Any) -> np.ndarray:
    """An input on its fixed scale from 0 to 1 (NaN stays NaN).

    >>> from weakties.network.typology import scaled
    >>> scaled("skills", [0, 5, 25]).tolist(), scaled("efficiency", [0.25, 1.4]).tolist()
    ([0.0, 0.5, 1.0], [0.25, 1.0])
    """
    a = np.asarray(values, dtype=np.float64).reshape(-1)
    with np.errstate(invalid="ignore"):
        return np.clip(a / _FULL.get(name, 1.0), 0.0, 1.0)


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
) -> tuple[np.ndarray, dict[str, np.ndarray], dict[str, np.ndarray]]:
    """The weighted mean of the inputs on their scales; the scaled inputs and their ranks."""
    total = np.zeros(n)
    weight = np.zeros(n)
    scores: dict[str, np.ndarray] = {}
    ranks: dict[str, np.ndarray] = {}
    for name, values in parts.items():
        score = scaled(name, values)
        scores[name] = score
        ranks[name] = percentile_rank(values)
        w = float(weights.get(name, 0.0))
        known = np.isfinite(score)
        total += np.where(known, w * score, 0.0)
        weight += np.where(known, w, 0.0)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(weight > 0, total / weight, np.nan), scores, ranks


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
        Each input's percentile rank in the organisation (for the sentence only).
    inputs : dict of str to ndarray
        The raw inputs, for the explanation.
    scores : dict of str to ndarray
        Each input on its fixed scale (:func:`scaled`): what the axes average.
    """

    type: np.ndarray
    depth: np.ndarray
    breadth: np.ndarray
    depth_threshold: float
    breadth_threshold: float
    ranks: dict[str, np.ndarray]
    inputs: dict[str, np.ndarray]
    scores: dict[str, np.ndarray] = field(default_factory=dict)

    def labels(self) -> list[str]:
        """Type names (``"unplaced"`` for code -1)."""
        return [TYPES[t] if t >= 0 else "unplaced" for t in self.type.tolist()]

    def explain(self, k: int) -> dict[str, Any]:
        """Why employee ``k`` has its type: scores, thresholds and the inputs' ranks.

        ``strongest`` and ``weakest`` name the inputs with the highest and
        lowest rank, the ones to mention first in a sentence; ``meaning`` is
        the type's plain-language description (:data:`TYPE_MEANINGS`, an
        English msgid to translate).  An axis is high when its score reaches
        its fixed threshold (0.5 by default); ``scores`` are the inputs on
        their scales, ``ranks`` where each stands in the organisation.
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
            "depth_high": bool(self.depth[k] >= self.depth_threshold),
            "breadth_high": bool(self.breadth[k] >= self.breadth_threshold),
            "model": "weakties",
            "ranks": ranks,
            "scores": {name: num(v[k]) for name, v in self.scores.items()},
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
    efficiency: Any = None,
    diversity: Any = None,
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
    efficiency : array_like
        Burt's efficiency, effective size over degree
        (:func:`~weakties.network.structural_holes`), in [0, 1].
    diversity : array_like
        Normalised entropy of the contacts over the groups they belong to
        (:func:`~weakties.network.contact_entropy`), in [0, 1].
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
        "efficiency": efficiency,
        "diversity": diversity,
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
    depth, depth_scores, depth_ranks = _axis(
        {k: v for k, v in inputs.items() if k in DEPTH_INPUTS}, cfg.depth_weights, n
    )
    breadth, breadth_scores, breadth_ranks = _axis(
        {k: v for k, v in inputs.items() if k in BREADTH_INPUTS}, cfg.breadth_weights, n
    )
    d_ok, b_ok = np.isfinite(depth), np.isfinite(breadth)
    deep = depth >= cfg.depth_threshold
    broad = breadth >= cfg.breadth_threshold
    kind = np.where(deep, np.where(broad, 0, 2), np.where(broad, 1, 3)).astype(np.int8)
    kind[~(d_ok & b_ok)] = -1
    return Typology(
        type=kind,
        depth=depth,
        breadth=breadth,
        depth_threshold=float(cfg.depth_threshold),
        breadth_threshold=float(cfg.breadth_threshold),
        ranks={**depth_ranks, **breadth_ranks},
        inputs=inputs,
        scores={**depth_scores, **breadth_scores},
    )
