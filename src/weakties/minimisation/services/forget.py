"""Compare and forget (data minimisation, GDPR Art. 5(1)(c); Belgian DPA decision 25/2020).

The Belgian authority, with 23 others, ruled that a platform importing its
users' address books may only *compare* the contacts of people who are not
members with what it looks for, and then *forget* them.  With
``WEAKTIES_COMPARE_AND_FORGET`` on, every import is followed by that step for
its owner (and the weekly run repeats it for everyone, since what the
organisation asks for changes):

* a contact is **kept** when they match something the organisation asked
  for: a target company or sector (the ambassadors' targets), a company or
  person on a colleague's target list, an open vacancy or a help request of
  one of its employer networks (every word of the title in the contact's job
  title, after stemming: :func:`weakties.matching.text.terms`), or when they
  are a colleague (an employee of the organisation), or when something
  already refers to them (an introduction request, a referral suggestion, a
  contact question);
* every other contact is **forgotten**: the tie is deleted, and the person
  too when nobody else knows them; a :class:`~weakties.minimisation.models.ForgottenContact`
  keeps a one-way digest, so the employee's count of contacts stays right (and, for a
  contact kept under their LinkedIn URL who had an address too, the address's digest
  beside it, so that a privacy request by address alone still finds the row), with the
  imports it came from (:mod:`.forgotten_sources`): removing an import removes the digests
  only it held.

Off, everything is kept in full.  ``docs/privacy.md`` sets out what each mode
keeps and what the features lose.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from weakties.accounts.models import Employee, Organisation
from weakties.accounts.services.audit import audit
from weakties.ambassadors.models import Target as OrganisationTarget
from weakties.expertise.models import Target as ListTarget
from weakties.introductions.models import IntroductionRequest
from weakties.matching.text import terms
from weakties.meetings.models import ContactSuggestion, HelpRequest, RequestKind
from weakties.minimisation.models import ForgottenContact
from weakties.minimisation.services.forgotten_sources import (
    Origins,
    forgotten_sources_add,
    origins_of_ties,
)
from weakties.minimisation.services.retention import CHUNK, people_forget_unknown
from weakties.people.models import Company, PersonIdentifier, Tie
from weakties.people.services.consent import sharing_employees
from weakties.people.services.identity import digest, name_company_digest
from weakties.people.signals import ties_removed
from weakties.referrals.models import Suggestion, Vacancy, VacancyStatus
from weakties.resolve import normalize_email

__all__ = [
    "Demand",
    "forget_enabled",
    "organisation_demand",
    "contacts_forget",
    "forget_sweep",
    "forgotten_count",
]

#: Help requests that ask for people (a title a contact's job title can match).
PEOPLE_WANTED = (RequestKind.VACANCY, RequestKind.WORK_EXPERIENCE)


def forget_enabled() -> bool:
    return bool(getattr(settings, "WEAKTIES_COMPARE_AND_FORGET", False))


@dataclass
class Demand:
    """What an organisation asked for, in the form a contact is compared with."""

    company_ids: set[int] = field(default_factory=set)
    sectors: set[str] = field(default_factory=set)
    #: The people on target lists, by the digest of their LinkedIn URL.
    person_digests: set[str] = field(default_factory=set)
    #: Each wanted title's terms: a contact matches when all of one title's are in theirs.
    titles: list[frozenset[str]] = field(default_factory=list)

    def wants_title(self, position: str) -> bool:
        if not position or not self.titles:
            return False
        have = set(terms(position))
        return any(title <= have for title in self.titles)


def organisation_demand(organisation: Organisation) -> Demand:
    """Targets, target lists, open vacancies and open help requests of ``organisation``."""
    demand = Demand()
    company_keys = set(
        OrganisationTarget.objects.filter(
            organisation=organisation, kind=OrganisationTarget.Kind.COMPANY
        ).values_list("key", flat=True)
    )
    demand.sectors = set(
        OrganisationTarget.objects.filter(
            organisation=organisation, kind=OrganisationTarget.Kind.SECTOR
        ).values_list("key", flat=True)
    )
    on_lists = ListTarget.objects.filter(target_list__organisation=organisation)
    company_keys |= set(on_lists.filter(kind=ListTarget.Kind.COMPANY).values_list("key", flat=True))
    demand.person_digests = set(
        on_lists.filter(kind=ListTarget.Kind.PERSON).values_list("digest", flat=True)
    )
    company_keys.discard("")
    demand.company_ids = set(
        Company.objects.filter(key__in=sorted(company_keys)).values_list("pk", flat=True)
    )
    wanted = list(
        Vacancy.objects.filter(organisation=organisation, status=VacancyStatus.OPEN).values_list(
            "title", flat=True
        )
    )
    wanted += HelpRequest.objects.filter(
        meeting__federation__members=organisation, kind__in=PEOPLE_WANTED, outcome=""
    ).values_list("title", flat=True)
    demand.titles = [frozenset(t) for t in {tuple(sorted(set(terms(w)))) for w in wanted} if t]
    return demand


def _in_use(person_ids: list[int]) -> set[int]:
    """People something already refers to: forgetting them would delete that too."""
    used: set[int] = set()
    for start in range(0, len(person_ids), CHUNK):
        chunk = person_ids[start : start + CHUNK]
        for model in (IntroductionRequest, Suggestion, ContactSuggestion):
            used |= set(
                model.objects.filter(person_id__in=chunk).values_list("person_id", flat=True)
            )
        used |= set(
            Employee.objects.filter(person_id__in=chunk).values_list("person_id", flat=True)
        )
    return used


def _targeted(person_ids: list[int], digests: set[str]) -> set[int]:
    if not digests:
        return set()
    found: set[int] = set()
    for start in range(0, len(person_ids), CHUNK):
        found |= set(
            PersonIdentifier.objects.filter(
                person_id__in=person_ids[start : start + CHUNK], digest__in=sorted(digests)
            ).values_list("person_id", flat=True)
        )
    return found


def _to_forget(employee: Employee, demand: Demand) -> list[tuple[int, int]]:
    """``(tie id, person id)`` of the employee's contacts that match nothing."""
    rows = list(
        Tie.objects.filter(employee=employee).values_list(
            "pk", "person_id", "person__company_id", "person__company__sector", "person__position"
        )
    )
    candidates = [
        (tie, person)
        for tie, person, company, sector, position in rows
        if company not in demand.company_ids
        and not (sector and sector in demand.sectors)
        and not demand.wants_title(position)
    ]
    ids = [person for _tie, person in candidates]
    keep = _in_use(ids) | _targeted(ids, demand.person_digests)
    return [(tie, person) for tie, person in candidates if person not in keep]


