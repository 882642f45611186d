"""Strings close to a query by rapidfuzz's ``ratio``, found without comparing every one.

A block of many namesakes ("Jan Jansen 1" … "Jan Jansen 9999" at one company)
was searched with one :func:`rapidfuzz.process.extract` call per contact: every
contact against every name before it, n² / 2 comparisons for n names.  A
:class:`RatioNeighbours` index finds the same names through their *deletion
neighbourhoods* (the strings left after deleting characters), so that a query
costs a few hundred dictionary look-ups however many names there are.

Why it finds all of them.  ``fuzz.ratio(a, b)`` is ``100 * (1 - d / (|a| + |b|))``
with ``d`` the InDel distance, ``|a| + |b| - 2 LCS(a, b)``.  At a cutoff ``c``
the distance allowed is ``d <= s (|a| + |b|)`` with ``s = 1 - c / 100``, and as
``|b| <= |a| + d`` at most ``2 s |a| / (1 - s)`` for a query ``a``.  Let ``da``
and ``db`` be the characters that ``a`` and ``b`` lose to reach a longest common
subsequence (``da + db = d``).  The index keeps every name and the names less
one character; with ``d <= 2`` each case is a look-up:

* ``db <= 1``: ``a`` less ``da <= 2`` characters is one of the kept strings;
* ``db == 2`` (so ``da == 0``): ``a`` with one character inserted is ``b`` less
  one, and that character is one of the block's own.

When a query allows more than two edits (names of about 18 characters and
more at the resolver's cutoff of 92), :meth:`RatioNeighbours.search` says so
and the caller compares with every name, as before.  Every name found is
checked with ``fuzz.ratio`` and the same cutoff, so the result is exactly the
names ``process.extract`` returns.  This is the symmetric-deletion idea of
SymSpell (Garbe 2012) and of Bocek, Hunt and Stiller (2007).

References
----------
.. [1] T. Bocek, E. Hunt, B. Stiller, "Fast Similarity Search in Large
   Dictionaries", Technical Report ifi-2007.02, University of Zurich, 2007.
.. [2] W. Garbe, "SymSpell: 1 million times faster spelling correction", 2012.
"""

from __future__ import annotations

from rapidfuzz import fuzz, process

__all__ = ["RatioNeighbours", "distance_allowed"]

#: The most InDel edits a look-up covers; a query that allows more is answered with ``None``.
MAX_EDITS = 2


def distance_allowed(length: int, cutoff: float) -> float:
    """The largest InDel distance at which a name can reach ``cutoff`` against a query of
    ``length`` characters (see the module), with a margin for rounding.

    >>> distance_allowed(15, 92.0) < 3 <= distance_allowed(18, 92.0)
    True
    """
    share = 1.0 - cutoff / 100.0
    if share >= 1.0:
        return float("inf")
    return 2.0 * share * length / (1.0 - share) + 1e-6


def _less_one(text: str) -> set[str]:
    return {text[:i] + text[i + 1 :] for i in range(len(text))}


class RatioNeighbours:
    """Names that reach a ``fuzz.ratio`` cutoff against a query, by deletion neighbourhoods.

    Names are added in order and found by their position.

    Examples
    --------
    >>> index = RatioNeighbours()
    >>> for name in ("jan jansen 1", "jan jansen 2", "jan jansen 12", "piet puk"):
    ...     index.add(name)
    >>> index.search("jan jansen 1", 90.0)
    [0, 1, 2]
    >>> index.search("jan jansen 1", 99.0)
    [0]
    """

    __slots__ = ("keys", "_kept", "_alphabet", "_lengths")

    def __init__(self) -> None:
        self.keys: list[str] = []
        self._kept: dict[str, list[int]] = {}  # a name, or a name less one character -> names
        self._alphabet: set[str] = set()
        self._lengths: set[int] = set()

    def __len__(self) -> int:
        return len(self.keys)

    def add(self, key: str) -> None:
        position = len(self.keys)
        self.keys.append(key)
        self._alphabet.update(key)
        self._lengths.add(len(key))
        kept = self._kept
        for variant in {key} | _less_one(key):
            found = kept.get(variant)
            if found is None:
                kept[variant] = [position]
            else:
                found.append(position)

    def search(self, query: str, cutoff: float) -> list[int] | None:
        """Positions of the names whose ``fuzz.ratio`` with ``query`` is at least ``cutoff``,
        in order; ``None`` when the cutoff allows more edits than a look-up covers."""
        allowed = distance_allowed(len(query), cutoff)
        if allowed >= MAX_EDITS + 1:
            return None
        probes = {query}
        if allowed >= 1:
            probes |= _less_one(query)
        if allowed >= 2:
            probes |= {v for p in probes if len(p) == len(query) - 1 for v in _less_one(p)}
            if len(query) + 2 in self._lengths:  # a name two longer that holds the whole query
                probes |= {
                    query[:i] + c + query[i:] for i in range(len(query) + 1) for c in self._alphabet
                }
        kept = self._kept
        found: set[int] = set()
        for probe in probes:
            hits = kept.get(probe)
            if hits is not None:
                found.update(hits)
        keys = self.keys
        # Checked in one call, with the scorer and cutoff process.extract uses.
        checked = process.extract(
            query,
            {i: keys[i] for i in found},
            scorer=fuzz.ratio,
            processor=None,
            score_cutoff=cutoff,
            limit=None,
        )
        return sorted(i for _key, _score, i in checked)
