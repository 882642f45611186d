"""Requests as arrays: the per-request features the scorer works on.

Everything here runs once per request; the scorer
(:mod:`weakties.matching.engine`) then works on whole arrays.  Categorical
features (occupation profile, place, level, day) are stored as small integer
codes into tables of their distinct values, so that a pair's score for that
feature is one table look-up.
"""

from __future__ import annotations

import datetime
import heapq
import logging
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import bm25s
import numpy as np
import scipy.sparse as sp

from . import catalogue
from .levels import read_level
from .records import Request
from .regions import read_region
from .skills import skill_set
from .taxonomy import TitleProfile, read_title
from .text import fold, terms
from .timing import effective_day

# bm25s sets its own logger to DEBUG on import, which prints index chatter on stderr.
logging.getLogger("bm25s").setLevel(logging.WARNING)

__all__ = ["Features", "TextIndex", "featurise"]

MAX_QUERY_TERMS = 12


@dataclass
class Features:
    """Features of a list of requests (one side of the matching)."""

    requests: list[Request]
    title_terms: list[tuple[str, ...]]
    text_terms: list[tuple[str, ...]]
    skills: list[dict[str, str]]  # canonical id -> words used
    profiles: list[TitleProfile]
    places: list[tuple[int, ...]]
    levels: list[int | None]
    days: np.ndarray  # int64 day ordinals
    orgs: list[str]
    # codes into distinct values, filled by _encode
    profile_keys: list[TitleProfile] = field(default_factory=list)
    profile_code: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int32))
    place_keys: list[tuple[int, ...]] = field(default_factory=list)
    level_keys: list[int | None] = field(default_factory=list)
    # distinct (place code, level code) pairs, and each request's code into them
    place_level_keys: np.ndarray = field(default_factory=lambda: np.zeros((0, 2), np.int32))
    place_level_code: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int32))
    day_keys: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))
    day_code: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int32))

    def __len__(self) -> int:
        return len(self.requests)

    def take(self, order: np.ndarray) -> Features:
        """The same features with the requests in ``order`` (codes stay valid)."""
        pick = order.tolist()
        return Features(
            requests=[self.requests[i] for i in pick],
            title_terms=[self.title_terms[i] for i in pick],
            text_terms=[self.text_terms[i] for i in pick],
            skills=[self.skills[i] for i in pick],
            profiles=[self.profiles[i] for i in pick],
            places=[self.places[i] for i in pick],
            levels=[self.levels[i] for i in pick],
            days=self.days[order],
            orgs=[self.orgs[i] for i in pick],
            profile_keys=self.profile_keys,
            profile_code=self.profile_code[order],
            place_keys=self.place_keys,
            level_keys=self.level_keys,
            place_level_keys=self.place_level_keys,
            place_level_code=self.place_level_code[order],
            day_keys=self.day_keys,
            day_code=self.day_code[order],
        )


def _codes(values: list) -> tuple[list, np.ndarray]:
    index: dict = {}
    codes = np.fromiter((index.setdefault(v, len(index)) for v in values), np.int32, len(values))
    return list(index), codes


def featurise(requests: Sequence[Request], today: datetime.date) -> Features:
    """Read titles, texts, skills, regions, levels and dates of ``requests``."""
    requests = list(requests)
    title_terms, text_terms, skills, profiles, places, levels, orgs = [], [], [], [], [], [], []
    days = np.empty(len(requests), np.int64)
    for i, request in enumerate(requests):
        own = terms(request.title)
        title_terms.append(own)
        skill_names = " ; ".join(request.skills)
        text_terms.append(own + terms(request.text) + terms(skill_names))
        skills.append(skill_set(tuple(request.skills), request.text))
        profiles.append(read_title(request.title, request.text))
        places.append(read_region(request.region))
        levels.append(read_level(request.level, request.title))
        days[i] = effective_day(request.date, today)
        orgs.append(" ".join(fold(request.org).split()))  # same organisation: case, accents, spaces
    features = Features(
        requests, title_terms, text_terms, skills, profiles, places, levels, days, orgs
    )
    features.profile_keys, features.profile_code = _codes(profiles)
    features.place_keys, place_code = _codes(places)
    features.level_keys, level_code = _codes(levels)
    pairs = np.stack([place_code, level_code], axis=1)
    features.place_level_keys, codes = np.unique(pairs, axis=0, return_inverse=True)
    features.place_level_code = codes.astype(np.int32).ravel()
    keys, codes = np.unique(days, return_inverse=True)
    features.day_keys, features.day_code = keys, codes.astype(np.int32).ravel()
    return features


