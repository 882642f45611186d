"""The internal network: who in the organisation is tied to whom.

Brokerage (Gould & Fernandez [1]_) and the brokers' betweenness are read on
the employees alone.  Their ties come from three sources:

* colleague ties: a colleague who appears in an employee's import;
* manager lines: every employee is tied to their manager;
* shared departments: every two employees of one department, up to a size
  limit.  Beyond about 150 people not everyone knows everyone (Dunbar [2]_),
  and a clique of ``n^2 / 2`` ties would dominate the network and its
  betweenness; a larger department keeps its manager lines and observed
  colleague ties only.

References
----------
.. [1] Gould, R. V. & Fernandez, R. M. (1989). Structures of Mediation.
   *Sociological Methodology* 19.
.. [2] Dunbar, R. I. M. (1992). Neocortex size as a constraint on group size
   in primates. *Journal of Human Evolution* 22(6), 469-493.

Examples
--------
>>> from weakties.network import NetworkSnapshot
>>> snap = NetworkSnapshot.from_edges(
...     [1, 2, 3, 4], [10], [0, 0], [1, 4],
...     employee_groups={"department": ([0, 0, 1, 1], ["Sales", "IT"])})
>>> net = internal_network(snap, [-1, 0, 0, 2], department="department")
>>> net.n_employees, net.n_people, net.n_edges
(4, 0, 3)
>>> internal_network(snap, None, department=None).n_edges
1
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from .snapshot import NetworkSnapshot

__all__ = ["internal_network"]


def internal_network(
    snapshot: NetworkSnapshot,
    manager: np.ndarray | Sequence[int] | None,
    *,
    department: str | None,
    clique_limit: int = 150,
) -> NetworkSnapshot:
    """Colleague ties, manager lines and (optionally) shared-department cliques.

    Parameters
    ----------
    snapshot : NetworkSnapshot
        The organisation's network; only its employee-employee ties are kept.
    manager : array of int, optional
        Node index of each employee's manager, -1 for none.
    department : str or None
        Employee attribute whose groups become cliques; None for no cliques
        (nor are there any when the snapshot lacks the attribute).
    clique_limit : int
        Departments larger than this get no clique.

    Returns
    -------
    NetworkSnapshot
        The employees, with the same employee groups, and no people.
    """
    E = snapshot.n_employees
    keep = snapshot.edge_dst < E
    src = [snapshot.edge_src[keep].astype(np.int64)]
    dst = [snapshot.edge_dst[keep].astype(np.int64)]
    if manager is not None:
        m_src, m_dst = _manager_lines(manager, E)
        src.append(m_src)
        dst.append(m_dst)
    if department is not None and department in snapshot.employee_groups:
        codes = snapshot.employee_groups[department].codes.astype(np.int64)
        for c_src, c_dst in _department_cliques(codes, clique_limit):
            src.append(c_src)
            dst.append(c_dst)
    return NetworkSnapshot.from_edges(
        snapshot.employee_ids,
        [],
        np.concatenate(src),
        np.concatenate(dst),
        employee_groups=snapshot.employee_groups,
    )


def _manager_lines(manager: np.ndarray | Sequence[int], E: int) -> tuple[np.ndarray, np.ndarray]:
    """Employee -> manager ties of the employees whose manager is an employee node."""
    m = np.asarray(manager, dtype=np.int64).reshape(-1)
    if m.size != E:
        raise ValueError(f"AnalysisInputs.manager has {m.size} values for {E} employees")
    has = (m >= 0) & (m < E)
    return np.flatnonzero(has), m[has]


def _department_cliques(
    codes: np.ndarray, clique_limit: int
) -> list[tuple[np.ndarray, np.ndarray]]:
    """A tie between every two members of each department of 2 to ``clique_limit`` people."""
    members = np.flatnonzero(codes >= 0)
    order = members[np.argsort(codes[members], kind="stable")]
    sizes = np.bincount(codes[order]) if order.size else np.zeros(0, np.int64)
    starts = np.concatenate([[0], np.cumsum(sizes)[:-1]]) if sizes.size else sizes
    cliques = []
    for start, size in zip(starts.tolist(), sizes.tolist(), strict=True):
        if size < 2 or size > clique_limit:
            continue
        a, b = np.triu_indices(size, 1)
        block = order[start : start + size]
        cliques.append((block[a], block[b]))
    return cliques
