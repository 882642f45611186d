"""Mutual connections: Granovetter's overlap of the two ends, as the data shows it."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from weakties.network import NetworkSnapshot, colleagues_knowing, data_completeness
from weakties.network.mutual import mutual_connections


@settings(max_examples=80, deadline=None)
@given(st.integers(1, 6), st.integers(0, 12), st.data())
def test_mutual_connections_equal_common_neighbours_in_networkx(E, P, data):
    n = E + P
    m = data.draw(st.integers(0, 40))
    src = data.draw(st.lists(st.integers(0, n - 1), min_size=m, max_size=m))
    dst = data.draw(st.lists(st.integers(0, n - 1), min_size=m, max_size=m))
    snap = NetworkSnapshot.from_edges(np.arange(E), np.arange(100, 100 + P), src, dst)
    g = nx.Graph()
    g.add_edges_from(zip(snap.edge_src.tolist(), snap.edge_dst.tolist(), strict=True))
    got = mutual_connections(snap, chunk=3)  # small chunks: the result does not depend on them
    want = [len(list(nx.common_neighbors(g, u, v))) for u, v in g.edges()]
    by_edge = dict(
        zip(
            zip(snap.edge_src.tolist(), snap.edge_dst.tolist(), strict=True),
            got.tolist(),
            strict=True,
        )
    )
    assert [by_edge[(min(u, v), max(u, v))] for u, v in g.edges()] == want


def test_popularity_is_not_overlap():
    # employees 0, 1, 2 all know person 3 but not each other: the contact is popular,
    # yet no tie has a mutual connection (the old "embeddedness" counted 2 for each)
    snap = NetworkSnapshot.from_edges([1, 2, 3], [50], [0, 1, 2], [3, 3, 3])
    assert colleagues_knowing(snap, [0, 1, 2], [3, 3, 3]).tolist() == [2, 2, 2]
    assert mutual_connections(snap).tolist() == [0, 0, 0]
    # once 0 and 1 know each other, each is a mutual connection of the other's tie to 3
    snap = NetworkSnapshot.from_edges([1, 2, 3], [50], [0, 1, 2, 0], [3, 3, 3, 1])
    pairs = list(zip(snap.edge_src.tolist(), snap.edge_dst.tolist(), strict=True))
    got = dict(zip(pairs, mutual_connections(snap).tolist(), strict=True))
    assert got == {(0, 1): 1, (0, 3): 1, (1, 3): 1, (2, 3): 0}


def test_shared_contacts_of_two_colleagues_count_on_their_tie():
    # colleagues 0 and 1 know each other and share contacts 2, 3, 4
    snap = NetworkSnapshot.from_edges(
        [1, 2], [50, 51, 52], [0, 0, 0, 0, 1, 1, 1], [1, 2, 3, 4, 2, 3, 4]
    )
    pairs = list(zip(snap.edge_src.tolist(), snap.edge_dst.tolist(), strict=True))
    got = dict(zip(pairs, mutual_connections(snap).tolist(), strict=True))
    assert got[(0, 1)] == 3


def test_data_completeness_counts_sharing_employees_with_ties():
    snap = NetworkSnapshot.from_edges([1, 2, 3, 4], [50], [0, 1, 2], [4, 4, 4])
    assert data_completeness(snap) == 0.75
    assert data_completeness(snap, [True, False, True, True]) == 0.5
    with pytest.raises(ValueError, match="sharing has 2 entries"):
        data_completeness(snap, [True, False])
