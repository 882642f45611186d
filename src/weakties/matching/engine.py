"""Supply against demand: the score, computed for all pairs at once, and its reasons.

The score of a supply request *s* (candidate, surplus staff) for a demand
request *d* (vacancy, work-experience place) is

.. math::

    score(s, d) = content(s, d) \\times (0.6 + 0.4 \\cdot context(s, d))

*content* says whether it is the same kind of work, a weighted mean of

* **occupation** (weight 0.40): same occupation 1.0, same family 0.7, related
  families 0.35 (:mod:`weakties.matching.taxonomy`);
* **skills** (0.25): cosine of idf-weighted skill sets
  (:mod:`weakties.matching.skills`);
* **title words** (0.15) and **title + description words** (0.20): BM25 [1]_
  over Dutch/English stems and compound parts, normalised
  (:class:`weakties.matching.features.TextIndex`).

A component that one side lacks (no known occupation, no skills) drops out of
the mean instead of counting as a mismatch.  *context* says whether the
pairing is practical, a weighted mean of **region** (0.5, distance,
:mod:`~weakties.matching.regions`), **timing** (0.3,
:mod:`~weakties.matching.timing`) and **level** (0.2,
:mod:`~weakties.matching.levels`); unknowns count as neutral.  Context can
lower a good content match by at most 40 %, but never make unrelated work
look like a match.

All pairs are scored in chunks of supply rows (:mod:`~weakties.matching.scoring`):
content as a dense chunk from sparse BM25 and skill products plus a repeated
occupation table; context only for pairs that can still reach the top k
(context is at least the floor 0.6, so a pair whose content is below 0.6 times
the k-th best content of its row cannot).  Reasons, and the sentence built from
them, are made for the top-k pairs only (:mod:`~weakties.matching.explainer`).

References
----------
.. [1] Robertson, S. & Zaragoza, H. (2009). The probabilistic relevance
   framework: BM25 and beyond. *Foundations and Trends in Information
   Retrieval* 3(4).
"""

from __future__ import annotations

import datetime
import gc
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager

import numpy as np

from .explainer import Explainer
from .features import Features, TextIndex, background_documents, featurise
from .records import DEMAND_KINDS, SUPPLY_KINDS, Contact, ContactMatch, Match, Request
from .scoring import DemandLayout, PairScorer, Weights

__all__ = ["Matcher", "Weights", "match", "match_contacts"]

Progress = Callable[[int, int], None]
_CHUNK_PAIRS = 4_000_000  # pairs scored at once: ~16 MB per float32 chunk
_BLOCKS = 64  # column blocks whose maxima bound a row's k-th best content from below


