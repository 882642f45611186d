"""What importing one file will write, worked out before touching the database.

:func:`plan_file` resolves every contact of a file against a
:class:`~weakties.resolve.PersonIndex` and folds the contacts into one tie
draft per person.  It reads and writes nothing but the index, so it can run
in the importing process or, for many files, in the second process that also
parses them (see :mod:`weakties.services.import_ahead`); the importer then
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
from datetime import date
from typing import NamedTuple

from weakties.importers.records import Contact
from weakties.resolve import PersonIndex, company_key, person_name_key

from .identity import company_facts, name_company_digest
from .progress import ProgressCallback

__all__ = ["FilePlan", "NewPerson", "TiePlan", "plan_file", "sources_json"]


class NewPerson(NamedTuple):
    """A person this file introduces, as it will be stored."""

    key: int
    first_name: str
    last_name: str
    name_key: str
    company_key: str
    position: str


class TiePlan(NamedTuple):
    """Everything one file says about the owner's tie with one person."""

    person: int
    sources: frozenset[str]
    connected_on: date | None
    email: str
    phone: str
    profile_url: str
    lines: tuple[int, ...]


@dataclass(slots=True)
class FilePlan:
    """The writes one file needs: new people, their identifiers, ties, companies.

    ``companies`` maps every company name in the file to its key;
    ``company_facts`` holds :func:`~weakties.services.identity.company_facts`
    of the companies first seen in this file (when the planner was told which
    are known).
    """

    skipped: int = 0
    new_people: list[NewPerson] = field(default_factory=list)
    new_identifiers: list[tuple[int, str, str]] = field(default_factory=list)
    ties: list[TiePlan] = field(default_factory=list)
    companies: dict[str, str] = field(default_factory=dict)
    company_facts: dict[str, tuple[str, str, str]] = field(default_factory=dict)


@dataclass(slots=True)
class _Draft:
    sources: set[str]
    connected_on: date | None
    email: str
    phone: str
    profile_url: str
    lines: list[int]


def plan_file(
    index: PersonIndex,
    contacts: Iterable[Contact],
    *,
    own_person: int | None,
    erased: set[tuple[str, str]],
    known_companies: set[str] | None = None,
    total: int = 0,
    progress: ProgressCallback | None = None,
) -> FilePlan:
    """Resolve ``contacts`` (one owner's file) and fold them into tie plans.

    Contacts of erased people (see :func:`weakties.services.people.erase_person`)
    and the owner themself are skipped.  The index learns every new person and
    identifier at once, so the next file resolves against them.  Given the
    keys of the ``known_companies``, the plan also describes the new ones
    (and the set learns them).
    """
    plan = FilePlan()
    drafts: dict[int, _Draft] = {}
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
            first, last = contact.first_name, contact.last_name
            new_people.append(
                NewPerson(key, first, last, person_name_key(first, last), companies[company], contact.position)
            )
        if match.new_identifiers:
            new_identifiers.extend((key, kind, value) for kind, value in match.new_identifiers)
        email = contact.emails[0] if contact.emails else ""
        phone = contact.phones[0] if contact.phones else ""
        draft = drafts.get(key)
        if draft is None:
            drafts[key] = _Draft(
                {contact.source}, contact.connected_on, email, phone, contact.linkedin_url, [contact.line]
            )
            continue
        draft.sources.add(contact.source)
        if contact.connected_on and (draft.connected_on is None or contact.connected_on < draft.connected_on):
            draft.connected_on = contact.connected_on
        draft.email = draft.email or email
        draft.phone = draft.phone or phone
        draft.profile_url = draft.profile_url or contact.linkedin_url
        draft.lines.append(contact.line)
    if known_companies is not None:
        for name, key in companies.items():
            if key and key not in known_companies:
                known_companies.add(key)
                plan.company_facts[key] = company_facts(name)
    plan.ties = [
        TiePlan(key, frozenset(d.sources), d.connected_on, d.email, d.phone, d.profile_url, tuple(d.lines))
        for key, d in drafts.items()
    ]
    return plan


def _is_erased(index: PersonIndex, contact: Contact, erased: set[tuple[str, str]]) -> bool:
    if any(pair in erased for pair in index.identifiers_of(contact)):
        return True
    return ("name", name_company_digest(contact.first_name, contact.last_name, contact.company)) in erased


@functools.lru_cache(maxsize=256)
def sources_json(sources: frozenset[str]) -> str:
    """A tie's sources as stored: a sorted JSON list."""
    return json.dumps(sorted(sources))
