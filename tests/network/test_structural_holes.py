"""Constraint, hierarchy, effective size and efficiency agree with NetworkX's structuralholes to 1e-9.

NetworkX is computed inside each test.  For weighted effective size the
reference is NetworkX's per-node path (``nodes=list(G)``), which follows Burt's
definition; its ``nodes=None`` sparse path disagrees for weighted graphs
(DESIGN.md).
"""

from __future__ import annotations

import itertools
import math

import igraph
import networkx as nx
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from weakties.network import (
    NetworkSnapshot,
    constraint,
    effective_size,
    efficiency,
    hierarchy,
    structural_holes,
)

from .graphs import edge_lists, graph_of, snapshot_of

TOL = 1e-9
HYP = settings(max_examples=150, deadline=None)


def burt_hierarchy(G: nx.Graph, v, weight: str | None) -> float:
    """Burt's (1992) hierarchy from NetworkX's contact-level constraints, written out.

    ``sum_j r_j ln r_j / (N ln N)`` with ``r_j = c_vj / (C / N)``; 1 for one
    contact (Burt's STRUCTURE), NaN for isolates.
    """
    contacts = set(nx.all_neighbors(G, v)) - {v}
    N = len(contacts)
    if N == 0:
        return math.nan
    if N == 1:
        return 1.0
    c = [nx.local_constraint(G, v, j, weight=weight) for j in contacts]
    C = sum(c)
    r = [x * N / C for x in c]
    return sum(x * math.log(x) for x in r if x > 0) / (N * math.log(N))


def assert_matches_networkx(G: nx.Graph, weight: str | None) -> None:
    nodes, snap = snapshot_of(G, weight)
    ours = structural_holes(snap, weighted=weight is not None)
    for k, v in enumerate(nodes):
        want = burt_hierarchy(G, v, weight)
        if math.isnan(want):
            assert math.isnan(ours.hierarchy[k]), (v, ours.hierarchy[k])
        else:
            assert ours.hierarchy[k] == pytest.approx(want, abs=TOL), v
    ref_c = nx.constraint(G, nodes=list(G), weight=weight)
    ref_e = nx.effective_size(G, nodes=list(G), weight=weight)
    for k, v in enumerate(nodes):
        for got, want in ((ours.constraint[k], ref_c[v]), (ours.effective_size[k], ref_e[v])):
            if math.isnan(want):
                assert math.isnan(got), (v, got)
            else:
                assert got == pytest.approx(want, abs=TOL), v
        deg = len(set(nx.all_neighbors(G, v)))
        if deg:
            assert ours.efficiency[k] == pytest.approx(ref_e[v] / deg, abs=TOL)


# -- NetworkX's own test graphs (networkx/algorithms/tests/test_structuralholes.py) ----------


@pytest.fixture
def borgatti_graph() -> nx.Graph:
    """The example from Borgatti (1997), used by NetworkX's tests."""
    G = nx.Graph()
    G.add_edges_from(
        [("A", "B"), ("A", "F"), ("A", "G"), ("A", "E"), ("E", "G")]
        + [("F", "G"), ("B", "G"), ("B", "D"), ("D", "G"), ("G", "C")]
    )
    return G


BORGATTI_WEIGHTS = {
    ("A", "B"): 2,
    ("A", "F"): 3,
    ("A", "G"): 5,
    ("A", "E"): 2,
    ("E", "G"): 8,
    ("F", "G"): 3,
    ("B", "G"): 4,
    ("B", "D"): 1,
    ("D", "G"): 3,
    ("G", "C"): 10,
}


@pytest.fixture
def small_digraph() -> nx.DiGraph:
    D = nx.DiGraph()
    D.add_edges_from([(0, 1), (0, 2), (1, 0), (2, 1)])
    return D


