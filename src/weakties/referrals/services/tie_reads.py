"""The SQL behind the tie table: what a referral search reads of an organisation's sharing ties.

:mod:`.tie_table` never reads every tie.  It asks three things, each answered
by the database in one statement, so that the rows that cross into Python are
those the ranking can use:

* :func:`positions_in_use` — the distinct positions of the contacts in the
  sharing employees' networks (the colleagues left out), how many such
  contacts hold each, and the order in which the person table first names
  them.  One pass over the people, each probed in ``TieRank``'s person index
  (an index-only probe); the rare people whose every tie is to a colleague or
  from an employee who no longer shares are taken off afterwards.
* :func:`score_sample` — ``(job score, strength)`` of the ties of a few dozen
  sharing employees (their index), from which the table picks the bars that
  let a big position's best ties through and hold the rest back.
* :func:`ties_at` — the ties of some positions: all of them, or for each
  position only those at or above its bar on ``(job score, strength)``
  (ties not analysed, or analysed before the job score was stored, always
  come: their fit is computed in Python).  Positions held by few people are
  read person by person; positions held by a sizeable share of all contacts
  in one scan of ``TieRank`` that joins the people only for the rows above
  the lowest bar.

The facts the ranking needs of ties not (fully) analysed are read here too
(:func:`facts_reader`), as :func:`weakties.referrals.ranking.rank_ties` asks
for them.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

import numpy as np
from django.db import connection

from weakties.accounts.models import Employee, Organisation
from weakties.people.models import Person, Tie, TieRank
from weakties.referrals.ranking import NOT_ANALYSED, NOT_READ, TIER_NAMES, Facts, tier_codes

__all__ = [
    "Bar",
    "InUse",
    "TieRows",
    "facts_reader",
    "positions_in_use",
    "score_sample",
    "ties_at",
]

#: Rows fetched from the database at a time.
_FETCH = 100_000
#: Ids per ``IN (…)`` (SQLite allows 32,766 variables; stay well below).
_CHUNK = 5_000
#: Up to this many ties not analysed yet are read by id; more in one scan.
_BY_ID = 5_000
#: A bar: ties at or above ``(job score, strength)`` (compared in that order) are read.
Bar = tuple[float, float]


def _rows(sql: str, params: Sequence) -> Iterator[list[tuple]]:
    with connection.cursor() as cursor:
        cursor.execute(sql, list(params))
        while chunk := cursor.fetchmany(_FETCH):
            yield chunk


def _one_of(column: str, values: Sequence[str]) -> tuple[str, list]:
    """``column`` is one of ``values``, as SQL and its one parameter (any number of values).

    PostgreSQL takes an array; SQLite a JSON array it unpacks itself
    (``json_each``), so neither runs into a limit on parameters.
    """
    if connection.vendor == "postgresql":
        return f"{column} = ANY(%s)", [list(values)]
    return f"{column} IN (SELECT value FROM json_each(%s))", [json.dumps(list(values))]


@dataclass(frozen=True)
class InUse:
    """The positions of an organisation's sharing ties (see :func:`positions_in_use`)."""

    positions: list[str]  # in the order the person table first names them (lowest person id)
    people: np.ndarray  # int64: contacts holding each position


def _suspects(organisation: Organisation, sharing: np.ndarray) -> set[int]:
    """People with a tie to a colleague or from an employee who no longer shares: those whose
    every tie may be such (both are few; each read through an index)."""
    out = set(
        TieRank.objects.filter(organisation=organisation, colleague=True).values_list(
            "person_id", flat=True
        )
    )
    gone = sorted(
        set(Employee.objects.filter(organisation=organisation).values_list("pk", flat=True))
        - set(sharing.tolist())
    )
    for start in range(0, len(gone), _CHUNK):
        out.update(
            TieRank.objects.filter(
                organisation=organisation, employee_id__in=gone[start : start + _CHUNK]
            ).values_list("person_id", flat=True)
        )
    return out


def _without_a_sharing_tie(
    organisation: Organisation, sharing: np.ndarray, people: set[int]
) -> list[str]:
    """The positions of those of ``people`` who have no tie that counts (one per person)."""
    ids = sorted(people)
    keep = set(sharing.tolist())
    counted: set[int] = set()
    for start in range(0, len(ids), _CHUNK):
        for person, employee in TieRank.objects.filter(
            organisation=organisation, colleague=False, person_id__in=ids[start : start + _CHUNK]
        ).values_list("person_id", "employee_id"):
            if employee in keep:
                counted.add(person)
    lost = [pk for pk in ids if pk not in counted]
    out: list[str] = []
    for start in range(0, len(lost), _CHUNK):
        out.extend(
            Person.objects.filter(pk__in=lost[start : start + _CHUNK])
            .exclude(position="")
            .values_list("position", flat=True)
        )
    return out


