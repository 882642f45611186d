"""Betweenness: exact equals NetworkX; sampled is reproducible, unbiased and says its size."""

from __future__ import annotations

import importlib

import networkx as nx
import numpy as np
import pytest

from weakties.network import NetworkSnapshot, betweenness

from .graphs import random_snapshot, snapshot_of


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