@dataclass
class TextIndex:
    """BM25 weights of the demand documents, normalised for scoring.

    ``weights_t`` is the transposed document-term matrix (terms x documents)
    with each document's column divided by the square root of its self-score
    (the BM25 score of the document against its own terms), so that a query's
    product with it is already half-normalised; :meth:`queries` divides by the
    other half, the square root of the summed idf of the query terms.  The
    result is ``bm25(q, d) / sqrt(max_q * max_d)``, a similarity near [0, 1]
    (clipped to 1), comparable across requests.

    The document frequencies come from the demand plus one background document
    per occupation (its Dutch and English labels), so that idf is sensible
    even for a meeting with five vacancies: generic words such as
    "medewerker" or "adviseur" occur in many occupations and weigh little.

    BM25 with Lucene's idf, ``k1 = 1.2``, ``b = 0.75`` [1]_, computed by bm25s
    [2]_.

    References
    ----------
    .. [1] Robertson, S. & Zaragoza, H. (2009). The probabilistic relevance
       framework: BM25 and beyond. *Foundations and Trends in Information
       Retrieval* 3(4).
    .. [2] Lù, X. H. (2024). BM25S: Orders of magnitude faster lexical search
       via eager sparse scoring. arXiv:2407.03618.
    """

    vocabulary: dict[str, int]
    idf: np.ndarray
    weights_t: sp.csr_matrix  # terms x documents

    @classmethod
    def build(
        cls, documents: list[tuple[str, ...]], background: list[tuple[str, ...]]
    ) -> TextIndex:
        vocabulary: dict[str, int] = {}
        corpus = [
            [vocabulary.setdefault(term, len(vocabulary)) for term in doc]
            for doc in [*documents, *background]
        ]
        if not vocabulary:
            vocabulary[""] = 0
        retriever = bm25s.BM25(k1=1.2, b=0.75, method="lucene", idf_method="lucene")
        retriever.index((corpus, dict(vocabulary)), show_progress=False, create_empty_token=False)
        scores = retriever.scores
        n_docs = scores["num_docs"]
        matrix = sp.csc_matrix(
            (scores["data"], scores["indices"], scores["indptr"]),
            shape=(n_docs, len(scores["indptr"]) - 1),
        ).tocsr()[: len(documents)]
        self_score = np.asarray(matrix.sum(axis=1)).ravel()
        scale = np.divide(
            1.0, np.sqrt(self_score), out=np.zeros_like(self_score), where=self_score > 0
        )
        matrix = sp.diags(scale.astype(np.float32)) @ matrix
        df = np.zeros(len(vocabulary), np.float64)
        for doc in corpus:
            df[np.unique(np.asarray(doc, dtype=np.int64))] += 1
        idf = np.log(1.0 + (n_docs - df + 0.5) / (df + 0.5))
        return cls(vocabulary, idf, matrix.T.tocsr().astype(np.float32))

    def queries(self, docs: list[tuple[str, ...]], max_terms: int | None = None) -> sp.csr_matrix:
        """Binary query vectors, scaled by ``1 / sqrt(sum of idf)``.

        With ``max_terms``, only that many terms with the highest idf are kept
        per query, as Lucene's *MoreLikeThis* does for long texts: rare words
        say most about a text and make the products cheap.
        """
        vocabulary = self.vocabulary
        idf = self.idf.tolist()  # Python floats: cheaper than NumPy for a dozen terms
        weight = idf.__getitem__
        indptr = [0]
        indices: list[int] = []
        data_: list[float] = []
        for doc in docs:
            found = {vocabulary[t] for t in doc if t in vocabulary}
            if max_terms is not None and len(found) > max_terms:
                found = set(heapq.nlargest(max_terms, sorted(found), key=weight))
            ids = sorted(found)
            total = sum(map(weight, ids))
            value = 1.0 / math.sqrt(total) if total > 0 else 0.0
            indices.extend(ids)
            data_.extend([value] * len(ids))
            indptr.append(len(indices))
        return sp.csr_matrix(
            (
                np.asarray(data_, np.float32),
                np.asarray(indices, np.int32),
                np.asarray(indptr, np.int64),
            ),
            shape=(len(docs), len(vocabulary)),
        )


def background_documents(
    terms_of: Callable[[str], tuple[str, ...]] = terms,
) -> list[tuple[str, ...]]:
    """One document per occupation: its Dutch and English labels."""
    return [
        tuple(t for label in occupation.labels_nl + occupation.labels_en for t in terms_of(label))
        for occupation in catalogue.occupations()
    ]


def skill_matrices(
    supply: list[dict[str, str]], demand: list[dict[str, str]]
) -> tuple[sp.csr_matrix, sp.csr_matrix]:
    """L2-normalised idf-weighted skill vectors: supply (rows) and demand transposed (skills x demand).

    Only skills that some demand asks for form the vocabulary; the product of
    the two is the cosine similarity of the skill sets.
    """
    vocabulary: dict[str, int] = {}
    for skills in demand:
        for skill in skills:
            vocabulary.setdefault(skill, len(vocabulary))
    df = np.zeros(max(len(vocabulary), 1))
    for skills in demand:
        for skill in skills:
            df[vocabulary[skill]] += 1
    idf_list = np.log(1.0 + len(demand) / np.maximum(df, 1.0)).tolist()

    def matrix(sets: list[dict[str, str]]) -> sp.csr_matrix:
        indptr: list[int] = [0]
        indices: list[int] = []
        values: list[float] = []
        for skills in sets:
            ids = sorted({vocabulary[s] for s in skills if s in vocabulary})
            weights = [idf_list[k] for k in ids]
            norm = math.sqrt(sum(w * w for w in weights))
            indices.extend(ids)
            values.extend([w / norm for w in weights] if norm else [])
            indptr.append(len(indices))
        return sp.csr_matrix(
            (
                np.asarray(values, np.float32),
                np.asarray(indices, np.int32),
                np.asarray(indptr, np.int64),
            ),
            shape=(len(sets), max(len(vocabulary), 1)),
        )

    return matrix(supply), matrix(demand).T.tocsr()
