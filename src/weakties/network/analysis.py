"""One call that computes every network analytic of an organisation.

:func:`analyze` runs the measures of :mod:`weakties.network` in order, on
one :class:`~weakties.network.NetworkSnapshot`, and returns an
:class:`Analysis`: a plain dataclass of numpy arrays (and a few small lists)
that the Django layer stores as it is.  A ``progress(step, done, total)``
callback is told after every step, for a progress bar.

The snapshot the caller builds (``insights/services/snapshots.py`` in the
Django layer):

* nodes ``0 .. E-1`` are the organisation's employees, ``E .. E+P-1`` the
  resolved external people they know;
* ties employee -> person come from the employees' imports (one input row
  per database tie, in any order: the snapshot merges duplicates);
  employee -> employee ties exist where a colleague appears in an import;
  person -> person ties where they are known (rare);
* person groups ``company``, ``sector``, ``region``, ``function``;
  employee groups ``department``, ``region``, ``function`` (any may be
  missing: the measures that need them are then skipped).

The *internal network* for brokerage is built here from three sources: the
colleague ties of the snapshot, manager lines (:attr:`AnalysisInputs.manager`)
and, when :attr:`AnalysisConfig.department_ties` is set, a tie between any
two employees of the same department up to ``department_clique_limit``
people (Gould & Fernandez's groups are the departments).

Cost: at 10,000 employees and 3M ties (``bench/analytics.py``) the exact
betweenness of the internal network is most of the CPU time (one breadth-first
search per employee, in igraph's C code, spread over the CPUs); everything else
is vectorised numpy/scipy and takes seconds.

What is computed, and where it comes from:

==============================  ===============================================
step                            measure (module)
==============================  ===============================================
``strength``                    mutual connections of every tie (:mod:`.mutual`;
                                Granovetter's overlap), tie strength, its
                                evidence and tier (:mod:`.strength`; Gilbert &
                                Karahalios 2009), and the job-lead score over
                                mutual connections and intensity
                                (:mod:`.job_leads`; Rajkumar et al. 2022)
``reach``                       reach, unique reach = key-person risk, coverage
                                by company/sector/region, growth (:mod:`.reach`)
``structural_holes``            Burt's constraint, effective size, efficiency,
                                weighted (tie strength) and unweighted, each with
                                the same-company fallback (:mod:`.structural_holes`)
``betweenness``                 on the whole network, when asked for
                                (``whole_network_betweenness``): exact below
                                ``exact_betweenness_below`` nodes, else pivot-
                                sampled (Brandes & Pich 2007), sample size kept
``internal_network``            colleagues + manager lines + shared department
                                (:mod:`.internal`)
``brokerage``                   Gould & Fernandez (1989) roles on the internal
                                network, departments as groups, and its
                                betweenness (exact below ``exact_betweenness_below``
                                employees, else pivot-sampled; the typology's
                                "bridging" input)
``diversity``                   entropy per attribute, Krackhardt & Stern's E-I
                                index, the homophily message (:mod:`.diversity`)
``typology``                    T-shaper / butterfly / lone star / emerging with
                                the explanation of every placement (:mod:`.typology`);
                                breadth = effective size (unweighted, same-company
                                fallback: many contacts at one company are not many
                                non-redundant contacts), mean normalised entropy
                                and internal betweenness
==============================  ===============================================

References
----------
.. [1] Granovetter, M. S. (1973). The Strength of Weak Ties. *AJS* 78(6).
.. [2] Gilbert, E. & Karahalios, K. (2009). Predicting Tie Strength with
   Social Media. *CHI 2009*.
.. [3] Burt, R. S. (1992). *Structural Holes*; Burt (2004). Structural Holes
   and Good Ideas. *AJS* 110(2).
.. [4] Gould, R. V. & Fernandez, R. M. (1989). Structures of Mediation.
   *Sociological Methodology* 19.
.. [5] Krackhardt, D. & Stern, R. N. (1988). Informal Networks and
   Organizational Crises. *Social Psychology Quarterly* 51(2).
.. [6] Brandes, U. & Pich, C. (2007). Centrality estimation in large
   networks. *Int. J. Bifurcation and Chaos* 17(7).
.. [7] Dunbar, R. I. M. (1992). Neocortex size as a constraint on group size
   in primates. *Journal of Human Evolution* 22(6), 469-493.

Examples
--------
>>> import numpy as np
>>> from weakties.network import NetworkSnapshot
>>> from weakties.network.analysis import AnalysisInputs, analyze
>>> snap = NetworkSnapshot.from_edges(
...     [1, 2, 3], [10, 11, 12, 13], [0, 0, 1, 1, 2, 0], [3, 4, 4, 5, 6, 1],
...     employee_groups={"department": ([0, 0, 1], ["Sales", "IT"])},
...     person_groups={"company": ([0, 0, 1, -1], ["Acme", "Bolt"])})
>>> steps = []
>>> result = analyze(
...     snap,
...     inputs=AnalysisInputs(duration_days=[400, 30, 800, 10, 90, 2000], rating=[2, 0, 1, 1, 0, 2]),
...     progress=lambda step, done, total: steps.append(step))
>>> result.unique_reach.tolist(), result.people_reached
([1, 1, 1], 4)
>>> result.tie_tier_labels()
['strong', 'strong', 'dormant', 'moderate', 'weak', 'dormant']
>>> steps[-1]
'done'
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .betweenness import Betweenness, betweenness
from .brokerage import BrokerageRoles, brokerage
from .diversity import (
    ContactDiversity,
    EIExpectation,
    EIIndex,
    contact_entropy,
    ei_expected,
    ei_index,
    homophily_message,
)
from .inputs import (
    AnalysisInputs,
    Day,
    consent_mask,
    day_numbers,
    employee_seniority,
    per_employee,
    per_tie,
)
from .internal import internal_network
from .job_leads import MUTUAL_PEAK, job_score, mutual_peak
from .mutual import data_completeness, mutual_connections
from .reach import Coverage, Growth, coverage, employee_reach, reach_growth
from .snapshot import NetworkSnapshot
from .strength import TIERS, StrengthWeights, TieStrength, tie_strength
from .structural_holes import StructuralHoles, structural_holes
from .typology import Typology, TypologyConfig, typology

__all__ = ["STEPS", "Analysis", "AnalysisConfig", "AnalysisInputs", "Progress", "analyze"]

#: Label permutations behind each homophily p-value (seeded, see ``ei_expected``).
HOMOPHILY_PERMUTATIONS = 199

#: ``progress(step, done, total)``: called after each step, ``done`` of ``total`` finished.
Progress = Callable[[str, int, int], None]

#: The steps in order; ``progress`` is called once with each, then with ``"done"``.
STEPS = (
    "strength",
    "reach",
    "structural_holes",
    "betweenness",
    "internal_network",
    "brokerage",
    "diversity",
    "typology",
)


@dataclass(frozen=True)
class AnalysisConfig:
    """What :func:`analyze` computes and with which settings."""

    strength: StrengthWeights = field(default_factory=StrengthWeights)
    typology: TypologyConfig = field(default_factory=TypologyConfig)
    #: Person attribute whose members count as tied in the structural-holes fallback.
    company_attribute: str = "company"
    #: Person attributes to report coverage for (missing ones are skipped).
    coverage_attributes: tuple[str, ...] = ("company", "sector", "region")
    #: Attributes for entropy and E-I; the order is the priority of the homophily message.
    diversity_attributes: tuple[str, ...] = ("sector", "function", "region", "company")
    #: The organisation's own name: employees count as working at it for the company E-I.
    organisation_name: str | None = None
    #: Employee attribute that groups the internal network (brokerage roles).
    department_attribute: str = "department"
    #: Tie every two employees of one department in the internal network.
    department_ties: bool = True
    #: Departments larger than this get no clique: beyond about 150 people not everyone
    #: knows everyone (Dunbar 1992), and a clique of ``n^2 / 2`` ties would dominate the
    #: internal network and its betweenness.  Their manager lines and observed colleague
    #: ties remain.
    department_clique_limit: int = 150
    #: Structural-hole weights: ``"strength"`` (tie strength, unknown -> median) or ``"snapshot"``.
    hole_weights: str = "strength"
    #: Smallest weight of a tie in the weighted measures (a tie rated "barely" still exists).
    min_hole_weight: float = 0.01
    exact_betweenness_below: int = 50_000
    betweenness_pivots: int = 256
    #: Also compute betweenness on the whole network (employees and people).  Off by
    #: default: at 1M people one breadth-first search takes ~0.35 s, so it is always
    #: pivot-sampled, and 256 pivots still rank employees noisily (Spearman ~0.8 between
    #: two seeds).  Brokers are read from the internal network, which is exact.
    whole_network_betweenness: bool = False
    seed: int = 0
    #: Worker processes for betweenness (0: one per CPU, at most 4; 1: none).
    n_jobs: int = 0
    #: Months of reach growth to report, back from ``today``.
    growth_months: int = 36
    #: Mutual connections at which job leads peak where the data is complete (Rajkumar et al.).
    mutual_peak: float = MUTUAL_PEAK
    #: How complete the data is, in [0, 1] (None: the share of employees whose network
    #: is in the data, :func:`~weakties.network.mutual.data_completeness`).
    completeness: float | None = None


@dataclass(frozen=True, eq=False)
class Analysis:
    """Everything :func:`analyze` computed.

    Arrays over ties have length ``n_edges`` (tie ``k`` joins
    ``snapshot.edge_src[k]`` and ``snapshot.edge_dst[k]``; ``input_tie``
    maps each input row to its tie).  Arrays over employees have length
    ``E``; arrays over nodes ``E + P``.

    Attributes
    ----------
    degree : ndarray
        Distinct neighbours of every node.
    tie_strength, tie_tier, tie_features
        Per tie: strength in [0, 1] (NaN unknown), tier code into
        :data:`~weakties.network.TIERS` (-1 unknown: too little evidence),
        each feature's score.
    tie_evidence, tie_mutual, tie_job_score
        Per tie: the share of the strength model's weight known, the mutual
        connections and the job-lead score (:mod:`.job_leads`).
    completeness, mutual_peak
        How complete the data is and the peak it gives the job score.
    reach, unique_reach, known_by, people_reached
        Per employee, per person, and the organisation's total.
    coverage : dict of attribute to Coverage
    growth : Growth or None
        Distinct people reached at the start of each month (``growth.days``
        are days since 1970-01-01), when ``tie_day`` is given.
    holes, holes_unweighted : StructuralHoles
        Weighted (by tie strength) and unweighted Burt measures over nodes,
        each with ``.company`` (the same-company fallback, employees only)
        when the snapshot has the company attribute.  Where
        ``alter_ties > 0`` real contact-contact ties exist: show both numbers.
    betweenness : Betweenness or None
        On the whole network, if :attr:`AnalysisConfig.whole_network_betweenness`;
        ``.exact`` and ``.sample_size`` say how.
    internal_ties : int
        Ties of the internal employee network.
    roles : BrokerageRoles or None
        Gould & Fernandez roles on the internal network (None without
        departments).
    internal_betweenness : Betweenness
        Betweenness on the internal network (exact below the threshold,
        else sampled: ``.exact`` and ``.sample_size`` say how).  The brokers'
        betweenness, and the typology's bridging input.
    diversity : dict of attribute to ContactDiversity
    ei : dict of attribute to EIIndex
        Over all nodes; employees' values are the first ``E``.
    homophily_attribute, homophily_message : list of str or None
        Per employee: the first attribute (in ``diversity_attributes`` order)
        whose network is mostly alike or narrow, and the English sentence
        saying so (translate it with gettext).
    typology : Typology
    explanations : list of dict
        Per employee, :meth:`Typology.explain`.
    seconds : dict of step to float
        Wall-clock seconds of each of :data:`STEPS` (no total: sum them).
    """

    n_employees: int
    n_people: int
    degree: np.ndarray
    input_tie: np.ndarray
    tie_strength: np.ndarray
    tie_tier: np.ndarray
    tie_features: dict[str, np.ndarray]
    reach: np.ndarray
    unique_reach: np.ndarray
    known_by: np.ndarray
    people_reached: int
    coverage: dict[str, Coverage]
    growth: Growth | None
    holes: StructuralHoles
    holes_unweighted: StructuralHoles
    betweenness: Betweenness | None
    internal_ties: int
    roles: BrokerageRoles | None
    internal_betweenness: Betweenness
    diversity: dict[str, ContactDiversity]
    ei: dict[str, EIIndex]
    homophily_attribute: list[str | None]
    homophily_message: list[str | None]
    typology: Typology
    explanations: list[dict[str, Any]]
    seconds: dict[str, float]
    #: E-I against random mixing per attribute (expected value, permutation p), employees.
    ei_expected: dict[str, EIExpectation] = field(default_factory=dict)
    tie_evidence: np.ndarray = field(default_factory=lambda: np.zeros(0))
    tie_mutual: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    tie_job_score: np.ndarray = field(default_factory=lambda: np.zeros(0))
    completeness: float = 1.0
    mutual_peak: float = MUTUAL_PEAK

    def tie_tier_labels(self) -> list[str]:
        """Tier names of every tie (``"unknown"`` where the strength is unknown)."""
        return [TIERS[t] if t >= 0 else "unknown" for t in self.tie_tier.tolist()]


class _StepClock:
    """Times the steps of :func:`analyze` and tells ``progress`` when each one is finished."""

    def __init__(self, progress: Progress | None) -> None:
        self.progress = progress
        self.seconds: dict[str, float] = {}
        self._clock = time.perf_counter()

    def finished(self, step: str) -> None:
        """Record the seconds since the previous step and report ``step`` as done."""
        now = time.perf_counter()
        self.seconds[step] = now - self._clock
        self._clock = now
        if self.progress is not None:
            self.progress(step, len(self.seconds), len(STEPS))

    def done(self) -> None:
        """Report the whole analysis as finished."""
        if self.progress is not None:
            self.progress("done", len(STEPS), len(STEPS))


def _tie_strength(
    snapshot: NetworkSnapshot, given: AnalysisInputs, cfg: AnalysisConfig, mutual: np.ndarray
) -> TieStrength:
    """Strength of every tie from its features (Granovetter 1973; Gilbert & Karahalios 2009)."""
    features = {
        "duration_days": per_tie(snapshot, given.duration_days, "max", "duration_days"),
        "sources": per_tie(snapshot, given.sources, "max", "sources"),
        "interactions": per_tie(snapshot, given.interactions, "sum", "interactions"),
        "recency_days": per_tie(snapshot, given.recency_days, "min", "recency_days"),
        "reciprocity": per_tie(snapshot, given.reciprocity, "mean", "reciprocity"),
        "rating": per_tie(snapshot, given.rating, "max", "rating"),
    }
    return tie_strength(**features, mutual=mutual, weights=cfg.strength)


def _growth(
    snapshot: NetworkSnapshot,
    tie_day: np.ndarray,
    today: Day | None,
    months: int,
    consented: np.ndarray | None,
) -> Growth | None:
    """Reach at the end of each of the last ``months`` months up to ``today``.

    Without ``today`` the series ends at the latest known tie day (None when no
    day is known); it never starts before the month of the earliest one.
    """
    known = tie_day[np.isfinite(tie_day)]
    if today is None:
        if not known.size:
            return None
        end = int(known.max())
    else:
        end = int(day_numbers(np.asarray(today, dtype="datetime64[D]"))[0])
    end_month = np.datetime64(end, "D").astype("datetime64[M]")
    first = end_month - (max(months, 1) - 1)
    if known.size:
        first = max(first, np.datetime64(int(known.min()), "D").astype("datetime64[M]"))
    month_starts = np.arange(first, end_month + 1).astype("datetime64[D]")
    days = np.append(month_starts.astype(np.int64)[1:] - 1, end).astype(np.float64)
    return reach_growth(snapshot, tie_day, days, employees=consented)


def _coverage(
    snapshot: NetworkSnapshot, consented: np.ndarray | None, cfg: AnalysisConfig
) -> dict[str, Coverage]:
    """Coverage of each configured person attribute the snapshot has."""
    return {
        a: coverage(snapshot, a, employees=consented)
        for a in cfg.coverage_attributes
        if a in snapshot.person_groups
    }


def _hole_weights(
    snapshot: NetworkSnapshot, strength: np.ndarray, cfg: AnalysisConfig
) -> NetworkSnapshot:
    """The snapshot weighted for Burt's measures: by tie strength (unknown: the median)."""
    if cfg.hole_weights == "snapshot":
        return snapshot
    if cfg.hole_weights != "strength":
        raise ValueError(f"hole_weights must be 'strength' or 'snapshot', not {cfg.hole_weights!r}")
    known = np.isfinite(strength)
    fill = float(np.median(strength[known])) if known.any() else 1.0
    w = np.where(known, strength, fill)
    return snapshot.with_weights(np.maximum(w, cfg.min_hole_weight))


