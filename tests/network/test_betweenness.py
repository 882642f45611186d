"""Betweenness: exact equals NetworkX; sampled is reproducible, unbiased and says its size."""

from __future__ import annotations

import importlib
import itertools

import networkx as nx
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from weakties.network import NetworkSnapshot, betweenness
from weakties.network.betweenness import twin_classes

from .graphs import graph_of, random_snapshot, snapshot_of


def test_medici_have_the_highest_betweenness_47_5():
    nodes, snap = snapshot_of(nx.florentine_families_graph())
    b = betweenness(snap)
    medici = nodes.index("Medici")
    assert b.raw[medici] == pytest.approx(47.5, abs=1e-9)
    assert int(np.argmax(b.raw)) == medici
    assert b.exact and b.sample_size == snap.n_nodes


@pytest.mark.parametrize("graph", ["karate", "florentine", "random"])
def test_exact_betweenness_equals_networkx_raw_and_normalised(graph):
    G = {
        "karate": nx.karate_club_graph(),
        "florentine": nx.florentine_families_graph(),
        "random": nx.gnm_random_graph(80, 200, seed=4),
    }[graph]
    nodes, snap = snapshot_of(G)
    b = betweenness(snap)
    raw = nx.betweenness_centrality(G, normalized=False)
    norm = nx.betweenness_centrality(G, normalized=True)
    for k, v in enumerate(nodes):
        assert b.raw[k] == pytest.approx(raw[v], abs=1e-9)
        assert b.normalized[k] == pytest.approx(norm[v], abs=1e-9)


def test_sampling_kicks_in_above_the_threshold_and_reports_the_sample_size():
    snap = random_snapshot(1, n=120, m=400)
    b = betweenness(snap, exact_below=100, pivots=30, seed=7)
    assert not b.exact and b.sample_size == 30
    again = betweenness(snap, exact_below=100, pivots=30, seed=7)
    np.testing.assert_array_equal(b.raw, again.raw)


def test_all_nodes_as_pivots_is_exact():
    snap = random_snapshot(2, n=50, m=150)
    exact = betweenness(snap)
    full = betweenness(snap, exact_below=10, pivots=50)
    np.testing.assert_allclose(full.raw, exact.raw, atol=1e-9)


def test_pivot_estimate_is_unbiased_on_average():
    snap = random_snapshot(3, n=80, m=240)
    exact = betweenness(snap).raw
    mean = np.mean(
        [betweenness(snap, exact_below=10, pivots=20, seed=s).raw for s in range(200)], axis=0
    )
    # the mean of 200 estimates lands within a few percent of the total
    assert abs(mean.sum() - exact.sum()) / exact.sum() < 0.03
    assert np.corrcoef(mean, exact)[0, 1] > 0.98


def test_two_processes_give_the_same_betweenness():
    snap = random_snapshot(4, n=60, m=200)
    np.testing.assert_allclose(betweenness(snap, n_jobs=2).raw, betweenness(snap).raw, atol=1e-9)


def test_processes_share_the_sources_exact_and_sampled(monkeypatch):
    module = importlib.import_module("weakties.network.betweenness")
    monkeypatch.setattr(module, "SPLIT_ABOVE", 0)  # split even this small graph
    snap = random_snapshot(5, n=70, m=220)
    np.testing.assert_allclose(
        betweenness(snap, n_jobs=2).raw, betweenness(snap, n_jobs=1).raw, atol=1e-9
    )
    np.testing.assert_allclose(
        betweenness(snap, n_jobs=0, exact_below=10, pivots=20, seed=3).raw,
        betweenness(snap, n_jobs=1, exact_below=10, pivots=20, seed=3).raw,
        atol=1e-9,
    )


def test_empty_and_tiny_graphs():
    assert betweenness(NetworkSnapshot.from_edges([], [], [], [])).raw.size == 0
    two = betweenness(NetworkSnapshot.from_edges([1, 2], [], [0], [1]))
    assert two.raw.tolist() == [0.0, 0.0] and two.normalized.tolist() == [0.0, 0.0]
    with pytest.raises(ValueError, match="pivots"):
        betweenness(NetworkSnapshot.from_edges([1], [], [], []), pivots=0)


@st.composite
def graphs_with_twins(draw):
    """Department cliques, stars of leaves and a few random ties: many twins of both kinds."""
    n = draw(st.integers(1, 24))
    dept = draw(st.lists(st.integers(-1, 3), min_size=n, max_size=n))
    src, dst = [], []
    for a, b in itertools.combinations(range(n), 2):
        if dept[a] >= 0 and dept[a] == dept[b]:
            src.append(a)
            dst.append(b)
    hubs = draw(st.lists(st.integers(0, n - 1), max_size=3))
    for h in hubs:
        leaves = draw(st.lists(st.integers(0, n - 1), max_size=6))
        src += [h] * len(leaves)
        dst += leaves
    m = draw(st.integers(0, 8))
    src += draw(st.lists(st.integers(0, n - 1), min_size=m, max_size=m))
    dst += draw(st.lists(st.integers(0, n - 1), min_size=m, max_size=m))
    return NetworkSnapshot.from_edges(np.arange(n), [], src, dst)


@settings(max_examples=150, deadline=None)
@given(graphs_with_twins())
def test_one_search_per_twin_class_gives_exact_betweenness(snap):
    b = betweenness(snap)
    plain = betweenness(snap, twins=False)
    np.testing.assert_allclose(b.raw, plain.raw, atol=1e-9)
    ref = nx.betweenness_centrality(graph_of(snap), normalized=False)
    np.testing.assert_allclose(b.raw, [ref[v] for v in range(snap.n_nodes)], atol=1e-9)
    assert b.exact and b.sample_size == snap.n_nodes and b.searches <= snap.n_nodes


@settings(max_examples=150, deadline=None)
@given(graphs_with_twins())
def test_twin_classes_equal_brute_force_neighbourhood_comparison(snap):
    n = snap.n_nodes
    rep, size = twin_classes(snap.indptr, snap.indices)
    N = [set(snap.neighbors(v).tolist()) for v in range(n)]

    def twins(a, b):
        return N[a] | {a} == N[b] | {b} or N[a] == N[b]

    for u in range(n):
        first = min(v for v in range(n) if twins(u, v) or v == u)
        assert rep[u] == first, u
        assert size[u] == sum(1 for v in range(n) if rep[v] == rep[u])


def test_department_cliques_need_one_search_per_department():
    # three departments of five, no other ties: 3 searches instead of 15
    src, dst = [], []
    for d in range(3):
        for a, b in itertools.combinations(range(5 * d, 5 * d + 5), 2):
            src.append(a)
            dst.append(b)
    src += [0, 5]
    dst += [5, 10]  # department heads linked
    snap = NetworkSnapshot.from_edges(np.arange(15), [], src, dst)
    b = betweenness(snap)
    assert b.searches == 3 + 3  # the three heads differ from their departments
    ref = nx.betweenness_centrality(graph_of(snap), normalized=False)
    np.testing.assert_allclose(b.raw, [ref[v] for v in range(15)], atol=1e-9)


def test_twin_sources_split_over_processes(monkeypatch):
    module = importlib.import_module("weakties.network.betweenness")
    monkeypatch.setattr(module, "SPLIT_ABOVE", 0)
    star = NetworkSnapshot.from_edges(
        np.arange(30), [], [0] * 20 + [1] * 9, list(range(1, 21)) + list(range(21, 30))
    )
    np.testing.assert_allclose(
        betweenness(star, n_jobs=2).raw, betweenness(star, twins=False).raw, atol=1e-9
    )
