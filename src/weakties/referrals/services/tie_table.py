"""An organisation's sharing ties for referral searches: positions first, ties as the ranking asks.

Finding referral candidates asks, for every vacancy, which contacts in the
colleagues' networks hold a fitting position, and which colleague's tie to
them fits the purpose "job" best.  A vacancy's words match positions nobody
can list ahead, and only a position's best few ties can ever be shown, so the
table is read in two steps (:mod:`.tie_reads` holds the SQL):

1. :func:`tie_table_load` reads the distinct positions of the contacts whose
   ties count (a sharing employee's tie to someone who is not a colleague),
   how many contacts hold each, and builds an inverted index from the
   matching engine's index terms (Dutch and English stems, compound parts;
   :func:`weakties.matching.text.terms`) to the positions holding them, with
   each term's idf.  No tie is read yet.
2. :func:`block` picks, for a vacancy, the few hundred positions worth
   scoring: those sharing a term with the vacancy's title or description, or
   with a label of an occupation in the vacancy's occupation family ("Python
   developer" finds "softwareontwikkelaar"), best first by summed idf over the
   position's length.  Only these go to the matching engine, and only the
   best of those have their ties read: :meth:`TieTable.read`.

Within a position the ties come best first for the purpose, as the
introductions search ranks them (:mod:`weakties.referrals.ranking`: for a job,
the job score the analysis stored, then strength, then the older tie), and a
ranking only ever reads the head of each position (:func:`~.candidates._rank`).
So :meth:`TieTable.read` reads, per position, its best ties down to a bar on
``(job score, strength)`` chosen from a sample of the scores so that about
:data:`READ_AHEAD` times the depth asked for comes back; a position held by
fewer people is read whole.  What is read is always an exact head: every tie
above the bar, in the full order, and nothing unread ranks before it.  Where a
ranking asks deeper than a head reaches, the position is read again with a
lower bar, down to all of it.  Ties not analysed yet (or analysed before the
job score was stored) are always read with their position: their fit is
computed in Python from the provisional strength.

Only active, consenting employees' ties count: ``TieRank`` holds no others
(:mod:`weakties.people.services.tie_ranks`), and the rows read are checked
again against :func:`~weakties.people.services.consent.sharing_employees`.
Colleagues (people who are employees of the organisation) are left out.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache

import numpy as np

from weakties.accounts.models import Organisation
from weakties.matching import Request
from weakties.matching.catalogue import occupations
from weakties.matching.taxonomy import read_title
from weakties.matching.text import WORD, fold, terms, tokens, word_terms
from weakties.network.paths import JOB_PURPOSES
from weakties.people.models import TieRank
from weakties.people.services.consent import sharing_employees
from weakties.referrals.ranking import NOT_READ, rank_ties, tier_codes, tier_names
from weakties.referrals.services import tie_reads
from weakties.referrals.services.tie_reads import Bar

__all__ = [
    "MAX_POSITIONS",
    "READ_AHEAD",
    "TieTable",
    "block",
    "ranges",
    "tie_table_load",
    "tiers_of",
]

#: Distinct positions the matching engine scores per vacancy (the best by shared terms).
MAX_POSITIONS = 400
#: A first read of a position aims at this many times the depth asked for.
READ_AHEAD = 4
#: Sharing employees whose ties give the sample the bars are drawn from.
SAMPLE_EMPLOYEES = 64
#: A position held by at least this share of all contacts is read in a scan of the ties
#: (with the others as big) rather than person by person, when such positions together
#: hold at least :data:`SCAN_SHARE_TOTAL` of them.
SCAN_SHARE = 1 / 64
SCAN_SHARE_TOTAL = 1 / 8
#: Ids per ``IN (…)`` (SQLite allows 32,766 variables; stay well below).
_CHUNK = 5_000


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


@dataclass(eq=False)
class TieTable:
    """One organisation's positions in use, and the heads of their ties read so far.

    Rows ``lo[p] … hi[p] - 1`` of the tie arrays are position ``p``'s best
    ties in ranking order (an exact head: nothing unread ranks before them),
    all of them where ``complete[p]``; ``lo[p]`` is -1 until the position is
    read.  Rows are only ever added (a position read again points at its new
    rows), so an index into the arrays stays valid.
    """

    organisation: Organisation
    positions: list[str]
    people: np.ndarray  # int64: contacts holding each position
    purpose: str
    today: dt.date
    index: dict[str, np.ndarray]  # term -> position codes (int32)
    idf: dict[str, float]
    length: np.ndarray  # float64: each position's number of distinct words (at least 1)
    sharing: np.ndarray  # int64: the sharing employees
    lo: np.ndarray = field(init=False)
    hi: np.ndarray = field(init=False)
    complete: np.ndarray = field(init=False)
    level: np.ndarray = field(init=False)  # the bar each position was last read at (0: none)
    tie: np.ndarray = field(init=False)  # int64 tie ids
    person: np.ndarray = field(init=False)  # int64
    employee: np.ndarray = field(init=False)  # int64
    strength: np.ndarray = field(init=False)  # float64: the last analysis's, else provisional
    tier: np.ndarray = field(init=False)  # int8: code of TIER_NAMES (or NOT_READ)
    fit: np.ndarray = field(init=False)  # float64: how well each tie fits ``purpose``
    _bars: list[Bar] | None = field(init=False, default=None)
    _facts: object = field(init=False, default=None)

    def __post_init__(self) -> None:
        n = len(self.positions)
        self.lo = np.full(n, -1, np.int64)
        self.hi = np.full(n, -1, np.int64)
        self.complete = np.zeros(n, bool)
        self.level = np.full(n, -1, np.int64)
        self.tie = np.zeros(0, np.int64)
        self.person = np.zeros(0, np.int64)
        self.employee = np.zeros(0, np.int64)
        self.strength = np.zeros(0, np.float64)
        self.tier = np.zeros(0, np.int8)
        self.fit = np.zeros(0, np.float64)
        self._code = {position: code for code, position in enumerate(self.positions)}

    @property
    def organisation_id(self) -> int:
        return self.organisation.pk

    def __len__(self) -> int:
        """The ties read so far."""
        return int(self.tie.size)

    @property
    def contacts(self) -> int:
        """The contacts with a position in all (each counted once per position)."""
        return int(self.people.sum())

    def read(self, codes: Sequence[int] | np.ndarray, depth: int | None = None) -> None:
        """Make sure each of ``codes`` has its best ``depth`` ties and one more read, or all of
        them (``depth`` None: all of them).

        A first read aims at :data:`READ_AHEAD` × ``depth`` ties; a position
        whose head falls short is read again at a bar four times lower, and so
        on down to the whole position.  Each round is one statement per way of
        reading (:func:`.tie_reads.ties_at`).
        """
        todo = np.unique(np.asarray(codes, np.int64))
        while todo.size:
            enough = self.complete[todo].copy()
            if depth is not None:
                enough |= (self.lo[todo] >= 0) & (self.hi[todo] - self.lo[todo] > depth)
            todo = todo[~enough]
            if todo.size:
                self._read(todo, self._levels(todo, depth))

    def _levels(self, codes: np.ndarray, depth: int | None) -> np.ndarray:
        """The bar each position is read at next: level ``k`` lets through about ``2**-k`` of the
        ties; 0 reads them all."""
        if depth is None or self.purpose not in JOB_PURPOSES:
            return np.zeros(codes.size, np.int64)
        bars = self._sample_bars()
        want = READ_AHEAD * (depth + 1)
        people = np.maximum(self.people[codes], 1).astype(np.float64)
        # Every contact has a tie at least: a position holds at least as many ties as people.
        level = np.floor(np.log2(np.maximum(people / want, 1.0))).astype(np.int64)
        level = np.minimum(level, len(bars))
        before = self.level[codes]
        again = before >= 0
        level[again] = np.maximum(np.minimum(level[again], before[again] - 2), 0)
        return level

    def _sample_bars(self) -> list[Bar]:
        """``bars[k - 1]``: the bar of level ``k``, the score at the ``2**-k`` quantile of the
        sample, best first (drawn once; none without analysed ties)."""
        if self._bars is None:
            sample = tie_reads.score_sample(
                self.organisation, self.sharing, employees=SAMPLE_EMPLOYEES
            )
            n = sample.shape[0]
            self._bars = [
                (float(sample[(n >> k) - 1, 0]), float(sample[(n >> k) - 1, 1]))
                for k in range(1, n.bit_length())
            ]
        return self._bars

    def _by_scan(self, codes: np.ndarray) -> np.ndarray:
        """Which positions to read in a scan of the ties: those many people hold, when such
        positions hold a sizeable share of everyone."""
        total = max(self.contacts, 1)
        big = self.people[codes] >= SCAN_SHARE * total
        if self.people[codes][big].sum() < SCAN_SHARE_TOTAL * total:
            big[:] = False
        return big

    def _read(self, codes: np.ndarray, levels: np.ndarray) -> None:
        bars = self._sample_bars() if levels.any() else []
        bar_of: list[Bar | None] = [bars[k - 1] if k > 0 else None for k in levels.tolist()]
        scan = self._by_scan(codes)
        tiers = self.purpose not in JOB_PURPOSES
        parts = []
        for way in (True, False):
            at = np.flatnonzero(scan == way)
            if at.size:
                parts.append(
                    tie_reads.ties_at(
                        self.organisation,
                        [self.positions[c] for c in codes[at].tolist()],
                        [bar_of[k] for k in at.tolist()],
                        by_scan=way,
                        tiers=tiers,
                    )
                )
        self._add(codes, levels, bar_of, parts)

    def _add(
        self,
        codes: np.ndarray,
        levels: np.ndarray,
        bar_of: list[Bar | None],
        parts: list[tie_reads.TieRows],
    ) -> None:
        """Rank the ties read, keep each position's exact head and point the positions at it."""
        tie = np.concatenate([p.tie for p in parts]) if parts else np.zeros(0, np.int64)
        person = np.concatenate([p.person for p in parts]) if parts else np.zeros(0, np.int64)
        employee = np.concatenate([p.employee for p in parts]) if parts else np.zeros(0, np.int64)
        strength = np.concatenate([p.strength for p in parts]) if parts else np.zeros(0)
        job = np.concatenate([p.job for p in parts]) if parts else np.zeros(0)
        tier = np.concatenate([p.tier for p in parts]) if parts else np.zeros(0, np.int8)
        code = np.array([self._code.get(name, -1) for p in parts for name in p.position], np.int64)
        wanted = np.zeros(len(self.positions) + 1, bool)
        wanted[codes] = True
        keep = wanted[code] & np.isin(employee, self.sharing)
        tie, person, employee, code = tie[keep], person[keep], employee[keep], code[keep]
        strength, job, tier = strength[keep], job[keep], tier[keep]
        if self._facts is None:
            self._facts = tie_reads.facts_reader(self.organisation)
        ranked = rank_ties(
            purpose=self.purpose,
            strength=strength,
            tier=tier,
            job=job,
            facts=self._facts(tie, strength),  # type: ignore[operator]
            organisation=self.organisation,
            today=self.today,
        )
        order = np.lexsort((tie, -ranked.strength, -ranked.fit, code))
        code, fit, shown = code[order], ranked.fit[order], ranked.strength[order]
        # Each position's head: its ties at or above its bar (all of them without one).
        bar_j = np.full(len(self.positions), -np.inf)
        bar_s = np.full(len(self.positions), -np.inf)
        for c, bar in zip(codes.tolist(), bar_of, strict=True):
            if bar is not None:
                bar_j[c], bar_s[c] = bar
        head = (fit > bar_j[code]) | ((fit == bar_j[code]) & (shown >= bar_s[code]))
        order, code = order[head], code[head]
        base = self.tie.size
        self.tie = np.concatenate((self.tie, tie[order]))
        self.person = np.concatenate((self.person, person[order]))
        self.employee = np.concatenate((self.employee, employee[order]))
        self.strength = np.concatenate((self.strength, ranked.strength[order]))
        self.tier = np.concatenate((self.tier, ranked.tier[order]))
        self.fit = np.concatenate((self.fit, ranked.fit[order]))
        self.lo[codes] = base + np.searchsorted(code, codes, side="left")
        self.hi[codes] = base + np.searchsorted(code, codes, side="right")
        self.complete[codes] = levels == 0
        self.level[codes] = levels