def _structural_holes(
    snapshot: NetworkSnapshot, strength: np.ndarray, cfg: AnalysisConfig
) -> tuple[StructuralHoles, StructuralHoles]:
    """Burt's (1992) measures weighted by tie strength, and unweighted."""
    company = cfg.company_attribute if cfg.company_attribute in snapshot.person_groups else None
    weighted_snap = _hole_weights(snapshot, strength, cfg)
    holes = structural_holes(weighted_snap, weighted=True, company_fallback=company)
    holes_u = structural_holes(snapshot, weighted=False, company_fallback=company)
    return holes, holes_u


def _betweenness(snapshot: NetworkSnapshot, cfg: AnalysisConfig) -> Betweenness:
    """Betweenness, exact below the configured size, else pivot-sampled (Brandes & Pich 2007)."""
    return betweenness(
        snapshot,
        exact_below=cfg.exact_betweenness_below,
        pivots=cfg.betweenness_pivots,
        seed=cfg.seed,
        n_jobs=cfg.n_jobs,
    )


def _alike_codes(
    snapshot: NetworkSnapshot, attribute: str, cfg: AnalysisConfig
) -> np.ndarray | None:
    """One code space over all nodes for ``attribute`` (employee and person sides joined)."""
    has_emp = attribute in snapshot.employee_groups
    has_per = attribute in snapshot.person_groups
    if not has_per:
        return None
    if has_emp:
        return snapshot.shared_codes(attribute, attribute)[0]
    codes, labels = snapshot.shared_codes(None, attribute)
    if attribute == cfg.company_attribute and cfg.organisation_name:
        key = cfg.organisation_name.strip().casefold()
        own = next((k for k, x in enumerate(labels) if x.strip().casefold() == key), len(labels))
        codes = codes.copy()
        codes[: snapshot.n_employees] = own
        return codes
    return None  # employees have no value to compare with


