r"""Burt's structural holes: constraint, hierarchy, effective size and efficiency.

A person whose contacts do not know each other spans *structural holes*:
they hear different things from different sides and can broker between
them.  Burt measures it three ways for every node ``i`` with contacts
``N(i)``.  Let ``p_ij = w_ij / sum_k w_ik`` be the share of ``i``'s tie
weight invested in ``j`` and ``m_jq = w_jq / max_k w_jk`` the strength of
``j``'s tie to ``q`` relative to ``j``'s strongest tie.

* **Constraint** (Burt 1992, 2004), high when the contacts are tied to each
  other:  ``c(i) = sum_{j in N(i)} (p_ij + sum_q p_iq p_qj)^2``.
* **Hierarchy** (Burt 1992, p. 71), how far the constraint is concentrated
  on one contact.  With ``c_ij = (p_ij + sum_q p_iq p_qj)^2`` the
  contact-level constraint, ``C = sum_j c_ij`` and ``N`` contacts,
  ``h(i) = sum_j r_ij ln(r_ij) / (N ln N)`` with ``r_ij = c_ij / (C / N)``
  (the Coleman-Theil disorder index).  It is 0 when every contact constrains
  ``i`` equally and approaches 1 when one contact holds all of it.  A node
  with one contact scores 1, as in Burt's STRUCTURE program (the formula is
  0/0 there); isolates get NaN.
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
>>> round(float(holes.efficiency[medici]), 3), round(float(holes.hierarchy[medici]), 4)
(0.944, 0.0225)
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .snapshot import NetworkSnapshot
from .triangles import DEFAULT_CHUNK, TriangleChunk, iter_triangles

__all__ = [
    "CompanyFallback",
    "StructuralHoles",
    "constraint",
    "effective_size",
    "efficiency",
    "hierarchy",
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
    hierarchy: np.ndarray


@dataclass(frozen=True, eq=False)
class StructuralHoles:
    """Constraint, hierarchy, effective size and efficiency of every node.

    Attributes
    ----------
    constraint, effective_size, efficiency : ndarray of float64
        Burt's measures on the observed ties (NaN for isolated nodes).
    hierarchy : ndarray of float64
        Burt's hierarchy: how much of the constraint comes from one contact
        (1 for a node with one contact, NaN for isolates).
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
    hierarchy: np.ndarray
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


