"""Parsing the dates that contact exports contain.

LinkedIn writes ``07 Feb 2026``; a Dutch-locale export writes ``07 mrt 2026``;
exports of 2018 wrote ``1/8/18, 6:14 PM`` (US, month first, with a time).
Excel re-saves turn that into ``16.09.2021``, ``16-09-2021``, ``16/09/2021``
(Belgium), ``9/16/2021`` (US) or ``9-Sep-22`` / ``04-May-22`` / ``30-oct-09``
(Excel's ``d-mmm-yy``).  Numeric dates are read day first unless the file
shows otherwise: :func:`infer_order` looks at all numeric dates of a file and
picks month-first when some value proves it (a second part > 12), or when
only month-first keeps every date on or before today (an export holds no
date after the day it was made).

A two-digit year is read as POSIX ``strptime`` reads ``%y``: 69–99 are
1969–1999, 00–68 are 2000–2068.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
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
    # English and Dutch abbreviations and full names; the German and French ones that differ.
    **dict.fromkeys(("jan", "january", "januari", "janv", "janvier", "januar"), 1),
    **dict.fromkeys(
        ("feb", "february", "februari", "febr", "fév", "févr", "février", "februar"), 2
    ),
    **dict.fromkeys(("mar", "march", "mrt", "maart", "maa", "mär", "märz", "mars"), 3),
    **dict.fromkeys(("apr", "april", "avr", "avril"), 4),
    **dict.fromkeys(("may", "mei", "mai"), 5),
    **dict.fromkeys(("jun", "june", "juni", "juin"), 6),
    **dict.fromkeys(("jul", "july", "juli", "juil", "juillet"), 7),
    **dict.fromkeys(("aug", "august", "augustus", "août", "aout"), 8),
    **dict.fromkeys(("sep", "sept", "september", "septembre"), 9),
    **dict.fromkeys(("oct", "october", "okt", "oktober", "octobre"), 10),
    **dict.fromkeys(("nov", "november", "novembre"), 11),
    **dict.fromkeys(("dec", "december", "dez", "dezember", "déc", "décembre"), 12),
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


def infer_order(values: Iterable[str], today: date | None = None) -> str:
    """Return ``"mdy"`` when the file's numeric dates are month first, else ``"dmy"``.

    A value whose first part is over 12 (``31/12/2021``) proves day first,
    and wins; one whose second part is over 12 (``12/31/2021``) proves month
    first.  Without proof, month first is chosen when reading day first
    would put some date after ``today`` (default: the current date) and
    reading month first would not.  A time after the date (``1/8/18, 6:14
    PM``) is ignored.

    Examples
    --------
    >>> infer_order(["1/8/18, 6:14 PM", "11/17/17, 9:40 PM"])
    'mdy'
    >>> infer_order(["3/8/18", "1/2/18"], today=date(2018, 4, 11))  # not 3 Aug
    'mdy'
    >>> infer_order(["02/03/2021"])
    'dmy'
    """
    seen_mdy = future_dmy = future_mdy = False
    today = today or date.today()
    for value in set(values):
        if "/" not in value and "." not in value and "-" not in value:
            continue  # "07 Feb 2026" and empty cells need no order
        head = value.strip().replace(",", " ").split(" ", 1)[0]
        m = _NUMERIC.fullmatch(head)
        if m is None or len(m.group(1)) == 4:
            continue
        first, second = int(m.group(1)), int(m.group(3))
        if first > 12 >= second:
            return "dmy"
        if second > 12 >= first:
            seen_mdy = True
        elif not (seen_mdy or first == second):
            future_dmy = future_dmy or _after(m.group(4), second, first, today)
            future_mdy = future_mdy or _after(m.group(4), first, second, today)
    return "mdy" if seen_mdy or (future_dmy and not future_mdy) else "dmy"


def _after(year: str, month: int, day: int, today: date) -> bool:
    """Whether the date is after ``today`` (an impossible date is not)."""
    try:
        return date(_year(year), month, day) > today
    except ValueError:
        return False


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
    parts = _parts(text)
    try:
        if len(parts) == 3 and not parts[0].isdigit() and parts[1].isdigit():
            parts = [parts[1], parts[0], parts[2]]  # "Feb 07 2026"
        if len(parts) == 3 and parts[0].isdigit() and parts[2].isdigit():
            month = _MONTHS.get(parts[1].lower().rstrip("."))
            if month is not None:
                return date(_year(parts[2]), month, int(parts[0]))
        m = _NUMERIC.fullmatch(parts[0]) if len(parts) == 1 else None
        if m is not None:
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


#: Words that may follow a date: a time ("6:14", "PM") or a zone.
_TIME_WORDS = frozenset({"am", "pm", "a.m.", "p.m.", "utc", "gmt", "z"})
_WEEKDAYS = frozenset(
    "mon tue tues wed thu thur thurs fri sat sun monday tuesday wednesday thursday friday "
    "saturday sunday ma di wo do vr za zo maandag dinsdag woensdag donderdag vrijdag "
    "zaterdag zondag".split()
)
#: ``9-Sep-22``, ``30-oct-09``, ``Sep-09-2022``: a month's name between separators.
_WORD_DATE = re.compile(r"([0-9]{1,2}|[^\W\d_]+\.?)[-./]([^\W\d_]+\.?|[0-9]{1,2})[-./]([0-9]{2,4})")
_ISO_TIME = re.compile(r"\d{4}-\d{2}-\d{2}T[\d:.]+(?:Z|[+-]\d{2}:?\d{2})?")


def _parts(text: str) -> list[str]:
    """The date's parts: a leading weekday and a trailing time dropped, ``9-Sep-22`` split."""
    parts = text.replace(",", " ").split()
    if len(parts) > 1 and parts[0].lower().rstrip(".") in _WEEKDAYS:
        parts = parts[1:]
    while len(parts) > 1 and (":" in parts[-1] or parts[-1].lower() in _TIME_WORDS):
        parts = parts[:-1]
    if len(parts) == 1 and parts[0].lower() != parts[0].upper():  # it has letters
        m = _WORD_DATE.fullmatch(parts[0])
        if m is not None:
            return [m.group(1), m.group(2), m.group(3)]
        if _ISO_TIME.fullmatch(parts[0]):
            return [parts[0][:10]]  # "2021-09-16T10:00:00"
    return parts


def _year(text: str) -> int:
    if len(text) == 2:
        short = int(text)
        return 1900 + short if short >= 69 else 2000 + short
    if len(text) != 4:
        raise ValueError(text)
    return int(text)
