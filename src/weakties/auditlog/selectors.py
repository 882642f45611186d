"""Reading the audit log for its two audiences (issue 12).  Read-only; each bounded.

* :func:`organisation_events`: the events of one organisation — by its
  employees' logins, by the CLI acting as one of them (``--as EMAIL``), or
  about it (``detail.organisation``), as ``AuditEvent.organisation`` records
  them — filtered by actor, action and dates.
* :func:`contact_lookups`: for one employee, who looked up one of the people
  they know (a person search by email or LinkedIn address is audited with the
  person's id or identifier digest: ``intro`` with ``target == "person"``),
  and who asked them for an introduction (``intro.requested``).  Other
  colleagues' contacts never show, and no contact detail does.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from weakties.accounts.models import AuditEvent, Employee, Organisation
from weakties.auditlog.masking import EMAIL_MASK, masked, masked_text
from weakties.people.models import Person, PersonIdentifier, Tie

__all__ = [
    "LOOKUP_WINDOW_DAYS",
    "organisation_events",
    "actions_of",
    "actors_of",
    "EventRow",
    "event_rows",
    "Lookup",
    "contact_lookups",
]

#: How far back an employee's page looks (person searches are a year's audit at most).
LOOKUP_WINDOW_DAYS = 365
#: Look-ups of one person by id: an admin's privacy request (the privacy app, ``person export``).
PERSON_LOOKUPS = ("privacy.person_lookup", "export_person")
#: Person searches read per page at most: searches are rate-limited per user and hour.
LOOKUP_SCAN = 5000
CHUNK = 500


def _scope(organisation: Organisation) -> Q:
    """The organisation's own events: ``AuditEvent.organisation``, written with each event.

    It is the acting employee's organisation (by login, or the CLI acting as them), else
    the organisation the event is about (``detail.organisation``); see
    :mod:`weakties.accounts.services.audit`. One indexed range, newest first, whatever
    the size of the whole log.
    """
    return Q(organisation=organisation)


def organisation_events(
    organisation: Organisation,
    *,
    actor: int | None = None,
    action: str = "",
    since: dt.date | None = None,
    until: dt.date | None = None,
) -> QuerySet[AuditEvent]:
    """The organisation's events, newest first; ``actor`` is a user id, dates are inclusive."""
    events = AuditEvent.objects.filter(_scope(organisation))
    if actor is not None:
        events = events.filter(actor_id=actor)
    if action:
        events = events.filter(action=action)
    tz = timezone.get_current_timezone()
    if since is not None:
        events = events.filter(at__gte=dt.datetime.combine(since, dt.time.min, tzinfo=tz))
    if until is not None:
        end = dt.datetime.combine(until + dt.timedelta(days=1), dt.time.min, tzinfo=tz)
        events = events.filter(at__lt=end)
    return events.order_by("-at", "-pk")


def actions_of(organisation: Organisation) -> list[str]:
    """The actions that occur in the organisation's log, for the filter."""
    return sorted(set(organisation_events(organisation).values_list("action", flat=True)[:20000]))


def actors_of(organisation: Organisation) -> list[tuple[int, str]]:
    """``(user id, name)`` of the organisation's employees with a login, for the filter."""
    rows = Employee.objects.filter(organisation=organisation, user__isnull=False).order_by(
        "last_name", "first_name"
    )
    return [(e.user_id, e.full_name or e.email) for e in rows]


@dataclass(frozen=True)
class EventRow:
    at: dt.datetime
    actor: str
    action: str
    detail: dict[str, Any]


def event_rows(organisation: Organisation, events: list[AuditEvent]) -> list[EventRow]:
    """The events as shown to the admin: actors by name, contact details masked."""
    names = {
        e.user_id: e.full_name or e.email
        for e in Employee.objects.filter(
            organisation=organisation, user_id__in={ev.actor_id for ev in events if ev.actor_id}
        )
    }
    emails = {
        e.email.lower(): e.full_name or e.email
        for e in Employee.objects.filter(
            organisation=organisation,
            email__in={ev.actor_label for ev in events if "@" in ev.actor_label},
        )
    }
    rows = []
    for ev in events:
        label = ev.actor_label
        actor = names.get(ev.actor_id) or emails.get(label.lower()) or masked_text(label)
        if actor == EMAIL_MASK or not actor:
            actor = "—"
        rows.append(EventRow(at=ev.at, actor=actor, action=ev.action, detail=masked(ev.detail)))
    return rows