def hierarchy(snapshot: NetworkSnapshot, *, weighted: bool = True) -> np.ndarray:
    """Burt's hierarchy of every node (1 with one contact, NaN for isolates).

    See the module docstring for the formula.

    >>> from weakties.network import NetworkSnapshot, hierarchy
    >>> star = NetworkSnapshot.from_edges([0, 1, 2, 3], [], [0, 0, 0], [1, 2, 3])
    >>> hierarchy(star, weighted=False).round(3).tolist()
    [0.0, 1.0, 1.0, 1.0]
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
    return res.hierarchy


def _hierarchy(rows: np.ndarray, c_ij: np.ndarray, n: int) -> np.ndarray:
    """Burt's ``sum_j r ln r / (N ln N)``, ``r = c_ij N / C``, per row; 1 for one contact.

    ``c_ij`` is the contact-level constraint of every CSR entry (row = ego).
    """
    N = np.bincount(rows, minlength=n).astype(np.float64)
    C = _sum_by(rows, c_ij, n)
    out = np.full(n, np.nan)
    with np.errstate(invalid="ignore", divide="ignore"):
        r = c_ij * N[rows] / C[rows]
        terms = np.where(r > 0, r * np.log(np.where(r > 0, r, 1.0)), 0.0)
        total = _sum_by(rows, terms, n)
        many = (N > 1) & (C > 0)
        out[many] = total[many] / (N[many] * np.log(N[many]))
    out[N == 1] = 1.0
    return out


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
    """The measures asked for, observed and (optionally) with the same-company fallback."""
    n, nnz, rows = snap.n_nodes, snap.nnz, snap.rows
    w = snap.weights if weighted else np.ones(nnz)
    p = _normalise(w, rows, _sum_by(rows, w, n))
    need_t2 = want_effective and weighted
    m = _normalise(w, rows, _row_max(w, snap.indptr)) if need_t2 else None
    observed = _ObservedSums(rows, n, p, m, want_constraint=want_constraint)
    fallback = None
    if company_fallback is not None:
        w0 = _company_tie_weight(snap, weighted, company_tie_weight)
        fallback = _CompanyGraph.build(snap, w, p, company_fallback, w0)
    for tri in iter_triangles(snap.indptr, snap.indices, chunk=chunk):
        corners = _Corners.of(tri, snap.twin)
        observed.add(tri, corners)
        if fallback is not None:
            fallback.add(tri, corners)

    deg = snap.degree()
    fdeg = _safe_degree(snap)
    con = observed.constraint(deg) if want_constraint else np.full(n, np.nan)
    hier = observed.hierarchy() if want_constraint else np.full(n, np.nan)
    esize = observed.effective_size(deg, weighted) if want_effective else np.full(n, np.nan)
    employees = _sum_by(rows, snap.indices < snap.n_employees, n)
    return StructuralHoles(
        constraint=con,
        effective_size=esize,
        efficiency=esize / fdeg,
        alter_ties=observed.tri_count,
        alter_coverage=employees / fdeg,
        weighted=weighted,
        hierarchy=hier,
        company=_company_terms(snap, fallback) if fallback is not None else None,
    )


@dataclass(frozen=True)
class _Corners:
    """CSR positions of a batch of triangles, seen from each of their six directed ties.

    For entry ``x->y`` (in ``pos``) the third vertex ``z`` gives ``x->z`` (``via``),
    ``z->y`` and ``y->z``: Burt's sums read ``X[x->z] * Y[z->y]`` (or ``Y[y->z]``).
    """

    pos: list[np.ndarray]
    via: list[np.ndarray]
    zy: list[np.ndarray]
    yz: list[np.ndarray]

    @classmethod
    def of(cls, tri: TriangleChunk, twin: np.ndarray) -> _Corners:
        """The corners of ``tri``; ``twin`` maps a CSR position to its reverse."""
        uv, uw, vw = tri.uv, tri.uw, tri.vw
        vu, wu, wv = twin[uv], twin[uw], twin[vw]
        return cls(
            pos=[uv, vu, uw, wu, vw, wv],
            via=[uw, vw, uv, wv, vu, wu],
            zy=[wv, wu, vw, vu, uw, uv],
            yz=[vw, uw, wv, uv, wu, vu],
        )

    def through(self, x: np.ndarray, y: np.ndarray, *, reverse: bool = False) -> np.ndarray:
        """``sum_z x[x->z] * y[z->y]`` per entry (``y[y->z]`` with ``reverse``), length ``x``."""
        last = self.yz if reverse else self.zy
        values = [x[a] * y[b] for a, b in zip(self.via, last, strict=True)]
        return _sum_by(np.concatenate(self.pos), np.concatenate(values), x.size)


class _ObservedSums:
    """Burt's sums over common contacts on the observed ties, and triangles per node.

    ``t1[i->j] = sum_q p_iq p_qj`` (constraint) and ``t2[i->j] = sum_q p_iq m_jq``
    (weighted effective size; Burt 1992).
    """

    def __init__(
        self,
        rows: np.ndarray,
        n: int,
        p: np.ndarray,
        m: np.ndarray | None,
        *,
        want_constraint: bool,
    ) -> None:
        self.rows = rows
        self.n = n
        self.p = p
        self.m = m
        self.t1 = np.zeros(p.size) if want_constraint else None
        self.t2 = np.zeros(p.size) if m is not None else None
        self.tri_count = np.zeros(n, dtype=np.int64)

    def add(self, tri: TriangleChunk, corners: _Corners) -> None:
        """Add one batch of triangles."""
        n = self.n
        self.tri_count += np.bincount(tri.u, minlength=n)
        self.tri_count += np.bincount(tri.v, minlength=n)
        self.tri_count += np.bincount(tri.w, minlength=n)
        if self.t1 is not None:
            self.t1 += corners.through(self.p, self.p)
        if self.t2 is not None and self.m is not None:
            self.t2 += corners.through(self.p, self.m, reverse=True)

    def constraint(self, deg: np.ndarray) -> np.ndarray:
        """``c(i) = sum_j (p_ij + t1_ij)^2``, NaN for isolates."""
        assert self.t1 is not None
        con = _sum_by(self.rows, (self.p + self.t1) ** 2, self.n)
        con[deg == 0] = np.nan
        return con

    def hierarchy(self) -> np.ndarray:
        """Burt's hierarchy from the contact-level constraints ``(p_ij + t1_ij)^2``."""
        assert self.t1 is not None
        return _hierarchy(self.rows, (self.p + self.t1) ** 2, self.n)

    def effective_size(self, deg: np.ndarray, weighted: bool) -> np.ndarray:
        """Burt's ``sum_j (1 - t2_ij)``, or Borgatti's ``n - 2t/n`` unweighted; NaN for isolates."""
        if weighted:
            assert self.t2 is not None
            esize = deg - _sum_by(self.rows, self.t2, self.n)
        else:
            with np.errstate(invalid="ignore", divide="ignore"):
                esize = deg - 2.0 * self.tri_count / deg
        esize[deg == 0] = np.nan
        return esize


def _company_tie_weight(
    snap: NetworkSnapshot, weighted: bool, company_tie_weight: float | None
) -> float:
    """Weight of an implied same-company tie: 1 unweighted, else as given or the median tie."""
    if not weighted:
        return 1.0  # unweighted: an implied tie counts like any other
    if company_tie_weight is None:
        positive = snap.edge_weight[snap.edge_weight > 0]
        return float(np.median(positive)) if positive.size else 1.0
    w0 = float(company_tie_weight)
    if not np.isfinite(w0) or w0 <= 0:
        raise ValueError(f"company_tie_weight must be positive, not {company_tie_weight!r}")
    return w0