def test_networkx_borgatti_graph_unweighted_matches_reference_values(borgatti_graph):
    nodes, snap = snapshot_of(borgatti_graph)
    h = structural_holes(snap, weighted=False)
    at = {v: k for k, v in enumerate(nodes)}
    assert h.constraint[at["G"]] == pytest.approx(0.400, abs=1e-3)
    assert h.constraint[at["A"]] == pytest.approx(0.595, abs=1e-3)
    assert h.constraint[at["C"]] == pytest.approx(1, abs=1e-3)
    assert h.effective_size[at["G"]] == pytest.approx(4.67, abs=1e-2)
    assert h.effective_size[at["A"]] == pytest.approx(2.50, abs=1e-2)
    assert_matches_networkx(borgatti_graph, None)


def test_networkx_borgatti_graph_weighted_matches_reference_values(borgatti_graph):
    nx.set_edge_attributes(borgatti_graph, BORGATTI_WEIGHTS, "weight")
    nodes, snap = snapshot_of(borgatti_graph, "weight")
    h = structural_holes(snap, weighted=True)
    at = {v: k for k, v in enumerate(nodes)}
    assert h.constraint[at["G"]] == pytest.approx(0.299, abs=1e-3)
    assert h.constraint[at["A"]] == pytest.approx(0.795, abs=1e-3)
    assert h.effective_size[at["G"]] == pytest.approx(5.47, abs=1e-2)
    assert h.effective_size[at["A"]] == pytest.approx(2.47, abs=1e-2)
    assert h.effective_size[at["C"]] == pytest.approx(1, abs=1e-2)
    assert_matches_networkx(borgatti_graph, "weight")


def test_unit_weights_give_borgatti_effective_size(borgatti_graph):
    _, snap = snapshot_of(borgatti_graph)
    unweighted = effective_size(snap, weighted=False)
    weighted = effective_size(snap, weighted=True)  # all weights 1: Burt's general formula
    np.testing.assert_allclose(weighted, unweighted, atol=TOL)


@pytest.mark.parametrize("weights", [None, {(0, 1): 2, (0, 2): 2, (1, 0): 1, (2, 1): 1}])
def test_directed_networkx_graph_matches_when_ties_are_given_per_direction(small_digraph, weights):
    """Each directed tie passed once: the snapshot sums them into Burt's mutual weight."""
    if weights:
        nx.set_edge_attributes(small_digraph, weights, "weight")
    nodes, snap = snapshot_of(small_digraph, "weight")
    h = structural_holes(snap, weighted=True)
    ref_c = nx.constraint(small_digraph, nodes=nodes, weight="weight" if weights else None)
    ref_e = nx.effective_size(small_digraph, nodes=nodes, weight="weight" if weights else None)
    for k, v in enumerate(nodes):
        assert h.constraint[k] == pytest.approx(ref_c[v], abs=TOL)
        assert h.effective_size[k] == pytest.approx(ref_e[v], abs=TOL)
    expected = [0.840, 1.143, 1.378] if weights else [1.003, 1.003, 1.389]
    np.testing.assert_allclose(h.constraint, expected, atol=1e-3)


# -- named graphs ---------------------------------------------------------------------------


def test_medici_hierarchy_is_burts_0_0225():
    """Florentine families (Padgett): Medici hierarchy 0.0225, checked against Burt's formula."""
    G = nx.florentine_families_graph()
    nodes, snap = snapshot_of(G)
    h = hierarchy(snap, weighted=False)
    at = {v: k for k, v in enumerate(nodes)}
    want = burt_hierarchy(G, "Medici", None)
    assert want == pytest.approx(0.0225, abs=5e-5)
    assert h[at["Medici"]] == pytest.approx(want, abs=TOL)
    # Acciaiuoli and Ginori have one contact each: 1, as in Burt's STRUCTURE.
    assert h[at["Acciaiuoli"]] == 1.0 and h[at["Ginori"]] == 1.0
    # Equal constraint from every contact: a star's centre has hierarchy 0.
    _, star = snapshot_of(nx.star_graph(4))
    assert hierarchy(star, weighted=False)[0] == pytest.approx(0.0, abs=TOL)


