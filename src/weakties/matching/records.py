"""The plain records the matcher takes and gives: requests, contacts, reasons, matches.

A :class:`Request` is one help request brought to an employer-network meeting
(seed ``004``): a career candidate, surplus staff, a vacancy (open now or
expected), a work-experience place, an announced change or a free question.
Supply (candidates, surplus staff) is matched against demand (vacancies and
work-experience places) across member organisations.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

__all__ = [
    "DEMAND_KINDS",
    "KINDS",
    "SUPPLY_KINDS",
    "Contact",
    "ContactMatch",
    "Match",
    "Reason",
    "Request",
]

SUPPLY_KINDS = ("candidate", "surplus")
DEMAND_KINDS = ("vacancy", "work-experience")
KINDS = (*SUPPLY_KINDS, *DEMAND_KINDS, "change", "question")


@dataclass(frozen=True)
class Request:
    """One help request.

    ``date`` is, for surplus staff and candidates, the day they become
    available; for a vacancy the day it opens.  ``None`` means now.
    ``region`` and ``level`` are free text ("Utrecht", "Gent", "Noord-Brabant";
    "mbo 4", "hbo", "senior", "schaal 10").
    """

    id: int
    org: str
    kind: str
    title: str
    text: str = ""
    skills: tuple[str, ...] = ()
    region: str = ""
    level: str = ""
    count: int = 1
    date: datetime.date | None = None

    def __post_init__(self) -> None:
        for name in ("title", "text", "region", "level"):  # None (an empty form field) means ""
            if getattr(self, name) is None:
                object.__setattr__(self, name, "")
        if self.skills is None:
            object.__setattr__(self, "skills", ())
        elif isinstance(self.skills, list):
            object.__setattr__(self, "skills", tuple(self.skills))
        if self.kind not in KINDS:
            raise ValueError(
                f"Request {self.id}: unknown kind {self.kind!r}; use one of {', '.join(KINDS)}."
            )
        if not (self.title or "").strip() and not (self.text or "").strip():
            raise ValueError(f"Request {self.id}: give a title or a text; both are empty.")
        if self.count < 1:
            raise ValueError(f"Request {self.id}: count must be at least 1, not {self.count}.")
        if self.date is not None and not isinstance(self.date, datetime.date):
            raise TypeError(
                f"Request {self.id}: date must be a datetime.date or None, not {self.date!r}."
            )
        if isinstance(self.skills, str):
            raise TypeError(
                f"Request {self.id}: skills must be a tuple of strings, not one string "
                f"({self.skills!r}); split it first, e.g. on commas."
            )


@dataclass(frozen=True)
class Contact:
    """An employee's second-degree contact, as far as the matcher needs to know it."""

    id: int
    title: str
    company: str = ""
    region: str = ""
    skills: tuple[str, ...] = ()


@dataclass(frozen=True)
class Reason:
    """One part of a score, with the sentence that explains it.

    ``message`` is an English template (marked with ``gettext_noop``) with
    ``{name}`` placeholders filled from ``params`` after translation;
    ``score`` is this component's similarity in [0, 1].
    """

    code: str
    score: float
    message: str
    params: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Match:
    """A proposed pairing of supply with demand, best first in :func:`match`'s list."""

    supply: Request
    demand: Request
    score: float
    reasons: tuple[Reason, ...]
    why: str


@dataclass(frozen=True)
class ContactMatch:
    """A second-degree contact who may fit a vacancy."""

    contact: Contact
    score: float
    reasons: tuple[Reason, ...]
    why: str
