"""The demo's employer network: the demo firm, a ministry and an agency, one meeting held, one coming.

Seed 004's case is in it: a ministry's meat inspectors becoming surplus while
an agency hires road inspectors.  Built through the services where they
apply; the past meeting is written directly, since the services refuse dates
in the past, with its history: the call went out, the requesters hear what
came of their requests.  The coming meeting's call is due, so it is queued
and goes out at once; colleagues who know someone for its data-analyst
vacancy are asked.  Every email goes through the real tasks (in the demo:
to the Outbox page).
"""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from weakties.accounts.models import Employee, Federation, Organisation, Role
from weakties.accounts.services.organisations import organisation_create
from weakties.meetings.models import CallDelivery, HelpRequest, Meeting
from weakties.meetings.selectors import invited_employees
from weakties.meetings.services.contacts import contact_owners_ask, contacts_suggest
from weakties.meetings.services.federations import delegate_appoint, federation_create
from weakties.meetings.services.help_requests import help_request_add
from weakties.meetings.services.meetings import meeting_create, schedule_call
from weakties.meetings.services.network_sharing import network_sharing_give
from weakties.meetings.services.outcomes import outcome_record
from weakties.meetings.services.proposals import match_set_stage, matches_propose
from weakties.people.services.directory import directory_import

__all__ = ["build_demo_network", "DEMO_FEDERATION"]

DEMO_FEDERATION = "Werkgeversnetwerk Midden-Nederland"

#: A partner's staff: first name, last name, department, job title.
Staff = list[tuple[str, str, str, str]]

PARTNERS: dict[str, tuple[str, Staff]] = {
    "Ministerie van LNV (demo)": (
        "lnv.example",
        [
            ("Ad", "Smets", "HR", "Mobiliteitsadviseur"),
            ("Eva", "Kok", "Keuring", "Vleesinspecteur"),
            ("Piet", "Bos", "Keuring", "Teamleider keuring"),
            ("Anouk", "Meijer", "Beleid", "Beleidsmedewerker"),
        ],
    ),
    "Rijkswaterstaat (demo)": (
        "rws.example",
        [
            ("Myriam", "de Roo", "HR", "Recruiter"),
            ("Kees", "Dijk", "Wegen", "Manager weginspectie"),
            ("Fatima", "El Amrani", "ICT", "Data-analist"),
            ("Joost", "Vermeulen", "Wegen", "Weginspecteur"),
        ],
    ),
}


def _partner(name: str, domain: str, people: Staff) -> Organisation:
    org = Organisation.objects.filter(name=name).first() or organisation_create(
        name=name, domain=domain
    )
    if not org.employees.exists():
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "directory.csv"
            rows = ["email,first_name,last_name,department,job_title,location,manager_email"]
            rows += [
                f"{first.lower()}.{last.lower().replace(' ', '')}@{domain},{first},{last},{d},{t},Utrecht,"
                for first, last, d, t in people
            ]
            path.write_text("\n".join(rows) + "\n")
            directory_import(path=path, organisation=org)
    return org