def _diversity(
    snapshot: NetworkSnapshot, cfg: AnalysisConfig
) -> tuple[dict[str, ContactDiversity], dict[str, EIIndex], dict[str, EIExpectation]]:
    """Entropy per attribute and, where both sides compare, Krackhardt & Stern's E-I index
    with its expectation under random mixing and a seeded permutation test (employees)."""
    diversity: dict[str, ContactDiversity] = {}
    ei: dict[str, EIIndex] = {}
    expect: dict[str, EIExpectation] = {}
    for a in cfg.diversity_attributes:
        if a not in snapshot.person_groups:
            continue
        diversity[a] = contact_entropy(snapshot, a)
        codes = _alike_codes(snapshot, a, cfg)
        if codes is not None:
            ei[a] = ei_index(snapshot, codes)
            expect[a] = ei_expected(
                snapshot, codes, nodes=snapshot.n_employees, permutations=HOMOPHILY_PERMUTATIONS
            )
    return diversity, ei, expect


def _homophily(
    diversity: dict[str, ContactDiversity],
    ei: dict[str, EIIndex],
    E: int,
    expect: dict[str, EIExpectation] | None = None,
) -> tuple[list[str | None], list[str | None]]:
    """Per employee, the first attribute whose network is mostly alike or narrow, and why.

    "Alike" is judged against random mixing given the group sizes (``expect``):
    see :func:`~weakties.network.diversity.homophily_message`.
    """
    expect = expect or {}
    h_attr: list[str | None] = [None] * E
    h_msg: list[str | None] = [None] * E
    for a, d in diversity.items():
        e_i = ei[a].index[:E] if a in ei else np.full(E, np.nan)
        x = expect.get(a)
        for k in np.flatnonzero(np.array([m is None for m in h_msg], dtype=bool)).tolist():
            msg = homophily_message(
                float(e_i[k]),
                float(d.normalized[k]),
                attribute=a,
                contacts=int(d.known[k]),
                expected=float(x.expected[k]) if x is not None else None,
                p=float(x.p[k]) if x is not None else None,
            )
            if msg is not None:
                h_attr[k], h_msg[k] = a, msg
    return h_attr, h_msg


