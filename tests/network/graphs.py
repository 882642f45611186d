"""Shared helpers for the network tests: NetworkX graphs <-> snapshots, random graphs."""

from __future__ import annotations

from collections.abc import Hashable

import networkx as nx
import numpy as np
from hypothesis import strategies as st

from weakties.network import NetworkSnapshot


def snapshot_of(
    G: nx.Graph, weight: str | None = None, *, n_employees: int | None = None
) -> tuple[list[Hashable], NetworkSnapshot]:
    """A snapshot with G's nodes in G's order; the first ``n_employees`` are employees.

    Directed edges are passed as they are: the snapshot sums the two directions
    into Burt's mutual weight.
    """
    nodes = list(G)
    idx = {v: k for k, v in enumerate(nodes)}
    E = len(nodes) if n_employees is None else n_employees
    src, dst, w = [], [], []
    for a, b, data in G.edges(data=True):
        src.append(idx[a])
        dst.append(idx[b])
        w.append(float(data.get(weight, 1)) if weight else 1.0)
    snap = NetworkSnapshot.from_edges(
        np.arange(E), np.arange(1000, 1000 + len(nodes) - E), src, dst, w
    )
    return nodes, snap


def graph_of(snap: NetworkSnapshot, weighted: bool = True) -> nx.Graph:
    """The snapshot as a NetworkX graph (nodes 0..n-1, 'weight' attribute)."""
    G = nx.Graph()
    G.add_nodes_from(range(snap.n_nodes))
    for a, b, w in zip(snap.edge_src, snap.edge_dst, snap.edge_weight, strict=True):
        G.add_edge(int(a), int(b), weight=float(w) if weighted else 1.0)
    return G


@st.composite
def edge_lists(draw, max_nodes: int = 14, max_edges: int = 45, min_nodes: int = 0):
    """(n, src, dst, weight): random multigraph edge lists with self-loops and duplicates."""
    n = draw(st.integers(min_nodes, max_nodes))
    if n == 0:
        return 0, [], [], []
    m = draw(st.integers(0, max_edges))
    node = st.integers(0, n - 1)
    src = draw(st.lists(node, min_size=m, max_size=m))
    dst = draw(st.lists(node, min_size=m, max_size=m))
    weight = draw(st.lists(st.integers(1, 9), min_size=m, max_size=m))
    return n, src, dst, [float(x) for x in weight]


def random_snapshot(seed: int, n: int = 60, m: int = 240) -> NetworkSnapshot:
    rng = np.random.default_rng(seed)
    return NetworkSnapshot.from_edges(
        np.arange(n), [], rng.integers(0, n, m), rng.integers(0, n, m), rng.integers(1, 9, m)
    )