def test_borgatti_graph_hierarchy_matches_burts_formula(borgatti_graph):
    nodes, snap = snapshot_of(borgatti_graph)
    h = structural_holes(snap, weighted=False)
    at = {v: k for k, v in enumerate(nodes)}
    assert h.hierarchy[at["C"]] == 1.0  # one contact
    assert 0 < h.hierarchy[at["G"]] < 1
    assert_matches_networkx(borgatti_graph, None)


def test_medici_constraint_and_effective_size():
    G = nx.florentine_families_graph()
    nodes, snap = snapshot_of(G)
    h = structural_holes(snap, weighted=False)
    medici = nodes.index("Medici")
    assert round(float(h.constraint[medici]), 4) == 0.2099
    assert round(float(h.effective_size[medici]), 3) == 5.667
    assert np.nanargmin(h.constraint) == medici


@pytest.mark.parametrize("weight", [None, "random"])
def test_florentine_families_match_networkx(weight):
    G = nx.florentine_families_graph()
    if weight:
        rng = np.random.default_rng(1989)
        for a, b in G.edges():
            G[a][b]["random"] = int(rng.integers(1, 10))
    assert_matches_networkx(G, weight)


@pytest.mark.parametrize("weight", [None, "weight", "random"])
def test_karate_club_matches_networkx(weight):
    """Unweighted, the club's own 'weight' attribute, and random integer weights."""
    G = nx.karate_club_graph()
    rng = np.random.default_rng(1977)
    for a, b in G.edges():
        G[a][b]["random"] = int(rng.integers(1, 10))
    assert_matches_networkx(G, weight)


def test_karate_weighted_node_0_follows_burt_not_networkx_sparse_path():
    """DESIGN.md: 13.775 by the definition (NetworkX 3.6's sparse path says 13.954)."""
    nodes, snap = snapshot_of(nx.karate_club_graph(), "weight")
    assert effective_size(snap)[nodes.index(0)] == pytest.approx(13.775, abs=1e-3)


def test_constraint_agrees_with_igraph_on_the_karate_club():
    G = nx.karate_club_graph()
    _, snap = snapshot_of(G, "weight")
    g = snap.to_igraph()
    ours = constraint(snap)
    theirs = np.asarray(g.constraint(weights="weight"))
    np.testing.assert_allclose(ours, theirs, atol=TOL)
    assert isinstance(g, igraph.Graph)


# -- edge cases -----------------------------------------------------------------------------


def test_isolated_nodes_get_nan_like_networkx():
    snap = NetworkSnapshot.from_edges([1, 2, 3, 4], [], [0], [1])
    h = structural_holes(snap)
    assert np.isnan(h.constraint[2:]).all()
    assert np.isnan(h.effective_size[2:]).all()
    assert np.isnan(h.efficiency[2:]).all()
    assert h.constraint[0] == 1.0


def test_self_loops_are_dropped_so_a_self_loop_only_node_is_isolated():
    snap = NetworkSnapshot.from_edges([1, 2, 3], [], [0, 1, 2], [1, 1, 2], [1.0, 5.0, 7.0])
    h = structural_holes(snap)
    assert np.isnan(h.constraint[2]) and np.isnan(h.effective_size[2])
    assert h.constraint[1] == 1.0  # the self-loop on 1 is not counted (NetworkX would say 4)


def test_empty_graph_gives_empty_arrays():
    snap = NetworkSnapshot.from_edges([], [], [], [])
    h = structural_holes(snap, company_fallback=None)
    assert h.constraint.size == 0 and h.effective_size.size == 0


def test_wrappers_equal_the_combined_computation():
    _, snap = snapshot_of(nx.karate_club_graph(), "weight")
    h = structural_holes(snap)
    np.testing.assert_array_equal(constraint(snap), h.constraint)
    np.testing.assert_array_equal(effective_size(snap), h.effective_size)
    np.testing.assert_array_equal(efficiency(snap), h.efficiency)


def test_small_chunks_give_the_same_result():
    _, snap = snapshot_of(nx.karate_club_graph(), "weight")
    a = structural_holes(snap)
    b = structural_holes(snap, chunk=3)
    np.testing.assert_allclose(a.constraint, b.constraint, atol=1e-12)
    np.testing.assert_allclose(a.effective_size, b.effective_size, atol=1e-12)


