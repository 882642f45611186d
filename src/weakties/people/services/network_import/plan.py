"""What importing one file will write, worked out before touching the database.

:func:`plan_file` resolves every contact of a file against a
:class:`~weakties.resolve.PersonIndex` and folds the contacts into one tie
draft per person.  It reads and writes nothing but the index, so it can run
in the importing process or, for many files, in the second process that also
parses them (see :mod:`weakties.people.services.network_import.ahead`); the importer then
only stores the plan.

Person keys in a plan are stored ids (positive) or the index's provisional
keys (negative) for people this run created; the importer maps the latter to
the ids it stores them under.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from weakties.core.progress import ProgressCallback
from weakties.importers.records import SOURCES, Contact
from weakties.people.services.identity import company_facts, name_company_digest
from weakties.resolve import PersonIndex, company_key, parse_name

__all__ = ["FilePlan", "NewPerson", "TiePlans", "plan_file", "sources_json"]


#: A person this file introduces, as it will be stored: ``(key, first_name,
#: last_name, name_key, company_key, position, name_given, name_core)`` (the name
#: parts of :func:`~weakties.resolve.parse_name`).  Plans travel between
#: processes, and plain tuples of strings pickle several times faster than
#: named tuples or dataclasses.
NewPerson = tuple[int, str, str, str, str, str, str, str]


@dataclass(slots=True)
class TiePlans:
    """Everything one file says about the owner's ties: one column per field, one row per person.

    Row ``i`` is the tie with ``person[i]`` (a stored id, or the index's
    provisional negative key): the sorted tuple of ``sources`` it was seen
    in, ``connected_on`` as an ISO date (a string pickles far faster than a
    ``date``) or ``None``, the owner's ``email``, ``phone`` and
    ``profile_url`` for them, and the file's physical ``lines``.

    Columns rather than a record per tie: plans travel between processes,
    and columns of plain values pickle as fast as bare tuples (a named tuple
    per tie pickled about 4 times slower; see the 2026-12-05 note), while
    every field keeps its name and type.
    """

    person: list[int] = field(default_factory=list)
    sources: list[tuple[str, ...]] = field(default_factory=list)
    connected_on: list[str | None] = field(default_factory=list)
    email: list[str] = field(default_factory=list)
    phone: list[str] = field(default_factory=list)
    profile_url: list[str] = field(default_factory=list)
    lines: list[tuple[int, ...]] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.person)

    @classmethod
    def from_drafts(cls, drafts: Iterable[_Draft]) -> TiePlans:
        """Columns from the planner's per-person drafts (``connected_on`` still a ``date``)."""
        rows = list(drafts)
        return cls(
            person=[r[0] for r in rows],
            sources=[r[1] for r in rows],
            connected_on=[r[2].isoformat() if r[2] else None for r in rows],
            email=[r[3] for r in rows],
            phone=[r[4] for r in rows],
            profile_url=[r[5] for r in rows],
            lines=[tuple(r[6]) for r in rows],
        )


#: The planner's draft of one tie while it folds the file's lines: the fields of
#: :class:`TiePlans` in order, with ``connected_on`` still a ``date`` and the
#: lines a list that every further line of the same person is appended to
#: (rebuilding a tuple of lines per repeat made a file of one contact repeated
#: n times cost n² / 2; see issue 12).
_Draft = tuple[int, tuple[str, ...], Any, str, str, str, list[int]]


@dataclass(slots=True)
class FilePlan:
    """The writes one file needs: new people, their identifiers, ties, companies.

    ``companies`` maps every company name in the file to its key;
    ``company_facts`` holds :func:`~weakties.people.services.identity.company_facts`
    of the companies first seen in this file (when the planner was told which
    are known).
    """

    skipped: int = 0
    new_people: list[NewPerson] = field(default_factory=list)
    new_identifiers: list[tuple[int, str, str]] = field(default_factory=list)
    ties: TiePlans = field(default_factory=TiePlans)
    companies: dict[str, str] = field(default_factory=dict)
    company_facts: dict[str, tuple[str, str, str]] = field(default_factory=dict)


