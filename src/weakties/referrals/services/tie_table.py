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
  ``p``'s), each with its person, employee, strength and tier (the last
  analysis', or the provisional ones for ties imported since) and fit for the
  purpose, all as the introductions search computes them
  (:mod:`weakties.referrals.ranking`: for a job, the job score the analysis
  stored); within a position the best fit comes first, so the ranking reads
  only the head of each range;
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
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache

import numpy as np
from django.db import connection

from weakties.accounts.models import Organisation
from weakties.matching import Request
from weakties.matching.catalogue import occupations
from weakties.matching.taxonomy import read_title
from weakties.matching.text import terms, tokens, word_terms
from weakties.network.paths import JOB_PURPOSES
from weakties.people.models import Person, Tie, TieRank
from weakties.people.services.consent import sharing_employees
from weakties.referrals.ranking import (
    NOT_ANALYSED,
    NOT_READ,
    TIER_NAMES,
    Facts,
    rank_ties,
    tier_codes,
    tier_names,
)

__all__ = ["MAX_POSITIONS", "TieTable", "block", "ranges", "tie_table_load", "tiers_of"]

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
    strength: np.ndarray  # float64 in [0, 1]: the last analysis's, else provisional
    tier: np.ndarray  # int8: code of :data:`weakties.referrals.ranking.TIER_NAMES` (or NOT_READ)
    fit: np.ndarray  # float64: how well each tie fits ``purpose`` (job: the job score)
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


def _ranks(organisation: Organisation, *, tiers: bool) -> tuple[np.ndarray, ...]:
    """``(tie, person, employee, strength, job score, tier code)`` of the organisation's
    sharing ties to non-colleagues.

    Strength and job score are NaN where the tie has not been analysed (or,
    for the job score, was analysed before it was stored).  The tier is a
    code of :data:`weakties.referrals.ranking.TIER_NAMES` (-1: not analysed)
    when ``tiers``; else :data:`~weakties.referrals.ranking.NOT_READ` (the
    job ranking needs no tier where the job score is stored: the few shown
    are read afterwards, :func:`tiers_of`, and the ranking reads those of
    ties without a job score; comparing every tier's text cost a fifth more
    of the scan).  Each chunk of rows becomes one float array in one call
    (every column is a number, ids below 2**53 are exact), which costs a
    fraction of building columns per row.
    """
    table = TieRank._meta.db_table
    codes = " ".join(f"WHEN '{name}' THEN {code}" for code, name in enumerate(TIER_NAMES))
    tier = f"CASE tier {codes} ELSE {NOT_ANALYSED} END" if tiers else str(NOT_READ)
    sql = (
        "SELECT tie_id, person_id, employee_id, COALESCE(strength, -1.0),"  # noqa: S608 - our names
        f" COALESCE(job_score, -1.0), {tier} FROM {table}"
        " WHERE organisation_id = %s AND colleague = %s"
    )
    parts = [np.array(chunk, np.float64) for chunk in _rows(sql, [organisation.pk, False])]
    rows = np.concatenate(parts) if parts else np.zeros((0, 6), np.float64)
    strength = rows[:, 3].copy()
    strength[strength < 0] = np.nan
    job = rows[:, 4].copy()
    job[job < 0] = np.nan
    return (
        rows[:, 0].astype(np.int64),
        rows[:, 1].astype(np.int64),
        rows[:, 2].astype(np.int64),
        strength,
        job,
        rows[:, 5].astype(np.int8),
    )


def tiers_of(table: TieTable, at: Sequence[int]) -> list[str]:
    """The tiers of some rows of the table as shown ("unknown" for a tie not analysed).

    Those the load did not read (:data:`~weakties.referrals.ranking.NOT_READ`)
    are read now, by tie id: only the suggestions kept need theirs.
    """
    codes = table.tier[list(at)].copy()
    missing = np.flatnonzero(codes == NOT_READ)
    if missing.size:
        ids = table.tie[np.asarray(at, np.int64)[missing]].tolist()
        stored: dict[int, str] = {}
        for start in range(0, len(ids), _CHUNK):
            stored.update(
                TieRank.objects.filter(tie_id__in=ids[start : start + _CHUNK]).values_list(
                    "tie_id", "tier"
                )
            )
        codes[missing] = tier_codes([stored.get(pk, "") for pk in ids])
    return tier_names(codes)


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


