"""Collect row-level problems with a cap, so a broken file cannot flood memory."""

from __future__ import annotations

from ..translatable import gettext_noop
from .records import RowError, Text
from .values import is_email

__all__ = ["MAX_ROW_ERRORS", "RowErrors", "RowWarnings", "addresses_only", "not_an_email"]

#: How many row errors (or warnings) are listed; the rest are summarised in one entry.
MAX_ROW_ERRORS = 100

_MORE_ERRORS = gettext_noop(
    "… and {count} more rows with problems (only the first {limit} are listed). "
    "Fix these and upload the file again."
)
_MORE_WARNINGS = gettext_noop(
    "… and {count} more rows with warnings (only the first {limit} are listed)."
)


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

    #: The summary of the problems beyond the limit.
    more = _MORE_ERRORS

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
        """Return the kept entries in line order plus one summarising entry."""
        kept = sorted(self._kept, key=lambda e: e.line)
        if self._more:
            kept.append(
                RowError(
                    self._first_more_line,
                    Text(self.more, count=self._more, limit=self._limit),
                )
            )
        return kept


class RowWarnings(RowErrors):
    """Like :class:`RowErrors`, for warnings: what was read in part; the file is still imported.

    Examples
    --------
    >>> warnings = RowWarnings(limit=1)
    >>> warnings.add(3, Text("line {line}: the date was left out.", line=3))
    >>> warnings.add(9, Text("line {line}: the date was left out.", line=9))
    >>> [str(w.message) for w in warnings.finish()]
    ['line 3: the date was left out.', '… and 1 more rows with warnings (only the first 1 are listed).']
    """

    __slots__ = ()

    more = _MORE_WARNINGS


def not_an_email(line: int, value: str) -> Text:
    """The warning for a value in an e-mail field that is not an address (shown cut to 80)."""
    return Text(
        gettext_noop("line {line}: {value} is not an e-mail address; it was left out."),
        line=line,
        value=repr(value[:80]),
    )


def addresses_only(emails: tuple[str, ...], line: int, warnings: RowWarnings) -> tuple[str, ...]:
    """The e-mail addresses among ``emails``; every other value is a warning on ``line``.

    >>> warnings = RowWarnings()
    >>> addresses_only(("an@example.nl", "ÑÑÑÑ"), 4, warnings)
    ('an@example.nl',)
    >>> str(warnings.finish()[0].message)
    "line 4: 'ÑÑÑÑ' is not an e-mail address; it was left out."
    """
    if all(map(is_email, emails)):
        return emails
    for value in emails:
        if not is_email(value):
            warnings.add(line, not_an_email(line, value))
    return tuple(e for e in emails if is_email(e))
