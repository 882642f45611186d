"""An organisation's sharing ties as arrays, grouped by the contact's position, for many vacancies.

Finding referral candidates asks, for every vacancy, which contacts in the
colleagues' networks hold a fitting position, and which colleague's tie to
them fits the purpose "job" best.  No index of ``TieRank`` starts at a
position, and a vacancy's words match positions nobody can list ahead, so a
per-vacancy SQL search would read the whole table every time.  Instead
:func:`tie_table_load` reads the organisation's sharing ties once (two plain
scans: ``TieRank`` without a join, and the people's positions), and the ties
are grouped by position in memory:

* ``positions`` — the distinct positions of the contacts (an empty one is no
  candidate: nothing says what the person does);
* the ties grouped by position (``start[p] … start[p + 1]`` are position
  ``p``'s), each with its person, employee, strength (the last analysis',
  or the provisional strength for ties imported since, as the introductions
  search computes it) and fit for the purpose; within a position the best
  fit comes first, so the ranking reads only the head of each range;
* ``index`` — an inverted index from the matching engine's index terms (Dutch
  and English stems, compound parts; :func:`weakties.matching.text.terms`) to
  the positions holding them, with each term's idf.

:func:`block` then picks, for a vacancy, the few hundred positions worth
scoring: those sharing a term with the vacancy's title or description, or
with a label of an occupation in the vacancy's occupation family ("Python
developer" finds "softwareontwikkelaar"), best first by summed idf over the
position's length.  Only these go to the matching engine.  Reading is the
main cost (about 2 s of CPU for 0.9M ties, 5 to 8 s for 3M with 300,000
distinct positions); everything after it is arrays (``bench/referrals.py``).

Only active, consenting employees' ties count: ``TieRank`` holds no others
(:mod:`weakties.people.services.tie_ranks`), and the loaded rows are checked
again against :func:`~weakties.people.services.consent.sharing_employees`.
Colleagues (people who are employees of the organisation) are left out.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

import numpy as np
from django.db import connection

from weakties.accounts.models import Organisation
from weakties.matching import Request
from weakties.matching.catalogue import occupations
from weakties.matching.taxonomy import read_title
from weakties.matching.text import terms, tokens, word_terms
from weakties.network.paths import PURPOSES, strength_fit
from weakties.people.models import Person, Tie, TieRank
from weakties.people.services.consent import sharing_employees
from weakties.people.strength import provisional_strength, strength_weights

__all__ = ["MAX_POSITIONS", "TieTable", "block", "ranges", "tie_table_load"]

#: Distinct positions the matching engine scores per vacancy (the best by shared terms).
MAX_POSITIONS = 400
#: Rows fetched from the database at a time.
_FETCH = 100_000
#: Ids per ``IN (…)`` (SQLite allows 32,766 variables; stay well below).
_CHUNK = 5_000


@dataclass(frozen=True, eq=False)
class TieTable:
    """The sharing ties of one organisation, grouped by position (see the module docstring)."""

    organisation_id: int
    positions: list[str]
    start: np.ndarray  # int64, len(positions) + 1
    tie: np.ndarray  # int64 tie ids, grouped by position
    person: np.ndarray  # int64
    employee: np.ndarray  # int64
    strength: np.ndarray  # float64 in [0, 1]
    fit: np.ndarray  # float64: how well each tie's strength fits ``purpose``
    purpose: str
    index: dict[str, np.ndarray]  # term -> position codes (int32)
    idf: dict[str, float]
    length: np.ndarray  # float64: each position's number of distinct words (at least 1)

    def __len__(self) -> int:
        return int(self.tie.size)


def ranges(lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
    """The indices ``lo[k] … hi[k] - 1`` of every range ``k``, laid end to end.

    >>> ranges(np.array([2, 10]), np.array([4, 13])).tolist()
    [2, 3, 10, 11, 12]
    """
    sizes = hi - lo
    total = int(sizes.sum())
    if total <= 0:
        return np.zeros(0, np.int64)
    # An arange with the jump to each range's start added back.
    offsets = np.repeat(lo - np.concatenate(([0], np.cumsum(sizes)[:-1])), sizes)
    return np.arange(total, dtype=np.int64) + offsets


def _rows(sql: str, params: list) -> Iterator[list[tuple]]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        while chunk := cursor.fetchmany(_FETCH):
            yield chunk


def _ranks(organisation: Organisation) -> tuple[np.ndarray, ...]:
    """``(tie, person, employee, strength)`` of the organisation's sharing ties to non-colleagues.

    Strength is NaN where the tie has not been analysed yet.  Each chunk of
    rows becomes one float array in one call (every column is a number, ids
    below 2**53 are exact), which costs a fraction of building columns per row.
    """
    table = TieRank._meta.db_table
    sql = (
        f"SELECT tie_id, person_id, employee_id, COALESCE(strength, -1.0) FROM {table} "  # noqa: S608 - our names
        "WHERE organisation_id = %s AND colleague = %s"
    )
    parts = [np.array(chunk, np.float64) for chunk in _rows(sql, [organisation.pk, False])]
    rows = np.concatenate(parts) if parts else np.zeros((0, 4), np.float64)
    strength = rows[:, 3].copy()
    strength[strength < 0] = np.nan
    return (
        rows[:, 0].astype(np.int64),
        rows[:, 1].astype(np.int64),
        rows[:, 2].astype(np.int64),
        strength,
    )


def _positions(person: np.ndarray) -> tuple[list[str], np.ndarray]:
    """The distinct positions of ``person`` and each one's code (-1: no position)."""
    if person.size == 0:
        return [], np.zeros(0, np.int32)
    table = Person._meta.db_table
    top = int(person.max())
    code_of = np.full(top + 1, -1, np.int32)
    distinct: dict[str, int] = {}
    intern = distinct.setdefault
    sql = f"SELECT id, position FROM {table} WHERE position <> '' AND id <= %s"  # noqa: S608
    for chunk in _rows(sql, [top]):
        ids = np.array([r[0] for r in chunk], np.int64)
        code_of[ids] = [intern(r[1], len(distinct)) for r in chunk]
    return list(distinct), code_of[person]