def _analysed_facts(organisation: Organisation) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``(tie ids sorted, tier codes, mutual connections)`` of the analysed ties without a job
    score: a database analysed before the job score was stored, until the next analysis.

    One plain scan, as :func:`_ranks` (asking for them by id cost ten times more).
    """
    table = TieRank._meta.db_table
    codes = " ".join(f"WHEN '{name}' THEN {code}" for code, name in enumerate(TIER_NAMES))
    sql = (
        f"SELECT tie_id, CASE tier {codes} ELSE {NOT_ANALYSED} END,"  # noqa: S608 - our names
        f" COALESCE(mutual_connections, 0) FROM {table}"
        " WHERE organisation_id = %s AND colleague = %s"
        " AND strength IS NOT NULL AND job_score IS NULL"
    )
    parts = [np.array(chunk, np.float64) for chunk in _rows(sql, [organisation.pk, False])]
    rows = np.concatenate(parts) if parts else np.zeros((0, 3), np.float64)
    rows = rows[np.argsort(rows[:, 0], kind="stable")]
    return rows[:, 0].astype(np.int64), rows[:, 1].astype(np.int8), rows[:, 2]


_Fresh = tuple[str, "int | None", "dt.date | None", int]


def _fresh_facts(organisation: Organisation, ids: list[int]) -> dict[int, _Fresh]:
    """``tie id → (tier, mutual connections, date connected, number of sources)`` of ties not
    analysed yet: by id for a few, else in one plain scan of the organisation's (as
    :func:`_ranks`; by id, the queries cost more than the rows)."""
    found: dict[int, _Fresh] = {}
    if len(ids) <= _CHUNK:
        for pk, stored, m, on, src in TieRank.objects.filter(tie_id__in=ids).values_list(
            "tie_id", "tier", "mutual_connections", "tie__connected_on", "tie__sources"
        ):
            found[pk] = (stored, m, on, len(src or ()))
        return found
    rank, tie = TieRank._meta.db_table, Tie._meta.db_table
    length = "jsonb_array_length" if connection.vendor == "postgresql" else "json_array_length"
    sql = (
        f"SELECT r.tie_id, r.tier, r.mutual_connections, t.connected_on,"  # noqa: S608 - our names
        f" COALESCE({length}(t.sources), 0) FROM {rank} r JOIN {tie} t ON t.id = r.tie_id"
        " WHERE r.organisation_id = %s AND r.colleague = %s AND r.strength IS NULL"
    )
    for chunk in _rows(sql, [organisation.pk, False]):
        for pk, stored, m, on, count in chunk:
            if isinstance(on, str):  # SQLite hands raw SQL its ISO text
                on = dt.date.fromisoformat(on)
            found[pk] = (stored, m, on, int(count))
    return found


def _facts(
    organisation: Organisation, tie: np.ndarray, strength: np.ndarray
) -> Callable[[np.ndarray], Facts]:
    """What :func:`~weakties.referrals.ranking.rank_ties` needs of ties not (fully) analysed:
    the stored tier and mutual connections of analysed ties without a job score, and the date
    and sources of ties not analysed yet."""

    def read(rows: np.ndarray) -> Facts:
        n = rows.size
        tier = np.full(n, NOT_ANALYSED, np.int8)
        mutual = np.zeros(n, np.float64)
        connected: list[dt.date | None] = [None] * n
        sources = [1] * n
        measured = np.isfinite(strength[rows])
        at = np.flatnonzero(measured)
        if at.size:
            ids, codes, counts = _analysed_facts(organisation)
            want = tie[rows[at]]
            pos = np.minimum(np.searchsorted(ids, want), max(ids.size - 1, 0))
            ok = (ids[pos] == want) if ids.size else np.zeros(at.size, bool)
            tier[at[ok]] = codes[pos[ok]]
            mutual[at[ok]] = counts[pos[ok]]
        fresh = np.flatnonzero(~measured)
        ids_fresh = tie[rows[fresh]].tolist()
        found = _fresh_facts(organisation, ids_fresh)
        facts = [found.get(pk, ("", None, None, 1)) for pk in ids_fresh]
        tier[fresh] = tier_codes([f[0] for f in facts])
        mutual[fresh] = [f[1] or 0 for f in facts]
        for k, f in zip(fresh.tolist(), facts, strict=True):
            connected[k], sources[k] = f[2], f[3]
        return Facts(tier=tier, mutual=mutual, connected_on=connected, sources=sources)

    return read


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

    Each tie's fit for ``purpose`` is the introductions search's
    (:func:`weakties.referrals.ranking.rank_ties`: for a job, the job score
    stored by the analysis).  Within each position the ties come best first:
    by fit, then strength, then the older tie.  So a position's best ties
    for any vacancy are the first few of its range.
    """
    tie, person, employee, strength, job, tier = _ranks(
        organisation, tiers=purpose not in JOB_PURPOSES
    )
    sharing = np.fromiter(
        sharing_employees(organisation=organisation).values_list("pk", flat=True), np.int64
    )
    keep = np.isin(employee, sharing)
    positions, code = _positions(person[keep])
    tie, person, employee = tie[keep], person[keep], employee[keep]
    strength, job, tier = strength[keep], job[keep], tier[keep]
    has = code >= 0
    # Only the positions these ties use, numbered anew.
    used, code = np.unique(code[has], return_inverse=True)
    positions = [positions[c] for c in used.tolist()]
    code = code.astype(np.int32).ravel()
    tie, person, employee = tie[has], person[has], employee[has]
    ranked = rank_ties(
        purpose=purpose,
        strength=strength[has],
        tier=tier[has],
        job=job[has],
        facts=_facts(organisation, tie, strength[has]),
        organisation=organisation,
        today=today or dt.date.today(),
    )
    order = np.lexsort((tie, -ranked.strength, -ranked.fit, code))
    start = np.searchsorted(code[order], np.arange(len(positions) + 1)).astype(np.int64)
    index, idf, length = _index(positions)
    return TieTable(
        organisation_id=organisation.pk,
        positions=positions,
        start=start,
        tie=tie[order],
        person=person[order],
        employee=employee[order],
        strength=ranked.strength[order],
        tier=ranked.tier[order],
        fit=ranked.fit[order],
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