def test_alter_ties_count_ties_among_contacts_and_coverage_counts_colleagues():
    # employees 0, 1; people 2, 3; ties 0-1, 0-2, 0-3, 1-2
    snap = NetworkSnapshot.from_edges([1, 2], [3, 4], [0, 0, 0, 1], [1, 2, 3, 2])
    h = structural_holes(snap, weighted=False)
    assert h.alter_ties.tolist() == [1, 1, 1, 0]
    assert h.alter_coverage[0] == pytest.approx(1 / 3)
    assert h.alter_coverage[2] == 1.0


# -- property tests against NetworkX --------------------------------------------------------


@HYP
@given(edge_lists(), st.booleans())
def test_random_multigraphs_match_networkx_on_the_merged_simple_graph(data, weighted):
    """Self-loops dropped and duplicates summed at build; then NetworkX agrees to 1e-9."""
    n, src, dst, w = data
    snap = NetworkSnapshot.from_edges(np.arange(n), [], src, dst, w)
    G = graph_of(snap, weighted)
    h = structural_holes(snap, weighted=weighted)
    ref_c = nx.constraint(G, nodes=list(G), weight="weight" if weighted else None)
    ref_e = nx.effective_size(G, nodes=list(G), weight="weight" if weighted else None)
    for v in range(n):
        if math.isnan(ref_c[v]):
            assert math.isnan(h.constraint[v]) and math.isnan(h.effective_size[v])
        else:
            assert abs(h.constraint[v] - ref_c[v]) <= TOL
            assert abs(h.effective_size[v] - ref_e[v]) <= TOL


@HYP
@given(edge_lists(min_nodes=1))
def test_duplicate_ties_do_not_change_unweighted_measures(data):
    n, src, dst, w = data
    once = NetworkSnapshot.from_edges(np.arange(n), [], src, dst)
    twice = NetworkSnapshot.from_edges(np.arange(n), [], src + dst, dst + src)
    a, b = structural_holes(once, weighted=False), structural_holes(twice, weighted=False)
    np.testing.assert_array_equal(a.constraint, b.constraint)
    np.testing.assert_array_equal(a.effective_size, b.effective_size)


# -- same company counts as tied ------------------------------------------------------------


def company_graph(snap: NetworkSnapshot, company: np.ndarray, weighted: bool, w0: float):
    """The fallback graph built explicitly: observed ties plus same-company cliques."""
    G = graph_of(snap, weighted)
    E = snap.n_employees
    for a, b in itertools.combinations(range(snap.n_people), 2):
        if company[a] >= 0 and company[a] == company[b]:
            u, v = E + a, E + b
            if G.has_edge(u, v):
                G[u][v]["weight"] = max(G[u][v]["weight"], w0)
            else:
                G.add_edge(u, v, weight=w0)
    return G


@st.composite
def organisations(draw):
    E = draw(st.integers(1, 4))
    P = draw(st.integers(1, 14))
    n_companies = draw(st.integers(1, 4))
    company = draw(st.lists(st.integers(-1, n_companies - 1), min_size=P, max_size=P))
    m = draw(st.integers(0, 40))
    node = st.integers(0, E + P - 1)
    src = draw(st.lists(node, min_size=m, max_size=m))
    dst = draw(st.lists(node, min_size=m, max_size=m))
    w = draw(st.lists(st.integers(1, 6), min_size=m, max_size=m))
    snap = NetworkSnapshot.from_edges(
        np.arange(E),
        np.arange(100, 100 + P),
        src,
        dst,
        [float(x) for x in w],
        person_groups={"company": (company, [f"c{k}" for k in range(n_companies)])},
    )
    return snap, np.asarray(company)


