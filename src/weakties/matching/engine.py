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

All pairs are scored with sparse matrix products and table look-ups over
chunks of supply rows; reasons (and the sentence built from them) are made for
the top-k pairs only.

References
----------
.. [1] Robertson, S. & Zaragoza, H. (2009). The probabilistic relevance
   framework: BM25 and beyond. *Foundations and Trends in Information
   Retrieval* 3(4).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from .features import (
    MAX_QUERY_TERMS,
    Features,
    TextIndex,
    background_documents,
    featurise,
    skill_matrices,
)
from .levels import level_score
from .reasons import (
    level_reason,
    occupation_reason,
    region_reason,
    skills_reason,
    words_reason,
)
from .records import DEMAND_KINDS, SUPPLY_KINDS, Contact, ContactMatch, Match, Reason, Request
from .regions import compare_regions
from .taxonomy import occupation_similarity, occupation_table
from .text import compound_parts, stem, tokens
from .timing import timing_reason, timing_scores

__all__ = ["Matcher", "Weights", "match", "match_contacts"]

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class Weights:
    """Weights of the score's components (see the module docstring)."""

    occupation: float = 0.40
    skills: float = 0.25
    title: float = 0.15
    text: float = 0.20
    region: float = 0.5
    timing: float = 0.3
    level: float = 0.2
    context_floor: float = 0.6


@dataclass(frozen=True)
class _Pairs:
    """Top pairs of one chunk: supply rows, demand columns, scores."""

    rows: np.ndarray
    cols: np.ndarray
    scores: np.ndarray


