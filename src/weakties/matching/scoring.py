"""The vectorised score: all supply rows of a chunk against all demand at once.

:class:`PairScorer` computes the *content* part of the score (see
:mod:`weakties.matching.engine`) as a dense chunk, and the *context* part only
where it can still matter.  The demand side is kept in an order that makes
the dense work cheap:

* sorted by *kind* (whether it names a known occupation, whether it lists
  skills), so that the per-pair renormalisation of the content mean is one
  factor per column block;
* within a kind, sorted by occupation profile, so that the occupation score
  of a supply row is its row of the profile table *repeated* over runs of
  columns (a copy, not a gather).

Word (BM25) and skill similarities are sparse products whose weights are
folded into the query matrices, added into the dense chunk.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from .features import MAX_QUERY_TERMS, Features, TextIndex, skill_matrices
from .levels import level_score
from .regions import compare_regions
from .taxonomy import occupation_table
from .timing import timing_scores

__all__ = ["DemandLayout", "PairScorer", "Weights"]


@dataclass(frozen=True)
class Weights:
    """Weights of the score's components (see :mod:`weakties.matching.engine`)."""

    occupation: float = 0.40
    skills: float = 0.25
    title: float = 0.15
    text: float = 0.20
    region: float = 0.5
    timing: float = 0.3
    level: float = 0.2
    context_floor: float = 0.6


@dataclass(frozen=True)
class DemandLayout:
    """How the demand columns are ordered: kind blocks and profile runs."""

    order: np.ndarray  # internal position -> original index
    kind: np.ndarray  # per internal column: 2 * knows occupation + lists skills
    block_starts: np.ndarray  # start of each kind block (kinds 0..3), plus the end
    run_profiles: np.ndarray  # profile code of each run of equal profiles
    run_lengths: np.ndarray

    @classmethod
    def of(cls, d: Features) -> DemandLayout:
        known = np.array([p.known for p in d.profile_keys], bool)[d.profile_code]
        has_skills = np.array([bool(skills) for skills in d.skills], bool)
        kind = known.astype(np.int8) * 2 + has_skills
        order = np.lexsort((np.arange(len(d)), d.profile_code, kind))
        kind = kind[order]
        profiles = d.profile_code[order]
        block_starts = np.searchsorted(kind, np.arange(5), side="left")
        if len(profiles):
            change = np.flatnonzero(np.diff(profiles) != 0) + 1
            starts = np.concatenate([[0], change])
            lengths = np.diff(np.concatenate([starts, [len(profiles)]]))
            run_profiles = profiles[starts]
        else:
            lengths = run_profiles = np.zeros(0, np.int64)
        return cls(order, kind, block_starts, run_profiles, lengths)