@HYP
@given(organisations(), st.booleans(), st.sampled_from([1.0, 2.5]))
def test_company_fallback_equals_networkx_on_the_explicit_clique_graph(org, weighted, w0):
    snap, company = org
    h = structural_holes(snap, weighted=weighted, company_fallback="company", company_tie_weight=w0)
    assert h.company is not None
    G = company_graph(snap, company, weighted, w0 if weighted else 1.0)
    E = snap.n_employees
    ref_c = nx.constraint(G, nodes=list(range(E)), weight="weight")
    ref_e = nx.effective_size(G, nodes=list(range(E)), weight="weight")
    for i in range(E):
        if math.isnan(ref_c[i]):
            assert math.isnan(h.company.constraint[i])
            continue
        assert abs(h.company.constraint[i] - ref_c[i]) <= TOL
        assert abs(h.company.effective_size[i] - ref_e[i]) <= TOL
        assert abs(h.company.hierarchy[i] - burt_hierarchy(G, i, "weight")) <= TOL
    assert np.isnan(h.company.constraint[E:]).all()
    # implied pairs: same-company contact pairs of i not already tied
    observed = snap.to_scipy().toarray() > 0
    for i in range(E):
        alters = [v for v in range(E, snap.n_nodes) if G.has_edge(i, v)]
        implied = sum(
            1
            for a, b in itertools.combinations(alters, 2)
            if company[a - E] >= 0 and company[a - E] == company[b - E] and not observed[a, b]
        )
        assert h.company.implied_pairs[i] == implied


def test_company_fallback_makes_same_company_contacts_redundant():
    # one employee knowing four people: three at Acme, one at Bolt; no observed contact ties
    snap = NetworkSnapshot.from_edges(
        [1],
        [10, 11, 12, 13],
        [0, 0, 0, 0],
        [1, 2, 3, 4],
        person_groups={"company": ([0, 0, 0, 1], ["Acme", "Bolt"])},
    )
    h = structural_holes(snap, weighted=False, company_fallback="company")
    assert h.effective_size[0] == 4.0  # observed: no redundancy at all
    assert h.company is not None
    # Borgatti: n - 2t/n with t = 3 implied Acme pairs
    assert h.company.effective_size[0] == pytest.approx(4 - 2 * 3 / 4)
    assert h.company.constraint[0] > h.constraint[0]
    assert h.company.implied_pairs[0] == 3


def test_company_tie_weight_defaults_to_median_observed_weight():
    snap = NetworkSnapshot.from_edges(
        [1],
        [10, 11],
        [0, 0, 1],
        [1, 2, 2],
        [1.0, 3.0, 8.0],
        person_groups={"company": ([0, 0], ["Acme"])},
    )
    h = structural_holes(snap, company_fallback="company")
    assert h.company is not None and h.company.tie_weight == 3.0
    with pytest.raises(ValueError, match="company_tie_weight"):
        structural_holes(snap, company_fallback="company", company_tie_weight=0)


def test_company_fallback_with_no_known_company_equals_the_observed_measures():
    snap = NetworkSnapshot.from_edges(
        [1, 2],
        [10, 11, 12],
        [0, 0, 0, 1, 2],
        [2, 3, 4, 2, 3],
        person_groups={"company": ([-1, -1, -1], [])},
    )
    h = structural_holes(snap, weighted=False, company_fallback="company")
    assert h.company is not None
    np.testing.assert_allclose(h.company.effective_size[:2], h.effective_size[:2])
    np.testing.assert_allclose(h.company.constraint[:2], h.constraint[:2])
    assert h.company.implied_pairs.tolist() == [0] * snap.n_nodes


def test_directed_sink_gets_measures_from_mutual_weights_where_networkx_says_nan():
    """DESIGN.md: NetworkX's per-node effective size is NaN for a sink; ours is defined."""
    D = nx.DiGraph([(0, 1), (0, 2), (1, 2)])  # node 2 only receives
    assert math.isnan(nx.effective_size(D, nodes=list(D))[2])
    nodes, snap = snapshot_of(D)
    h = structural_holes(snap, weighted=True)
    U = nx.Graph(D)  # the same ties without direction, each of weight 1
    assert h.effective_size[nodes.index(2)] == pytest.approx(
        nx.effective_size(U, nodes=[2])[2], abs=TOL
    )
    assert h.constraint[nodes.index(2)] == pytest.approx(nx.constraint(D)[2], abs=TOL)
