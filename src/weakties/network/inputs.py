"""What :func:`~weakties.network.analysis.analyze` takes beside the snapshot.

:class:`AnalysisInputs` holds the optional facts about ties (their age,
sources, interactions, rating, the day they were made) and about employees
(consent, managers, expertise).  The functions here check each input's
length and bring it onto the snapshot: per input tie row onto the merged
ties (:meth:`~weakties.network.NetworkSnapshot.aggregate_ties`), per
employee as a float array.  A wrong length is an error that names the field.

The tie features are those of Gilbert & Karahalios's [1]_ model of tie
strength, after Granovetter's [2]_ definition (time, intensity, intimacy,
reciprocity).

References
----------
.. [1] Gilbert, E. & Karahalios, K. (2009). Predicting Tie Strength with
   Social Media. *CHI 2009*.
.. [2] Granovetter, M. S. (1973). The Strength of Weak Ties. *AJS* 78(6).

Examples
--------
>>> from weakties.network import NetworkSnapshot
>>> snap = NetworkSnapshot.from_edges([1], [10, 11], [0, 0, 0], [1, 2, 1])
>>> per_tie(snap, [5.0, 7.0, 9.0], "max", "duration_days").tolist()
[9.0, 7.0]
>>> day_numbers(np.array(["1970-01-03", "NaT"], dtype="datetime64[D]")).tolist()
[2.0, nan]
>>> per_employee([1, 2], 1, "skills")
Traceback (most recent call last):
...
ValueError: AnalysisInputs.skills has 2 values for 1 employees
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal, TypeAlias

import numpy as np

from .snapshot import NetworkSnapshot
from .typology import seniority_from_title

__all__ = [
    "AnalysisInputs",
    "Day",
    "Values",
    "consent_mask",
    "day_numbers",
    "employee_seniority",
    "per_employee",
    "per_tie",
]

#: One number per input tie row or per employee: an array or a list, NaN where unknown.
#: Days (``tie_day``) may also be a ``datetime64`` array.
Values: TypeAlias = np.ndarray | Sequence[float]

#: A day: days since 1970-01-01, a ``datetime64`` or a ``date``.
Day: TypeAlias = int | np.datetime64 | dt.date

#: How the rows merged into one tie combine.
Aggregation: TypeAlias = Literal["max", "min", "sum", "mean"]


@dataclass(frozen=True, eq=False)
class AnalysisInputs:
    """Optional inputs beside the snapshot; give what is known, leave the rest None.

    Per input tie row (aligned with the ``src``/``dst`` rows given to
    :meth:`NetworkSnapshot.from_edges`; NaN where unknown), combined per
    tie when several rows merge into one tie:

    ``duration_days`` (days since ``connected_on``; max), ``sources``
    (number of sources the row was seen in; max), ``interactions``
    (messages and meetings; sum), ``recency_days`` (days since the last
    interaction; min), ``reciprocity`` (0..1; mean), ``rating`` (0 barely,
    1 somewhat, 2 well; max) and ``tie_day`` (the day the tie was made, or
    else imported: days since 1970-01-01 or ``datetime64``; min), which
    dates reach growth.

    Interaction counts, recency and reciprocity come from e-mail and calendar
    metadata: :func:`weakties.importers.parse_interactions` reads the files and
    :func:`weakties.network.summarise_interactions` gives, per counterpart,
    ``count``, ``last`` and ``reciprocity``.

    Per employee (length ``E``): ``consented`` (bool mask: whose ties count
    for reach and coverage; default all), ``manager`` (node index of the
    manager, -1 none), ``skills`` (declared skills), ``seniority`` (0..1, or
    ``titles`` to derive it with :func:`~weakties.network.seniority_from_title`)
    and ``endorsements``.

    ``today`` (days since 1970-01-01 or a ``datetime64``/``date``) ends the
    growth series; default: the latest ``tie_day``.
    """

    duration_days: Values | None = None
    sources: Values | None = None
    interactions: Values | None = None
    recency_days: Values | None = None
    reciprocity: Values | None = None
    rating: Values | None = None
    tie_day: Values | None = None
    consented: np.ndarray | Sequence[bool] | None = None
    manager: np.ndarray | Sequence[int] | None = None
    skills: Values | None = None
    seniority: Values | None = None
    titles: Sequence[str | None] | None = None
    endorsements: Values | None = None
    today: Day | None = None


def day_numbers(values: Values | Day) -> np.ndarray:
    """Days since 1970-01-01 as floats (NaN for ``NaT``), from numbers or ``datetime64``."""
    a = np.asarray(values)
    if np.issubdtype(a.dtype, np.datetime64):
        d = a.astype("datetime64[D]")
        out = d.astype(np.int64).astype(np.float64)
        out[np.isnat(d)] = np.nan
        return out.reshape(-1)
    return np.asarray(values, dtype=np.float64).reshape(-1)


def per_tie(
    snapshot: NetworkSnapshot, values: Values | None, how: Aggregation, name: str
) -> np.ndarray | None:
    """One input (per input tie row) brought onto the snapshot's ties; None if not given."""
    if values is None:
        return None
    v = day_numbers(values) if name == "tie_day" else np.asarray(values, dtype=np.float64)
    if v.size != snapshot.input_edge.size:
        raise ValueError(
            f"AnalysisInputs.{name} has {v.size} values; give one per input tie row "
            f"({snapshot.input_edge.size})"
        )
    return snapshot.aggregate_ties(v, how)


def per_employee(values: Values | None, E: int, name: str) -> np.ndarray | None:
    """One input per employee as a float array; None if not given."""
    if values is None:
        return None
    a = np.asarray(values, dtype=np.float64).reshape(-1)
    if a.size != E:
        raise ValueError(f"AnalysisInputs.{name} has {a.size} values for {E} employees")
    return a


def consent_mask(values: np.ndarray | Sequence[bool] | None, E: int) -> np.ndarray | None:
    """Whose ties count for reach and coverage, as a bool mask; None (everyone) if not given."""
    if values is None:
        return None
    consented = np.asarray(values, dtype=bool).reshape(-1)
    if consented.size != E:
        raise ValueError(f"AnalysisInputs.consented has {consented.size} values for {E} employees")
    return consented


def employee_seniority(inputs: AnalysisInputs, E: int) -> np.ndarray | None:
    """Seniority per employee: as given, else derived from the job titles, else None."""
    seniority = per_employee(inputs.seniority, E, "seniority")
    if seniority is not None or inputs.titles is None:
        return seniority
    if len(inputs.titles) != E:
        raise ValueError(f"AnalysisInputs.titles has {len(inputs.titles)} values for {E} employees")
    return np.array([seniority_from_title(t) for t in inputs.titles], dtype=np.float64)
