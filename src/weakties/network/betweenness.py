"""Betweenness centrality: exact for small graphs, pivot-sampled for large ones.

The betweenness of ``v`` is the number of shortest paths between other
pairs of nodes that pass through ``v`` (each path split evenly among ties):
``B(v) = sum_{s < t} sigma_st(v) / sigma_st``.  It marks who sits *between*
parts of the network.  Paths are counted in hops; tie weights are not used.

Brandes' algorithm costs one breadth-first search per source node, which
igraph runs in C.  Above ``exact_below`` nodes (default 50,000) the
computation uses ``k`` random *pivots* as sources and scales their
dependencies by ``n / k`` (Brandes & Pich 2007), an unbiased estimate; the
result states the sample size.  igraph's ``cutoff`` option is *not* such a
sample: it drops long paths and biases every score downwards.

The per-source dependencies add up, so the sources can be split over
processes (``n_jobs``): with two cores that nearly halves the wall time.
Sources that are *twins* (same neighbours) have the same dependencies, so an
exact computation runs one search per twin class (:func:`twin_classes`).

Normalised values divide by the number of pairs of other nodes,
``(n - 1)(n - 2) / 2``, as NetworkX does for undirected graphs.

References
----------
.. [1] Brandes, U. (2001). A faster algorithm for betweenness centrality.
   *Journal of Mathematical Sociology* 25(2), 163-177.
.. [2] Brandes, U. & Pich, C. (2007). Centrality estimation in large
   networks. *International Journal of Bifurcation and Chaos* 17(7),
   2303-2318.
.. [3] Freeman, L. C. (1977). A set of measures of centrality based on
   betweenness. *Sociometry* 40(1), 35-41.

Examples
--------
>>> import networkx as nx
>>> from weakties.network import NetworkSnapshot, betweenness
>>> G = nx.florentine_families_graph()
>>> names = sorted(G)
>>> idx = {v: k for k, v in enumerate(names)}
>>> src, dst = zip(*[(idx[a], idx[b]) for a, b in G.edges()])
>>> snap = NetworkSnapshot.from_edges(range(len(names)), [], src, dst)
>>> b = betweenness(snap)
>>> float(b.raw[idx["Medici"]]), round(float(b.normalized[idx["Medici"]]), 4)
(47.5, 0.522)
>>> b.exact, b.sample_size
(True, 15)
"""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from .snapshot import NetworkSnapshot

if TYPE_CHECKING:
    import igraph

__all__ = ["Betweenness", "betweenness", "twin_classes"]

_WORKER_GRAPH: igraph.Graph | None = None

#: Below this many (source x tie) visits betweenness runs in one process.
SPLIT_ABOVE = 20_000_000


@dataclass(frozen=True, eq=False)
class Betweenness:
    """Betweenness of every node.

    Attributes
    ----------
    raw : ndarray of float64
        Shortest paths through each node (pairs counted once).
    normalized : ndarray of float64
        ``raw`` divided by ``(n - 1)(n - 2) / 2``.
    exact : bool
        False when estimated from pivots.
    sample_size : int
        Number of source nodes used (``n`` when exact).
    searches : int
        Breadth-first searches run: fewer than ``n`` when exact and twin
        sources were merged (:func:`twin_classes`).
    """

    raw: np.ndarray
    normalized: np.ndarray
    exact: bool
    sample_size: int
    searches: int = 0


