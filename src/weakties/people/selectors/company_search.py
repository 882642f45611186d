"""The companies a searched name means: exactly, by the start of their name, or alike.

"Who knows someone at X" and "who can introduce me to X" start here: :func:`company_id`
(one index look-up, on every search), :func:`companies_matching` (a prefix, then names
alike when nothing matched exactly) and :func:`company_suggestions` (a search box that
completes as one types).
"""

from __future__ import annotations

import threading

from django.db import connection

from weakties.core.prepared import fetch_one

from .tables import quoted_tables

__all__ = [
    "MATCHED_COMPANIES",
    "SIMILAR",
    "companies_matching",
    "company_id",
    "company_suggestions",
]


def company_id(name: str) -> int | None:
    """The company a searched name stands for exactly ("Stripe, Inc." = "Stripe"), or ``None``.

    One look-up in the unique index on the normalised key, in plain SQL: this
    runs on every search (issue 9).
    """

    found = _exact_company(name)
    return None if found is None else found[0]


def _exact_company(name: str) -> tuple[int, str] | None:
    """``(id, name)`` of the company a name stands for exactly: one index look-up."""
    from weakties.resolve import company_key

    key = company_key(name)
    if not key:
        return None
    row = fetch_one(f"SELECT id, name FROM {quoted_tables()['company']} WHERE key = %s", [key])
    return None if row is None else (int(row[0]), str(row[1]))


#: Companies a search that names none exactly looks in at most.
MATCHED_COMPANIES = 5
#: How alike (0-100, rapidfuzz ``WRatio``) a company's name must be to a misspelt search.
SIMILAR = 80


def companies_matching(name: str, *, limit: int = MATCHED_COMPANIES) -> list[tuple[int, str]]:
    """The companies a searched name means, best first: ``[(id, name)]``.

    1. the exact company ("Stripe, Inc." = "stripe"), alone;
    2. else the companies whose normalised name starts with it ("Rabo" →
       Rabobank, "Booking" → Booking.com), shortest first;
    3. else the names most alike (a typo: "Stirpe"), scored with rapidfuzz
       over every company name, kept in memory (:class:`_Names`).

    Only the exact look-up runs on the hot path; the others run when it
    found nothing.
    """
    exact = _exact_company(name)
    if exact is not None:
        return [exact]
    from weakties.resolve import company_key

    key = company_key(name)
    if not key:
        return []
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT id, name FROM {quoted_tables()['company']} WHERE key LIKE %s ESCAPE '!'"
            " ORDER BY length(key), key LIMIT %s",
            [_like_prefix(key), limit],
        )
        rows = [(int(i), str(n)) for i, n in cursor.fetchall()]
    return rows or _NAMES.similar(key, limit=limit)


def company_suggestions(text: str, *, limit: int = 8) -> list[tuple[int, str]]:
    """Companies for a search box that completes as one types: ``[(id, name)]``, best first.

    The exact company first, then those whose name starts with the text,
    then the most alike names; each company once.
    """
    from weakties.resolve import company_key

    key = company_key(text)
    if len(key) < 2:
        return []
    seen: dict[int, str] = {}
    exact = company_id(text)
    if exact is not None:
        seen[exact] = _company_name(exact)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT id, name FROM {quoted_tables()['company']} WHERE key LIKE %s ESCAPE '!'"
            " ORDER BY length(key), key LIMIT %s",
            [_like_prefix(key), limit],
        )
        for pk, name in cursor.fetchall():
            seen.setdefault(int(pk), str(name))
    if len(seen) < limit:
        for pk, name in _NAMES.similar(key, limit=limit):
            seen.setdefault(pk, name)
    return list(seen.items())[:limit]


def _like_prefix(text: str) -> str:
    """``text%`` for ``LIKE … ESCAPE '!'``, with LIKE's own characters taken literally."""
    return "".join("!" + c if c in "!%_" else c for c in text) + "%"


def _company_name(pk: int) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT name FROM {quoted_tables()['company']} WHERE id = %s", [pk])
        row = cursor.fetchone()
    return "" if row is None else str(row[0])


class _Names:
    """Every company's normalised name in memory, for the similarity search.

    Companies are only ever added, so the list is topped up with the rows
    after the highest id it holds; if the table shrank (a company removed,
    or a test's rollback), it is read again.  A match is read back from the
    database before it is used, so a stale entry can never answer.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._ids: list[int] = []
        self._keys: list[str] = []

    def _refresh(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT COUNT(*), MAX(id) FROM {quoted_tables()['company']}")
            count, top = cursor.fetchone()
            if count < len(self._ids) or (self._ids and (top or 0) < self._ids[-1]):
                self._ids, self._keys = [], []
            last = self._ids[-1] if self._ids else 0
            cursor.execute(
                f"SELECT id, key FROM {quoted_tables()['company']} WHERE id > %s ORDER BY id",
                [last],
            )
            for pk, key in cursor.fetchall():
                self._ids.append(int(pk))
                self._keys.append(str(key))

    def similar(self, key: str, *, limit: int) -> list[tuple[int, str]]:
        from rapidfuzz import fuzz, process

        with self._lock:
            self._refresh()
            hits = process.extract(
                key, self._keys, scorer=fuzz.WRatio, limit=limit, score_cutoff=SIMILAR
            )
            ids = [self._ids[i] for _key, _score, i in hits]
        out = []
        for pk in ids:  # read back: the name, and that the company is still there
            name = _company_name(pk)
            if name:
                out.append((pk, name))
        return out


_NAMES = _Names()
