"""Tie strength where the analysis has not measured it yet, and the weights it uses.

``weakties analyze`` measures every tie's strength from all its features
(Gilbert & Karahalios 2009: duration, intensity, reciprocity, structure …)
and stores it on the tie's :class:`~weakties.people.models.TieRank`.  A tie
imported since has only its age and the number of sources it was seen in;
:func:`provisional_strength` gives it a strength from those with the same
formula (:func:`weakties.network.tie_strength`) and the same weights.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import fields
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.utils.translation import gettext as _

from weakties.core.errors import ServiceError

if TYPE_CHECKING:
    import numpy as np

    from weakties.network import StrengthWeights

__all__ = ["strength_weights", "provisional_strength", "provisional_tiers"]


def strength_weights(*, overrides: dict[str, float] | None = None) -> StrengthWeights:
    """Tie-strength weights: the defaults, ``WEAKTIES_STRENGTH_WEIGHTS``, then ``overrides``."""
    # Imported here, as in provisional_strength: a command that reads stored strengths (who-knows
    # after an analysis) then starts without numpy and the network analytics (issue 11).
    from weakties.network.strength import StrengthWeights

    values: dict[str, float | str] = {}
    names = {f.name for f in fields(StrengthWeights)}
    for part in filter(None, (p.strip() for p in settings.WEAKTIES_STRENGTH_WEIGHTS.split(","))):
        name, _sep, value = part.partition("=")
        values[name.strip()] = value
    values.update(overrides or {})
    unknown = sorted(set(values) - names)
    if unknown:
        raise ServiceError(
            _("unknown tie-strength weight {names}; choose from {choices}").format(
                names=", ".join(unknown), choices=", ".join(sorted(names))
            )
        )
    try:
        numbers: dict[str, Any] = {k: float(v) for k, v in values.items()}
        return StrengthWeights(**numbers)
    except ValueError as exc:
        raise ServiceError(_("tie-strength weights: {problem}").format(problem=exc)) from None


def provisional_tiers(
    *,
    connected_on: Sequence[dt.date | None],
    sources: Sequence[int],
    today: dt.date,
    weights: StrengthWeights,
) -> list[str]:
    """The tiers of :func:`provisional_strength`: ``"unknown"`` unless the age and the sources
    are evidence enough (with the default weights they are not: issue 13, one LinkedIn tie's
    age never decides a tier)."""
    from weakties.network.strength import TIERS

    ts = _provisional(connected_on=connected_on, sources=sources, today=today, weights=weights)
    return [TIERS[t] if t >= 0 else "unknown" for t in ts.tier.tolist()]


def _provisional(
    *,
    connected_on: Sequence[dt.date | None],
    sources: Sequence[int],
    today: dt.date,
    weights: StrengthWeights,
) -> Any:
    import numpy as np

    from weakties.network.strength import tie_strength

    duration = np.array(
        [(today - d).days if d is not None else np.nan for d in connected_on], dtype=float
    )
    counts = np.maximum(np.asarray(sources, dtype=float), 1.0)
    return tie_strength(duration_days=np.maximum(duration, 0), sources=counts, weights=weights)


def provisional_strength(
    *,
    connected_on: Sequence[dt.date | None],
    sources: Sequence[int],
    today: dt.date,
    weights: StrengthWeights,
) -> np.ndarray:
    """Strength in [0, 1] from a tie's age (days since ``connected_on``) and number of sources."""
    import numpy as np

    from weakties.network.strength import tie_strength

    duration = np.array(
        [(today - d).days if d is not None else np.nan for d in connected_on], dtype=float
    )
    counts = np.maximum(np.asarray(sources, dtype=float), 1.0)
    return tie_strength(
        duration_days=np.maximum(duration, 0), sources=counts, weights=weights
    ).strength