def _weighted_sum(g: igraph.Graph, sources: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """``sum_k w_k * (half the dependencies from source k)``: one igraph call per weight."""
    total = np.zeros(g.vcount())
    for w in np.unique(weights):
        chosen = sources[weights == w].tolist()
        total += float(w) * np.asarray(g.betweenness(directed=False, sources=chosen))
    return total


def _start_worker(n: int, edges: np.ndarray) -> None:
    """Build the graph once in each worker process."""
    import igraph

    global _WORKER_GRAPH
    _WORKER_GRAPH = igraph.Graph(n=n, edges=edges)


def _from_sources(part: tuple[np.ndarray, np.ndarray]) -> np.ndarray:
    assert _WORKER_GRAPH is not None
    return _weighted_sum(_WORKER_GRAPH, *part)


def _sum_over_sources(
    g: igraph.Graph, sources: np.ndarray, n_jobs: int, weights: np.ndarray | None = None
) -> np.ndarray:
    """Half the summed (weighted) single-source dependencies (igraph's subset betweenness).

    Worker processes are started with ``forkserver``: a clean process that
    receives only the tie list, never a copy of the caller (a web server's
    threads and open connections, gigabytes of arrays).
    """
    w = np.ones(sources.size, dtype=np.int64) if weights is None else weights
    parts = [
        (s, ws)
        for s, ws in zip(
            np.array_split(sources, max(1, n_jobs)), np.array_split(w, max(1, n_jobs)), strict=True
        )
        if s.size
    ]
    if n_jobs <= 1 or len(parts) <= 1:
        return _weighted_sum(g, sources, w)
    edges = np.asarray(g.get_edgelist(), dtype=np.int32).reshape(-1, 2)
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload([__name__])  # the server imports numpy/igraph once
    with ProcessPoolExecutor(
        max_workers=len(parts),
        mp_context=ctx,
        initializer=_start_worker,
        initargs=(g.vcount(), edges),
    ) as pool:
        return np.sum(list(pool.map(_from_sources, parts)), axis=0)


def twin_classes(indptr: np.ndarray, indices: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Representatives of the *twin classes* of a simple undirected CSR graph.

    Two nodes are twins when they have the same neighbours apart from each
    other: the same closed neighbourhood (true twins, tied to each other; the
    members of a department clique with nothing else) or the same open one
    (false twins, not tied; the contacts known by one employee only).  A twin
    is never on a shortest path from another twin of its class, and the
    dependencies of every node on twin sources are equal, so Brandes'
    accumulation needs one source per class, counted as many times as the
    class has members (exact, not an estimate).

    Returns
    -------
    rep : ndarray of int64
        For every node, the representative (smallest node) of its class.
    size : ndarray of int64
        For every node, the size of its class.

    Examples
    --------
    >>> from weakties.network import NetworkSnapshot
    >>> from weakties.network.betweenness import twin_classes
    >>> star = NetworkSnapshot.from_edges([0, 1, 2, 3], [], [0, 0, 0], [1, 2, 3])
    >>> rep, size = twin_classes(star.indptr, star.indices)
    >>> rep.tolist(), size.tolist()
    ([0, 1, 1, 1], [1, 3, 3, 3])
    """
    n = indptr.size - 1
    rep = np.arange(n, dtype=np.int64)
    if n < 2:
        return rep, np.ones(n, dtype=np.int64)
    deg = np.diff(indptr).astype(np.int64)
    rng = np.random.default_rng(0x7A115)
    keys = rng.integers(0, 2**64 - 1, size=(2, n), dtype=np.uint64, endpoint=True)
    open_hash = np.zeros((2, n), dtype=np.uint64)
    nonempty = np.flatnonzero(deg > 0)
    if nonempty.size:
        for h in range(2):
            open_hash[h, nonempty] = np.add.reduceat(keys[h][indices], indptr[nonempty])
    closed_hash = open_hash + keys
    in_class = np.zeros(n, dtype=bool)
    for hashes, closed in ((closed_hash, True), (open_hash, False)):
        free = np.flatnonzero(~in_class)
        order = free[np.lexsort((free, hashes[1][free], hashes[0][free], deg[free]))]
        if order.size < 2:
            continue
        same = (
            (deg[order[1:]] == deg[order[:-1]])
            & (hashes[0][order[1:]] == hashes[0][order[:-1]])
            & (hashes[1][order[1:]] == hashes[1][order[:-1]])
        )
        for start, stop in _runs(same):
            members = order[start:stop]
            first = int(members[0])
            for u in members[1:].tolist():
                if _twins(indptr, indices, first, u, closed):
                    rep[u] = first
                    in_class[u] = True
            in_class[first] = bool((rep[members] == first).sum() > 1)
    size = np.bincount(rep, minlength=n).astype(np.int64)[rep]
    return rep, size


def _runs(same: np.ndarray) -> list[tuple[int, int]]:
    """``(start, stop)`` of runs of equal neighbours in a sorted order (length >= 2)."""
    edges = np.flatnonzero(np.diff(np.r_[0, same.astype(np.int8), 0]))
    return [(int(a), int(b) + 1) for a, b in zip(edges[::2], edges[1::2], strict=True)]


def _twins(indptr: np.ndarray, indices: np.ndarray, a: int, b: int, closed: bool) -> bool:
    """Exact check that ``a`` and ``b`` have the same closed (or open) neighbourhood."""
    na = indices[indptr[a] : indptr[a + 1]]
    nb = indices[indptr[b] : indptr[b + 1]]
    if closed:
        return bool(np.array_equal(np.union1d(na, [a]), np.union1d(nb, [b])))
    return bool(np.array_equal(na, nb))


def betweenness(
    snapshot: NetworkSnapshot,
    *,
    exact_below: int = 50_000,
    pivots: int = 256,
    seed: int | np.random.Generator | None = None,
    n_jobs: int = 1,
    twins: bool = True,
) -> Betweenness:
    """Betweenness centrality of every node, exact or pivot-sampled.

    Parameters
    ----------
    snapshot : NetworkSnapshot
        The graph (ties undirected, weights ignored).
    exact_below : int, default 50,000
        Graphs with fewer nodes are computed exactly.
    pivots : int, default 256
        Number of random source nodes for larger graphs.
    seed : int or numpy Generator, optional
        Chooses the pivots; the same seed gives the same estimate.
    twins : bool, default True
        When exact, run one search per class of twins (:func:`twin_classes`)
        instead of one per node; the result is the same.
    n_jobs : int, default 1
        Worker processes (forked) sharing the sources; 0 means one per CPU
        (at most 4).  Small graphs (fewer than ``SPLIT_ABOVE`` source-tie
        visits) run in this process, where forking would cost more than it saves.

    Returns
    -------
    Betweenness

    Examples
    --------
    The centre of a path of three lies on the one path between the ends:

    >>> from weakties.network import NetworkSnapshot, betweenness
    >>> path = NetworkSnapshot.from_edges([0, 1, 2], [], [0, 1], [1, 2])
    >>> betweenness(path).raw.tolist()
    [0.0, 1.0, 0.0]

    A sampled estimate says how many pivots it used:

    >>> b = betweenness(path, exact_below=2, pivots=2, seed=1)
    >>> b.exact, b.sample_size
    (False, 2)
    """
    n = snapshot.n_nodes
    if n == 0:
        empty = np.zeros(0)
        return Betweenness(raw=empty, normalized=empty.copy(), exact=True, sample_size=0)
    if pivots < 1:
        raise ValueError(f"pivots must be at least 1, not {pivots}")
    if n_jobs <= 0:
        n_jobs = min(os.cpu_count() or 1, 4)
    sources_count = n if (n < exact_below or pivots >= n) else pivots
    if sources_count * max(snapshot.nnz, 1) < SPLIT_ABOVE:
        n_jobs = 1
    g = snapshot.to_igraph(weighted=False)
    if n < exact_below or pivots >= n:
        rep, size = twin_classes(snapshot.indptr, snapshot.indices) if twins else (None, None)
        if rep is not None and size is not None and (size > 1).any():
            # one search per twin class, counted once per member (exact)
            sources = np.flatnonzero(rep == np.arange(n))
            raw = _sum_over_sources(g, sources, n_jobs, size[sources])
            searches = int(sources.size)
        elif n_jobs <= 1:
            raw = np.asarray(g.betweenness(directed=False))
            searches = n
        else:
            raw = _sum_over_sources(g, np.arange(n), n_jobs)
            searches = n
        exact, k = True, n
    else:
        rng = np.random.default_rng(seed)
        chosen = np.sort(rng.choice(n, size=pivots, replace=False))
        raw = _sum_over_sources(g, chosen, n_jobs) * (n / pivots)
        exact, k, searches = False, pivots, pivots
    scale = 2.0 / ((n - 1) * (n - 2)) if n > 2 else 1.0
    return Betweenness(
        raw=raw, normalized=raw * scale, exact=exact, sample_size=k, searches=searches
    )