@transaction.atomic
def build_demo_network(organisation: Organisation) -> Federation:
    """Create (or reuse) the demo federation around ``organisation``; its admin coordinates."""
    existing = Federation.objects.filter(name=DEMO_FEDERATION).first()
    if existing is not None:
        return existing
    partners = [_partner(name, domain, people) for name, (domain, people) in PARTNERS.items()]
    admin = (
        Employee.objects.filter(organisation=organisation, role=Role.ADMIN).order_by("id").first()
    )
    federation = federation_create(
        name=DEMO_FEDERATION, members=[organisation.name, *(p.name for p in partners)]
    )
    if admin is not None:
        delegate_appoint(federation=federation, employee=admin, role="coordinator")
        delegate_appoint(federation=federation, employee=admin, role="representative")
    for p in partners:
        delegate_appoint(
            federation=federation,
            employee=p.employees.order_by("id").first(),
            role="representative",
        )
    lnv, rws = partners
    today = timezone.localdate()

    # The meeting that was held: surplus meat inspectors placed as road inspectors.
    past = Meeting.objects.create(
        federation=federation,
        date=today - dt.timedelta(days=60),
        deadline=today - dt.timedelta(days=62),
        place="Den Bosch",
        host=rws,
        agenda="Uitwisseling van kandidaten, vacatures en werkervaringsplekken; elevator pitches",
    )
    eva = lnv.employees.get(first_name="Eva")
    surplus = help_request_add(
        meeting=past,
        org=lnv,
        kind="surplus",
        title="Vleesinspecteur",
        skills="inspectie, HACCP, voedselveiligheid, rapporteren",
        region="Noord-Brabant",
        count=24,
        date=today + dt.timedelta(days=90),
        requester=eva,
    )
    vacancy = help_request_add(
        meeting=past,
        org=rws,
        kind="vacancy",
        title="Weginspecteur",
        skills="inspectie, verkeersveiligheid, rapporteren",
        region="Noord-Brabant",
        count=30,
        requester=rws.employees.get(first_name="Kees"),
    )
    help_request_add(meeting=past, org=lnv, kind="change", title="Keuringsdienst wordt afgebouwd")

    HelpRequest.objects.filter(meeting=past).update(
        created_at=timezone.now() - dt.timedelta(days=64)
    )
    _call_went_out(past)
    for m in matches_propose(meeting=past):
        if m.supply_id == surplus.pk and m.demand_id == vacancy.pk:
            match_set_stage(m, stage="placed", placed=18)
    outcome_record(
        request=surplus,
        outcome="match",
        note="Rijkswaterstaat neemt inspecteurs over",
        next_step="Gesprekken per team",
    )
    outcome_record(
        request=vacancy,
        outcome="match",
        note="18 inspecteurs van LNV",
        next_step="Start werving intern",
    )

    # The coming meeting.
    coming = meeting_create(
        federation=federation,
        date=today + dt.timedelta(days=12),
        place="Utrecht",
        host=lnv.name,
        agenda="Elevator pitches van loopbaankandidaten; presentatie van de gastorganisatie",
        schedule=False,
    )
    help_request_add(
        meeting=coming,
        org=lnv,
        kind="candidate",
        title="Beleidsmedewerker arbeidsmarkt",
        skills="beleid, analyse, arbeidsmarkt",
        region="Utrecht",
    )
    analyst = help_request_add(
        meeting=coming,
        org=rws,
        kind="vacancy",
        title="Data-analist",
        skills="python, sql, analyse",
        region="Utrecht",
        months_ahead=6,
    )
    help_request_add(
        meeting=coming,
        org=organisation,
        kind="work-experience",
        title="Werkervaringsplek klantenservice",
        region="Utrecht",
    )
    help_request_add(
        meeting=coming, org=rws, kind="question", title="Wie heeft ervaring met hybride roosters?"
    )
    matches_propose(meeting=coming)
    # Its moment has come (12 days ahead, the call goes 14 days before): queued, sent at once.
    schedule_call(coming)
    _lend_networks(organisation, admin)
    if contacts_suggest(demand=analyst):
        contact_owners_ask(analyst)
    return federation


def _lend_networks(organisation: Organisation, admin: Employee | None) -> None:
    """The two opt-ins another member's vacancy needs (issue 12 §6), given as people give them:
    the organisation's by its admin, and each demo login's own by that employee."""
    if admin is None or admin.user is None:
        return
    network_sharing_give(organisation=organisation, actor=admin.user, via="demo")
    for employee in Employee.objects.filter(organisation=organisation, user__isnull=False):
        network_sharing_give(
            organisation=organisation, employee=employee, actor=employee.user, via="demo"
        )


def _call_went_out(meeting: Meeting) -> None:
    """The held meeting's history: its call reached everyone invited at its moment."""
    at = meeting.call_at
    CallDelivery.objects.bulk_create(
        [
            CallDelivery(meeting=meeting, employee=e, kind=CallDelivery.Kind.CALL, sent_at=at)
            for e in invited_employees(meeting)
        ]
    )
    Meeting.objects.filter(pk=meeting.pk).update(call_sent_at=at)