class PairScorer:
    """Scores of one supply list against a matcher's demand, chunk by chunk."""

    def __init__(
        self,
        s: Features,
        d: Features,
        layout: DemandLayout,
        title_index: TextIndex,
        text_index: TextIndex,
        weights: Weights,
        timing: bool,
    ) -> None:
        self.s, self.d, self.layout, self.weights, self.timing = s, d, layout, weights, timing
        w = weights
        self.q_title = _scaled(title_index.queries(s.title_terms), w.title)
        self.q_text = _scaled(text_index.queries(s.text_terms, MAX_QUERY_TERMS), w.text)
        self.t_title, self.t_text = title_index.weights_t, text_index.weights_t
        q_skills, self.t_skills = skill_matrices(s.skills, d.skills)
        self.q_skills = _scaled(q_skills, w.skills)

        occupation = occupation_table(s.profile_keys, d.profile_keys)
        # the table's columns in run order, so that a row repeats into the chunk
        self.occupation_runs = (w.occupation * occupation)[:, layout.run_profiles]
        s_known = np.array([p.known for p in s.profile_keys], bool)[s.profile_code]
        s_has_skills = np.diff(q_skills.indptr) > 0
        self.s_kind = s_known.astype(np.int8) * 2 + s_has_skills
        self.inverse = np.zeros((4, 4), np.float32)
        for a in range(4):
            for b in range(4):
                both_occupation = (a >> 1) & (b >> 1)
                both_skills = a & b & 1
                self.inverse[a, b] = 1.0 / (
                    w.title + w.text + w.occupation * both_occupation + w.skills * both_skills
                )
        self._context_tables()

    def _context_tables(self) -> None:
        s, d, w = self.s, self.d, self.weights
        total = w.region + w.level + (w.timing if self.timing else 0.0)
        span = 1.0 - w.context_floor
        region = np.array(
            [[compare_regions(a, b).score for b in d.place_keys] for a in s.place_keys], np.float32
        ).reshape(len(s.place_keys), len(d.place_keys))
        level = np.array(
            [[level_score(a, b) for b in d.level_keys] for a in s.level_keys], np.float32
        ).reshape(len(s.level_keys), len(d.level_keys))
        sp_, sl = s.place_level_keys[:, 0], s.place_level_keys[:, 1]
        dp, dl = d.place_level_keys[:, 0], d.place_level_keys[:, 1]
        place_level = w.region * region[np.ix_(sp_, dp)] + w.level * level[np.ix_(sl, dl)]
        self.place_level = (w.context_floor + span * place_level / total).astype(np.float32)
        if self.timing:
            gaps = d.day_keys[None, :] - s.day_keys[:, None]
            self.days = (span * w.timing / total * timing_scores(gaps)).astype(np.float32)
        else:
            self.days = np.zeros((len(s.day_keys), len(d.day_keys)), np.float32)

    def content(self, rows: slice) -> np.ndarray:
        """Dense content scores of supply ``rows`` against all demand (internal order)."""
        layout = self.layout
        out = np.repeat(self.occupation_runs[self.s.profile_code[rows]], layout.run_lengths, axis=1)
        for queries, terms, clip in (
            (self.q_title, self.t_title, self.weights.title),
            (self.q_text, self.t_text, self.weights.text),
            (self.q_skills, self.t_skills, self.weights.skills),
        ):
            _add(out, queries[rows] @ terms, clip)
        factors = self.inverse[self.s_kind[rows]]  # (rows, 4)
        for kind in range(4):
            lo, hi = layout.block_starts[kind], layout.block_starts[kind + 1]
            if hi > lo:
                out[:, lo:hi] *= factors[:, kind : kind + 1]
        return out

    def context_at(self, rows: slice, r: np.ndarray, c: np.ndarray) -> np.ndarray:
        """Context factors of the pairs ``(rows.start + r, c)`` (c: internal demand columns)."""
        s, d = self.s, self.d
        i = r + rows.start
        out = self.place_level[s.place_level_code[i], d.place_level_code[c]]
        if self.timing:
            out = out + self.days[s.day_code[i], d.day_code[c]]
        return out

    def context(self, rows: slice) -> np.ndarray:
        """Dense context factors of supply ``rows`` against all demand (internal order)."""
        s, d = self.s, self.d
        out = np.take(self.place_level[s.place_level_code[rows]], d.place_level_code, axis=1)
        if self.timing:
            out += np.take(self.days[s.day_code[rows]], d.day_code, axis=1)
        return out


def _scaled(matrix: sp.csr_matrix, weight: float) -> sp.csr_matrix:
    matrix = matrix.copy()
    matrix.data *= np.float32(weight)
    return matrix


def _scatter_add(out: np.ndarray, product: sp.csr_matrix) -> None:
    rows = np.repeat(np.arange(product.shape[0]), np.diff(product.indptr))
    out[rows, product.indices] += product.data


def _accumulating_todense() -> Callable[[np.ndarray, sp.csr_matrix], None]:
    """scipy's C++ ``csr_todense`` adds a CSR matrix into a dense array in place.

    It is private API, so it is used only if it is there and adds as expected;
    otherwise a NumPy scatter-add (about three times slower) does the same.
    """
    try:
        from scipy.sparse._sparsetools import csr_todense
    except ImportError:  # pragma: no cover - depends on the scipy version
        return _scatter_add

    def add(out: np.ndarray, product: sp.csr_matrix) -> None:
        m, n = product.shape
        csr_todense(m, n, product.indptr, product.indices, product.data, out)

    probe = np.ones((2, 3), np.float32)
    try:
        add(probe, sp.csr_matrix(np.array([[0, 2, 0], [1, 0, 0]], np.float32)))
    except Exception:  # pragma: no cover - depends on the scipy version
        return _scatter_add
    expected = np.array([[1, 3, 1], [2, 1, 1]], np.float32)
    return add if np.array_equal(probe, expected) else _scatter_add


_add_into = _accumulating_todense()


def _add(out: np.ndarray, product: sp.csr_matrix, clip: float) -> None:
    """``out += product``, each entry clipped to ``clip`` (a similarity of at most 1, weighted)."""
    product = product.tocsr()
    if product.nnz == 0:
        return
    np.minimum(product.data, clip, out=product.data)
    if product.data.dtype != out.dtype:
        product.data = product.data.astype(out.dtype)
    _add_into(out, product)
