"""Collect row-level problems with a cap, so a broken file cannot flood memory."""

from __future__ import annotations

from ..translatable import gettext_noop
from .records import RowError, Text

__all__ = ["MAX_ROW_ERRORS", "RowErrors"]

#: How many row errors are listed; the rest are summarised in one entry.
MAX_ROW_ERRORS = 100


class RowErrors:
    """Accumulate :class:`RowError` objects, keeping the first ``limit``.

    Examples
    --------
    >>> errors = RowErrors()
    >>> errors.add(7, Text("line {line} has no e-mail address.", line=7))
    >>> errors.finish()
    [RowError(line=7, message='line 7 has no e-mail address.')]
    """

    __slots__ = ("_kept", "_limit", "_more", "_first_more_line")

    def __init__(self, limit: int = MAX_ROW_ERRORS) -> None:
        self._kept: list[RowError] = []
        self._limit = limit
        self._more = 0
        self._first_more_line = 0

    def __len__(self) -> int:
        return len(self._kept) + self._more

    def add(self, line: int, message: Text) -> None:
        """Record a problem with the record that starts on ``line``."""
        if len(self._kept) < self._limit:
            self._kept.append(RowError(line, message))
            return
        if not self._more:
            self._first_more_line = line
        self._more += 1

    def finish(self) -> list[RowError]:
        """Return the kept errors in line order plus one summarising entry."""
        kept = sorted(self._kept, key=lambda e: e.line)
        if self._more:
            kept.append(
                RowError(
                    self._first_more_line,
                    Text(
                        gettext_noop(
                            "… and {count} more rows with problems (only the first {limit} "
                            "are listed). Fix these and upload the file again."
                        ),
                        count=self._more,
                        limit=self._limit,
                    ),
                )
            )
        return kept