class Matcher:
    """An index of demand requests that supply is matched against.

    Build it once for a meeting's (or a network's) vacancies and match any
    number of supply lists against it.

    Parameters
    ----------
    demand : requests; kinds outside :data:`DEMAND_KINDS` are left out.
    today : the day "now" means (default: ``datetime.date.today()``).
    weights : the component weights.

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
    'Both are inspection and enforcement roles (vleesinspecteur ~ wegeninspecteur). Similar words in title or description: inspecteur. 20 km apart (Amersfoort – Utrecht). Level not known for both; counted as neutral. Available now and the vacancy is open now.'
    """

    def __init__(
        self,
        demand: Sequence[Request],
        *,
        today: datetime.date | None = None,
        weights: Weights = Weights(),
    ) -> None:
        self.today = today or datetime.date.today()
        self.weights = weights
        self.demand = [request for request in demand if request.kind in DEMAND_KINDS]
        self._d = featurise(self.demand, self.today)
        background = background_documents()
        self._title_index = TextIndex.build(self._d.title_terms, background)
        self._text_index = TextIndex.build(self._d.text_terms, background)
        self._surfaces: dict[int, dict[str, str]] = {}
        self._org_columns: dict[str, np.ndarray] = {}
        for j, org in enumerate(self._d.orgs):
            self._org_columns.setdefault(org, [])  # type: ignore[arg-type]
            self._org_columns[org].append(j)  # type: ignore[attr-defined]
        self._org_columns = {org: np.asarray(cols) for org, cols in self._org_columns.items()}

    def __len__(self) -> int:
        return len(self.demand)

    # -- public -------------------------------------------------------------

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
        s = featurise(supply, self.today)
        parts = list(self._top_pairs(s, top_k, min_score, same_org, progress, timing=True))
        if not parts:
            return []
        rows = np.concatenate([p.rows for p in parts])
        cols = np.concatenate([p.cols for p in parts])
        scores = np.round(np.concatenate([p.scores for p in parts]).astype(np.float64), 4)
        supply_ids = np.array([r.id for r in supply], np.int64)[rows]
        demand_ids = np.array([r.id for r in self.demand], np.int64)[cols]
        order = np.lexsort((demand_ids, supply_ids, -scores))
        explainer = _Explainer(self, s, timing=True)
        demand = self.demand
        matches = []
        for i, j, score in zip(
            rows[order].tolist(), cols[order].tolist(), scores[order].tolist(), strict=True
        ):
            reasons = explainer.reasons(i, j)
            matches.append(Match(supply[i], demand[j], score, reasons, explainer.why(reasons)))
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
        and in :attr:`demand`.  For bulk use: benchmarks, storing scores.
        """
        supply = [request for request in supply if request.kind in SUPPLY_KINDS]
        s = featurise(supply, self.today)
        parts = list(self._top_pairs(s, top_k, min_score, same_org, progress, timing=True))
        if not parts:
            empty = np.zeros(0, np.int64)
            return empty, empty, np.zeros(0, np.float32)
        return (
            np.concatenate([p.rows for p in parts]),
            np.concatenate([p.cols for p in parts]),
            np.concatenate([p.scores for p in parts]),
        )

    # -- scoring --------------------------------------------------------------

    def _tables(self, s: Features, timing: bool) -> dict[str, np.ndarray]:
        """Look-up tables over the distinct feature values of both sides."""
        w, d = self.weights, self._d
        occupation = occupation_table(s.profile_keys, d.profile_keys)
        s_known = np.array([p.known for p in s.profile_keys], bool)
        d_known = np.array([p.known for p in d.profile_keys], bool)
        context_total = w.region + w.level + (w.timing if timing else 0.0)
        region = np.array(
            [[compare_regions(a, b).score for b in d.place_keys] for a in s.place_keys], np.float32
        ).reshape(len(s.place_keys), len(d.place_keys))
        level = np.array(
            [[level_score(a, b) for b in d.level_keys] for a in s.level_keys], np.float32
        ).reshape(len(s.level_keys), len(d.level_keys))
        sp_, sl = s.place_level_keys[:, 0], s.place_level_keys[:, 1]
        dp, dl = d.place_level_keys[:, 0], d.place_level_keys[:, 1]
        place_level = w.region * region[np.ix_(sp_, dp)] + w.level * level[np.ix_(sl, dl)]
        span = 1.0 - w.context_floor
        place_level = w.context_floor + span * place_level / context_total
        if timing:
            gaps = d.day_keys[None, :] - s.day_keys[:, None]
            days = (span * w.timing / context_total * timing_scores(gaps)).astype(np.float32)
        else:
            days = np.zeros((len(s.day_keys), len(d.day_keys)), np.float32)
        return {
            "occupation": w.occupation * occupation,
            "s_known": s_known,
            "d_known": d_known,
            "place_level": place_level.astype(np.float32),
            "days": days,
        }

    def _chunks(
        self, s: Features, timing: bool, rows_per_chunk: int | None = None
    ) -> Iterator[tuple[slice, np.ndarray]]:
        """Scores of all pairs, a chunk of supply rows at a time."""
        w, d = self.weights, self._d
        n_s, n_d = len(s), len(d)
        if n_s == 0 or n_d == 0:
            return
        tables = self._tables(s, timing)
        q_title = self._title_index.queries(s.title_terms)
        q_text = self._text_index.queries(s.text_terms, MAX_QUERY_TERMS)
        q_skills, d_skills = skill_matrices(s.skills, d.skills)
        # Per-pair denominator of the content mean: which components both sides have.
        s_has_skills = np.diff(q_skills.indptr) > 0
        d_has_skills = np.diff(d_skills.T.tocsr().indptr) > 0
        s_occ = tables["s_known"][s.profile_code]
        d_occ = tables["d_known"][d.profile_code]
        s_kind = s_occ.astype(np.int8) * 2 + s_has_skills
        d_kind = d_occ.astype(np.int8) * 2 + d_has_skills
        inverse = np.zeros((4, 4), np.float32)
        for a in range(4):
            for b in range(4):
                both_occ = (a >> 1) & (b >> 1)
                both_skills = a & b & 1
                inverse[a, b] = 1.0 / (
                    w.title + w.text + w.occupation * both_occ + w.skills * both_skills
                )
        rows_per_chunk = rows_per_chunk or max(1, min(n_s, 4_000_000 // max(n_d, 1)))
        for start in range(0, n_s, rows_per_chunk):
            rows = slice(start, min(n_s, start + rows_per_chunk))
            words = _clipped(q_title[rows] @ self._title_index.weights_t) * w.title
            words = words + _clipped(q_text[rows] @ self._text_index.weights_t) * w.text
            words = words + (q_skills[rows] @ d_skills) * w.skills
            content = words.toarray()
            content += np.take(tables["occupation"][s.profile_code[rows]], d.profile_code, axis=1)
            content *= np.take(inverse[s_kind[rows]], d_kind, axis=1)
            context = np.take(
                tables["place_level"][s.place_level_code[rows]], d.place_level_code, axis=1
            )
            if timing:
                context += np.take(tables["days"][s.day_code[rows]], d.day_code, axis=1)
            content *= context
            yield rows, content

    def _top_pairs(
        self,
        s: Features,
        top_k: int,
        min_score: float,
        same_org: bool,
        progress: Progress | None,
        timing: bool,
    ) -> Iterator[_Pairs]:
        if top_k < 1:
            raise ValueError(f"top_k must be at least 1, not {top_k}.")
        n_d = len(self._d)
        k = min(top_k, n_d)
        orgs = np.asarray(s.orgs, dtype=object)
        for rows, scores in self._chunks(s, timing):
            if not same_org:
                for org in set(orgs[rows].tolist()):
                    cols = self._org_columns.get(org)
                    if cols is not None:
                        hit = np.flatnonzero(orgs[rows] == org)
                        scores[np.ix_(hit, cols)] = -1.0
            if k < n_d:
                cols = np.argpartition(-scores, k - 1, axis=1)[:, :k]
            else:
                cols = np.broadcast_to(np.arange(n_d), (scores.shape[0], n_d))
            best = np.take_along_axis(scores, cols, axis=1)
            keep = best >= min_score
            local_rows = np.nonzero(keep)[0]
            yield _Pairs(local_rows + rows.start, cols[keep], best[keep])
            if progress is not None:
                progress(rows.stop, len(s))


class _Explainer:
    """Builds the reasons of chosen pairs, reusing the parts that repeat.

    Occupation, region, level and timing reasons depend only on the distinct
    values of those features, so they are made once per pair of codes.
    """

    def __init__(self, matcher: Matcher, s: Features, timing: bool) -> None:
        self.matcher, self.s, self.d, self.timing = matcher, s, matcher._d, timing
        self.occupation: dict[tuple[int, int], Reason | None] = {}
        self.region: dict[tuple[int, int], Reason] = {}
        self.level: dict[tuple[int, int, str, str], Reason] = {}
        self.days: dict[tuple[int, int], Reason] = {}
        self.terms_s: dict[int, frozenset[str]] = {}
        self.terms_d: dict[int, frozenset[str]] = {}
        self.surface: dict[int, dict[str, str]] = matcher._surfaces
        # English sentences of the cached reasons (kept alive by the caches above).
        self.sentences: dict[int, str] = {}
        index = matcher._text_index
        self.idf = {term: float(index.idf[k]) for term, k in index.vocabulary.items()}

    def reasons(self, i: int, j: int) -> tuple[Reason, ...]:
        s, d = self.s, self.d
        out: list[Reason] = []
        key = (int(s.profile_code[i]), int(d.profile_code[j]))
        if key not in self.occupation:
            score, code, family, _ = occupation_similarity(s.profiles[i], d.profiles[j])
            self.occupation[key] = (
                occupation_reason(
                    score,
                    code,
                    family,
                    _named(s.profiles[i], s.requests[i].title),
                    _named(d.profiles[j], d.requests[j].title),
                )
                if code
                else None
            )
        occupation = self.occupation[key]
        if occupation is not None:
            out.append(occupation)
        skills_s, skills_d = s.skills[i], d.skills[j]
        shared = [skill for skill in skills_s if skill in skills_d]
        if shared:
            names = [skills_s[skill] for skill in shared[:6]]
            total = len(skills_s) + len(skills_d) - len(shared)
            out.append(skills_reason(len(shared) / total, names))
        if occupation is None or occupation.code != "synonym":
            words = self.shared_words(i, j)
            if words:
                out.append(words_reason("title", min(1.0, len(words) / 3), words))
        key = (
            int(s.place_level_keys[s.place_level_code[i], 0]),
            int(d.place_level_keys[d.place_level_code[j], 0]),
        )
        region = self.region.get(key)
        if region is None:
            region = self.region[key] = region_reason(compare_regions(s.places[i], d.places[j]))
        out.append(region)
        supply, demand = s.requests[i], d.requests[j]
        level_key = (
            int(s.place_level_keys[s.place_level_code[i], 1]),
            int(d.place_level_keys[d.place_level_code[j], 1]),
            supply.level,
            demand.level,
        )
        level = self.level.get(level_key)
        if level is None:
            level = self.level[level_key] = level_reason(
                level_score(s.levels[i], d.levels[j]), supply.level, demand.level
            )
        out.append(level)
        if self.timing:
            day_key = (int(s.day_code[i]), int(d.day_code[j]))
            timing = self.days.get(day_key)
            if timing is None:
                timing = self.days[day_key] = timing_reason(
                    supply.date, demand.date, self.matcher.today
                )
            out.append(timing)
        return tuple(out)

    def why(self, reasons: tuple[Reason, ...]) -> str:
        """``explain(reasons)`` in English, formatting each shared reason once."""
        sentences = self.sentences
        out = []
        for reason in reasons:
            sentence = sentences.get(id(reason))
            if sentence is None:
                sentence = reason.message.format(**reason.params)
                if reason.code not in ("skills", "title"):  # shared, long-lived objects
                    sentences[id(reason)] = sentence
            out.append(sentence)
        return " ".join(out)

    def shared_words(self, i: int, j: int, limit: int = 3) -> list[str]:
        terms_s = self.terms_s.get(i)
        if terms_s is None:
            terms_s = self.terms_s[i] = frozenset(t for t in self.s.text_terms[i] if t in self.idf)
        terms_d = self.terms_d.get(j)
        if terms_d is None:
            terms_d = self.terms_d[j] = frozenset(self.d.text_terms[j])
        shared = terms_s & terms_d
        if not shared:
            return []
        idf = self.idf
        ranked = sorted(sorted(shared), key=idf.__getitem__, reverse=True)[:limit]
        surface = self.surface.get(j)
        if surface is None:
            surface = self.surface[j] = _surface(self.d.requests[j])
        return [surface.get(t, t) for t in ranked]


def _clipped(product: sp.csr_matrix) -> sp.csr_matrix:
    np.minimum(product.data, 1.0, out=product.data)
    return product


def _named(profile, title: str) -> str:
    """The words of the title that named its occupation, else the title."""
    if profile.occupations:
        return profile.occupations[0][1]
    return title.strip().lower()


def _surface(request: Request) -> dict[str, str]:
    words: dict[str, str] = {}
    for text in (request.title, request.text, " ; ".join(request.skills)):
        for word in tokens(text):
            words.setdefault(stem(word), word)
            for part in compound_parts(word):
                words.setdefault(stem(part), part)
    return words


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
            skills=tuple(c.skills),
            region=c.region,
        )
        for c in contacts
    ]
    s = featurise(as_requests, matcher.today)
    scores = np.concatenate([chunk[:, 0] for _, chunk in matcher._chunks(s, timing=False)])
    order = np.argsort(-scores, kind="stable")[:top_k]
    explainer = _Explainer(matcher, s, timing=False)
    out = []
    for i in order.tolist():
        if scores[i] < min_score:
            break
        reasons = explainer.reasons(i, 0)
        out.append(
            ContactMatch(contacts[i], round(float(scores[i]), 4), reasons, explainer.why(reasons))
        )
    return out
