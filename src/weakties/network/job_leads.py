r"""How well a tie fits a job lead: Rajkumar et al. (2022) on two axes.

Rajkumar et al. (2022) ran randomised experiments on LinkedIn's "People You
May Know" with about 20 million members over five years (2 billion new
ties, 600,000 new jobs) and measured tie strength two ways:

* **mutual connections** (the overlap of the two networks,
  :mod:`weakties.network.mutual`): job transmission followed an *inverted U*,
  rising with mutual connections up to about **10** and falling beyond;
* **interaction intensity** (how much two members interact): the *weakest*
  ties transmitted jobs most, falling monotonically as intensity grows.

What weakties takes from the paper, and how
-------------------------------------------
Only the *shape* of the two effects is used: the location of the peak over
mutual connections (about 10, :data:`MUTUAL_PEAK`) and the sign of the
effect of intensity (weaker is better).  The paper's absolute effect sizes
(the change in the probability that a new tie leads to a job at the
contact's company) are rates of LinkedIn's population and of its
recommendation experiment; they are not transferred to an organisation's
imported contacts, so no probability is claimed here.  The score is a
relative ranking in [0, 1]:

.. math::

   \text{job}(m, s) = \underbrace{\exp\!\Big(-\tfrac12\Big(\tfrac{\ln\frac{m + 1}{m^* + 1}}{\sigma}\Big)^2\Big)}_{\text{mutual connections}}
   \times \underbrace{\big(1 - \beta\, s\big)}_{\text{intensity}}

* :math:`m` the tie's observed mutual connections; the bump is on a log
  scale (counts of contacts are skewed: 2 against 1 matters more than 42
  against 41) with width :math:`\sigma =` :data:`MUTUAL_WIDTH` (one
  natural-log unit: around a peak of 10, a tie with no mutual connection
  keeps about 6 % of the peak's fit, one with 50 about 31 %);
* :math:`m^*` the peak *as the data can show it*: ``MUTUAL_PEAK x
  completeness``, at least 1.  LinkedIn counts every mutual connection;
  weakties sees only those among the organisation's sharing employees
  (:func:`~weakties.network.mutual.data_completeness`), so the same tie
  shows fewer, and the peak moves down with the share of the organisation
  in the data;
* :math:`s` the tie's composite strength (:mod:`weakties.network.strength`,
  mostly rating, interactions and recency: intensity-type measures) and
  :math:`\beta =` :data:`INTENSITY_SLOPE` (0.5): the strongest tie keeps half
  the fit of the weakest, since the paper found the weakest ties best but
  strong ties still transmitted jobs.  Unknown strength counts as
  :data:`UNKNOWN_INTENSITY` (the middle).

For sales and for senior roles the preference stays with strong ties
(:mod:`weakties.network.paths`): a deal needs a colleague who can vouch.

References
----------
.. [1] Rajkumar, K., Saint-Jacques, G., Bojinov, I., Brynjolfsson, E. &
   Aral, S. (2022). A causal test of the strength of weak ties. *Science*
   377(6612), 1304-1310.
.. [2] Granovetter, M. S. (1973). The Strength of Weak Ties. *American
   Journal of Sociology* 78(6), 1360-1380.

Examples
--------
>>> from weakties.network.job_leads import job_score, mutual_peak
>>> mutual_peak(1.0), mutual_peak(0.3), mutual_peak(0.01)
(10.0, 3.0, 1.0)
>>> job_score([0, 3, 10, 40], [0.2, 0.2, 0.2, 0.2], peak=10.0).round(3).tolist()
[0.051, 0.54, 0.9, 0.379]
>>> job_score([10, 10], [0.1, 0.9], peak=10.0).round(3).tolist()  # weaker is better
[0.95, 0.55]
"""

from __future__ import annotations

from typing import Any

import numpy as np

__all__ = [
    "INTENSITY_SLOPE",
    "MUTUAL_PEAK",
    "MUTUAL_WIDTH",
    "UNKNOWN_INTENSITY",
    "intensity_fit",
    "job_score",
    "mutual_fit",
    "mutual_peak",
]

#: Mutual connections at which job transmission peaked (Rajkumar et al. 2022, about 10).
MUTUAL_PEAK = 10.0
#: Width of the inverted U, in natural-log units of ``mutual + 1``.
MUTUAL_WIDTH = 1.0
#: How much the fit falls from the weakest (strength 0) to the strongest tie (strength 1).
INTENSITY_SLOPE = 0.5
#: The strength assumed where it is unknown (the middle of the scale).
UNKNOWN_INTENSITY = 0.5


def mutual_peak(completeness: float, peak: float = MUTUAL_PEAK) -> float:
    """The peak as the data can show it: ``peak x completeness``, at least 1."""
    c = float(completeness)
    if not np.isfinite(c) or c < 0:
        raise ValueError(f"completeness must be in [0, 1], not {completeness!r}")
    return float(max(1.0, peak * min(c, 1.0)))


def mutual_fit(
    mutual: Any, *, peak: float = MUTUAL_PEAK, width: float = MUTUAL_WIDTH
) -> np.ndarray:
    """The inverted U over mutual connections, 1 at ``peak`` (see the module docstring)."""
    if width <= 0:
        raise ValueError("width must be positive")
    m = np.maximum(np.asarray(mutual, dtype=np.float64), 0.0)
    z = np.log((m + 1.0) / (peak + 1.0)) / width
    return np.exp(-0.5 * z * z)


def intensity_fit(strength: Any, *, slope: float = INTENSITY_SLOPE) -> np.ndarray:
    """Weaker is better: ``1 - slope x strength`` (unknown: :data:`UNKNOWN_INTENSITY`)."""
    s = np.asarray(strength, dtype=np.float64)
    s = np.clip(np.where(np.isfinite(s), s, UNKNOWN_INTENSITY), 0.0, 1.0)
    return 1.0 - slope * s


def job_score(
    mutual: Any,
    strength: Any,
    *,
    peak: float = MUTUAL_PEAK,
    width: float = MUTUAL_WIDTH,
    slope: float = INTENSITY_SLOPE,
) -> np.ndarray:
    """How well each tie fits a job lead, in [0, 1]: mutual-connection fit x intensity fit.

    Parameters
    ----------
    mutual : array_like
        Observed mutual connections per tie (:func:`~weakties.network.mutual.mutual_connections`).
    strength : array_like
        Composite tie strength per tie (NaN where unknown).
    peak : float
        The peak as the data shows it (:func:`mutual_peak`).
    """
    m = np.asarray(mutual, dtype=np.float64).reshape(-1)
    s = np.asarray(strength, dtype=np.float64).reshape(-1)
    if m.size != s.size:
        raise ValueError(f"mutual has {m.size} values, strength {s.size}")
    return mutual_fit(m, peak=peak, width=width) * intensity_fit(s, slope=slope)
