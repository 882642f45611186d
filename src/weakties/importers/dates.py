"""Parsing the dates that contact exports contain.

LinkedIn writes ``07 Feb 2026``; a Dutch-locale export writes ``07 mrt 2026``;
Excel re-saves turn that into ``16.09.2021``, ``16-09-2021``, ``16/09/2021``
(Belgium) or ``9/16/2021`` (US).  Numeric dates are read day first unless the
file shows otherwise: :func:`infer_order` looks at all numeric dates of a file
and picks month-first only when some value proves it (a second part > 12).
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

from ..translatable import gettext_noop
from .records import Text

__all__ = ["EXPECTED_FORMS", "DateError", "infer_order", "parse_date"]

#: How to write a date, for error messages.
EXPECTED_FORMS = Text(
    gettext_noop("a date such as 07 Feb 2026, 07 mrt 2026, 16.09.2021 or 2021-09-16")
)

_MONTHS = {
    # English and Dutch abbreviations and full names.
    **dict.fromkeys(("jan", "january", "januari", "jan."), 1),
    **dict.fromkeys(("feb", "february", "februari", "febr"), 2),
    **dict.fromkeys(("mar", "march", "mrt", "maart", "maa"), 3),
    **dict.fromkeys(("apr", "april"), 4),
    **dict.fromkeys(("may", "mei"), 5),
    **dict.fromkeys(("jun", "june", "juni"), 6),
    **dict.fromkeys(("jul", "july", "juli"), 7),
    **dict.fromkeys(("aug", "august", "augustus"), 8),
    **dict.fromkeys(("sep", "sept", "september"), 9),
    **dict.fromkeys(("oct", "october", "okt", "oktober"), 10),
    **dict.fromkeys(("nov", "november"), 11),
    **dict.fromkeys(("dec", "december"), 12),
}
_NUMERIC = re.compile(r"(\d{1,4})([./-])(\d{1,2})\2(\d{2,4})")


class DateError(ValueError):
    """A value is not a date, or cannot be read unambiguously.

    ``message`` is the translatable :class:`~weakties.importers.records.Text`
    (``"'31 Foo 2020' is not a date; expected …"``), to be nested in a row error.
    """

    def __init__(self, message: Text) -> None:
        super().__init__(message)
        self.message = message


def infer_order(values: list[str]) -> str:
    """Return ``"mdy"`` if a numeric value is only valid month first, else ``"dmy"``."""
    seen_mdy = False
    for value in values:
        if "/" not in value and "." not in value and "-" not in value:
            continue  # "07 Feb 2026" and empty cells need no order
        m = _NUMERIC.fullmatch(value.strip().split(" ")[0])
        if m is None or len(m.group(1)) == 4:
            continue
        first, second = int(m.group(1)), int(m.group(3))
        if first > 12 >= second:
            return "dmy"
        if second > 12 >= first:
            seen_mdy = True
    return "mdy" if seen_mdy else "dmy"


# Big enough for every day of several decades: a file's dates repeat, and
# a cache smaller than the days in use would miss nearly every time.
@lru_cache(maxsize=1 << 15)
def parse_date(value: str, order: str = "dmy") -> date | None:
    """Parse one date; an empty value gives ``None``.

    Parameters
    ----------
    value : str
        The cell as written.
    order : {"dmy", "mdy"}
        How to read numeric dates whose year is not first.

    Raises
    ------
    DateError
        ``value`` is not a date in any of the accepted forms.
    """
    text = value.strip()
    if not text:
        return None
    parts = text.replace(",", " ").split()
    try:
        if len(parts) == 3 and not parts[0].isdigit() and parts[1].isdigit():
            parts = [parts[1], parts[0], parts[2]]  # "Feb 07 2026"
        if len(parts) == 3 and parts[0].isdigit() and parts[2].isdigit():
            month = _MONTHS.get(parts[1].lower().rstrip("."))
            if month is not None:
                return date(_year(parts[2]), month, int(parts[0]))
        m = _NUMERIC.fullmatch(parts[0]) if parts else None
        if m is not None and (len(parts) == 1 or ":" in parts[1]):
            a, b, c = m.group(1), int(m.group(3)), m.group(4)
            if len(a) == 4:
                return date(int(a), b, int(c))
            day, month = (int(a), b) if order == "dmy" else (b, int(a))
            if month > 12 and day <= 12:
                day, month = month, day
            return date(_year(c), month, day)
    except ValueError:
        pass
    raise DateError(
        Text(
            gettext_noop("{value} is not a date; expected {forms}"),
            value=repr(value.strip()),
            forms=EXPECTED_FORMS,
        )
    )


def _year(text: str) -> int:
    if len(text) == 2:
        return 2000 + int(text)
    if len(text) != 4:
        raise ValueError(text)
    return int(text)