def _breadth(holes_u: StructuralHoles, E: int) -> np.ndarray:
    """Unweighted efficiency (effective size over degree), same-company fallback when there
    is one: many contacts at one company are not many non-redundant contacts."""
    if holes_u.company is not None:
        return holes_u.company.efficiency[:E]
    return holes_u.efficiency[:E]


def _mean_entropy(diversity: dict[str, ContactDiversity]) -> np.ndarray | None:
    """Mean normalised entropy over the attributes known for each node (None: no attribute)."""
    if not diversity:
        return None
    stack = np.vstack([d.normalized for d in diversity.values()])
    counts = np.isfinite(stack).sum(axis=0)
    return np.where(counts > 0, np.nansum(stack, axis=0) / np.maximum(counts, 1), np.nan)


def _typology(
    given: AnalysisInputs,
    holes_u: StructuralHoles,
    diversity: dict[str, ContactDiversity],
    E: int,
    cfg: AnalysisConfig,
) -> Typology:
    """T-shaper, butterfly, lone star or emerging, from expertise and the measures above."""
    seniority = employee_seniority(given, E)
    return typology(
        skills=per_employee(given.skills, E, "skills"),
        seniority=seniority,
        endorsements=per_employee(given.endorsements, E, "endorsements"),
        efficiency=_breadth(holes_u, E),
        diversity=_mean_entropy(diversity),
        config=cfg.typology,
    )