def _provisional(tie: np.ndarray, strength: np.ndarray, today: dt.date) -> None:
    """Fill in a provisional strength for ties not analysed yet (in place)."""
    missing = np.flatnonzero(~np.isfinite(strength))
    if missing.size == 0:
        return
    found: dict[int, tuple[dt.date | None, int]] = {}
    ids = tie[missing].tolist()
    for start in range(0, len(ids), _CHUNK):
        for pk, connected_on, sources in Tie.objects.filter(
            pk__in=ids[start : start + _CHUNK]
        ).values_list("pk", "connected_on", "sources"):
            found[pk] = (connected_on, len(sources or ()))
    strength[missing] = provisional_strength(
        connected_on=[found.get(pk, (None, 1))[0] for pk in ids],
        sources=[found.get(pk, (None, 1))[1] for pk in ids],
        today=today,
        weights=strength_weights(),
    )
    np.nan_to_num(strength, copy=False, nan=0.25)


def _index(
    positions: list[str],
) -> tuple[dict[str, np.ndarray], dict[str, float], np.ndarray]:
    """Term → position codes, each term's idf, and each position's number of words.

    Positions are split into words first, and each distinct word into its
    terms (stems, compound parts) once: many positions share their words.
    """
    by_word: dict[str, list[int]] = {}
    length = np.ones(len(positions), np.float64)
    for code, position in enumerate(positions):
        words = set(tokens(position))
        length[code] = max(len(words), 1)
        for word in words:
            by_word.setdefault(word, []).append(code)
    postings: dict[str, list[np.ndarray]] = {}
    for word, codes in by_word.items():
        for term in set(word_terms(word)):
            postings.setdefault(term, []).append(np.asarray(codes, np.int32))
    index = {
        term: np.unique(np.concatenate(parts)) if len(parts) > 1 else parts[0]
        for term, parts in postings.items()
    }
    n = max(len(positions), 1)
    idf = {term: math.log(1.0 + n / len(codes)) for term, codes in index.items()}
    return index, idf, length


def tie_table_load(
    *, organisation: Organisation, purpose: str = "job", today: dt.date | None = None
) -> TieTable:
    """Read the organisation's sharing ties into a :class:`TieTable`.

    Within each position the ties come best first for ``purpose``
    (:data:`weakties.network.paths.PURPOSES`): by fit, then the older tie.
    So a position's best ties for any vacancy are the first few of its range.
    """
    tie, person, employee, strength = _ranks(organisation)
    sharing = np.fromiter(
        sharing_employees(organisation=organisation).values_list("pk", flat=True), np.int64
    )
    keep = np.isin(employee, sharing)
    positions, code = _positions(person[keep])
    tie, person, employee, strength = tie[keep], person[keep], employee[keep], strength[keep]
    has = code >= 0
    # Only the positions these ties use, numbered anew.
    used, code = np.unique(code[has], return_inverse=True)
    positions = [positions[c] for c in used.tolist()]
    code = code.astype(np.int32).ravel()
    tie, person, employee, strength = tie[has], person[has], employee[has], strength[has]
    _provisional(tie, strength, today or dt.date.today())
    fit = strength_fit(strength, PURPOSES[purpose])
    order = np.lexsort((tie, -fit, code))
    start = np.searchsorted(code[order], np.arange(len(positions) + 1)).astype(np.int64)
    index, idf, length = _index(positions)
    return TieTable(
        organisation_id=organisation.pk,
        positions=positions,
        start=start,
        tie=tie[order],
        person=person[order],
        employee=employee[order],
        strength=strength[order],
        fit=fit[order],
        purpose=purpose,
        index=index,
        idf=idf,
        length=length,
    )


@cache
def _family_terms(family: str) -> frozenset[str]:
    """Index terms of every Dutch and English label of the family's occupations."""
    out: set[str] = set()
    for occupation in occupations():
        if occupation.family == family:
            for label in occupation.labels_nl + occupation.labels_en:
                out.update(terms(label))
    return frozenset(out)


def block(table: TieTable, request: Request, *, limit: int = MAX_POSITIONS) -> np.ndarray:
    """The codes of the positions worth scoring for a vacancy, best first (at most ``limit``).

    A position is a candidate when it shares an index term with the
    vacancy's title or description, or with a label of an occupation in the
    title's family.  Each shared term adds its idf (a title term twice): rare
    shared words say more than "medewerker" or "senior".  The sum is divided
    by the square root of the position's number of words, as BM25 normalises
    for length: "Adviseur" before "Senior adviseur bij Bedrijf 12 | Jurist".
    """
    title = set(terms(request.title))
    words = set(terms(request.text)) | title
    profile = read_title(request.title, request.text)
    family = set().union(*(_family_terms(f) for f in profile.families)) if profile.known else set()
    weight = np.zeros(len(table.positions), np.float64)
    for term in words | family:
        codes = table.index.get(term)
        if codes is not None:
            weight[codes] += table.idf[term] * (2.0 if term in title else 1.0)
    found = np.flatnonzero(weight > 0)
    weight[found] /= np.sqrt(table.length[found])
    if found.size > limit:
        found = found[np.argpartition(-weight[found], limit - 1)[:limit]]
    return found[np.lexsort((found, -weight[found]))]
