"""Network analytics on a snapshot of the organisation (pure numpy/scipy/igraph).

The snapshot (:class:`NetworkSnapshot`) holds employees, resolved people and
their ties as compact arrays; each module computes one family of measures on
it, vectorised, for every node at once:

* :mod:`~weakties.network.strength`: tie strength, its evidence and tiers
  (Gilbert & Karahalios 2009);
* :mod:`~weakties.network.mutual`: mutual connections of every tie
  (Granovetter's overlap);
* :mod:`~weakties.network.job_leads`: the job-lead fit over mutual
  connections and intensity (Rajkumar et al. 2022);
* :mod:`~weakties.network.calibration`: tie-strength weights fitted to
  outcomes by logistic regression;
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

from __future__ import annotations

import importlib
import sys
import types
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the names, for type checkers and readers; imported on first use
    from .analysis import Analysis, AnalysisConfig, AnalysisInputs, analyze
    from .betweenness import Betweenness, betweenness
    from .brokerage import ROLES, BrokerageRoles, brokerage
    from .diversity import (
        HOMOPHILY_MESSAGES,
        ContactDiversity,
        EIExpectation,
        EIIndex,
        GroupEIIndex,
        contact_entropy,
        ei_expected,
        ei_index,
        group_ei_index,
        homophily_message,
    )
    from .interactions import InteractionSummary, summarise_interactions
    from .job_leads import MUTUAL_PEAK, job_score, mutual_peak
    from .mutual import data_completeness, mutual_connections
    from .paths import PURPOSES, Introductions, StrengthPreference, strength_fit, warm_introductions
    from .reach import Coverage, Growth, Reach, coverage, employee_reach, reach_growth
    from .snapshot import Group, NetworkSnapshot
    from .strength import (
        FEATURES,
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
        hierarchy,
        structural_holes,
    )
    from .typology import (
        TYPE_MEANINGS,
        TYPES,
        Typology,
        TypologyConfig,
        seniority_from_title,
        typology,
    )

_WHERE = {
    "Analysis": "analysis",
    "AnalysisConfig": "analysis",
    "AnalysisInputs": "analysis",
    "analyze": "analysis",
    "Betweenness": "betweenness",
    "betweenness": "betweenness",
    "BrokerageRoles": "brokerage",
    "ROLES": "brokerage",
    "brokerage": "brokerage",
    "ContactDiversity": "diversity",
    "EIExpectation": "diversity",
    "EIIndex": "diversity",
    "GroupEIIndex": "diversity",
    "HOMOPHILY_MESSAGES": "diversity",
    "contact_entropy": "diversity",
    "ei_expected": "diversity",
    "ei_index": "diversity",
    "group_ei_index": "diversity",
    "homophily_message": "diversity",
    "InteractionSummary": "interactions",
    "MUTUAL_PEAK": "job_leads",
    "job_score": "job_leads",
    "mutual_peak": "job_leads",
    "data_completeness": "mutual",
    "mutual_connections": "mutual",
    "summarise_interactions": "interactions",
    "Introductions": "paths",
    "PURPOSES": "paths",
    "StrengthPreference": "paths",
    "strength_fit": "paths",
    "warm_introductions": "paths",
    "Coverage": "reach",
    "Growth": "reach",
    "Reach": "reach",
    "coverage": "reach",
    "employee_reach": "reach",
    "reach_growth": "reach",
    "Group": "snapshot",
    "NetworkSnapshot": "snapshot",
    "FEATURES": "strength",
    "RATINGS": "strength",
    "StrengthWeights": "strength",
    "TIERS": "strength",
    "TieStrength": "strength",
    "colleagues_knowing": "strength",
    "tie_strength": "strength",
    "tier_of": "strength",
    "CompanyFallback": "structural_holes",
    "StructuralHoles": "structural_holes",
    "constraint": "structural_holes",
    "effective_size": "structural_holes",
    "efficiency": "structural_holes",
    "hierarchy": "structural_holes",
    "structural_holes": "structural_holes",
    "TYPES": "typology",
    "TYPE_MEANINGS": "typology",
    "Typology": "typology",
    "TypologyConfig": "typology",
    "seniority_from_title": "typology",
    "typology": "typology",
}

__all__ = [
    "Analysis",
    "AnalysisConfig",
    "AnalysisInputs",
    "analyze",
    "FEATURES",
    "HOMOPHILY_MESSAGES",
    "MUTUAL_PEAK",
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
    "EIExpectation",
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
    "data_completeness",
    "effective_size",
    "efficiency",
    "ei_expected",
    "ei_index",
    "employee_reach",
    "hierarchy",
    "group_ei_index",
    "homophily_message",
    "job_score",
    "mutual_connections",
    "mutual_peak",
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


def __getattr__(name: str) -> Any:
    """Import the module of ``name`` on first use (PEP 562), not when the package loads.

    ``weakties.network.strength`` then costs numpy alone, not scipy and the whole analysis
    (issue 11: a command such as ``weakties who-knows`` starts in a fraction of a second).
    """
    where = _WHERE.get(name)
    if where is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{where}", __name__), name)
    setattr(sys.modules[__name__], name, value)
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


class _Package(types.ModuleType):
    """Keeps a function that shares its module's name (``betweenness``, ``typology`` …).

    Importing a submodule binds it on the package by its name; the eager ``from .betweenness
    import betweenness`` used to bind the function over it, and so does this.
    """

    def __setattr__(self, name: str, value: Any) -> None:
        if isinstance(value, types.ModuleType) and _WHERE.get(name) == name:
            value = getattr(value, name)
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package