def _digests(person_ids: list[int]) -> dict[int, str]:
    """One digest per person: their LinkedIn digest, else email, else name and company."""
    rank = {"linkedin": 0, "email": 1}
    best: dict[int, tuple[int, str]] = {}
    for start in range(0, len(person_ids), CHUNK):
        for person, kind, value in PersonIdentifier.objects.filter(
            person_id__in=person_ids[start : start + CHUNK]
        ).values_list("person_id", "kind", "digest"):
            order = rank.get(kind, 2)
            if person not in best or order < best[person][0]:
                best[person] = (order, value)
    digests = {person: value for person, (_order, value) in best.items()}
    missing = [p for p in person_ids if p not in digests]
    for start in range(0, len(missing), CHUNK):
        for person, first, last, company in Tie.objects.filter(
            person_id__in=missing[start : start + CHUNK]
        ).values_list(
            "person_id", "person__first_name", "person__last_name", "person__company__name"
        ):
            digests[person] = name_company_digest(first, last, company or "")
    return digests


def _email_digests(tie_ids: list[int], person_ids: list[int]) -> dict[int, str]:
    """The address digest of each person: from the employee's own tie (the import line), else
    the smallest of the person's stored address digests.  For people kept under a LinkedIn
    digest, so that a request by address alone finds them (``ForgottenContact.email_digest``)."""
    found: dict[int, str] = {}
    for start in range(0, len(person_ids), CHUNK):
        for person, value in (
            PersonIdentifier.objects.filter(
                person_id__in=person_ids[start : start + CHUNK], kind="email"
            )
            .order_by("-digest")
            .values_list("person_id", "digest")
        ):
            found[person] = value
    for start in range(0, len(tie_ids), CHUNK):
        for person, email in Tie.objects.filter(pk__in=tie_ids[start : start + CHUNK]).values_list(
            "person_id", "email"
        ):
            address = normalize_email(email or "")
            if address and "@" in address:
                found[person] = digest(address)
    return found


