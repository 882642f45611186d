"""The job titles a role search's words name (``people.Title``)."""

from __future__ import annotations

from collections.abc import Sequence

from django.db import connection

__all__ = ["titles_like"]


def titles_like(words: Sequence[str], *, limit: int = 5_000) -> list[tuple[int, str]]:
    """Job titles (``people.Title``: id, lower-cased key) that contain one of ``words``.

    Titles are far fewer than people, so reading them all is cheap next to
    reading the ties; the ties to the chosen titles are then read through
    ``TieRank``'s title index.
    """
    from weakties.people.models import Title

    if not words:
        return []
    table = connection.ops.quote_name(Title._meta.db_table)
    where = " OR ".join(["key LIKE %s"] * len(words))
    params = [f"%{w.casefold()}%" for w in words]
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT id, key FROM {table} WHERE {where} LIMIT %s", [*params, limit])
        return [(int(i), str(k)) for i, k in cursor.fetchall()]
