"""Gould & Fernandez brokerage roles, with departments as the groups.

A broker ``b`` sits on an *open two-path* ``a -> b -> c``: ``a`` and ``c``
are tied to ``b`` but not to each other.  Gould & Fernandez (1989) name the
five roles by the groups of the three people:

==============  ==========================  =======================================
role            groups                      the broker ...
==============  ==========================  =======================================
coordinator     a, b, c in one group        links two people of their own group
gatekeeper      a outside; b, c one group   lets outside information into the group
representative  a, b one group; c outside   carries the group's information out
consultant      a, c one group; b outside   links two people of another group
liaison         a, b, c all different       links two other groups
==============  ==========================  =======================================

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
   Statistical Software* 24(6) (``brokerage``).

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
{'coordinator': 0, 'gatekeeper': 1, 'representative': 1, 'consultant': 0, 'liaison': 0}
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .snapshot import NetworkSnapshot
from .triangles import iter_triangles

__all__ = ["ROLES", "BrokerageRoles", "brokerage"]

#: The five roles in Gould & Fernandez's order.
ROLES = ("coordinator", "gatekeeper", "representative", "consultant", "liaison")


@dataclass(frozen=True, eq=False)
class BrokerageRoles:
    """Brokerage counts of every node (int64 arrays over the snapshot's nodes)."""

    coordinator: np.ndarray
    gatekeeper: np.ndarray
    representative: np.ndarray
    consultant: np.ndarray
    liaison: np.ndarray
    ordered: bool

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

    return BrokerageRoles(
        coordinator=finish(coordinator, halve),
        gatekeeper=finish(broker_mixed),
        representative=finish(broker_mixed),
        consultant=finish(consultant, halve),
        liaison=finish(liaison, halve),
        ordered=ordered,
    )
