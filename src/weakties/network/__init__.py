"""Network analytics on a snapshot of the organisation (pure numpy/scipy/igraph).

The snapshot (:class:`NetworkSnapshot`) holds employees, resolved people and
their ties as compact arrays; each module computes one family of measures on
it, vectorised, for every node at once:

* :mod:`~weakties.network.strength`: tie strength and tiers (Gilbert &
  Karahalios 2009);
* :mod:`~weakties.network.interactions`: e-mail and meeting metadata to
  interaction counts, recency and reciprocity per counterpart;
* :mod:`~weakties.network.reach`: reach, unique reach (key-person risk),
  coverage and growth;
* :mod:`~weakties.network.structural_holes`: Burt's constraint, effective
  size and efficiency, with the same-company fallback;
* :mod:`~weakties.network.betweenness`: exact or pivot-sampled betweenness
  (Brandes 2001; Brandes & Pich 2007);
* :mod:`~weakties.network.brokerage`: Gould & Fernandez brokerage roles;
* :mod:`~weakties.network.diversity`: entropy, E-I index and the homophily
  message;
* :mod:`~weakties.network.typology`: T-shaper, butterfly, lone star,
  emerging;
* :mod:`~weakties.network.internal`: the internal network of colleagues,
  manager lines and departments (brokerage reads it);
* :mod:`~weakties.network.analysis`: :func:`analyze`, all of the above in
  one call with progress; :mod:`~weakties.network.inputs` checks and aligns
  what it is given beside the snapshot (:class:`AnalysisInputs`);
* :mod:`~weakties.network.paths`: ranked warm introductions (Rajkumar et
  al. 2022).

No Django here: plain arrays in, plain arrays and dataclasses out.

Examples
--------
>>> from weakties.network import NetworkSnapshot, employee_reach, structural_holes
>>> snap = NetworkSnapshot.from_edges([1, 2], [10, 11, 12], [0, 0, 1, 1], [2, 3, 3, 4])
>>> employee_reach(snap).unique_reach.tolist()
[1, 1]
>>> structural_holes(snap, weighted=False).effective_size[:2].tolist()
[2.0, 2.0]
"""

from .analysis import Analysis, AnalysisConfig, AnalysisInputs, analyze
from .betweenness import Betweenness, betweenness
from .brokerage import ROLES, BrokerageRoles, brokerage
from .diversity import (
    HOMOPHILY_MESSAGES,
    ContactDiversity,
    EIIndex,
    GroupEIIndex,
    contact_entropy,
    ei_index,
    group_ei_index,
    homophily_message,
)
from .interactions import InteractionSummary, summarise_interactions
from .paths import PURPOSES, Introductions, StrengthPreference, strength_fit, warm_introductions
from .reach import Coverage, Growth, Reach, coverage, employee_reach, reach_growth
from .snapshot import Group, NetworkSnapshot
from .strength import (
    RATINGS,
    TIERS,
    StrengthWeights,
    TieStrength,
    colleagues_knowing,
    tie_strength,
    tier_of,
)
from .structural_holes import (
    CompanyFallback,
    StructuralHoles,
    constraint,
    effective_size,
    efficiency,
    structural_holes,
)
from .typology import TYPE_MEANINGS, TYPES, Typology, TypologyConfig, seniority_from_title, typology

__all__ = [
    "Analysis",
    "AnalysisConfig",
    "AnalysisInputs",
    "analyze",
    "HOMOPHILY_MESSAGES",
    "PURPOSES",
    "RATINGS",
    "ROLES",
    "TIERS",
    "TYPES",
    "TYPE_MEANINGS",
    "Betweenness",
    "BrokerageRoles",
    "CompanyFallback",
    "ContactDiversity",
    "Coverage",
    "EIIndex",
    "Group",
    "GroupEIIndex",
    "Growth",
    "InteractionSummary",
    "Introductions",
    "NetworkSnapshot",
    "Reach",
    "StrengthPreference",
    "StrengthWeights",
    "StructuralHoles",
    "TieStrength",
    "Typology",
    "TypologyConfig",
    "betweenness",
    "brokerage",
    "coverage",
    "colleagues_knowing",
    "constraint",
    "contact_entropy",
    "effective_size",
    "efficiency",
    "ei_index",
    "employee_reach",
    "group_ei_index",
    "homophily_message",
    "reach_growth",
    "seniority_from_title",
    "strength_fit",
    "summarise_interactions",
    "structural_holes",
    "tie_strength",
    "tier_of",
    "typology",
    "warm_introductions",
]
