r"""Burt's structural holes: constraint, effective size and efficiency.

A person whose contacts do not know each other spans *structural holes*:
they hear different things from different sides and can broker between
them.  Burt measures it three ways for every node ``i`` with contacts
``N(i)``.  Let ``p_ij = w_ij / sum_k w_ik`` be the share of ``i``'s tie
weight invested in ``j`` and ``m_jq = w_jq / max_k w_jk`` the strength of
``j``'s tie to ``q`` relative to ``j``'s strongest tie.

* **Constraint** (Burt 1992, 2004), high when the contacts are tied to each
  other:  ``c(i) = sum_{j in N(i)} (p_ij + sum_q p_iq p_qj)^2``.
* **Effective size**, the number of non-redundant contacts:
  ``e(i) = sum_{j in N(i)} (1 - sum_{q != i, j} p_iq m_jq)``.  Without
  weights this is Borgatti's ``n - 2t/n``, with ``n`` contacts and ``t``
  ties among them.
* **Efficiency** ``e(i) / n``.

The values equal NetworkX's ``structuralholes`` module (the reference
implementation) to floating-point precision.  Four differences from
NetworkX are deliberate and documented: self-loops are dropped when the
snapshot is built (NetworkX counts them in constraint, igraph does not);
isolated nodes get NaN for all three measures, as NetworkX gives; ties have
no direction (each pair's weights are summed into Burt's mutual weight), so
a *directed sink* (a node with incoming ties only), for which NetworkX's
per-node effective size is NaN while its constraint is a number, gets both
measures from its mutual weights; and for
weighted graphs the result follows Burt's definition, which NetworkX 3.6
computes on its per-node path (``nodes=list(G)``) while its sparse
``nodes=None`` path gives different weighted effective sizes.

How it is computed: every sum over ``q`` above runs over the common
neighbours of ``i`` and ``j``, so both measures are *masked* sparse
products (``P @ P`` and ``P @ M.T`` read only where ``i`` and ``j`` are
tied).  They are accumulated triangle by triangle
(:mod:`~weakties.network.triangles`), never materialising the full products.

**Same company counts as tied.**  Ties *between* an employee's imported
contacts are mostly unobserved, so constraint drifts low (and effective size
high) for people with many imports.  With ``company_fallback="company"``, the
result also carries the measures of a graph in which any two people at the
same company are tied (redundant with each other) with weight
``company_tie_weight``; an observed tie between them keeps the larger of
its own weight and that one.  The company cliques are never built: for an
employee ``i`` the extra redundancy depends only on how much of ``i``'s
investment falls on each company, a sparse ``(employee x company)`` sum.
These values are given for employees (people get NaN), next to the observed
ones, together with how many of each employee's contacts are colleagues
(whose own ties are observed) so a reader can judge the coverage.

References
----------
.. [1] Burt, R. S. (1992). *Structural Holes: The Social Structure of
   Competition*. Harvard University Press.
.. [2] Burt, R. S. (2004). Structural Holes and Good Ideas. *American
   Journal of Sociology* 110(2), 349-399.
.. [3] Borgatti, S. P. (1997). Structural Holes: Unpacking Burt's Redundancy
   Measures. *Connections* 20(1), 35-38.

Examples
--------
The Florentine families: the Medici span the most holes.

>>> import networkx as nx
>>> from weakties.network import NetworkSnapshot, structural_holes
>>> G = nx.florentine_families_graph()
>>> names = sorted(G)
>>> idx = {v: k for k, v in enumerate(names)}
>>> src, dst = zip(*[(idx[a], idx[b]) for a, b in G.edges()])
>>> snap = NetworkSnapshot.from_edges(range(len(names)), [], src, dst)
>>> holes = structural_holes(snap, weighted=False)
>>> medici = idx["Medici"]
>>> round(float(holes.constraint[medici]), 4), round(float(holes.effective_size[medici]), 3)
(0.2099, 5.667)
>>> round(float(holes.efficiency[medici]), 3)
0.944
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .snapshot import NetworkSnapshot
from .triangles import DEFAULT_CHUNK, iter_triangles

__all__ = [
    "CompanyFallback",
    "StructuralHoles",
    "constraint",
    "effective_size",
    "efficiency",
    "structural_holes",
]


@dataclass(frozen=True, eq=False)
class CompanyFallback:
    """Measures on the graph where contacts at the same company count as tied.

    Arrays are over all nodes; only employees have values (people get NaN).

    Attributes
    ----------
    attribute : str
        The person group attribute used as "company".
    tie_weight : float
        Weight given to an implied same-company tie.
    implied_pairs : ndarray of int64
        Pairs of each employee's contacts tied only through the company rule.
    """

    attribute: str
    tie_weight: float
    constraint: np.ndarray
    effective_size: np.ndarray
    efficiency: np.ndarray
    implied_pairs: np.ndarray


@dataclass(frozen=True, eq=False)
class StructuralHoles:
    """Constraint, effective size and efficiency of every node.

    Attributes
    ----------
    constraint, effective_size, efficiency : ndarray of float64
        Burt's measures on the observed ties (NaN for isolated nodes).
    alter_ties : ndarray of int64
        Observed ties among each node's contacts (``t`` in ``n - 2t/n``).
    alter_coverage : ndarray of float64
        Share of each node's contacts who are employees, whose own ties are
        observed; the ties of external people among themselves mostly are
        not.  Show it next to constraint.
    weighted : bool
        Whether tie weights were used.
    company : CompanyFallback or None
        The same-company fallback, if asked for.
    """

    constraint: np.ndarray
    effective_size: np.ndarray
    efficiency: np.ndarray
    alter_ties: np.ndarray
    alter_coverage: np.ndarray
    weighted: bool
    company: CompanyFallback | None = None


def _sum_by(index: np.ndarray, weights: np.ndarray, minlength: int = 0) -> np.ndarray:
    """``np.bincount`` with weights, always float64 (numpy returns int64 when empty)."""
    return np.bincount(index, weights=weights, minlength=minlength).astype(np.float64, copy=False)


def _normalise(values: np.ndarray, rows: np.ndarray, scale: np.ndarray) -> np.ndarray:
    """``values / scale[row]``, 0 where the scale is 0 (NetworkX's convention)."""
    s = scale[rows]
    out = np.zeros_like(values)
    np.divide(values, s, out=out, where=s > 0)
    return out


def _row_max(values: np.ndarray, indptr: np.ndarray) -> np.ndarray:
    n = indptr.size - 1
    out = np.zeros(n)
    nonempty = np.flatnonzero(np.diff(indptr) > 0)
    if nonempty.size:
        out[nonempty] = np.maximum.reduceat(values, indptr[nonempty])
    return out


def structural_holes(
    snapshot: NetworkSnapshot,
    *,
    weighted: bool = True,
    company_fallback: str | None = None,
    company_tie_weight: float | None = None,
    chunk: int = DEFAULT_CHUNK,
) -> StructuralHoles:
    """Burt's constraint, effective size and efficiency of every node.

    Parameters
    ----------
    snapshot : NetworkSnapshot
        The graph.
    weighted : bool, default True
        Use the snapshot's tie weights; otherwise every tie counts 1 and
        effective size is Borgatti's ``n - 2t/n``.
    company_fallback : str, optional
        Name of a person group attribute (normally ``"company"``).  If given,
        also compute the measures where contacts at the same company count as
        tied (see the module docstring), for employees.
    company_tie_weight : float, optional
        Weight of an implied same-company tie when weighted (default: the
        median observed tie weight); unweighted, every tie counts 1.
    chunk : int
        Memory bound of the triangle sweep (pairs examined at once).

    Returns
    -------
    StructuralHoles

    Examples
    --------
    A star has no redundancy; closing one triangle adds some.

    >>> from weakties.network import NetworkSnapshot, structural_holes
    >>> star = NetworkSnapshot.from_edges([0, 1, 2, 3], [], [0, 0, 0], [1, 2, 3])
    >>> h = structural_holes(star, weighted=False)
    >>> h.effective_size.round(3).tolist(), h.constraint.round(3).tolist()
    ([3.0, 1.0, 1.0, 1.0], [0.333, 1.0, 1.0, 1.0])
    >>> closed = NetworkSnapshot.from_edges([0, 1, 2, 3], [], [0, 0, 0, 1], [1, 2, 3, 2])
    >>> structural_holes(closed, weighted=False).effective_size[0].round(3)
    np.float64(2.333)

    Two contacts at one company count as redundant in the fallback:

    >>> snap = NetworkSnapshot.from_edges(
    ...     [10], [20, 21, 22], [0, 0, 0], [1, 2, 3],
    ...     person_groups={"company": ([0, 0, 1], ["Acme", "Bolt"])})
    >>> h = structural_holes(snap, weighted=False, company_fallback="company")
    >>> float(h.effective_size[0]), float(h.company.effective_size[0].round(3))
    (3.0, 2.333)
    """
    return _compute(
        snapshot,
        weighted=weighted,
        company_fallback=company_fallback,
        company_tie_weight=company_tie_weight,
        chunk=chunk,
        want_constraint=True,
        want_effective=True,
    )


def constraint(snapshot: NetworkSnapshot, *, weighted: bool = True) -> np.ndarray:
    """Burt's constraint of every node (NaN for isolates).

    See :func:`structural_holes` for the definition and references.

    >>> from weakties.network import NetworkSnapshot, constraint
    >>> snap = NetworkSnapshot.from_edges([0, 1, 2], [], [0, 1, 2], [1, 2, 0])
    >>> constraint(snap, weighted=False).round(4).tolist()
    [1.125, 1.125, 1.125]
    """
    res = _compute(
        snapshot,
        weighted=weighted,
        company_fallback=None,
        company_tie_weight=None,
        chunk=DEFAULT_CHUNK,
        want_constraint=True,
        want_effective=False,
    )
    return res.constraint


def effective_size(snapshot: NetworkSnapshot, *, weighted: bool = True) -> np.ndarray:
    """Burt's effective size of every node (NaN for isolates).

    See :func:`structural_holes` for the definition and references.

    >>> from weakties.network import NetworkSnapshot, effective_size
    >>> snap = NetworkSnapshot.from_edges([0, 1, 2], [], [0, 1, 2], [1, 2, 0])
    >>> effective_size(snap, weighted=False).tolist()
    [1.0, 1.0, 1.0]
    """
    res = _compute(
        snapshot,
        weighted=weighted,
        company_fallback=None,
        company_tie_weight=None,
        chunk=DEFAULT_CHUNK,
        want_constraint=False,
        want_effective=True,
    )
    return res.effective_size


def efficiency(snapshot: NetworkSnapshot, *, weighted: bool = True) -> np.ndarray:
    """Effective size divided by the number of contacts (NaN for isolates).

    >>> from weakties.network import NetworkSnapshot, efficiency
    >>> snap = NetworkSnapshot.from_edges([0, 1, 2], [], [0, 0], [1, 2])
    >>> efficiency(snap, weighted=False).tolist()
    [1.0, 1.0, 1.0]
    """
    return effective_size(snapshot, weighted=weighted) / _safe_degree(snapshot)


def _safe_degree(snapshot: NetworkSnapshot) -> np.ndarray:
    deg = snapshot.degree().astype(np.float64)
    deg[deg == 0] = np.nan
    return deg


def _compute(
    snap: NetworkSnapshot,
    *,
    weighted: bool,
    company_fallback: str | None,
    company_tie_weight: float | None,
    chunk: int,
    want_constraint: bool,
    want_effective: bool,
) -> StructuralHoles:
    n, nnz = snap.n_nodes, snap.nnz
    rows, twin, indptr, cols = snap.rows, snap.twin, snap.indptr, snap.indices
    w = snap.weights if weighted else np.ones(nnz)
    deg = snap.degree()
    fdeg = _safe_degree(snap)
    row_sum = _sum_by(rows, w, n)
    p = _normalise(w, rows, row_sum)
    need_t2 = want_effective and weighted
    m = _normalise(w, rows, _row_max(w, indptr)) if need_t2 else None

    fb = company_fallback is not None
    if fb:
        assert company_fallback is not None
        cc = snap.node_codes(company_fallback, "person")
        n_comp = len(snap.group(company_fallback, "person").labels)
        if not weighted:
            w0 = 1.0  # unweighted: an implied tie counts like any other
        elif company_tie_weight is None:
            positive = snap.edge_weight[snap.edge_weight > 0]
            w0 = float(np.median(positive)) if positive.size else 1.0
        else:
            w0 = float(company_tie_weight)
            if not np.isfinite(w0) or w0 <= 0:
                raise ValueError(f"company_tie_weight must be positive, not {company_tie_weight!r}")
        c_row = cc[rows]
        same = (c_row >= 0) & (c_row == cc[cols])
        w_fb = np.where(same, np.maximum(w, w0), w)
        excess = w_fb - w0 * same  # observed weight above what the company rule implies
        size = np.bincount(cc[cc >= 0], minlength=max(n_comp, 1))
        real_same = _sum_by(rows, same, n).astype(np.int64)
        implicit = np.where(cc >= 0, size[np.maximum(cc, 0)] - 1 - real_same, 0)
        sum_fb = _sum_by(rows, w_fb, n) + w0 * implicit
        max_fb = np.maximum(_row_max(w_fb, indptr), np.where(implicit > 0, w0, 0.0))
        y1 = _normalise(excess, rows, sum_fb)  # e[q->j] / S'(q)
        y2 = _normalise(excess, rows, max_fb)  # e[j->q] / Mx'(j)
        t1_fb = np.zeros(nnz)
        t2_fb = np.zeros(nnz)
        overlap = np.zeros(n, dtype=np.int64)

    t1 = np.zeros(nnz) if want_constraint else None
    t2 = np.zeros(nnz) if need_t2 else None
    tri_count = np.zeros(n, dtype=np.int64)

    def acc(target: np.ndarray, pos: list[np.ndarray], val: list[np.ndarray]) -> None:
        target += _sum_by(np.concatenate(pos), np.concatenate(val), nnz)

    for tri in iter_triangles(indptr, cols, chunk=chunk):
        uv, uw, vw = tri.uv, tri.uw, tri.vw
        vu, wu, wv = twin[uv], twin[uw], twin[vw]
        pos = [uv, vu, uw, wu, vw, wv]
        # For entry x->y the third vertex z gives X[x->z] * Y[z->y] (or Y[y->z]).
        via = [uw, vw, uv, wv, vu, wu]  # x->z
        zy = [wv, wu, vw, vu, uw, uv]  # z->y
        yz = [vw, uw, wv, uv, wu, vu]  # y->z
        tri_count += np.bincount(tri.u, minlength=n)
        tri_count += np.bincount(tri.v, minlength=n)
        tri_count += np.bincount(tri.w, minlength=n)
        if t1 is not None:
            acc(t1, pos, [p[a] * p[b] for a, b in zip(via, zy, strict=True)])
        if t2 is not None:
            assert m is not None
            acc(t2, pos, [p[a] * m[b] for a, b in zip(via, yz, strict=True)])
        if fb:
            acc(t1_fb, pos, [p[a] * y1[b] for a, b in zip(via, zy, strict=True)])
            acc(t2_fb, pos, [p[a] * y2[b] for a, b in zip(via, yz, strict=True)])
            overlap += _sum_by(tri.u, same[vw], n).astype(np.int64)
            overlap += _sum_by(tri.v, same[uw], n).astype(np.int64)
            overlap += _sum_by(tri.w, same[uv], n).astype(np.int64)

    isolated = deg == 0
    con = np.full(n, np.nan)
    if t1 is not None:
        con = _sum_by(rows, (p + t1) ** 2, n)
        con[isolated] = np.nan
    esize = np.full(n, np.nan)
    if want_effective:
        if weighted:
            assert t2 is not None
            esize = deg - _sum_by(rows, t2, n)
        else:
            with np.errstate(invalid="ignore", divide="ignore"):
                esize = deg - 2.0 * tri_count / deg
        esize[isolated] = np.nan
    employees = _sum_by(rows, cols < snap.n_employees, n)

    company = None
    if fb:
        company = _company_terms(
            snap, cc, n_comp, p, sum_fb, max_fb, w0, t1_fb, t2_fb, overlap, company_fallback or ""
        )
    return StructuralHoles(
        constraint=con,
        effective_size=esize,
        efficiency=esize / fdeg,
        alter_ties=tri_count,
        alter_coverage=employees / fdeg,
        weighted=weighted,
        company=company,
    )


def _company_terms(
    snap: NetworkSnapshot,
    cc: np.ndarray,
    n_comp: int,
    p: np.ndarray,
    sum_fb: np.ndarray,
    max_fb: np.ndarray,
    w0: float,
    t1: np.ndarray,
    t2: np.ndarray,
    overlap: np.ndarray,
    attribute: str,
) -> CompanyFallback:
    """Add the implied same-company redundancy for employee egos.

    For employee ``i`` and contact ``j`` at company ``c``, the contacts ``q``
    of ``i`` at ``c`` (other than ``j``, and not already tied to ``j``) are
    implicitly tied to ``j``; summed per ``(i, c)`` they give the terms
    ``w0 * (G[i, c] - p_ij / S'(j))`` for constraint and
    ``w0 / Mx'(j) * (H[i, c] - p_ij)`` for effective size, where
    ``G[i, c] = sum_{q at c} p_iq / S'(q)`` and ``H[i, c] = sum_{q at c} p_iq``.
    The triangle sweep already removed the observed part of those ties.
    """
    n, E = snap.n_nodes, snap.n_employees
    rows, cols = snap.rows, snap.indices
    stop = int(snap.indptr[E])
    pos = np.arange(stop)
    j = cols[pos].astype(np.int64)
    cj = cc[j]
    ok = cj >= 0
    pos, j, cj = pos[ok], j[ok], cj[ok].astype(np.int64)
    i = rows[pos].astype(np.int64)
    key = i * max(n_comp, 1) + cj
    _, first, inv, counts = np.unique(
        key, return_index=True, return_inverse=True, return_counts=True
    )
    p_ij = p[pos]
    with np.errstate(invalid="ignore", divide="ignore"):
        share = np.where(sum_fb[j] > 0, p_ij / sum_fb[j], 0.0)
        g_sum = _sum_by(inv, share)
        h_sum = _sum_by(inv, p_ij)
        t1 = t1.copy()
        t2 = t2.copy()
        t1[pos] += w0 * (g_sum[inv] - share)
        t2[pos] += np.where(max_fb[j] > 0, w0 / max_fb[j], 0.0) * (h_sum[inv] - p_ij)

    stop_rows = rows[:stop]
    deg = snap.degree()[:E].astype(np.float64)
    deg[deg == 0] = np.nan
    con = np.full(n, np.nan)
    esize = np.full(n, np.nan)
    con[:E] = _sum_by(stop_rows, (p[:stop] + t1[:stop]) ** 2, E)
    esize[:E] = deg - _sum_by(stop_rows, t2[:stop], E)
    con[:E][np.isnan(deg)] = np.nan
    esize[:E][np.isnan(deg)] = np.nan
    eff = np.full(n, np.nan)
    eff[:E] = esize[:E] / deg
    pairs = np.zeros(n, dtype=np.int64)
    per_company = counts.astype(np.int64) * (counts - 1) // 2
    pairs[:E] = _sum_by(i[first], per_company, E).astype(np.int64)
    pairs[:E] -= overlap[:E]
    pairs[E:] = 0
    return CompanyFallback(
        attribute=attribute,
        tie_weight=w0,
        constraint=con,
        effective_size=esize,
        efficiency=eff,
        implied_pairs=pairs,
    )