def tiers_of(table: TieTable, at: Sequence[int]) -> list[str]:
    """The tiers of some rows of the table as shown ("unknown" for a tie not analysed).

    Those the read did not take (:data:`~weakties.referrals.ranking.NOT_READ`)
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


#: An index term of :func:`weakties.matching.text.tokens`, or the line break between positions.
_WORD_OR_BREAK = re.compile(WORD.pattern + "|\n")


def _words(positions: list[str]) -> tuple[list[str], np.ndarray, np.ndarray] | None:
    """``(words, word, code)``: the distinct words of all positions, and each pair of a word
    and a position holding it (sorted by word, then position), as
    :func:`~weakties.matching.text.tokens` splits them.

    All positions are folded and split in one go, with a line break between
    two (a word never spans one), instead of one call per position: a third
    of the cost at 300,000 positions.  ``None`` where a position holds a line
    break itself.
    """
    n = len(positions)
    text = "\n".join([p.lower() if p.isascii() else fold(p) for p in positions])
    found = _WORD_OR_BREAK.findall(text)
    vocabulary = list(dict.fromkeys(["\n", *found]))  # first seen first, the break at 0
    number = {w: k for k, w in enumerate(vocabulary)}
    ids = np.fromiter(map(number.__getitem__, found), np.int64, len(found))
    breaks = ids == 0
    if int(breaks.sum()) != n - 1:
        return None
    pairs = np.sort(ids[~breaks] * n + np.cumsum(breaks)[~breaks])
    pairs = pairs[np.concatenate(([True], pairs[1:] != pairs[:-1]))] if pairs.size else pairs
    return vocabulary, pairs // n, (pairs % n).astype(np.int32)


def _index(
    positions: list[str],
) -> tuple[dict[str, np.ndarray], dict[str, float], np.ndarray]:
    """Term → position codes, each term's idf, and each position's number of words.

    Positions are split into words first (:func:`_words`), and each distinct
    word into its terms (stems, compound parts) once: many positions share
    their words.
    """
    n = len(positions)
    split = _words(positions) if n else None
    if split is None:
        return _index_each(positions)
    vocabulary, word, code = split
    length = np.maximum(np.bincount(code, minlength=n), 1).astype(np.float64)
    bounds = np.searchsorted(word, np.arange(len(vocabulary) + 1)).tolist()
    postings: dict[str, list[np.ndarray]] = {}
    for w in range(1, len(vocabulary)):
        if bounds[w] < bounds[w + 1]:
            for term in set(word_terms(vocabulary[w])):
                postings.setdefault(term, []).append(code[bounds[w] : bounds[w + 1]])
    return _postings(postings, n, length)


def _index_each(
    positions: list[str],
) -> tuple[dict[str, np.ndarray], dict[str, float], np.ndarray]:
    """:func:`_index` one position at a time (for positions holding a line break)."""
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
    return _postings(postings, len(positions), length)


def _postings(
    postings: dict[str, list[np.ndarray]], n: int, length: np.ndarray
) -> tuple[dict[str, np.ndarray], dict[str, float], np.ndarray]:
    index = {
        term: np.unique(np.concatenate(parts)) if len(parts) > 1 else parts[0]
        for term, parts in postings.items()
    }
    total = max(n, 1)
    idf = {term: math.log(1.0 + total / len(codes)) for term, codes in index.items()}
    return index, idf, length


def tie_table_load(
    *, organisation: Organisation, purpose: str = "job", today: dt.date | None = None
) -> TieTable:
    """The organisation's positions in use and their index, ready to read ties from.

    Each tie's fit for ``purpose`` will be the introductions search's
    (:func:`weakties.referrals.ranking.rank_ties`: for a job, the job score
    stored by the analysis).  Within each position the ties come best first:
    by fit, then strength, then the older tie.
    """
    sharing = np.fromiter(
        sharing_employees(organisation=organisation).values_list("pk", flat=True), np.int64
    )
    in_use = tie_reads.positions_in_use(organisation, sharing)
    index, idf, length = _index(in_use.positions)
    return TieTable(
        organisation=organisation,
        positions=in_use.positions,
        people=in_use.people,
        purpose=purpose,
        today=today or dt.date.today(),
        index=index,
        idf=idf,
        length=length,
        sharing=sharing,
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
