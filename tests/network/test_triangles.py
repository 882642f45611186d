"""Triangle listing finds every triangle exactly once, whatever the chunk size."""

from __future__ import annotations

import itertools

import networkx as nx
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from weakties.network import NetworkSnapshot, triangles
from weakties.network.triangles import count_triangles, iter_triangles

from .graphs import edge_lists


@pytest.fixture(autouse=True)
def restore_dense_nodes():
    saved = triangles.DENSE_NODES, triangles.DENSE_MIN_WEDGES
    yield
    triangles.DENSE_NODES, triangles.DENSE_MIN_WEDGES = saved


@settings(max_examples=150, deadline=None)
@given(edge_lists(max_nodes=16, max_edges=70), st.integers(1, 50), st.integers(0, 17))
def test_each_triangle_is_listed_once_with_correct_positions(data, chunk, dense_nodes):
    """Whatever the chunk, and whether ties are looked up in the bitmap or by search."""
    n, src, dst, _ = data
    triangles.DENSE_NODES = dense_nodes
    triangles.DENSE_MIN_WEDGES = 0 if dense_nodes % 2 else 10**9  # bitmap on or off
    snap = NetworkSnapshot.from_edges(np.arange(n), [], src, dst)
    listed = []
    for tri in iter_triangles(snap.indptr, snap.indices, chunk=chunk):
        assert (snap.rows[tri.uv] == tri.u).all() and (snap.indices[tri.uv] == tri.v).all()
        assert (snap.rows[tri.uw] == tri.u).all() and (snap.indices[tri.uw] == tri.w).all()
        assert (snap.rows[tri.vw] == tri.v).all() and (snap.indices[tri.vw] == tri.w).all()
        listed += [tuple(sorted(t)) for t in zip(tri.u, tri.v, tri.w, strict=True)]
    A = snap.to_scipy().toarray() > 0
    expected = [
        t
        for t in itertools.combinations(range(n), 3)
        if A[t[0], t[1]] and A[t[0], t[2]] and A[t[1], t[2]]
    ]
    assert sorted(listed) == expected


def test_triangle_counts_match_networkx_on_the_karate_club():
    G = nx.karate_club_graph()
    e = np.array(G.edges())
    snap = NetworkSnapshot.from_edges(np.arange(34), [], e[:, 0], e[:, 1])
    ref = nx.triangles(G)
    assert count_triangles(snap.indptr, snap.indices).tolist() == [ref[v] for v in range(34)]


def test_graph_without_ties_has_no_triangles():
    snap = NetworkSnapshot.from_edges([1, 2, 3], [], [], [])
    assert list(iter_triangles(snap.indptr, snap.indices)) == []
    assert count_triangles(snap.indptr, snap.indices).tolist() == [0, 0, 0]
