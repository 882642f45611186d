"""Gould & Fernandez brokerage roles and their z-scores, with departments as the groups.

A broker ``b`` sits on an *open two-path* ``a -> b -> c``: ``a`` and ``c``
are tied to ``b`` but not to each other.  Gould & Fernandez (1989) name the
five roles by the groups of the three people:

==============  =======  ==========================  ===================================
role            sna      groups                      the broker ...
==============  =======  ==========================  ===================================
coordinator     w_I      a, b, c in one group        links two people of their own group
consultant      w_O      a, c one group; b outside   links two people of another group
representative  b_IO     a, b one group; c outside   carries the group's information out
gatekeeper      b_OI     a outside; b, c one group   lets outside information in
liaison         b_O      a, b, c all different       links two other groups
==============  =======  ==========================  ===================================

**Role order.**  :data:`ROLES` and every per-role array follow the order of
the reference implementation, R sna's ``brokerage`` (Butts 2008): coordinator
(``w_I``), consultant (Gould & Fernandez's *itinerant broker*, ``w_O``),
representative (``b_IO``), gatekeeper (``b_OI``), liaison (``b_O``).

**Z-scores.**  Raw counts grow with degree squared (a coordinator count is
about ``k^2``), so they mostly re-rank people by degree.  Gould & Fernandez
(1989) compare each count with its expectation when ties fall at random
with the observed density ``d`` among ``N`` people in groups of sizes
``n_1 .. n_G``; with ``a = d^2 (1 - d)`` and ``b = d^3 (1 - d)^3`` and the
broker in group ``i`` (sums over ``j != i``), as sna computes them:

* coordinator: ``E = a (n_i - 1)(n_i - 2)``,
  ``V = E (1 - a) + 2 (n_i - 1)(n_i - 2)(n_i - 3) b``;
* consultant: ``E = a sum_j n_j (n_j - 1)``,
  ``V = E (1 - a) + 2 sum_j n_j (n_j - 1)(n_j - 2) b``;
* representative and gatekeeper: ``E = a (N - n_i)(n_i - 1)``,
  ``V = E (1 - a) + 2 ((n_i - 1) C(N - n_i, 2) + (N - n_i) C(n_i - 1, 2)) b``;
* liaison: ``E = a ((N - n_i)^2 - sum_j n_j^2)``,
  ``V = E (1 - a) + 4 sum_j n_j C(N - n_j - n_i, 2) b``;
* total: ``E = a (N - 1)(N - 2)``, ``V = E (1 - a) + 2 (N - 1)(N - 2)(N - 3) b``;

and ``z = (count - E) / sqrt(V)`` (NaN where ``V = 0``).  ``d = m / (N (N - 1))``
with ``m`` the directed ties (two per undirected tie).  People of unknown
group are left out of ``N``, ``m`` and the sizes, as they are left out of the
counts; when every group is known the values equal sna's exactly.

The internal network is undirected, so every tie counts as two reciprocal
directed ties (as ``sna::brokerage`` does on a symmetric matrix) and every
open pair ``{a, c}`` around ``b`` is two directed two-paths, ``a -> b -> c``
and ``c -> b -> a``.  Hence:

* coordinator, consultant and liaison counts are twice the number of open
  pairs of that kind (``ordered=False`` halves them to count pairs);
* a pair with one end inside ``b``'s group and one outside is one
  gatekeeper path *and* one representative path, so for undirected ties
  **gatekeeper equals representative** for every node.

Two-paths through a person of unknown group, or with an end of unknown
group, are not counted.

How it is computed: with ``n_x`` the number of ``b``'s contacts in group
``x`` (a sparse ``node x group`` count matrix), the ordered pairs of each
kind follow from the ``n_x`` alone (e.g. coordinator pairs
``n_g (n_g - 1)``); the closed pairs (``a`` tied to ``c``) are the triangles
through ``b`` and are subtracted, classified by group.

References
----------
.. [1] Gould, R. V. & Fernandez, R. M. (1989). Structures of Mediation: A
   Formal Approach to Brokerage in Transaction Networks. *Sociological
   Methodology* 19, 89-126.
.. [2] Butts, C. T. (2008). Social network analysis with sna. *Journal of
   Statistical Software* 24(6) (``brokerage``, R/models.R and src/gli.c).

Examples
--------
A sales rep ``1`` between a colleague ``0`` and an engineer ``2``:

>>> from weakties.network import NetworkSnapshot, brokerage
>>> snap = NetworkSnapshot.from_edges(
...     [10, 11, 12], [], [0, 1], [1, 2],
...     employee_groups={"department": ([0, 0, 1], ["Sales", "IT"])})
>>> roles = brokerage(snap, "department")
>>> int(roles.gatekeeper[1]), int(roles.representative[1]), int(roles.coordinator[1])
(1, 1, 0)
>>> roles.as_dict(1)
{'coordinator': 0, 'consultant': 0, 'representative': 1, 'gatekeeper': 1, 'liaison': 0}
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .snapshot import NetworkSnapshot
from .triangles import iter_triangles

__all__ = ["ROLES", "BrokerageRoles", "brokerage"]

#: The five roles in R sna's order: w_I, w_O, b_IO, b_OI, b_O.
ROLES = ("coordinator", "consultant", "representative", "gatekeeper", "liaison")


@dataclass(frozen=True, eq=False)
class BrokerageRoles:
    """Brokerage counts of every node (int64 arrays over the snapshot's nodes).

    ``expected``, ``sd`` and ``z`` are ``(n, 5)`` arrays in :data:`ROLES`
    order (Gould & Fernandez's moments as sna computes them, for the ordered
    counts; NaN for people of unknown group); ``total_z`` is the z-score of
    all brokerage together (sna's ``t``).
    """

    coordinator: np.ndarray
    gatekeeper: np.ndarray
    representative: np.ndarray
    consultant: np.ndarray
    liaison: np.ndarray
    ordered: bool
    expected: np.ndarray
    sd: np.ndarray
    z: np.ndarray
    total_z: np.ndarray

    @property
    def total(self) -> np.ndarray:
        """All brokerage of a node, summed over the roles."""
        return (
            self.coordinator
            + self.gatekeeper
            + self.representative
            + self.consultant
            + self.liaison
        )

    def as_dict(self, node: int) -> dict[str, int]:
        """The five counts of one node, by role name."""
        return {role: int(getattr(self, role)[node]) for role in ROLES}

    def z_dict(self, node: int) -> dict[str, float | None]:
        """The five z-scores of one node, by role name (None where undefined)."""
        return {
            role: (float(v) if np.isfinite(v) else None)
            for role, v in zip(ROLES, self.z[node].tolist(), strict=True)
        }


def brokerage(
    snapshot: NetworkSnapshot,
    groups: str | np.ndarray = "department",
    *,
    ordered: bool = True,
) -> BrokerageRoles:
    """Count each node's open two-paths by Gould & Fernandez role.

    Parameters
    ----------
    snapshot : NetworkSnapshot
        Normally the internal network, ``snapshot.subgraph_employees()``.
    groups : str or ndarray
        An employee group attribute name, or one code per node (``-1`` =
        unknown).
    ordered : bool, default True
        Count directed two-paths (both directions of each open pair); False
        counts coordinator, consultant and liaison pairs once.

    Returns
    -------
    BrokerageRoles
    """
    n = snapshot.n_nodes
    if isinstance(groups, str):
        g = snapshot.node_codes(groups, "employee").astype(np.int64)
    else:
        g = np.asarray(groups, dtype=np.int64).reshape(-1)
        if g.size != n:
            raise ValueError(f"got {g.size} group codes for {n} nodes")
    rows = snapshot.rows.astype(np.int64)
    cols = snapshot.indices
    n_groups = int(g.max()) + 1 if g.size else 0

    # n_x: contacts of each node per group, as a sparse (node, group) count list.
    gc = g[cols]
    known = gc >= 0
    key = rows[known] * max(n_groups, 1) + gc[known]
    uniq, cnt = np.unique(key, return_counts=True)
    owner = uniq // max(n_groups, 1)
    grp = uniq % max(n_groups, 1)
    own = g[owner]
    n_known = np.bincount(owner, weights=cnt, minlength=n)
    n_same = np.bincount(owner, weights=np.where(grp == own, cnt, 0), minlength=n)
    other = grp != own
    sumsq_other = np.bincount(owner, weights=np.where(other, cnt * cnt, 0), minlength=n)
    n_other = n_known - n_same

    # Closed pairs around each broker, by kind (unordered pairs).
    closed = np.zeros((4, n))  # same, mixed, consultant, liaison
    for tri in iter_triangles(snapshot.indptr, cols):
        for b, a, c in ((tri.u, tri.v, tri.w), (tri.v, tri.u, tri.w), (tri.w, tri.u, tri.v)):
            gb, ga, gcc = g[b], g[a], g[c]
            ok = (gb >= 0) & (ga >= 0) & (gcc >= 0)
            in_a, in_c = ga == gb, gcc == gb
            kinds = (
                ok & in_a & in_c,
                ok & (in_a ^ in_c),
                ok & ~in_a & ~in_c & (ga == gcc),
                ok & ~in_a & ~in_c & (ga != gcc),
            )
            for k, mask in enumerate(kinds):
                closed[k] += np.bincount(b[mask], minlength=n)

    valid = g >= 0
    coordinator = n_same * (n_same - 1) - 2 * closed[0]
    broker_mixed = n_other * n_same - closed[1]
    consultant = (sumsq_other - n_other) - 2 * closed[2]
    liaison = (n_other * n_other - sumsq_other) - 2 * closed[3]
    halve = 1 if ordered else 2

    def finish(x: np.ndarray, div: int = 1) -> np.ndarray:
        out = np.rint(x / div).astype(np.int64)
        out[~valid] = 0
        return out

    counts = {
        "coordinator": finish(coordinator, halve),
        "consultant": finish(consultant, halve),
        "representative": finish(broker_mixed),
        "gatekeeper": finish(broker_mixed),
        "liaison": finish(liaison, halve),
    }
    expected, var, e_total, v_total = _moments(snapshot, g, n_groups)
    if not ordered:  # coordinator, consultant and liaison pairs were halved
        half = np.array([0.5, 0.5, 1.0, 1.0, 0.5])
        expected, var = expected * half, var * half**2
    raw = np.stack([counts[r] for r in ROLES], axis=1).astype(np.float64)
    with np.errstate(invalid="ignore", divide="ignore"):
        sd = np.sqrt(var)
        z = np.where(sd > 0, (raw - expected) / np.where(sd > 0, sd, 1.0), np.nan)
        sd_t = np.sqrt(v_total)
        total_raw = raw.sum(axis=1)
        total_z = np.where(sd_t > 0, (total_raw - e_total) / np.where(sd_t > 0, sd_t, 1.0), np.nan)
    z[~valid] = np.nan
    total_z[~valid] = np.nan
    return BrokerageRoles(
        **counts,
        ordered=ordered,
        expected=expected,
        sd=sd,
        z=z,
        total_z=total_z,
    )


def _choose2(x: np.ndarray) -> np.ndarray:
    """R's ``choose(x, 2)`` for whole numbers ``x >= 0``."""
    return x * (x - 1) / 2


def _moments(
    snapshot: NetworkSnapshot, g: np.ndarray, n_groups: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Gould & Fernandez's expectations and variances per node, as sna's ``brokerage``.

    Returns ``(expected, variance)`` as ``(n, 5)`` arrays in :data:`ROLES`
    order and the total's ``(expected, variance)`` per node; NaN for people of
    unknown group.  Only people of known group count in ``N``, ``m`` and the
    group sizes.
    """
    n = snapshot.n_nodes
    valid = g >= 0
    N = float(valid.sum())
    rows = snapshot.rows
    m = float(np.count_nonzero(valid[rows] & valid[snapshot.indices]))
    d = m / (N * (N - 1)) if N > 1 else 0.0
    a, b = d * d * (1 - d), d**3 * (1 - d) ** 3
    sizes = np.bincount(g[valid], minlength=max(n_groups, 1)).astype(np.float64)
    ni = sizes
    s1 = (sizes * (sizes - 1)).sum() - ni * (ni - 1)
    s2 = (sizes * (sizes - 1) * (sizes - 2)).sum() - ni * (ni - 1) * (ni - 2)
    sq = (sizes**2).sum() - ni**2
    rest = N - ni
    e = np.empty((sizes.size, 5))
    v = np.empty((sizes.size, 5))
    e[:, 0] = a * (ni - 1) * (ni - 2)
    v[:, 0] = e[:, 0] * (1 - a) + 2 * (ni - 1) * (ni - 2) * (ni - 3) * b
    e[:, 1] = a * s1
    v[:, 1] = e[:, 1] * (1 - a) + 2 * s2 * b
    e[:, 2] = a * rest * (ni - 1)
    v[:, 2] = e[:, 2] * (1 - a) + 2 * ((ni - 1) * _choose2(rest) + rest * _choose2(ni - 1)) * b
    e[:, 3], v[:, 3] = e[:, 2], v[:, 2]
    e[:, 4] = a * (rest**2 - sq)
    pair = sizes[None, :] * _choose2(N - sizes[None, :] - ni[:, None])  # [i, j]
    np.fill_diagonal(pair, 0.0)
    v[:, 4] = e[:, 4] * (1 - a) + 4 * pair.sum(axis=1) * b
    e_t = a * (N - 1) * (N - 2)
    v_t = e_t * (1 - a) + 2 * (N - 1) * (N - 2) * (N - 3) * b
    expected = np.full((n, 5), np.nan)
    var = np.full((n, 5), np.nan)
    expected[valid] = e[g[valid]]
    var[valid] = v[g[valid]]
    e_total = np.where(valid, e_t, np.nan)
    v_total = np.where(valid, v_t, np.nan)
    return expected, var, e_total, v_total
