"""The plain data classes of a synthetic organisation (no Django, no I/O)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

__all__ = ["SynthEmployee", "SynthOrganisation", "SynthPerson", "SynthTie"]


@dataclass(slots=True)
class SynthEmployee:
    """One row of the HR directory.

    ``role`` is ``"admin"`` (the HR manager, who runs the organisation in
    weakties), ``"representative"`` (the director, who speaks for the
    organisation in an employer network), ``"account_manager"``,
    ``"recruiter"`` or ``"employee"``.  ``manager_email`` is empty only for
    the director.  ``person_id`` is the employee's id in the person space, so
    that a colleague's appearance in another employee's export resolves to it.
    """

    email: str
    first_name: str
    last_name: str
    department: str
    job_title: str
    location: str
    manager_email: str
    role: str
    person_id: int = 0

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"


@dataclass(slots=True)
class SynthPerson:
    """One real human being: the ground truth behind every appearance.

    Ids are ``1..len(people)``; employees come first (``employee`` holds their
    work email), external people after.  ``alt_email`` is a second address
    (private next to work, or the reverse) that some address books also hold.
    ``department`` is filled for employees (address books of colleagues show it).
    ``homonym`` marks people who share first name, last name and company with
    somebody else; their appearances always carry a URL or an email, so that a
    careful human could still tell them apart.
    """

    id: int
    first_name: str
    last_name: str
    company: str
    position: str
    sector: str
    region: str
    linkedin_url: str
    email: str
    phone: str
    employee: str | None = None
    alt_email: str = ""
    homonym: bool = False
    department: str = ""  # known for employees only

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"


@dataclass(slots=True)
class SynthTie:
    """An employee knows a person.

    ``sources`` lists where the tie shows up: ``"linkedin"`` for a LinkedIn
    connection, and ``"google"``, ``"outlook"`` or ``"vcard"`` when the person
    is also (or only) in the employee's exported address book.
    ``connected_on`` is the LinkedIn connection date, or for an address-book
    contact the day it was added.
    """

    employee: str
    person: int
    connected_on: date
    sources: tuple[str, ...]


@dataclass
class SynthOrganisation:
    """A generated organisation: its directory, the people its employees know, and the ties.

    ``people[i].id == i + 1`` always holds, so :meth:`person` is a list lookup.
    """

    name: str
    domain: str
    employees: list[SynthEmployee]
    people: list[SynthPerson]
    ties: list[SynthTie]
    seed: int
    sector: str = "it"
    customer_sectors: tuple[str, ...] = ()
    today: date = date(2026, 11, 1)
    _by_employee: dict[str, list[SynthTie]] | None = field(default=None, repr=False, compare=False)

    def person(self, person_id: int) -> SynthPerson:
        """The person with id ``person_id``."""
        return self.people[person_id - 1]

    def ties_of(self, email: str) -> list[SynthTie]:
        """Ties of one employee, ordered by person id."""
        if self._by_employee is None:
            groups: dict[str, list[SynthTie]] = {e.email: [] for e in self.employees}
            for t in self.ties:
                groups[t.employee].append(t)
            self._by_employee = groups
        return self._by_employee.get(email, [])

    def linkedin_degrees(self) -> dict[str, int]:
        """Number of LinkedIn connections per employee email."""
        out = {e.email: 0 for e in self.employees}
        for t in self.ties:
            if "linkedin" in t.sources:
                out[t.employee] += 1
        return out
