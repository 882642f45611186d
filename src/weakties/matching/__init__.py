"""Cross-organisation matching of help requests: supply (candidates, surplus staff) to demand (vacancies).

Pure: plain records in, plain records out, no Django.

>>> from weakties.matching import Request, match
>>> vacancies = [Request(1, "Rijkswaterstaat", "vacancy", "Wegeninspecteur", region="Utrecht")]
>>> surplus = [Request(2, "Ministerie van LNV", "surplus", "Vleesinspecteur", region="Amersfoort")]
>>> [m.demand.title for m in match(surplus, vacancies)]
['Wegeninspecteur']

* :func:`match` -- every supply request against every demand request, top k
  per supply request, best first; never within one organisation unless
  ``same_org=True``.
* :class:`Matcher` -- the same with a reusable index over the demand, plus
  :meth:`Matcher.top_pairs` (arrays, no reasons) for bulk work; takes
  ``today`` (what "now" means) and a ``progress(done, total)`` callback.
* :func:`match_contacts` -- employees' second-degree contacts for a vacancy.
* :func:`explain` -- a match's reasons as sentences; pass Django's ``gettext``
  as ``translate`` to show them in Dutch.

How the score is made: :mod:`weakties.matching.engine`.  The data behind it
(occupations, skills, places) lives in ``matching/data/*.csv``.
"""

from typing import TYPE_CHECKING, Any

from .records import (
    DEMAND_KINDS,
    KINDS,
    SUPPLY_KINDS,
    Contact,
    ContactMatch,
    Match,
    Reason,
    Request,
)

if TYPE_CHECKING:
    from .engine import Matcher, match, match_contacts
    from .reasons import explain
    from .scoring import Weights

#: Loaded when first used: the engine brings scipy and bm25s (about half a second), which
#: a caller of the light modules (``matching.text`` for stemming, the records) never needs.
_LAZY = {
    "Matcher": "engine",
    "match": "engine",
    "match_contacts": "engine",
    "explain": "reasons",
    "Weights": "scoring",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "DEMAND_KINDS",
    "KINDS",
    "SUPPLY_KINDS",
    "Contact",
    "ContactMatch",
    "Match",
    "Matcher",
    "Reason",
    "Request",
    "Weights",
    "explain",
    "match",
    "match_contacts",
]
