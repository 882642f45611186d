"""The referral search as it was before the tie table read heads (frozen): every tie, one scan.

The reference that :mod:`tests.referrals.test_tie_heads` compares the tie
table with: commit 42ac5fe's ``referrals/services/tie_table.py`` (the whole
table read into arrays) and ``candidates.py``'s ranking over it, copied as
they were (but for an ORDER BY, see ``_positions``), so that a change to the
reads can never move the reference with it.
The blocking, the matching engine and ``rank_ties`` are shared: they did not
change.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

import numpy as np
from django.db import connection

from weakties.accounts.models import Organisation
from weakties.matching.engine import Matcher
from weakties.matching.records import Request
from weakties.matching.text import tokens, word_terms
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
from weakties.referrals.services.candidates import MIN_MATCH, TOP_POSITIONS, Found, as_request
from weakties.referrals.services.tie_table import block, ranges

_FETCH = 100_000
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
    # "ORDER BY id" is the one change: SQLite scanned by id anyway; PostgreSQL handed the rows
    # in the order they lay on disk, and the old code took that order as it came.
    sql = f"SELECT id, position FROM {table} WHERE position <> '' AND id <= %s ORDER BY id"  # noqa: S608
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


def _contacts(table: TieTable, codes: np.ndarray) -> list[Request]:
    """Distinct positions as the engine's supply: one "candidate" request per position."""
    return [
        Request(id=int(c), org="contacts", kind="candidate", title=table.positions[c])
        for c in codes.tolist()
    ]


def _position_scores(
    table: TieTable, matcher: Matcher, requests: list[Request]
) -> dict[int, tuple[np.ndarray, np.ndarray]]:
    """Per vacancy id, the best-matching positions: ``(codes, match scores)``, best first.

    The positions blocked for any of the vacancies are scored against all of
    them in one go (one :class:`~weakties.matching.Matcher` for the batch);
    each vacancy keeps its best :data:`TOP_POSITIONS` scoring at least
    :data:`MIN_MATCH`.
    """
    blocked = [block(table, r) for r in requests]
    union = np.unique(np.concatenate(blocked)) if blocked else np.zeros(0, np.int64)
    out: dict[int, tuple[np.ndarray, np.ndarray]] = {
        r.id: (np.zeros(0, np.int64), np.zeros(0)) for r in requests
    }
    if union.size == 0:
        return out
    rows, cols, scores = matcher.top_pairs(
        _contacts(table, union), top_k=len(requests), min_score=MIN_MATCH
    )
    order = np.lexsort((union[rows], -scores, cols))  # per vacancy, best first
    rows, cols, scores = rows[order], cols[order], scores[order]
    bounds = np.searchsorted(cols, np.arange(len(matcher.demand) + 1))
    for j, request in enumerate(matcher.demand):
        lo, hi = bounds[j], min(bounds[j + 1], bounds[j] + TOP_POSITIONS)
        out[request.id] = (union[rows[lo:hi]], scores[lo:hi].astype(np.float64))
    return out


def _rank(
    table: TieTable, codes: np.ndarray, matches: np.ndarray, limit: int
) -> list[tuple[int, float, float]]:
    """``(tie index, score, match)`` of the best tie per contact, best first.

    Each position's ties are stored best first for the purpose, so only the
    first few of each need scoring: a tie further down a position's range
    scores at most that position's match times the fit of the last tie
    taken.  The look widens until the ``limit``-th contact scores at least
    that much for every position not read to its end (then nothing unread
    can beat it), or every range is read.
    """
    if codes.size == 0:
        return []
    ends = table.start[codes + 1]
    take = limit * 4
    while True:
        lo = table.start[codes]
        hi = np.minimum(ends, lo + take)
        idx = ranges(lo, hi)
        match = np.repeat(matches, hi - lo)
        score = match * table.fit[idx]
        order = np.lexsort((table.tie[idx], -table.strength[idx], -score))
        _unique, first = np.unique(table.person[idx[order]], return_index=True)
        chosen = order[np.sort(first)][:limit]
        open_ = hi < ends
        if not open_.any():
            break
        bound = float((matches[open_] * table.fit[hi[open_] - 1]).max())
        if chosen.size >= limit and float(score[chosen[-1]]) >= bound:
            break
        take *= 4
    return [(int(idx[k]), float(score[k]), float(match[k])) for k in chosen.tolist()]


def _found(
    table: TieTable, ranked: list[tuple[int, float, float]], tiers: dict[int, str]
) -> list[Found]:
    return [
        Found(
            tie=int(table.tie[k]),
            person=int(table.person[k]),
            employee=int(table.employee[k]),
            score=round(score, 4),
            match=round(match, 4),
            strength=round(float(table.strength[k]), 4),
            tier=tiers[k],
        )
        for k, score, match in ranked
    ]


def reference_candidates(
    organisation: Organisation, vacancies: Sequence, *, limit: int, today: dt.date
) -> tuple[TieTable, dict[int, list[Found]]]:
    """The old ``candidates_find_many`` over the old full table."""
    table = tie_table_load(organisation=organisation, today=today)
    requests = [as_request(v) for v in vacancies]
    scored = _position_scores(table, Matcher(requests), requests)
    ranked = {pk: _rank(table, codes, matches, limit) for pk, (codes, matches) in scored.items()}
    kept = sorted({k for rows in ranked.values() for k, _score, _match in rows})
    tiers = dict(zip(kept, tiers_of(table, kept), strict=True))
    return table, {pk: _found(table, rows, tiers) for pk, rows in ranked.items()}
