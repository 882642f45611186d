"""The one fit for a purpose of the ranked ties read, used by every ranking of ties.

The introductions search, referral candidates and a plan's own contacts rank the rows of
:mod:`.ranked_ties` with :func:`purpose_fit`: the job score for job leads and information
(Rajkumar et al. 2022 [1]_), the strength fit for sales and senior roles (Granovetter
1995 [2]_).

References
----------
.. [1] Rajkumar, K., Saint-Jacques, G., Bojinov, I., Brynjolfsson, E. & Aral, S. (2022). A
   causal test of the strength of weak ties. *Science* 377, 1304-1310.
.. [2] Granovetter, M. S. (1995). *Getting a Job: A Study of Contacts and Careers* (2nd ed.).
   University of Chicago Press.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

__all__ = ["UNKNOWN_STRENGTH", "purpose_fit"]

#: The strength a tie of unknown strength counts at (and is shown with).
UNKNOWN_STRENGTH = 0.25


def purpose_fit(
    purpose: str,
    *,
    strength: np.ndarray,
    unknown: np.ndarray,
    job: np.ndarray,
    mutual: np.ndarray,
    peak: Callable[[], float],
) -> tuple[np.ndarray, np.ndarray]:
    """``(strength, fit)`` of ranked ties for ``purpose``: the one ranking of the searches'
    rows (the introductions search, referral candidates, a plan's own contacts).

    ``strength``: the analysis's, or a tie not analysed yet's provisional one
    (NaN: unknown, counted and shown at :data:`UNKNOWN_STRENGTH`); ``unknown``:
    the ties of unknown tier, whose intensity is unknown too.  Job leads and
    information: the job score stored (``job``, NaN where none), else
    :func:`~weakties.network.job_leads.job_score` of the ``mutual`` connections
    and the intensity (unknown: the middle) at ``peak()``, asked only then
    (Rajkumar et al. 2022, *Science* 377, 1304-1310).  Sales and senior roles:
    strong ties fit best, :func:`~weakties.network.paths.strength_fit`
    (Granovetter 1995, *Getting a Job*).
    """
    # Imported here: "who knows" reads this module and needs no numpy (the command's start-up).
    import numpy as np

    from weakties.network.job_leads import job_score
    from weakties.network.paths import JOB_PURPOSES, PURPOSES, strength_fit

    strength = np.nan_to_num(np.asarray(strength, np.float64), nan=UNKNOWN_STRENGTH)
    if purpose not in JOB_PURPOSES:
        known = np.where(unknown, UNKNOWN_STRENGTH, strength)
        return strength, strength_fit(known, PURPOSES[purpose])
    intensity = np.where(unknown, np.nan, strength)
    fit = np.array(job, np.float64)
    missing = ~np.isfinite(fit)
    if missing.any():
        fit[missing] = job_score(mutual[missing], intensity[missing], peak=peak())
    return strength, fit