def _chunked(values: Iterable[str]) -> Iterable[list[str]]:
    ordered = sorted(values)
    for start in range(0, len(ordered), CHUNK):
        yield ordered[start : start + CHUNK]


def _record_forgotten(
    employee: Employee, entries: dict[str, str], origins: Origins, *, now: dt.datetime
) -> None:
    """Keep ``{digest: address digest or ""}`` as the employee's forgotten contacts, once each,
    with the imports each came from (``origins``: :mod:`.forgotten_sources`).

    The same contact may come in once with their LinkedIn URL and address (a LinkedIn
    file) and once with the address only (a vCard): one row, under the URL's digest
    with the address's beside it, counts them once, whichever came first; it has the
    imports of both.
    """
    held = ForgottenContact.objects.filter(employee=employee)
    covered: dict[str, str] = {}
    for chunk in _chunked(entries):  # an address already kept beside a URL's digest
        covered.update(held.filter(email_digest__in=chunk).values_list("email_digest", "digest"))
    for address, kept in covered.items():
        origins.move(address, kept)
    entries = {d: e for d, e in entries.items() if d not in covered}
    beside = {d: e for d, e in entries.items() if e}
    origins.carry(held, beside)
    for chunk in _chunked(beside.values()):  # kept before under the address alone: now beside
        held.filter(digest__in=chunk, email_digest="").delete()
    origins.keep_untraced(held)
    ForgottenContact.objects.bulk_create(
        [
            ForgottenContact(employee=employee, digest=d, email_digest=e, forgotten_at=now)
            for d, e in entries.items()
        ],
        ignore_conflicts=True,
        batch_size=CHUNK,
    )
    for chunk in _chunked(beside):  # a row kept before the address digest was
        for row in held.filter(digest__in=chunk, email_digest=""):
            row.email_digest = beside[row.digest]
            row.save(update_fields=["email_digest"])
    forgotten_sources_add(employee_id=employee.pk, origins=origins)


@transaction.atomic
def contacts_forget(*, employee: Employee, demand: Demand | None = None) -> int:
    """Forget ``employee``'s contacts that match nothing their organisation asked for; how many."""
    demand = demand if demand is not None else organisation_demand(employee.organisation)
    forget = _to_forget(employee, demand)
    if not forget:
        return 0
    person_ids = [person for _tie, person in forget]
    tie_ids = [tie for tie, _person in forget]
    digests = _digests(person_ids)
    emails = _email_digests(tie_ids, person_ids)
    entries = {
        # The address digest only beside another digest: an address's is already the row's own.
        digests[p]: emails.get(p, "") if emails.get(p) != digests[p] else ""
        for p in dict.fromkeys(person_ids)
        if p in digests
    }
    origins = origins_of_ties({t: digests[p] for t, p in forget if p in digests})
    _record_forgotten(employee, entries, origins, now=timezone.now())
    for start in range(0, len(tie_ids), CHUNK):
        Tie.objects.filter(pk__in=tie_ids[start : start + CHUNK]).delete()
    ties_removed.send(sender=Tie, employee_ids=[employee.pk])
    people = people_forget_unknown(person_ids)
    audit(
        "contacts.forgotten",
        actor_label="system",
        employee=employee.pk,
        organisation=employee.organisation_id,
        contacts=len(tie_ids),
        people=people,
    )
    return len(tie_ids)


def forget_sweep(employees: Iterable[Employee] | None = None) -> int:
    """Compare and forget for every sharing employee (or ``employees``); 0 when it is off."""
    if not forget_enabled():
        return 0
    demands: dict[int, Demand] = {}
    total = 0
    chosen = (
        employees if employees is not None else sharing_employees().select_related("organisation")
    )
    for employee in chosen:
        org = employee.organisation
        if org.pk not in demands:
            demands[org.pk] = organisation_demand(org)
        total += contacts_forget(employee=employee, demand=demands[org.pk])
    return total


def forgotten_count(employee: Employee) -> int:
    """How many contacts of ``employee`` are kept as a digest only."""
    return ForgottenContact.objects.filter(employee=employee).count()