@dataclass(frozen=True)
class Lookup:
    at: dt.datetime
    who: str
    kind: str  # "search" or "request"
    person: str


def _searched_people(events: list[AuditEvent]) -> dict[int, set[int]]:
    """event id → the person ids it looked up (stored ids, else resolved from the digest)."""
    found: dict[int, set[int]] = {}
    digests: dict[tuple[str, str], list[int]] = {}
    for ev in events:
        ids = ev.detail.get("person_ids")
        if isinstance(ids, list) and ids:
            found[ev.pk] = {int(i) for i in ids}
            continue
        query = str(ev.detail.get("query", ""))
        kind, _sep, key = query.partition(":")
        if key:
            digests.setdefault((kind, key), []).append(ev.pk)
    for kind in {k for k, _key in digests}:
        keys = [key for k, key in digests if k == kind]
        for start in range(0, len(keys), CHUNK):
            for person, key in PersonIdentifier.objects.filter(
                kind=kind, digest__in=keys[start : start + CHUNK]
            ).values_list("person_id", "digest"):
                for event in digests[(kind, key)]:
                    found.setdefault(event, set()).add(person)
    return found


def _known(employee: Employee, person_ids: set[int]) -> set[int]:
    ids = sorted(person_ids)
    known: set[int] = set()
    for start in range(0, len(ids), CHUNK):
        known |= set(
            Tie.objects.filter(
                employee=employee, person_id__in=ids[start : start + CHUNK]
            ).values_list("person_id", flat=True)
        )
    return known


def _who(events: list[AuditEvent], organisation: Organisation) -> dict[int, str]:
    """event id → the searcher's name as colleagues see it (never an external address)."""
    return {
        row_id: row.actor
        for row_id, row in zip(
            [ev.pk for ev in events], event_rows(organisation, events), strict=True
        )
    }


def contact_lookups(
    employee: Employee, *, now: dt.datetime | None = None, limit: int = 200
) -> list[Lookup]:
    """Who looked up, or asked about, the people ``employee`` knows: newest first, at most ``limit``."""
    now = now or timezone.now()
    since = now - dt.timedelta(days=LOOKUP_WINDOW_DAYS)
    org = employee.organisation
    mine = Q(actor_id=employee.user_id) if employee.user_id else Q(pk__in=[])
    searches = list(
        organisation_events(org)
        .filter(action="intro", detail__target="person", at__gte=since)
        .exclude(mine)[:LOOKUP_SCAN]
    )
    looked_up = _searched_people(searches)
    # An admin's look-up for a privacy request (export, erasure) names the person by id.
    by_admin = list(
        organisation_events(org)
        .filter(action__in=PERSON_LOOKUPS, at__gte=since)
        .exclude(mine)[:LOOKUP_SCAN]
    )
    for ev in by_admin:
        if isinstance(ev.detail.get("person"), int):
            looked_up[ev.pk] = {ev.detail["person"]}
    searches += by_admin
    known = _known(employee, set().union(*looked_up.values()) if looked_up else set())
    requests = list(
        AuditEvent.objects.filter(
            action="intro.requested", detail__introducer=employee.pk, at__gte=since
        ).order_by("-at")[:LOOKUP_SCAN]
    )
    people = {
        p.pk: p.name or "—"
        for p in Person.objects.filter(
            pk__in=sorted(
                known | {int(ev.detail["person"]) for ev in requests if ev.detail.get("person")}
            )[:LOOKUP_SCAN]
        )
    }
    who = _who(searches + requests, org)
    rows = [
        Lookup(at=ev.at, who=who[ev.pk], kind="search", person=people.get(p, "—"))
        for ev in searches
        for p in sorted(looked_up.get(ev.pk, set()) & known)
    ]
    rows += [
        Lookup(
            at=ev.at,
            who=who[ev.pk],
            kind="request",
            person=people.get(ev.detail.get("person"), "—"),
        )
        for ev in requests
    ]
    rows.sort(key=lambda r: r.at, reverse=True)
    return rows[:limit]
