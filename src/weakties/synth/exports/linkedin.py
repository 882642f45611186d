"""LinkedIn ``Connections.csv`` in the three shapes that reach an importer.

``current``
    What LinkedIn's "Get a copy of your data" gives today: UTF-8, LF, a
    three-line ``Notes:`` preamble, then
    ``First Name,Last Name,URL,Email Address,Company,Position,Connected On``
    with dates like ``07 Feb 2026``.
``old``
    Exports from before the URL column existed: no preamble, no URL column.
``excel``
    The current file opened and saved again by Excel with a Dutch/Belgian
    locale: Windows-1252, CRLF, ``;`` as delimiter, the preamble deleted, the
    header ``...,Connected on`` and dates like ``16.09.2021``.

Rows are ordered by connection date, newest first, as LinkedIn orders them.
A few rows per file are LinkedIn's blank "hidden members" (only a date).
"""

from __future__ import annotations

import csv
import io
from datetime import date
from functools import lru_cache
from pathlib import Path

from ..model import SynthPerson
from ..names import to_cp1252
from .noise import Noise

__all__ = ["HEADER_CURRENT", "HEADER_EXCEL", "HEADER_OLD", "NOTES", "VARIANTS", "write_linkedin"]

NOTES = (
    "Notes:",
    '"When exporting your connection data, you may notice that some of the email addresses '
    "are missing. You will only see email addresses for connections who have allowed their "
    "connections to see or download their email address using this setting "
    "https://www.linkedin.com/psettings/privacy/email. You can learn more here "
    'https://www.linkedin.com/help/linkedin/answer/261"',
    "",
)
HEADER_CURRENT = (
    "First Name",
    "Last Name",
    "URL",
    "Email Address",
    "Company",
    "Position",
    "Connected On",
)
HEADER_OLD = ("First Name", "Last Name", "Email Address", "Company", "Position", "Connected On")
HEADER_EXCEL = (
    "First Name",
    "Last Name",
    "URL",
    "Email Address",
    "Company",
    "Position",
    "Connected on",
)
#: variant: (encoding, newline, delimiter)
VARIANTS = {
    "current": ("utf-8", "\n", ","),
    "old": ("utf-8", "\n", ","),
    "excel": ("cp1252", "\r\n", ";"),
}
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
#: Share of connections whose e-mail address LinkedIn lets the owner download.
EMAIL_VISIBLE = 0.10


@lru_cache(maxsize=16384)
def _date(d: date, variant: str) -> str:
    if variant == "excel":
        return f"{d.day:02d}.{d.month:02d}.{d.year}"
    return f"{d.day:02d} {_MONTHS[d.month - 1]} {d.year}"


def write_linkedin(
    path: Path,
    variant: str,
    rows: list[tuple[SynthPerson, date]],
    hidden: list[date],
    noise: Noise,
) -> tuple[dict[int, int], int]:
    """Write one employee's connections.

    Parameters
    ----------
    path : Path
        Target file.
    variant : {"current", "old", "excel"}
        Export shape (see the module docstring).
    rows : list of (SynthPerson, date)
        Connections with their connection dates.
    hidden : list of date
        Dates of blank hidden-member rows to mix in.
    noise : Noise
        Variation of each appearance.

    Returns
    -------
    truth : dict
        Physical line number (1-based) → person id.
    records : int
        Data rows written, hidden members included.
    """
    encoding, newline, delimiter = VARIANTS[variant]
    buf = io.StringIO()
    lines = 0
    if variant == "current":
        buf.write(newline.join(NOTES) + newline)
        lines = len(NOTES)
    writer = csv.writer(buf, delimiter=delimiter, lineterminator=newline)
    if variant == "current":
        writer.writerow(HEADER_CURRENT)
    elif variant == "old":
        writer.writerow(HEADER_OLD)
    else:
        writer.writerow(HEADER_EXCEL)
    lines += 1
    entries: list[tuple[int, int, SynthPerson | None, date]] = [
        (-d.toordinal(), p.id, p, d) for p, d in rows
    ]
    entries += [(-d.toordinal(), 0, None, d) for d in hidden]
    entries.sort(key=lambda e: (e[0], e[1]))
    has_url = variant != "old"
    excel = variant == "excel"
    truth: dict[int, int] = {}
    for _, pid, person, d in entries:
        lines += 1
        when = _date(d, variant)
        if person is None:
            writer.writerow(("",) * (6 if has_url else 5) + (when,))
            continue
        lk = noise.look(
            person,
            email=EMAIL_VISIBLE if has_url else 0.25,
            url=1.0 if has_url else 0.0,
            drop_company=0.03 if has_url else 0.0,
            drop_position=0.03,
        )
        fields = [lk.first, lk.last, lk.url, lk.email, lk.company, lk.position, when]
        if not has_url:
            del fields[2]
        if excel:
            fields = [to_cp1252(f) for f in fields]
        writer.writerow(fields)
        truth[lines] = pid
    text = buf.getvalue()
    path.write_bytes(text.encode(encoding))
    return truth, len(entries)
