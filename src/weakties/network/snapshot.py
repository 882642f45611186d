"""The network snapshot: one immutable, compact graph of an organisation.

A :class:`NetworkSnapshot` is built once from plain arrays (the database
rows of employees, resolved people and their ties) and every analytic in
:mod:`weakties.network` reads from it.  Nodes ``0 .. E-1`` are employees and
nodes ``E .. E+P-1`` are resolved people.  Each node keeps its external id
(the database primary key) and integer-coded group attributes with a label
table (department, company, sector, ...).  Ties are undirected and weighted
and are held as a symmetric CSR matrix: ``indptr`` / ``indices`` /
``weights`` (int32 / int32 / float64), each tie stored once per endpoint.

Building rules (documented once, relied on everywhere):

* **Self-loops are dropped.**  A tie of a node with itself carries no
  structural information; NetworkX would count it in constraint while igraph
  ignores it, so the snapshot removes the difference at the source.
* **Duplicate ties are merged and their weights summed**, whichever direction
  they were given in.  This is Burt's *mutual weight*
  ``w(i, j) + w(j, i)`` (NetworkX's ``mutual_weight``), so passing each
  directed tie of a digraph once gives the same structural-hole measures as
  NetworkX on that digraph.
* Weights must be finite and non-negative; unweighted analytics ignore them.

References
----------
.. [1] Burt, R. S. (1992). *Structural Holes: The Social Structure of
   Competition*. Harvard University Press (mutual weight, ch. 2).
.. [2] Saad, Y. (2003). *Iterative Methods for Sparse Linear Systems*, 2nd ed.
   SIAM, §3.4 (the compressed sparse row format).

Examples
--------
>>> from weakties.network import NetworkSnapshot
>>> snap = NetworkSnapshot.from_edges(
...     [101, 102], [900, 901, 902],
...     src=[0, 0, 1, 1, 2], dst=[2, 3, 3, 4, 0],
...     employee_groups={"department": ([0, 1], ["Sales", "IT"])},
...     person_groups={"company": ([0, 0, -1], ["Acme"])},
... )
>>> snap.n_employees, snap.n_people, snap.n_edges
(2, 3, 4)
>>> snap.degree().tolist()
[2, 2, 1, 2, 1]
>>> snap.neighbors(0).tolist()
[2, 3]
>>> snap.weights[:2].tolist()  # the tie 0-2 was given twice: weights summed
[2.0, 1.0]
>>> snap.group("company").label_of(2 - snap.n_employees)
'Acme'
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any, Literal

import numpy as np

if TYPE_CHECKING:
    import igraph
    import scipy.sparse as sp

__all__ = ["Group", "GroupInput", "NetworkSnapshot"]

#: ``(codes, labels)``: one int code per node (``-1`` = unknown) and the label table.
GroupInput = tuple[Any, Sequence[str]]


def _readonly(a: np.ndarray) -> np.ndarray:
    a.setflags(write=False)
    return a


@dataclass(frozen=True, eq=False)
class Group:
    """An integer-coded categorical attribute of one kind of node.

    ``codes[k]`` indexes ``labels``; ``-1`` means unknown.
    """

    codes: np.ndarray
    labels: tuple[str, ...]

    def label_of(self, k: int) -> str | None:
        """The label of item ``k`` (an index within its own side), or None if unknown."""
        code = int(self.codes[k])
        return None if code < 0 else self.labels[code]

    def sizes(self) -> np.ndarray:
        """How many items carry each label (length ``len(labels)``)."""
        known = self.codes[self.codes >= 0]
        return np.bincount(known, minlength=len(self.labels))


def _as_group(name: str, value: GroupInput | Group, length: int, side: str) -> Group:
    if isinstance(value, Group):
        value = (value.codes, value.labels)
    try:
        codes_in, labels_in = value
    except (TypeError, ValueError):
        raise ValueError(f"{side} group {name!r} must be a (codes, labels) pair") from None
    codes = np.asarray(codes_in, dtype=np.int64).reshape(-1)
    labels = tuple(str(x) for x in labels_in)
    if codes.shape[0] != length:
        raise ValueError(
            f"{side} group {name!r} has {codes.shape[0]} codes for {length} {side}s; "
            "give one code per node, -1 where unknown"
        )
    if codes.size and (codes.min() < -1 or codes.max() >= len(labels)):
        raise ValueError(
            f"{side} group {name!r} has codes outside -1..{len(labels) - 1} "
            f"(its label table has {len(labels)} labels)"
        )
    return Group(_readonly(codes.astype(np.int32)), labels)


def _ids(values: Any, what: str) -> np.ndarray:
    ids = np.asarray(values, dtype=np.int64).reshape(-1)
    if ids.size != np.unique(ids).size:
        raise ValueError(f"{what} ids must be unique; found a repeated id")
    return _readonly(ids)


class NetworkSnapshot:
    """Employees, resolved people and their ties as compact arrays.

    Build one with :meth:`from_edges`; the object is immutable (its arrays are
    read-only).

    Attributes
    ----------
    employee_ids, person_ids : ndarray of int64
        External ids (database primary keys) of nodes ``0..E-1`` and
        ``E..E+P-1``.
    indptr, indices, weights : ndarray
        Symmetric CSR adjacency (each tie appears in both endpoints' rows,
        column indices sorted within a row).
    edge_src, edge_dst, edge_weight : ndarray
        The distinct undirected ties, ``edge_src < edge_dst``, sorted.
    edge_id : ndarray of int32
        For each CSR position, the index of its tie in ``edge_src``.
    input_edge : ndarray of int64
        For each input row of :meth:`from_edges`, the tie it was merged into
        (``-1`` for a dropped self-loop); use :meth:`aggregate_ties` to bring
        per-row values (dates, sources) onto ties.
    employee_groups, person_groups : dict[str, Group]
        Group attributes of each side.
    """

    employee_ids: np.ndarray
    person_ids: np.ndarray
    indptr: np.ndarray
    indices: np.ndarray
    weights: np.ndarray
    edge_src: np.ndarray
    edge_dst: np.ndarray
    edge_weight: np.ndarray
    edge_id: np.ndarray
    input_edge: np.ndarray
    employee_groups: dict[str, Group]
    person_groups: dict[str, Group]

    # -- construction -------------------------------------------------------------------------

    @classmethod
    def from_edges(
        cls,
        employee_ids: Any,
        person_ids: Any,
        src: Any,
        dst: Any,
        weight: Any = None,
        *,
        employee_groups: Mapping[str, GroupInput | Group] | None = None,
        person_groups: Mapping[str, GroupInput | Group] | None = None,
    ) -> NetworkSnapshot:
        """Build a snapshot from node ids and a tie list.

        Parameters
        ----------
        employee_ids, person_ids : array_like of int
            External ids; employee ``k`` becomes node ``k``, person ``k``
            becomes node ``E + k``.
        src, dst : array_like of int
            Node indices of the tie ends (``0 <= x < E + P``).  Direction is
            ignored, self-loops are dropped, duplicates are merged.
        weight : array_like of float, optional
            Non-negative tie weights (default 1).  Duplicates are summed.
        employee_groups, person_groups : mapping of name to ``(codes, labels)``
            Categorical attributes, one code per employee (or person),
            ``-1`` where unknown.

        Raises
        ------
        ValueError
            With what is wrong and where, for bad lengths, indices, weights or
            codes.
        """
        emp = _ids(employee_ids, "employee")
        per = _ids(person_ids, "person")
        n = emp.size + per.size
        s = np.asarray(src, dtype=np.int64).reshape(-1)
        d = np.asarray(dst, dtype=np.int64).reshape(-1)
        if s.shape != d.shape:
            raise ValueError(f"src and dst differ in length ({s.size} vs {d.size})")
        if s.size and (min(s.min(), d.min()) < 0 or max(s.max(), d.max()) >= n):
            bad = int(np.flatnonzero((s < 0) | (s >= n) | (d < 0) | (d >= n))[0])
            raise ValueError(
                f"tie {bad} ({int(s[bad])}, {int(d[bad])}) refers to a node outside 0..{n - 1}; "
                f"there are {emp.size} employees and {per.size} people"
            )
        if weight is None:
            w = np.ones(s.size, dtype=np.float64)
        else:
            w = np.asarray(weight, dtype=np.float64).reshape(-1)
            if w.shape != s.shape:
                raise ValueError(f"weight has {w.size} values for {s.size} ties")
            if not np.all(np.isfinite(w)) or (w.size and w.min() < 0):
                bad = int(np.flatnonzero(~np.isfinite(w) | (w < 0))[0])
                raise ValueError(
                    f"tie {bad} has weight {w[bad]!r}; weights must be finite and >= 0"
                )

        lo = np.minimum(s, d)
        hi = np.maximum(s, d)
        keep = lo != hi
        key = lo * n + hi
        input_edge = np.full(s.size, -1, dtype=np.int64)
        uniq, inv = np.unique(key[keep], return_inverse=True)
        input_edge[keep] = inv
        m = uniq.size
        esrc = (uniq // n).astype(np.int32) if n else np.zeros(0, np.int32)
        edst = (uniq % n).astype(np.int32) if n else np.zeros(0, np.int32)
        ew = np.bincount(inv, weights=w[keep], minlength=m).astype(np.float64)

        self = cls._from_unique_edges(n, emp, per, esrc, edst, ew)
        object.__setattr__(self, "input_edge", _readonly(input_edge))
        object.__setattr__(
            self,
            "employee_groups",
            {k: _as_group(k, v, emp.size, "employee") for k, v in (employee_groups or {}).items()},
        )
        object.__setattr__(
            self,
            "person_groups",
            {k: _as_group(k, v, per.size, "person") for k, v in (person_groups or {}).items()},
        )
        return self

    @classmethod
    def _from_unique_edges(
        cls,
        n: int,
        emp: np.ndarray,
        per: np.ndarray,
        esrc: np.ndarray,
        edst: np.ndarray,
        ew: np.ndarray,
    ) -> NetworkSnapshot:
        m = esrc.size
        if 2 * m >= 2**31 - 1:  # pragma: no cover - needs > 1e9 ties
            raise ValueError("more than 1e9 ties do not fit the int32 CSR layout")
        rows = np.concatenate([esrc, edst])
        cols = np.concatenate([edst, esrc])
        eid = np.concatenate([np.arange(m, dtype=np.int32)] * 2)
        order = np.lexsort((cols, rows))
        counts = np.bincount(rows, minlength=n)
        indptr = np.zeros(n + 1, dtype=np.int32)
        np.cumsum(counts, out=indptr[1:])
        self = object.__new__(cls)
        for name, value in (
            ("employee_ids", emp),
            ("person_ids", per),
            ("indptr", indptr),
            ("indices", cols[order].astype(np.int32)),
            ("weights", np.concatenate([ew, ew])[order]),
            ("edge_src", esrc),
            ("edge_dst", edst),
            ("edge_weight", ew),
            ("edge_id", eid[order]),
            ("input_edge", np.arange(m, dtype=np.int64)),
        ):
            object.__setattr__(self, name, _readonly(np.ascontiguousarray(value)))
        object.__setattr__(self, "employee_groups", {})
        object.__setattr__(self, "person_groups", {})
        return self

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError("NetworkSnapshot is immutable; build a new one")

    def __repr__(self) -> str:
        return (
            f"<NetworkSnapshot {self.n_employees} employees, {self.n_people} people, "
            f"{self.n_edges} ties>"
        )

    # -- sizes and simple views ---------------------------------------------------------------

    @property
    def n_employees(self) -> int:
        return int(self.employee_ids.size)

    @property
    def n_people(self) -> int:
        return int(self.person_ids.size)

    @property
    def n_nodes(self) -> int:
        return self.n_employees + self.n_people

    @property
    def n_edges(self) -> int:
        return int(self.edge_src.size)

    @property
    def nnz(self) -> int:
        """Number of CSR entries (twice the number of ties)."""
        return int(self.indices.size)

    def degree(self) -> np.ndarray:
        """Number of distinct neighbours of every node."""
        return np.diff(self.indptr)

    def weighted_degree(self) -> np.ndarray:
        """Sum of tie weights of every node."""
        return np.bincount(self.rows, weights=self.weights, minlength=self.n_nodes).astype(
            np.float64
        )

    def neighbors(self, i: int) -> np.ndarray:
        """Sorted neighbour indices of node ``i`` (a read-only view)."""
        return self.indices[self.indptr[i] : self.indptr[i + 1]]

    def neighbor_weights(self, i: int) -> np.ndarray:
        """Weights of node ``i``'s ties, aligned with :meth:`neighbors`."""
        return self.weights[self.indptr[i] : self.indptr[i + 1]]

    def is_employee(self) -> np.ndarray:
        """Boolean mask over nodes: True for employees."""
        mask = np.zeros(self.n_nodes, dtype=bool)
        mask[: self.n_employees] = True
        return mask

    @cached_property
    def rows(self) -> np.ndarray:
        """The row (source node) of every CSR position."""
        return _readonly(np.repeat(np.arange(self.n_nodes, dtype=np.int32), self.degree()))

    @cached_property
    def twin(self) -> np.ndarray:
        """For every CSR position ``(i, j)``, the position of ``(j, i)``."""
        # Rows are sorted and columns sorted within rows, so a stable sort by
        # column lists the entries in (column, row) order, which on a
        # symmetric pattern is exactly the reverse of each entry in turn.
        return _readonly(np.argsort(self.indices, kind="stable").astype(np.int64))

    # -- people, employees and groups ---------------------------------------------------------

    def person_node(self, k: Any) -> Any:
        """Node index of person ``k`` (index within the people)."""
        return np.asarray(k) + self.n_employees

    def nodes_of_employees(self, ids: Any) -> np.ndarray:
        """Node indices of employees by external id (``-1`` where unknown)."""
        return self._lookup(self.employee_ids, ids, 0)

    def nodes_of_people(self, ids: Any) -> np.ndarray:
        """Node indices of people by external id (``-1`` where unknown)."""
        return self._lookup(self.person_ids, ids, self.n_employees)

    @staticmethod
    def _lookup(table: np.ndarray, ids: Any, offset: int) -> np.ndarray:
        q = np.asarray(ids, dtype=np.int64).reshape(-1)
        order = np.argsort(table, kind="stable")
        pos = np.searchsorted(table[order], q)
        pos = np.minimum(pos, max(table.size - 1, 0))
        out = np.full(q.size, -1, dtype=np.int64)
        if table.size:
            hit = table[order][pos] == q
            out[hit] = order[pos[hit]] + offset
        return out

    def group(self, name: str, side: Literal["person", "employee", "auto"] = "auto") -> Group:
        """A group attribute by name (people's first when ``side="auto"``)."""
        if side in ("person", "auto") and name in self.person_groups:
            return self.person_groups[name]
        if side in ("employee", "auto") and name in self.employee_groups:
            return self.employee_groups[name]
        known = sorted(set(self.person_groups) | set(self.employee_groups))
        raise KeyError(f"no group attribute {name!r} on {side} nodes; known: {known}")

    def node_codes(self, name: str, side: Literal["person", "employee"] = "person") -> np.ndarray:
        """Codes of one side's attribute spread over all nodes (``-1`` elsewhere)."""
        g = self.group(name, side)
        out = np.full(self.n_nodes, -1, dtype=np.int32)
        if side == "person":
            out[self.n_employees :] = g.codes
        else:
            out[: self.n_employees] = g.codes
        return out

    def shared_codes(
        self, employee_attr: str | None, person_attr: str | None
    ) -> tuple[np.ndarray, tuple[str, ...]]:
        """One code space over all nodes, joining two attributes by label.

        Employees get their ``employee_attr`` and people their ``person_attr``;
        equal labels (compared case-insensitively, trimmed) share a code.  Use
        it to ask "is this contact like the employee?" (same function, same
        region as the employee's location) in :func:`~weakties.network.ei_index`.
        """
        parts: list[tuple[Group, slice]] = []
        if employee_attr is not None:
            parts.append((self.group(employee_attr, "employee"), slice(0, self.n_employees)))
        if person_attr is not None:
            parts.append((self.group(person_attr, "person"), slice(self.n_employees, None)))
        table: dict[str, int] = {}
        labels: list[str] = []
        out = np.full(self.n_nodes, -1, dtype=np.int32)
        for g, where in parts:
            remap = np.empty(len(g.labels) + 1, dtype=np.int32)
            remap[-1] = -1
            for k, label in enumerate(g.labels):
                key = label.strip().casefold()
                if key not in table:
                    table[key] = len(labels)
                    labels.append(label)
                remap[k] = table[key]
            out[where] = remap[g.codes]
        return out, tuple(labels)

    # -- per-tie values -----------------------------------------------------------------------

    def aggregate_ties(
        self, values: Any, how: Literal["max", "min", "sum", "mean"] = "max"
    ) -> np.ndarray:
        """Bring one value per :meth:`from_edges` input row onto the ties.

        Rows merged into one tie are combined with ``how``; NaN values are
        ignored, and a tie with no finite value gets NaN.

        >>> snap = NetworkSnapshot.from_edges([1], [2], [0, 1], [1, 0])
        >>> snap.aggregate_ties([3.0, 5.0], "max").tolist()
        [5.0]
        """
        v = np.asarray(values, dtype=np.float64).reshape(-1)
        if v.size != self.input_edge.size:
            raise ValueError(f"got {v.size} values for {self.input_edge.size} input ties")
        ok = (self.input_edge >= 0) & np.isfinite(v)
        e, v = self.input_edge[ok], v[ok]
        m = self.n_edges
        if how in ("sum", "mean"):
            total = np.bincount(e, weights=v, minlength=m).astype(np.float64)
            count = np.bincount(e, minlength=m)
            with np.errstate(invalid="ignore", divide="ignore"):
                out = total if how == "sum" else total / count
            out[count == 0] = np.nan
            return out
        if how not in ("max", "min"):
            raise ValueError(f"how must be max, min, sum or mean, not {how!r}")
        out = np.full(m, np.nan)
        ufunc = np.fmax if how == "max" else np.fmin
        ufunc.at(out, e, v)
        return out

    def tie_values_at_positions(self, per_tie: Any) -> np.ndarray:
        """Spread one value per tie (length ``n_edges``) onto the CSR positions."""
        v = np.asarray(per_tie)
        if v.shape[0] != self.n_edges:
            raise ValueError(f"got {v.shape[0]} values for {self.n_edges} ties")
        return v[self.edge_id]

    def with_weights(self, per_tie: Any) -> NetworkSnapshot:
        """The same snapshot with new tie weights (one per tie, e.g. tie strength)."""
        w = np.asarray(per_tie, dtype=np.float64).reshape(-1)
        if w.size != self.n_edges:
            raise ValueError(f"got {w.size} weights for {self.n_edges} ties")
        if not np.all(np.isfinite(w)) or (w.size and w.min() < 0):
            raise ValueError("weights must be finite and >= 0")
        new = object.__new__(type(self))
        new.__dict__.update(self.__dict__)  # arrays are read-only: sharing them is safe
        object.__setattr__(new, "edge_weight", _readonly(w.copy()))
        object.__setattr__(new, "weights", _readonly(w[self.edge_id]))
        return new

    # -- conversions --------------------------------------------------------------------------

    def to_scipy(self, weighted: bool = True) -> sp.csr_array:
        """The symmetric adjacency matrix as a SciPy CSR array."""
        import scipy.sparse as sp  # here: only the analysis needs scipy, not every command

        data = self.weights if weighted else np.ones(self.nnz)
        return sp.csr_array(
            (data, self.indices, self.indptr), shape=(self.n_nodes, self.n_nodes), copy=True
        )

    def to_igraph(self, weighted: bool = True) -> igraph.Graph:
        """An undirected :class:`igraph.Graph`, with a ``weight`` edge attribute if weighted.

        Edge ``k`` of the igraph graph is tie ``k`` of the snapshot.
        """
        import igraph

        g = igraph.Graph(n=self.n_nodes, edges=np.column_stack([self.edge_src, self.edge_dst]))
        if weighted:
            g.es["weight"] = self.edge_weight.tolist()
        return g

    def subgraph_employees(self) -> NetworkSnapshot:
        """The internal network: employees and the ties among them only.

        Node indices of employees are unchanged; the employee groups carry
        over and there are no people.
        """
        E = self.n_employees
        keep = self.edge_dst < E  # edge_src < edge_dst
        sub = self._from_unique_edges(
            E,
            self.employee_ids,
            _readonly(np.zeros(0, dtype=np.int64)),
            self.edge_src[keep],
            self.edge_dst[keep],
            self.edge_weight[keep],
        )
        object.__setattr__(sub, "employee_groups", dict(self.employee_groups))
        return sub