#: One shared tuple per source, so that a plan pickles each only once.
_ONE_SOURCE = {source: (source,) for source in SOURCES}


def plan_file(
    *,
    index: PersonIndex,
    contacts: Iterable[Contact],
    own_person: int | None,
    erased: set[tuple[str, str]],
    known_companies: set[str] | None = None,
    total: int = 0,
    progress: ProgressCallback | None = None,
) -> FilePlan:
    """Resolve ``contacts`` (one owner's file) and fold them into tie plans.

    Contacts of erased people (see :func:`weakties.people.services.privacy.person_erase`)
    and the owner themself are skipped.  The index learns every new person and
    identifier at once, so the next file resolves against them.  Given the
    keys of the ``known_companies``, the plan also describes the new ones
    (and the set learns them).
    """
    plan = FilePlan()
    drafts: dict[int, _Draft] = {}  # person -> their tie, folded so far
    resolve = index.resolve
    new_people, new_identifiers, companies = plan.new_people, plan.new_identifiers, plan.companies
    for i, contact in enumerate(contacts):
        if progress and i % 2000 == 0:
            progress("resolve", i, total)
        if erased and _is_erased(index, contact, erased):
            plan.skipped += 1
            continue
        match = resolve(contact)
        key = match.key
        if key == own_person:
            plan.skipped += 1
            continue
        company = contact.company
        if company not in companies:
            companies[company] = company_key(company)
        if match.created:
            parts = parse_name(contact.first_name, contact.last_name)  # cached: resolve parsed it
            new_people.append(
                (
                    key,
                    contact.first_name,
                    contact.last_name,
                    parts.key,
                    companies[company],
                    contact.position,
                    parts.given,
                    parts.core,
                )
            )
        if match.new_identifiers:
            new_identifiers.extend((key, kind, value) for kind, value in match.new_identifiers)
        email = contact.emails[0] if contact.emails else ""
        phone = contact.phones[0] if contact.phones else ""
        seen = drafts.get(key)
        if seen is None:
            sources = _ONE_SOURCE.get(contact.source) or (contact.source,)
            drafts[key] = (
                key,
                sources,
                contact.connected_on,
                email,
                phone,
                contact.linkedin_url,
                [contact.line],
            )
        else:  # a second line for the same person (rare within one file)
            drafts[key] = _fold(seen, contact, email, phone)
    if known_companies is not None:
        for name, ckey in companies.items():
            if ckey and ckey not in known_companies:
                known_companies.add(ckey)
                plan.company_facts[ckey] = company_facts(name)
    plan.ties = TiePlans.from_drafts(drafts.values())
    return plan


def _fold(seen: _Draft, contact: Contact, email: str, phone: str) -> _Draft:
    """A tie draft with one more contact line folded in.

    The line is appended to the draft's list of lines in place: constant
    work per line, however often the person repeats.
    """
    key, sources, when, old_email, old_phone, url, lines = seen
    lines.append(contact.line)
    if contact.source not in sources:
        sources = tuple(sorted((*sources, contact.source)))
    if contact.connected_on and (when is None or contact.connected_on < when):
        when = contact.connected_on
    return (
        key,
        sources,
        when,
        old_email or email,
        old_phone or phone,
        url or contact.linkedin_url,
        lines,
    )


def _is_erased(index: PersonIndex, contact: Contact, erased: set[tuple[str, str]]) -> bool:
    if any(pair in erased for pair in index.identifiers_of(contact)):
        return True
    return (
        "name",
        name_company_digest(contact.first_name, contact.last_name, contact.company),
    ) in erased


@functools.lru_cache(maxsize=256)
def sources_json(sources: tuple[str, ...]) -> str:
    """A tie's sources (sorted) as stored: a JSON list."""
    return json.dumps(list(sources))
