"""Triangle listing on a symmetric CSR graph, in bounded-memory chunks.

Constraint, effective size and brokerage all need, for a tie ``(i, j)``, a
sum over the common neighbours ``q`` of ``i`` and ``j``: a *masked* sparse
product ``(X @ Y)[i, j]`` evaluated only where ``i`` and ``j`` are tied.
A plain ``X @ Y`` would build every two-step path (hundreds of millions for a
firm whose employees each have hundreds of contacts), so the sums are
accumulated triangle by triangle instead.

Triangles are listed once each with the *forward* algorithm: orient every
tie from the endpoint of lower degree to the higher one, and close the pairs
of out-neighbours of each node.  The work is bounded by
``O(m^{3/2})`` and, on organisation graphs where most nodes are contacts of
low degree, is close to the number of triangles.

References
----------
.. [1] Schank, T. & Wagner, D. (2005). Finding, counting and listing all
   triangles in large graphs, an experimental study. *WEA 2005*, LNCS 3503.
.. [2] Latapy, M. (2008). Main-memory triangle computations for very large
   (sparse (power-law)) graphs. *Theoretical Computer Science* 407, 458-473.

Examples
--------
>>> from weakties.network import NetworkSnapshot
>>> from weakties.network.triangles import count_triangles
>>> snap = NetworkSnapshot.from_edges([1, 2, 3, 4], [], [0, 0, 1, 2], [1, 2, 2, 3])
>>> count_triangles(snap.indptr, snap.indices).tolist()
[1, 1, 1, 0]
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np

__all__ = ["TriangleChunk", "count_triangles", "iter_triangles"]

#: Upper bound on the open pairs (wedges) examined at once; sets peak memory (~40 bytes each).
DEFAULT_CHUNK = 2_000_000
#: Ties among this many highest-degree nodes are held as a bitmap (K^2 / 8 bytes: 32 MiB).
DENSE_NODES = 16384
#: The bitmap is built only for graphs with at least this many wedges (below, it costs
#: more than the binary searches it saves).
DENSE_MIN_WEDGES = 4_000_000


@dataclass(frozen=True, eq=False)
class TriangleChunk:
    """A batch of triangles ``{u, v, w}``.

    ``uv`` is the CSR position of ``v`` in row ``u``, ``uw`` of ``w`` in row
    ``u`` and ``vw`` of ``w`` in row ``v``; the reverse positions follow from
    the snapshot's ``twin`` array.
    """

    u: np.ndarray
    v: np.ndarray
    w: np.ndarray
    uv: np.ndarray
    uw: np.ndarray
    vw: np.ndarray

    def __len__(self) -> int:
        return int(self.u.size)


def iter_triangles(
    indptr: np.ndarray, indices: np.ndarray, *, chunk: int = DEFAULT_CHUNK
) -> Iterator[TriangleChunk]:
    """Yield every triangle of a simple symmetric CSR graph exactly once.

    The graph must have sorted column indices within each row and no
    self-loops (a :class:`~weakties.network.NetworkSnapshot` guarantees both).
    """
    n = indptr.size - 1
    if n <= 0 or indices.size == 0:
        return
    deg = np.diff(indptr).astype(np.int64)
    rank = np.empty(n, dtype=np.int64)
    rank[np.lexsort((np.arange(n), deg))] = np.arange(n)
    rows = np.repeat(np.arange(n, dtype=np.int64), deg)
    cols = indices.astype(np.int64)
    keys = rows * n + cols  # ascending: the CSR is row-major with sorted columns
    out_pos = np.flatnonzero(rank[cols] > rank[rows])  # ties oriented low -> high rank
    out_deg = np.bincount(rows[out_pos], minlength=n)
    out_ptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(out_deg, out=out_ptr[1:])
    wedges = out_deg * (out_deg - 1) // 2
    cum = np.cumsum(wedges)
    # The K highest-ranked nodes (most ties) close most wedges: a bitmap of the ties among
    # them answers "is v tied to w?" with one memory access instead of a binary search
    # over all ties; only wedges that close are then located in the CSR.
    K = min(n, DENSE_NODES) if (cum[-1] if n else 0) >= DENSE_MIN_WEDGES else 0
    first_top = n - K
    bitmap = np.zeros((K * K + 7) // 8, dtype=np.uint8)
    if K:
        top_pos = np.flatnonzero((rank[rows] >= first_top) & (rank[cols] >= first_top))
        bit = (rank[rows[top_pos]] - first_top) * K + (rank[cols[top_pos]] - first_top)
        if bit.size:
            bit.sort()
            byte = bit >> 3
            starts = np.flatnonzero(np.r_[True, byte[1:] != byte[:-1]])
            flags = np.left_shift(1, bit & 7).astype(np.uint8)
            bitmap[byte[starts]] = np.bitwise_or.reduceat(flags, starts)
        del top_pos, bit
    del rows

    start = 0
    while start < n:
        # Take nodes until the chunk's wedge budget is used (at least one node).
        base = cum[start - 1] if start else 0
        stop = int(np.searchsorted(cum, base + chunk, side="right"))
        stop = min(max(stop, start + 1), n)
        a, b = out_ptr[start], out_ptr[stop]
        if b - a >= 2 and cum[stop - 1] > base:
            local_deg = out_deg[start:stop]
            entry_row = np.repeat(np.arange(start, stop), local_deg)
            # offset of each out-entry within its row, and how many entries follow it
            offset = np.arange(a, b) - out_ptr[entry_row]
            later = local_deg[entry_row - start] - 1 - offset
            first = np.repeat(np.arange(a, b), later)
            run_start = np.cumsum(later) - later
            second = first + 1 + (np.arange(first.size) - np.repeat(run_start, later))
            p_uv = out_pos[first]
            p_uw = out_pos[second]
            v = cols[p_uv]
            w = cols[p_uw]
            if K:
                rv = rank[v] - first_top
                rw = rank[w] - first_top
                dense = (rv >= 0) & (rw >= 0)
                b = rv[dense] * K + rw[dense]
                maybe = ~dense
                maybe[dense] = ((bitmap[b >> 3] >> (b & 7).astype(np.uint8)) & 1).astype(bool)
                idx = np.flatnonzero(maybe)
            else:
                idx = np.arange(v.size)
            q = v[idx] * n + w[idx]
            loc = np.searchsorted(keys, q)
            np.minimum(loc, keys.size - 1, out=loc)
            hit = keys[loc] == q
            if hit.any():
                sel = idx[hit]
                yield TriangleChunk(
                    u=entry_row[first[sel] - a],
                    v=v[sel],
                    w=w[sel],
                    uv=p_uv[sel],
                    uw=p_uw[sel],
                    vw=loc[hit],
                )
        start = stop


def count_triangles(indptr: np.ndarray, indices: np.ndarray) -> np.ndarray:
    """Number of triangles through every node."""
    n = indptr.size - 1
    t = np.zeros(max(n, 0), dtype=np.int64)
    for tri in iter_triangles(indptr, indices):
        t += np.bincount(tri.u, minlength=n)
        t += np.bincount(tri.v, minlength=n)
        t += np.bincount(tri.w, minlength=n)
    return t
