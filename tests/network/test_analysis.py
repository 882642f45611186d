"""analyze() equals the individual functions on a small synthetic organisation."""

from __future__ import annotations

import itertools

import networkx as nx
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from weakties.network import (
    HOMOPHILY_MESSAGES,
    AnalysisConfig,
    AnalysisInputs,
    NetworkSnapshot,
    StrengthWeights,
    analyze,
    betweenness,
    brokerage,
    contact_entropy,
    coverage,
    employee_reach,
    homophily_message,
    mutual_connections,
    structural_holes,
    tie_strength,
)
from weakties.network.analysis import STEPS

from .graphs import graph_of


def organisation(seed: int = 3, E: int = 12, P: int = 60, m: int = 200):
    rng = np.random.default_rng(seed)
    src = rng.integers(0, E, m)
    dst = np.where(rng.random(m) < 0.1, rng.integers(0, E, m), E + rng.integers(0, P, m))
    # a few person-person ties, so real contact-contact ties exist
    src = np.concatenate([src, E + rng.integers(0, P, 15)])
    dst = np.concatenate([dst, E + rng.integers(0, P, 15)])
    n_rows = src.size
    snap = NetworkSnapshot.from_edges(
        np.arange(100, 100 + E),
        np.arange(1000, 1000 + P),
        src,
        dst,
        employee_groups={
            "department": (rng.integers(-1, 3, E), ["Sales", "IT", "HR"]),
            "region": (rng.integers(0, 2, E), ["Noord", "Zuid"]),
        },
        person_groups={
            "company": (rng.integers(-1, 8, P), [f"Co{k}" for k in range(8)]),
            "sector": (rng.integers(-1, 4, P), ["ICT", "Care", "Retail", "Energy"]),
            "region": (rng.integers(-1, 3, P), ["Noord", "Zuid", "West"]),
        },
    )
    day0 = np.datetime64("2024-01-01")
    inputs = AnalysisInputs(
        duration_days=rng.integers(0, 3000, n_rows).astype(float),
        sources=rng.integers(1, 4, n_rows),
        interactions=np.where(rng.random(n_rows) < 0.5, rng.integers(0, 40, n_rows), np.nan),
        recency_days=np.where(rng.random(n_rows) < 0.5, rng.integers(0, 1500, n_rows), np.nan),
        rating=np.where(rng.random(n_rows) < 0.3, rng.integers(0, 3, n_rows), np.nan),
        tie_day=day0 + rng.integers(0, 700, n_rows).astype("timedelta64[D]"),
        consented=rng.random(E) < 0.8,
        manager=np.where(np.arange(E) == 0, -1, rng.integers(0, 3, E)),
        skills=rng.integers(0, 30, E),
        titles=["Senior engineer", "Junior sales", None, "CEO"] * (E // 4),
        today=np.datetime64("2025-12-15"),
    )
    return snap, inputs


@pytest.fixture(scope="module")
def computed():
    snap, inputs = organisation()
    seen = []
    result = analyze(
        snap,
        inputs=inputs,
        config=AnalysisConfig(whole_network_betweenness=True),
        progress=lambda step, done, total: seen.append((step, done, total)),
    )
    return snap, inputs, result, seen


def test_progress_reports_every_step_then_done(computed):
    *_, seen = computed
    total = len(STEPS)
    assert seen == [(s, k + 1, total) for k, s in enumerate(STEPS)] + [("done", total, total)]


def test_tie_strength_equals_tie_strength_on_aggregated_features(computed):
    snap, inputs, result, _ = computed
    want = tie_strength(
        duration_days=snap.aggregate_ties(inputs.duration_days, "max"),
        sources=snap.aggregate_ties(inputs.sources, "max"),
        mutual=mutual_connections(snap),
        interactions=snap.aggregate_ties(inputs.interactions, "sum"),
        recency_days=snap.aggregate_ties(inputs.recency_days, "min"),
        rating=snap.aggregate_ties(inputs.rating, "max"),
    )
    np.testing.assert_array_equal(result.tie_strength, want.strength)
    np.testing.assert_array_equal(result.tie_tier, want.tier)
    np.testing.assert_array_equal(result.tie_evidence, want.evidence)
    np.testing.assert_array_equal(result.tie_mutual, mutual_connections(snap))
    assert result.input_tie.size == inputs.duration_days.size


def test_reach_and_coverage_count_consenting_employees_only(computed):
    snap, inputs, result, _ = computed
    r = employee_reach(snap, employees=inputs.consented)
    np.testing.assert_array_equal(result.unique_reach, r.unique_reach)
    assert result.people_reached == r.people_reached
    assert set(result.coverage) == {"company", "sector", "region"}
    c = coverage(snap, "sector", employees=inputs.consented)
    np.testing.assert_array_equal(result.coverage["sector"].people, c.people)
    assert np.all(result.reach[~inputs.consented] == 0)


def test_growth_is_monthly_and_ends_with_everyone_dated(computed):
    snap, inputs, result, _ = computed
    g = result.growth
    assert g is not None
    assert np.all(np.diff(g.people) >= 0)
    assert g.days[-1] == np.datetime64("2025-12-15").astype(np.int64)
    assert g.people[-1] + g.undated == result.people_reached
    month_ends = g.days[:-1].astype("datetime64[D]")
    assert np.all((month_ends + 1).astype("datetime64[M]") != month_ends.astype("datetime64[M]"))


def test_structural_holes_weighted_by_strength_and_unweighted(computed):
    snap, _, result, _ = computed
    u = structural_holes(snap, weighted=False, company_fallback="company")
    np.testing.assert_array_equal(result.holes_unweighted.constraint, u.constraint)
    assert result.holes_unweighted.company is not None
    np.testing.assert_array_equal(
        result.holes_unweighted.company.effective_size, u.company.effective_size
    )
    # weighted: tie strength as weights (unknown -> median, floor 0.01) against NetworkX
    s = result.tie_strength
    w = np.maximum(np.where(np.isfinite(s), s, np.nanmedian(s)), 0.01)
    G = graph_of(snap.with_weights(w))
    ref = nx.constraint(G, nodes=list(G), weight="weight")
    ref_e = nx.effective_size(G, nodes=list(G), weight="weight")
    for v in G:
        if np.isnan(ref[v]):
            assert np.isnan(result.holes.constraint[v])
        else:
            assert result.holes.constraint[v] == pytest.approx(ref[v], abs=1e-9)
            assert result.holes.effective_size[v] == pytest.approx(ref_e[v], abs=1e-9)
    # real contact-contact ties exist for some employees: both numbers are there
    assert (result.holes.alter_ties[: snap.n_employees] > 0).any()


def test_betweenness_on_the_whole_network_is_exact_here(computed):
    snap, _, result, _ = computed
    assert result.betweenness is not None
    assert result.betweenness.exact and result.betweenness.sample_size == snap.n_nodes
    np.testing.assert_allclose(result.betweenness.raw, betweenness(snap).raw, atol=1e-9)


def test_internal_network_has_colleagues_managers_and_departments(computed):
    snap, inputs, result, _ = computed
    E = snap.n_employees
    dept = snap.employee_groups["department"].codes
    expected = set()
    for a, b in zip(snap.edge_src.tolist(), snap.edge_dst.tolist(), strict=True):
        if b < E:
            expected.add((a, b))
    for k, m in enumerate(inputs.manager.tolist()):
        if m >= 0 and m != k:
            expected.add((min(k, m), max(k, m)))
    for a, b in itertools.combinations(range(E), 2):
        if dept[a] >= 0 and dept[a] == dept[b]:
            expected.add((a, b))
    assert result.internal_ties == len(expected)
    internal = NetworkSnapshot.from_edges(
        snap.employee_ids,
        [],
        [a for a, _ in expected],
        [b for _, b in expected],
        employee_groups=snap.employee_groups,
    )
    roles = brokerage(internal, "department")
    assert result.roles is not None
    np.testing.assert_array_equal(result.roles.liaison, roles.liaison)
    np.testing.assert_array_equal(result.roles.gatekeeper, roles.gatekeeper)
    np.testing.assert_allclose(result.internal_betweenness.raw, betweenness(internal).raw)


def test_diversity_and_homophily(computed):
    snap, _, result, _ = computed
    d = contact_entropy(snap, "sector")
    np.testing.assert_array_equal(result.diversity["sector"].entropy, d.entropy)
    # region exists on both sides, so it has an E-I index; sector only on people's side
    assert "region" in result.ei and "sector" not in result.ei
    assert len(result.homophily_message) == snap.n_employees


def test_typology_and_explanations_cover_every_employee(computed):
    snap, _, result, _ = computed
    E = snap.n_employees
    assert len(result.explanations) == E
    assert {x["type"] for x in result.explanations} <= {
        "t_shaper",
        "butterfly",
        "lone_star",
        "emerging",
        "unplaced",
    }
    assert result.typology.inputs["seniority"][3] == 1.0  # "CEO"
    # The per-employee figures that the brokers list shows (the insights
    # service's employee_rows builds its rows from them) exist for everyone.
    assert int(result.degree[0]) == int(snap.degree()[0])
    for per_node in (
        result.holes.constraint,
        result.holes.effective_size,
        result.holes.efficiency,
        result.internal_betweenness.raw,
        result.unique_reach,
    ):
        assert len(per_node) >= E


def test_no_homophily_warning_when_everyone_is_in_one_sector():
    """Issue 13: 30 of 32 people are in ICT, so ICT contacts are what chance gives.

    The old fixed cut-off (E-I <= -0.5) flagged this network "alike"; against
    random mixing given the group sizes (expected E-I 1 - 2*29/31 = -0.87) it
    is not more alike than chance.
    """
    E, P = 2, 30
    snap = NetworkSnapshot.from_edges(
        [1, 2],
        np.arange(100, 100 + P),
        np.repeat([0, 1], P // 2),
        E + np.arange(P),
        employee_groups={"sector": ([0, 0], ["ICT"])},
        person_groups={"sector": ([0] * 28 + [1, 2], ["ict", "Care", "Retail"])},
    )
    result = analyze(snap, config=AnalysisConfig(diversity_attributes=("sector",)))
    assert homophily_message(-1.0, float("nan"), attribute="sector", contacts=15)  # old rule
    alike = HOMOPHILY_MESSAGES[("sector", "alike")]
    assert alike not in result.homophily_message
    assert result.growth is None and result.roles is None


def test_homophily_warning_when_contacts_are_far_more_alike_than_chance():
    """Half the people are in ICT, half in Care: all-ICT contacts are homophily."""
    E, P = 2, 40
    snap = NetworkSnapshot.from_edges(
        [1, 2],
        np.arange(100, 100 + P),
        [0] * 15 + [1] * 20,
        E + np.concatenate([np.arange(15), np.arange(10), np.arange(20, 30)]),
        employee_groups={"sector": ([0, 0], ["ICT"])},
        person_groups={"sector": ([0] * 20 + [1] * 20, ["ict", "Care"])},
    )
    result = analyze(snap, config=AnalysisConfig(diversity_attributes=("sector",)))
    assert "same sector" in (result.homophily_message[0] or "")
    assert result.homophily_attribute[0] == "sector"
    assert result.homophily_message[1] is None  # ten and ten: no warning


def test_sampled_betweenness_states_its_sample_size():
    snap, inputs = organisation()
    result = analyze(
        snap,
        inputs=inputs,
        config=AnalysisConfig(
            exact_betweenness_below=11,
            betweenness_pivots=10,
            seed=4,
            whole_network_betweenness=True,
        ),
    )
    assert result.betweenness is not None
    assert not result.betweenness.exact and result.betweenness.sample_size == 10
    assert not result.internal_betweenness.exact
    assert result.internal_betweenness.sample_size == 10


def test_whole_network_betweenness_is_off_by_default():
    snap, inputs = organisation()
    result = analyze(snap, inputs=inputs)
    assert result.betweenness is None
    assert result.internal_betweenness.exact
    # the typology's breadth is size-independent: efficiency (same-company rule) and diversity,
    # not betweenness or effective size, which grow with the import (issue 13)
    assert "betweenness" not in result.typology.inputs
    holes = result.holes_unweighted
    efficiency = holes.company.efficiency if holes.company is not None else holes.efficiency
    np.testing.assert_array_equal(
        result.typology.inputs["efficiency"], efficiency[: result.n_employees]
    )
    assert np.nanmax(result.typology.breadth) <= 1.0


def test_inputs_of_the_wrong_length_are_refused_with_the_name():
    snap, _ = organisation()
    with pytest.raises(ValueError, match="duration_days has 3 values"):
        analyze(snap, inputs=AnalysisInputs(duration_days=[1, 2, 3]))
    with pytest.raises(ValueError, match="skills has 2 values"):
        analyze(snap, inputs=AnalysisInputs(skills=[1, 2]))


def test_departments_above_the_clique_limit_get_no_clique():
    snap, inputs = organisation()
    sizes = snap.employee_groups["department"].sizes()
    limit = int(sizes.max()) - 1
    big = int(sizes.argmax())
    full = analyze(snap, inputs=inputs)
    capped = analyze(snap, inputs=inputs, config=AnalysisConfig(department_clique_limit=limit))
    assert capped.internal_ties < full.internal_ties
    assert full.internal_ties - capped.internal_ties <= sizes[big] * (sizes[big] - 1) // 2


@st.composite
def odd_organisations(draw):
    """Tiny organisations with empty label tables, unknown groups, no ties, lone nodes."""
    E = draw(st.integers(0, 5))
    P = draw(st.integers(0, 6))
    n = E + P
    m = draw(st.integers(0, 14)) if n else 0
    node = st.integers(0, max(n - 1, 0))
    src = draw(st.lists(node, min_size=m, max_size=m))
    dst = draw(st.lists(node, min_size=m, max_size=m))

    def group(size: int, k: int):
        return (
            draw(st.lists(st.integers(-1, k - 1), min_size=size, max_size=size)),
            [f"g{i}" for i in range(k)],
        )

    k = draw(st.integers(0, 3))
    person_groups = {name: group(P, k) for name in ("company", "sector", "region")}
    employee_groups = {"department": group(E, k), "region": group(E, k)}
    snap = NetworkSnapshot.from_edges(
        np.arange(E),
        np.arange(100, 100 + P),
        src,
        dst,
        employee_groups=employee_groups,
        person_groups=person_groups,
    )
    rows = len(src)
    maybe = st.one_of(st.just(np.nan), st.floats(0, 4000))
    inputs = AnalysisInputs(
        duration_days=draw(st.lists(maybe, min_size=rows, max_size=rows)),
        rating=draw(
            st.lists(st.sampled_from([np.nan, 0.0, 1.0, 2.0]), min_size=rows, max_size=rows)
        ),
        tie_day=draw(
            st.lists(
                st.one_of(st.just(np.nan), st.floats(19000, 20000)), min_size=rows, max_size=rows
            )
        ),
        manager=draw(st.lists(st.integers(-1, max(E - 1, -1)), min_size=E, max_size=E)),
    )
    return snap, inputs


@settings(max_examples=60, deadline=None)
@given(odd_organisations())
def test_odd_organisations_never_break_analyze(org):
    snap, inputs = org
    r = analyze(snap, inputs=inputs)
    E = snap.n_employees
    assert r.tie_strength.shape == (snap.n_edges,)
    known = np.isfinite(r.tie_strength)
    assert np.all((r.tie_strength[known] >= 0) & (r.tie_strength[known] <= 1))
    assert np.all(known[r.tie_tier >= 0])  # a tier only where a strength is known
    cfg = StrengthWeights()
    enough = (r.tie_evidence >= cfg.min_evidence - 1e-12) & known
    assert np.all((r.tie_tier >= 0) <= enough | (r.tie_tier == 3))  # or dormant by silence
    assert r.tie_mutual.shape == r.tie_job_score.shape == (snap.n_edges,)
    assert np.all((r.tie_job_score >= 0) & (r.tie_job_score <= 1))
    assert np.all(r.unique_reach <= r.reach)
    assert len(r.explanations) == len(r.homophily_message) == E
    assert r.holes.constraint.shape == (snap.n_nodes,)
    if r.growth is not None:
        assert np.all(np.diff(r.growth.people) >= 0)