def positions_in_use(organisation: Organisation, sharing: np.ndarray) -> InUse:
    """The distinct positions of the contacts whose ties count: a sharing employee's tie to
    someone who is not a colleague (``TieRank`` holds only sharing employees' ties, but an
    employee made inactive keeps their rows until the next directory import).

    The order is that in which a scan of the person table by id first meets
    each position (its lowest person id), which the blocking and the matching
    use to break ties between equal scores.  One pass over the people in id
    order, each probed in ``TieRank``'s person index (index only), grouped
    here: a ``GROUP BY`` would sort a million strings and probe in their
    order, which costs twice as much.
    """
    person, rank = Person._meta.db_table, TieRank._meta.db_table
    sql = (
        f"SELECT p.position, CASE WHEN EXISTS (SELECT 1 FROM {rank} r"  # noqa: S608
        " WHERE r.person_id = p.id AND r.organisation_id = %s) THEN 1 ELSE 0 END"
        f" FROM {person} p WHERE p.position <> '' ORDER BY p.id"
    )
    found: dict[str, int] = {}
    get = found.get
    for chunk in _rows(sql, [organisation.pk]):
        for position, used in chunk:
            n = get(position)
            if n is None:
                found[position] = used
            elif used:
                found[position] = n + 1
    for position in _without_a_sharing_tie(organisation, sharing, _suspects(organisation, sharing)):
        if found.get(position, 0) > 0:
            found[position] -= 1
    positions = [position for position, n in found.items() if n > 0]
    return InUse(positions=positions, people=np.array([found[p] for p in positions], np.int64))


def score_sample(organisation: Organisation, sharing: np.ndarray, *, employees: int) -> np.ndarray:
    """``(job score, strength)`` of the analysed ties of up to ``employees`` sharing employees,
    spread over them, best first (an ``(n, 2)`` array).

    Each employee's ties are one range of ``TieRank``'s employee index, so this
    costs milliseconds; the bars drawn from it only decide how much a first
    read takes (:mod:`.tie_table` reads on where they took too little).
    """
    ids = np.unique(sharing)
    if ids.size == 0 or employees <= 0:
        return np.zeros((0, 2), np.float64)
    picked = ids[np.linspace(0, ids.size - 1, min(employees, ids.size)).astype(np.int64)]
    rows = TieRank.objects.filter(
        organisation=organisation,
        employee_id__in=np.unique(picked).tolist(),
        colleague=False,
        job_score__isnull=False,
        strength__isnull=False,
    ).values_list("job_score", "strength")
    sample = np.array(list(rows), np.float64).reshape(-1, 2)
    return sample[np.lexsort((-sample[:, 1], -sample[:, 0]))]


@dataclass(frozen=True, eq=False)
class TieRows:
    """Ties as read: one entry per tie, in no order."""

    tie: np.ndarray  # int64
    person: np.ndarray  # int64
    employee: np.ndarray  # int64
    strength: np.ndarray  # float64, NaN where not analysed
    job: np.ndarray  # float64, NaN where no job score is stored
    tier: np.ndarray  # int8 tier code, or NOT_READ
    position: list[str]


def _bars_clause(positions: Sequence[str], bars: Sequence[Bar | None]) -> tuple[str, list]:
    """Each position with its bar (``None``: every tie), as one SQL condition and its parameters.

    Positions are grouped by bar, so a read at a few bars is a few
    ``IN``-lists.  A tie whose fit is computed in Python (no strength or no job
    score stored) always passes.
    """
    by_bar: dict[Bar | None, list[str]] = {}
    for position, bar in zip(positions, bars, strict=True):
        by_bar.setdefault(bar, []).append(position)
    terms = ["r.job_score IS NULL", "r.strength IS NULL"]
    params: list = []
    for bar, names in by_bar.items():
        member, values = _one_of("p.position", names)
        if bar is None:
            terms.append(member)
            params += values
        else:
            terms.append(f"({member} AND (r.job_score, r.strength) >= (%s, %s))")
            params += [*values, bar[0], bar[1]]
    return "(" + " OR ".join(terms) + ")", params


def _tier_column(tiers: bool) -> str:
    if not tiers:
        return str(NOT_READ)
    codes = " ".join(f"WHEN '{name}' THEN {code}" for code, name in enumerate(TIER_NAMES))
    return f"CASE r.tier {codes} ELSE {NOT_ANALYSED} END"