def analyze(
    snapshot: NetworkSnapshot,
    *,
    inputs: AnalysisInputs | None = None,
    config: AnalysisConfig | None = None,
    progress: Progress | None = None,
) -> Analysis:
    """Compute every analytic for every employee and tie in one call.

    Parameters
    ----------
    snapshot : NetworkSnapshot
        Employees ``0..E-1`` and resolved people ``E..E+P-1`` with their
        ties and groups (see the module docstring).
    inputs : AnalysisInputs, optional
        Tie features, consent, managers and expertise; all optional.
    config : AnalysisConfig, optional
    progress : callable, optional
        ``progress(step, done, total)`` after each of :data:`STEPS` (``done``
        of ``total`` finished) and finally ``("done", total, total)``.

    Returns
    -------
    Analysis
    """
    cfg = config or AnalysisConfig()
    given = inputs or AnalysisInputs()
    E = snapshot.n_employees
    steps = _StepClock(progress)
    consented = consent_mask(given.consented, E)

    mutual = mutual_connections(snapshot)
    ts = _tie_strength(snapshot, given, cfg, mutual)
    completeness = (
        data_completeness(snapshot, consented) if cfg.completeness is None else cfg.completeness
    )
    peak = mutual_peak(completeness, cfg.mutual_peak)
    # intensity unknown (the middle) where the strength rests on too little for a tier
    job = job_score(mutual, np.where(ts.tier >= 0, ts.strength, np.nan), peak=peak)
    tie_day = per_tie(snapshot, given.tie_day, "min", "tie_day")
    steps.finished("strength")

    reach = employee_reach(snapshot, employees=consented)
    cov = _coverage(snapshot, consented, cfg)
    growth = None
    if tie_day is not None:
        growth = _growth(snapshot, tie_day, given.today, cfg.growth_months, consented)
    steps.finished("reach")

    holes, holes_u = _structural_holes(snapshot, ts.strength, cfg)
    steps.finished("structural_holes")

    bt = _betweenness(snapshot, cfg) if cfg.whole_network_betweenness else None
    steps.finished("betweenness")

    internal = internal_network(
        snapshot,
        given.manager,
        department=cfg.department_attribute if cfg.department_ties else None,
        clique_limit=cfg.department_clique_limit,
    )
    steps.finished("internal_network")
    roles = None
    if cfg.department_attribute in internal.employee_groups:
        roles = brokerage(internal, cfg.department_attribute)
    internal_bt = _betweenness(internal, cfg)
    steps.finished("brokerage")

    diversity, ei, expect = _diversity(snapshot, cfg)
    h_attr, h_msg = _homophily(diversity, ei, E, expect)
    steps.finished("diversity")

    typ = _typology(given, holes_u, diversity, E, cfg)
    explanations = [typ.explain(k) for k in range(E)]
    steps.finished("typology")

    steps.done()
    return Analysis(
        n_employees=E,
        n_people=snapshot.n_people,
        degree=snapshot.degree(),
        input_tie=snapshot.input_edge,
        tie_strength=ts.strength,
        tie_tier=ts.tier,
        tie_features=ts.features,
        tie_evidence=ts.evidence,
        tie_mutual=mutual,
        tie_job_score=job,
        completeness=float(completeness),
        mutual_peak=peak,
        reach=reach.reach,
        unique_reach=reach.unique_reach,
        known_by=reach.known_by,
        people_reached=reach.people_reached,
        coverage=cov,
        growth=growth,
        holes=holes,
        holes_unweighted=holes_u,
        betweenness=bt,
        internal_ties=internal.n_edges,
        roles=roles,
        internal_betweenness=internal_bt,
        diversity=diversity,
        ei=ei,
        ei_expected=expect,
        homophily_attribute=h_attr,
        homophily_message=h_msg,
        typology=typ,
        explanations=explanations,
        seconds=steps.seconds,
    )
