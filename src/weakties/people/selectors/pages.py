"""One page of a search's results, best first, and the cursor that goes on from it.

Every paged search (who knows, who can introduce, the expertise lists, the API) hands its
callers a :class:`Page`; a cursor is opaque to them: they pass back what they got.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from django.utils.translation import gettext as _

from weakties.core.errors import ServiceError

__all__ = ["DEFAULT_PAGE", "Page", "as_page", "parse_cursor"]

#: Results per page unless asked otherwise.
DEFAULT_PAGE = 50

T = TypeVar("T")


@dataclass(frozen=True)
class Page(Generic[T]):
    """One page of results, best first: the rows, how many there are in all, and where to go on."""

    rows: list[T]
    total: int
    next_cursor: str | None


def parse_cursor(cursor: str | None) -> int:
    """The offset a cursor stands for (cursors are opaque to callers: they pass back what they got)."""
    if cursor in (None, ""):
        return 0
    try:
        offset = int(str(cursor))
    except ValueError:
        offset = -1
    if offset < 0:
        raise ServiceError(_("cursor {cursor} is not one this search gave").format(cursor=cursor))
    return offset


def as_page(rows: list[Any], *, offset: int, limit: int, total: int) -> Page[Any]:
    """The page ``offset … offset + limit`` of ``rows`` ranked best first."""
    chosen = rows[offset : offset + limit]
    more = offset + len(chosen) < total and len(chosen) == limit
    return Page(rows=chosen, total=total, next_cursor=str(offset + limit) if more else None)
