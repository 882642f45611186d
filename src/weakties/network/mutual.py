r"""Mutual connections of every tie: the overlap of the two ends' networks.

Granovetter (1973) measured a tie's strength partly by the *overlap* of the
two people's friendship circles: the stronger the tie, the more people both
know.  Rajkumar et al. (2022) measured tie strength on LinkedIn the same
way, as the number of **mutual connections** of the two members, and found
the inverted U of job transmission over that count
(:mod:`weakties.network.job_leads`).  Gilbert & Karahalios (2009) used it as
their structural predictor ("mutual friends").

For a tie :math:`(u, v)` the mutual connections are the nodes tied to both,

.. math::

   m(u, v) = \sum_{w \ne u, v} A_{uw} A_{wv} = (A^2)_{uv},

on the unweighted, symmetric adjacency :math:`A` of the snapshot: *as far
as the data shows them*.  For an employee's tie to an external contact these
are

* colleagues tied to the employee (an employee-employee tie: the colleague
  appears in the employee's import, or the other way round) who also know the
  contact (the contact is in the colleague's import), and
* shared contacts where both ends are employees (a tie between two
  colleagues: the people both imported), and the rare person-person ties the
  data holds.

It is not the contact's popularity (how many employees know them): two
colleagues who both know a contact but not each other are not a mutual
connection of either tie.  The data never shows the contact's own network
outside the organisation, so the count is a lower bound of the true one;
:func:`data_completeness` says how much of the organisation the data sees,
and the job ranking scales Rajkumar's peak by it.

Computed for all ties at once as the masked sparse product
:math:`A^2 \circ A`: each triangle :math:`\{u, v, w\}` adds one mutual
connection to each of its three ties.  The triangles are listed in bounded
memory by :func:`~weakties.network.triangles.iter_triangles` (the forward
algorithm, vectorised with numpy), so the full :math:`A^2` (every two-step
path, hundreds of millions at 3M ties) is never built.

References
----------
.. [1] Granovetter, M. S. (1973). The Strength of Weak Ties. *American
   Journal of Sociology* 78(6), 1360-1380 (overlap of friendship circles).
.. [2] Rajkumar, K., Saint-Jacques, G., Bojinov, I., Brynjolfsson, E. &
   Aral, S. (2022). A causal test of the strength of weak ties. *Science*
   377(6612), 1304-1310.
.. [3] Gilbert, E. & Karahalios, K. (2009). Predicting Tie Strength with
   Social Media. *Proceedings of CHI 2009*, 211-220.

Examples
--------
Employees 0 and 1 are colleagues who know each other and both know person 2;
employee 0 also knows person 3, whom nobody else knows.

>>> from weakties.network import NetworkSnapshot
>>> from weakties.network.mutual import mutual_connections
>>> snap = NetworkSnapshot.from_edges([1, 2], [50, 51], [0, 0, 1, 0], [1, 2, 2, 3])
>>> list(zip(snap.edge_src.tolist(), snap.edge_dst.tolist()))
[(0, 1), (0, 2), (0, 3), (1, 2)]
>>> mutual_connections(snap).tolist()
[1, 1, 0, 1]
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .snapshot import NetworkSnapshot
from .triangles import DEFAULT_CHUNK, iter_triangles

__all__ = ["data_completeness", "mutual_connections"]


def mutual_connections(snapshot: NetworkSnapshot, *, chunk: int = DEFAULT_CHUNK) -> np.ndarray:
    """Mutual connections of every tie (length ``n_edges``, int64): :math:`(A^2)_{uv}`.

    Parameters
    ----------
    snapshot : NetworkSnapshot
    chunk : int
        Wedges examined at once (bounds the memory, not the result).
    """
    m = snapshot.n_edges
    out = np.zeros(m, dtype=np.int64)
    if m == 0:
        return out
    edge_of = snapshot.edge_id
    for tri in iter_triangles(snapshot.indptr, snapshot.indices, chunk=chunk):
        for pos in (tri.uv, tri.uw, tri.vw):
            out += np.bincount(edge_of[pos], minlength=m)
    return out


def data_completeness(snapshot: NetworkSnapshot, sharing: Any = None) -> float:
    """Share of the organisation's employees whose network the data holds, in [0, 1].

    An employee counts when they share (``sharing``, a bool mask over
    employees; default all) and have at least one tie in the snapshot.  A
    mutual connection through a colleague is only seen when that colleague's
    network is in the data, so the counts of :func:`mutual_connections` scale
    roughly with this share.

    >>> from weakties.network import NetworkSnapshot
    >>> snap = NetworkSnapshot.from_edges([1, 2, 3, 4], [50], [0, 1], [4, 4])
    >>> data_completeness(snap)
    0.5
    """
    E = snapshot.n_employees
    if E == 0:
        return 0.0
    has_ties = snapshot.degree()[:E] > 0
    if sharing is not None:
        mask = np.asarray(sharing, dtype=bool).reshape(-1)
        if mask.size != E:
            raise ValueError(f"sharing has {mask.size} entries for {E} employees")
        has_ties &= mask
    return float(has_ties.sum() / E)