class Matcher:
    """An index of demand requests that supply is matched against.

    Build it once for a meeting's (or a network's) vacancies and match any
    number of supply lists against it.

    Parameters
    ----------
    demand : requests; kinds outside :data:`DEMAND_KINDS` are left out.
    today : the day "now" means (default: ``datetime.date.today()``).
    weights : the component weights.
    workers : threads that score chunks of pairs (default 1; more help only on idle cores).

    Examples
    --------
    >>> import datetime
    >>> vacancies = [Request(1, "Rijkswaterstaat", "vacancy", "Wegeninspecteur", region="Utrecht"),
    ...              Request(2, "Gemeente Utrecht", "vacancy", "Verpleegkundige", region="Utrecht")]
    >>> surplus = [Request(3, "Ministerie van LNV", "surplus", "Vleesinspecteur", region="Amersfoort")]
    >>> m = Matcher(vacancies, today=datetime.date(2026, 1, 1)).match(surplus)
    >>> [(x.demand.title, round(x.score, 2)) for x in m]
    [('Wegeninspecteur', 0.42)]
    >>> m[0].why
    'Both are inspection and enforcement roles (vleesinspecteur ~ wegeninspecteur). 20 km apart (Amersfoort – Utrecht). Level unknown on one side or both; counted as neutral. Available now and the vacancy is open now.'
    """

    def __init__(
        self,
        demand: Sequence[Request],
        *,
        today: datetime.date | None = None,
        weights: Weights | None = None,
        workers: int | None = None,
    ) -> None:
        self.today = today or datetime.date.today()
        self.weights = weights or Weights()
        self.workers = max(1, workers or 1)
        self.demand = [request for request in demand if request.kind in DEMAND_KINDS]
        features = featurise(self.demand, self.today)
        self._layout = DemandLayout.of(features)
        self._d = features.take(self._layout.order)  # internal column order
        background = background_documents()
        self._title_index = TextIndex.build(self._d.title_terms, background)
        self._text_index = TextIndex.build(self._d.text_terms, background)
        self._surfaces: dict[int, dict[str, str]] = {}
        columns: dict[str, list[int]] = {}
        for j, org in enumerate(self._d.orgs):
            columns.setdefault(org, []).append(j)
        self._org_columns = {org: np.asarray(cols) for org, cols in columns.items()}

    def __len__(self) -> int:
        return len(self.demand)

    def match(
        self,
        supply: Sequence[Request],
        *,
        top_k: int = 10,
        min_score: float = 0.05,
        same_org: bool = False,
        progress: Progress | None = None,
    ) -> list[Match]:
        """The best ``top_k`` demands for each supply request, best first overall.

        Pairs within one organisation are left out unless ``same_org``; kinds
        outside :data:`SUPPLY_KINDS` are ignored.
        """
        supply = [request for request in supply if request.kind in SUPPLY_KINDS]
        with _bulk():
            s = featurise(supply, self.today)
        rows, cols, scores = self._top(s, top_k, min_score, same_org, progress)
        explainer = Explainer(s, self._d, self._text_index, self.today, True, self._surfaces)
        demand = self._d.requests
        matches = []
        with _bulk():
            for i, j, score in zip(rows.tolist(), cols.tolist(), scores.tolist(), strict=True):
                reasons, why = explainer.explained(i, j)
                matches.append(Match(supply[i], demand[j], score, reasons, why))
        return matches

    def top_pairs(
        self,
        supply: Sequence[Request],
        *,
        top_k: int = 10,
        min_score: float = 0.05,
        same_org: bool = False,
        progress: Progress | None = None,
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Like :meth:`match` but as arrays ``(supply index, demand index, score)``, no reasons.

        The indices are positions in ``supply`` (after leaving out other kinds)
        and in :attr:`demand`; best first.  For bulk use: benchmarks, storing scores.
        """
        supply = [request for request in supply if request.kind in SUPPLY_KINDS]
        with _bulk():
            s = featurise(supply, self.today)
        rows, cols, scores = self._top(s, top_k, min_score, same_org, progress)
        return rows, self._layout.order[cols], scores

    # -- scoring ------------------------------------------------------------------

    def _scorer(self, s: Features, timing: bool) -> PairScorer:
        return PairScorer(
            s, self._d, self._layout, self._title_index, self._text_index, self.weights, timing
        )

    def _top(
        self,
        s: Features,
        top_k: int,
        min_score: float,
        same_org: bool,
        progress: Progress | None,
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Top pairs (supply row, internal demand column, score), sorted best first."""
        if top_k < 1:
            raise ValueError(f"top_k must be at least 1, not {top_k}.")
        n_s, n_d = len(s), len(self._d)
        empty = np.zeros(0, np.int64)
        if n_s == 0 or n_d == 0:
            return empty, empty, np.zeros(0, np.float64)
        scorer = self._scorer(s, timing=True)
        orgs = np.asarray(s.orgs, dtype=object)
        step = max(1, min(n_s, _CHUNK_PAIRS // n_d))
        chunks = [slice(start, min(n_s, start + step)) for start in range(0, n_s, step)]

        def chunk_top(rows: slice) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
            content = scorer.content(rows)
            if not same_org:
                self._exclude_own(content, orgs[rows])
            return self._best(scorer, rows, content, top_k, min_score)

        parts = []
        workers = self.workers if len(chunks) > 1 else 1
        # NumPy and scipy's sparse kernels release the GIL, so threads share the work.
        with ThreadPoolExecutor(max_workers=workers) as pool:
            for rows, part in zip(chunks, pool.map(chunk_top, chunks), strict=True):
                parts.append(part)
                if progress is not None:
                    progress(rows.stop, n_s)
        rows_ = np.concatenate([p[0] for p in parts])
        cols = np.concatenate([p[1] for p in parts])
        scores = np.round(np.concatenate([p[2] for p in parts]).astype(np.float64), 4)
        supply_ids = np.fromiter((r.id for r in s.requests), np.int64, n_s)[rows_]
        demand_ids = np.fromiter((r.id for r in self._d.requests), np.int64, n_d)[cols]
        order = np.lexsort((demand_ids, supply_ids, -scores))
        return rows_[order], cols[order], scores[order]

    def _exclude_own(self, content: np.ndarray, orgs: np.ndarray) -> None:
        for org in set(orgs.tolist()):
            cols = self._org_columns.get(org)
            if cols is not None:
                content[np.ix_(np.flatnonzero(orgs == org), cols)] = -1.0

    def _best(
        self, scorer: PairScorer, rows: slice, content: np.ndarray, k: int, min_score: float
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The top ``k`` of each row of a chunk, exactly, computing context only where needed.

        A pair's score is its content times a context factor in [floor, 1].
        The k-th best score of a row is at least ``floor`` times the k-th best
        content, and that is at least the k-th largest of the maxima of 64
        column blocks (k blocks each hold an entry that large).  Pairs with
        less content than ``floor`` times that cannot enter the top k (nor
        pairs below ``min_score``), so only the others get their context
        computed.
        """
        n_rows, n_d = content.shape
        threshold = np.full(n_rows, max(min_score, 0.0), np.float32)  # excluded pairs are -1
        blocks = max(_BLOCKS, 2 * k)
        if n_d >= 2 * blocks:
            starts = np.arange(blocks) * (n_d // blocks)
            maxima = np.maximum.reduceat(content, starts, axis=1)
            kth = np.partition(maxima, blocks - k, axis=1)[:, blocks - k]
            np.maximum(threshold, self.weights.context_floor * kth, out=threshold)
        flat = np.flatnonzero(content >= threshold[:, None])
        r = flat // n_d
        c = flat - r * n_d
        scores = content[r, c] * scorer.context_at(rows, r, c)
        keep = scores >= min_score
        r, c, scores = r[keep], c[keep], scores[keep]
        # Row ascending, then score descending; nonzero() gave columns ascending
        # within a row and the stable sort keeps that order among equal scores.
        order = np.argsort(r * 4.0 + (1.0 - scores.astype(np.float64)), kind="stable")
        r, c, scores = r[order], c[order], scores[order]
        starts = np.searchsorted(r, np.arange(n_rows))
        rank = np.arange(len(r)) - starts[r]
        keep = rank < k
        return r[keep] + rows.start, c[keep], scores[keep]


@contextmanager
def _bulk() -> Iterator[None]:
    """Pause the cyclic garbage collector while many acyclic objects are made.

    Building hundreds of thousands of matches would otherwise trigger full
    collections over an ever larger heap; nothing made here forms a cycle.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def match(
    supply: Sequence[Request],
    demand: Sequence[Request],
    *,
    top_k: int = 10,
    min_score: float = 0.05,
    same_org: bool = False,
    today: datetime.date | None = None,
    progress: Progress | None = None,
) -> list[Match]:
    """Match supply (candidates, surplus staff) with demand (vacancies, work-experience places).

    Every supply request is scored against every demand request; the best
    ``top_k`` demands per supply request with a score of at least
    ``min_score`` are returned, best first overall.  Two requests of the same
    organisation are never paired unless ``same_org`` (matching is *across*
    member organisations).  Requests of other kinds are ignored.  See
    :mod:`weakties.matching.engine` for the score.
    """
    return Matcher(demand, today=today).match(
        supply, top_k=top_k, min_score=min_score, same_org=same_org, progress=progress
    )


def match_contacts(
    demand: Request,
    contacts: Sequence[Contact],
    *,
    top_k: int = 10,
    min_score: float = 0.05,
    today: datetime.date | None = None,
) -> list[ContactMatch]:
    """Second-degree contacts who may fit a vacancy, best first.

    The employee who knows a contact is then asked "is this something for your
    contact?"; nothing goes to the contact directly.  Timing plays no part.
    """
    if demand.kind not in DEMAND_KINDS:
        raise ValueError(
            f"Request {demand.id} is a {demand.kind!r}; contacts can only be matched with "
            f"{' or '.join(DEMAND_KINDS)} requests."
        )
    if top_k < 1:
        raise ValueError(f"top_k must be at least 1, not {top_k}.")
    contacts = [c for c in contacts if (c.title or "").strip()]
    if not contacts:
        return []
    matcher = Matcher([demand], today=today)
    as_requests = [
        Request(
            id=c.id,
            org=f"contact:{c.id}",
            kind="candidate",
            title=c.title,
            skills=tuple(c.skills or ()),
            region=c.region,
        )
        for c in contacts
    ]
    s = featurise(as_requests, matcher.today)
    scorer = matcher._scorer(s, timing=False)
    scores = np.concatenate([chunk for chunk in _dense(scorer, len(s))])
    order = np.lexsort((np.arange(len(s)), -scores))[:top_k]
    explainer = Explainer(s, matcher._d, matcher._text_index, matcher.today, False)
    out = []
    for i in order.tolist():
        if scores[i] < min_score:
            break
        reasons, why = explainer.explained(i, 0)
        out.append(ContactMatch(contacts[i], round(float(scores[i]), 4), reasons, why))
    return out


def _dense(scorer: PairScorer, n: int, step: int = 100_000) -> Iterator[np.ndarray]:
    """Scores of ``n`` supply rows against a single demand column."""
    for start in range(0, n, step):
        rows = slice(start, min(n, start + step))
        yield (scorer.content(rows) * scorer.context(rows))[:, 0]
