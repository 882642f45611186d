"""Cross-organisation matching of help requests: supply (candidates, surplus staff) to demand (vacancies).

Pure: plain records in, plain records out, no Django.

>>> from weakties.matching import Request, match
>>> vacancies = [Request(1, "Rijkswaterstaat", "vacancy", "Wegeninspecteur", region="Utrecht")]
>>> surplus = [Request(2, "Ministerie van LNV", "surplus", "Vleesinspecteur", region="Amersfoort")]
>>> [m.demand.title for m in match(surplus, vacancies)]
['Wegeninspecteur']

See :mod:`weakties.matching.engine` for how the score is made and
:func:`explain` for turning reasons into (translated) sentences.
"""

from .engine import Matcher, match, match_contacts
from .reasons import explain
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
from .scoring import Weights

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
