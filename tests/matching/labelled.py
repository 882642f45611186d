"""The labelled matching set in ``tests/data/matching/``: vacancies, and supply with its right demand.

Both files are pipe-separated (``|``; texts contain commas) with a header row.
Skills are separated by ``;``; ``expected`` lists the demand ids that are a
right answer for a supply item (usually one).  The set was written from the
domain before the matcher was tuned: realistic Dutch, Belgian and English
requests across ~30 occupation families, with distractors (same region other
job, similar words, same occupation elsewhere, same organisation).
"""

from __future__ import annotations

import datetime
from pathlib import Path

from weakties.matching import Request

DATA = Path(__file__).parent.parent / "data" / "matching"
TODAY = datetime.date(2026, 1, 15)


def _rows(name: str) -> list[dict[str, str]]:
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    header = lines[0].split("|")
    return [dict(zip(header, line.split("|"), strict=True)) for line in lines[1:] if line.strip()]


def _request(row: dict[str, str]) -> Request:
    return Request(
        id=int(row["id"]),
        org=row["org"],
        kind=row["kind"],
        title=row["title"],
        text=row["text"],
        skills=tuple(s for s in row["skills"].split(";") if s),
        region=row["region"],
        level=row["level"],
        date=datetime.date.fromisoformat(row["date"]) if row["date"] else None,
    )


def vacancies() -> list[Request]:
    return [_request(row) for row in _rows("vacancies.psv")]


def supply() -> list[tuple[Request, frozenset[int]]]:
    return [
        (_request(row), frozenset(int(i) for i in row["expected"].split(";")))
        for row in _rows("supply.psv")
    ]