@dataclass(eq=False)
class _CompanyGraph:
    """The graph in which any two people at one company are tied with weight ``w0``.

    Its company cliques are never built: only each node's weight sum and
    strongest tie (``sum_fb``, ``max_fb``) include the implied ties, and the
    triangle sweep collects the observed part of the sums (``t1``, ``t2``) and
    of the same-company pairs (``overlap``); :func:`_company_terms` adds the rest.
    """

    attribute: str
    codes: np.ndarray  # company code of every node, -1 none
    n_companies: int
    w0: float
    p: np.ndarray
    same: np.ndarray  # entry joins two people of one company
    sum_fb: np.ndarray
    max_fb: np.ndarray
    y1: np.ndarray  # e[q->j] / S'(q)
    y2: np.ndarray  # e[j->q] / Mx'(j)
    t1: np.ndarray
    t2: np.ndarray
    overlap: np.ndarray

    @classmethod
    def build(
        cls, snap: NetworkSnapshot, w: np.ndarray, p: np.ndarray, attribute: str, w0: float
    ) -> _CompanyGraph:
        """Weights of the company graph from the observed weights ``w`` (shares ``p``)."""
        n, nnz, rows, indptr = snap.n_nodes, snap.nnz, snap.rows, snap.indptr
        cc = snap.node_codes(attribute, "person")
        n_comp = len(snap.group(attribute, "person").labels)
        c_row = cc[rows]
        same = (c_row >= 0) & (c_row == cc[snap.indices])
        w_fb = np.where(same, np.maximum(w, w0), w)
        excess = w_fb - w0 * same  # observed weight above what the company rule implies
        size = np.bincount(cc[cc >= 0], minlength=max(n_comp, 1))
        real_same = _sum_by(rows, same, n).astype(np.int64)
        implicit = np.where(cc >= 0, size[np.maximum(cc, 0)] - 1 - real_same, 0)
        sum_fb = _sum_by(rows, w_fb, n) + w0 * implicit
        max_fb = np.maximum(_row_max(w_fb, indptr), np.where(implicit > 0, w0, 0.0))
        return cls(
            attribute=attribute,
            codes=cc,
            n_companies=n_comp,
            w0=w0,
            p=p,
            same=same,
            sum_fb=sum_fb,
            max_fb=max_fb,
            y1=_normalise(excess, rows, sum_fb),
            y2=_normalise(excess, rows, max_fb),
            t1=np.zeros(nnz),
            t2=np.zeros(nnz),
            overlap=np.zeros(n, dtype=np.int64),
        )

    def add(self, tri: TriangleChunk, corners: _Corners) -> None:
        """Add one batch of triangles: the observed part of the company graph's sums."""
        n, same = self.overlap.size, self.same
        self.t1 += corners.through(self.p, self.y1)
        self.t2 += corners.through(self.p, self.y2, reverse=True)
        self.overlap += _sum_by(tri.u, same[tri.vw], n).astype(np.int64)
        self.overlap += _sum_by(tri.v, same[tri.uw], n).astype(np.int64)
        self.overlap += _sum_by(tri.w, same[tri.uv], n).astype(np.int64)


def _company_terms(snap: NetworkSnapshot, fb: _CompanyGraph) -> CompanyFallback:
    """Add the implied same-company redundancy for employee egos.

    For employee ``i`` and contact ``j`` at company ``c``, the contacts ``q``
    of ``i`` at ``c`` (other than ``j``, and not already tied to ``j``) are
    implicitly tied to ``j``; summed per ``(i, c)`` they give the terms
    ``w0 * (G[i, c] - p_ij / S'(j))`` for constraint and
    ``w0 / Mx'(j) * (H[i, c] - p_ij)`` for effective size, where
    ``G[i, c] = sum_{q at c} p_iq / S'(q)`` and ``H[i, c] = sum_{q at c} p_iq``.
    The triangle sweep already removed the observed part of those ties.
    """
    cc, n_comp, p, w0 = fb.codes, fb.n_companies, fb.p, fb.w0
    sum_fb, max_fb, t1, t2, overlap = fb.sum_fb, fb.max_fb, fb.t1, fb.t2, fb.overlap
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
    c_ij = (p[:stop] + t1[:stop]) ** 2
    con[:E] = _sum_by(stop_rows, c_ij, E)
    hier = np.full(n, np.nan)
    hier[:E] = _hierarchy(stop_rows, c_ij, E)
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
        attribute=fb.attribute,
        tie_weight=w0,
        constraint=con,
        effective_size=esize,
        efficiency=eff,
        implied_pairs=pairs,
        hierarchy=hier,
    )