def ties_at(
    organisation: Organisation,
    positions: Sequence[str],
    bars: Sequence[Bar | None],
    *,
    by_scan: bool,
    tiers: bool,
) -> TieRows:
    """The organisation's ties to non-colleagues holding ``positions``, each position's from
    its bar down (``None``: all of them), and every tie whose fit is computed in Python.

    ``by_scan``: one scan of ``TieRank`` joining the people only for the ties
    above the lowest bar (for positions many hold); else the people holding
    the positions, each probed in ``TieRank``'s person index.  ``tiers``: read
    the stored tiers too (a ranking by strength needs them; the job ranking
    reads those it needs afterwards).
    """
    person, rank = Person._meta.db_table, TieRank._meta.db_table
    columns = (
        "r.tie_id, r.person_id, r.employee_id, COALESCE(r.strength, -1.0),"
        f" COALESCE(r.job_score, -1.0), {_tier_column(tiers)}, p.position"
    )
    member, member_params = _one_of("p.position", positions)
    barred, bar_params = _bars_clause(positions, bars)
    if by_scan:
        given = [b for b in bars if b is not None]
        lowest = min(given) if len(given) == len(bars) else None
        floor, floor_params = "", []
        if lowest is not None:
            floor = (
                " AND (r.job_score IS NULL OR r.strength IS NULL"
                " OR (r.job_score, r.strength) >= (%s, %s))"
            )
            floor_params = [lowest[0], lowest[1]]
        sql = (
            f"SELECT {columns} FROM {rank} r CROSS JOIN {person} p"  # noqa: S608 - our names
            f" WHERE r.organisation_id = %s AND r.colleague = %s{floor}"
            f" AND p.id = r.person_id AND {member} AND {barred}"
        )
        params = [organisation.pk, False, *floor_params, *member_params, *bar_params]
    else:
        sql = (
            f"SELECT {columns} FROM {person} p CROSS JOIN {rank} r"  # noqa: S608 - our names
            f" WHERE {member} AND r.person_id = p.id AND r.organisation_id = %s"
            f" AND r.colleague = %s AND {barred}"
        )
        params = [*member_params, organisation.pk, False, *bar_params]
    numbers: list[np.ndarray] = []
    names: list[str] = []
    for chunk in _rows(sql, params):
        numbers.append(np.array([row[:6] for row in chunk], np.float64))
        names.extend(row[6] for row in chunk)
    rows = np.concatenate(numbers) if numbers else np.zeros((0, 6), np.float64)
    strength, job = rows[:, 3].copy(), rows[:, 4].copy()
    strength[strength < 0] = np.nan
    job[job < 0] = np.nan
    return TieRows(
        tie=rows[:, 0].astype(np.int64),
        person=rows[:, 1].astype(np.int64),
        employee=rows[:, 2].astype(np.int64),
        strength=strength,
        job=job,
        tier=rows[:, 5].astype(np.int8),
        position=names,
    )


def _analysed_facts(organisation: Organisation) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``(tie ids sorted, tier codes, mutual connections)`` of the analysed ties without a job
    score: a database analysed before the job score was stored, until the next analysis.

    One plain scan (asking for them by id cost ten times more).
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
    analysed yet: by id for a few, else in one plain scan of the organisation's (by id, the
    queries cost more than the rows)."""
    found: dict[int, _Fresh] = {}
    if len(ids) <= _BY_ID:
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


def facts_reader(
    organisation: Organisation,
) -> Callable[[np.ndarray, np.ndarray], Callable[[np.ndarray], Facts]]:
    """``facts_for(tie, strength)``: what :func:`~weakties.referrals.ranking.rank_ties` needs of
    the ties not (fully) analysed among ``tie``: the stored tier and mutual connections of
    analysed ties without a job score, and the date and sources of ties not analysed yet.

    The analysed ties without a job score are read once per reader, however
    many reads ask.
    """
    cache: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []

    def analysed() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        if not cache:
            cache.append(_analysed_facts(organisation))
        return cache[0]

    def facts_for(tie: np.ndarray, strength: np.ndarray) -> Callable[[np.ndarray], Facts]:
        def read(rows: np.ndarray) -> Facts:
            n = rows.size
            tier = np.full(n, NOT_ANALYSED, np.int8)
            mutual = np.zeros(n, np.float64)
            connected: list[dt.date | None] = [None] * n
            sources = [1] * n
            measured = np.isfinite(strength[rows])
            at = np.flatnonzero(measured)
            if at.size:
                ids, codes, counts = analysed()
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

    return facts_for
