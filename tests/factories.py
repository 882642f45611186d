"""Factories for tests: build organisations the way users do (through the services)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.utils import timezone

from weakties.accounts.models import Employee, Organisation
from weakties.accounts.services.organisations import organisation_create
from weakties.meetings.models import Meeting
from weakties.meetings.services.federations import federation_create
from weakties.meetings.services.meetings import meeting_create
from weakties.people.services.directory import directory_import
from weakties.people.services.network_import.importer import NetworkImporter

DATA = Path(__file__).parent / "data" / "org"


def acme(*, networks: bool = True) -> Organisation:
    """Acme BV: four employees from ``tests/data/org/directory.csv``; Jan and Sophie share their networks."""
    org = organisation_create(name="Acme BV", domain="acme.nl")
    report = directory_import(path=DATA / "directory.csv", organisation=org)
    assert report.ok, report.errors
    if networks:
        importer = NetworkImporter()
        jan, sophie = employee("jan.vandenberg@acme.nl"), employee("sophie.bakker@acme.nl")
        for path, owner in (
            (DATA / "jan_Connections.csv", jan),
            (DATA / "jan_contacts.vcf", jan),
            (DATA / "sophie_Connections.csv", sophie),
        ):
            result = importer.import_file(path=path, owner=owner)
            assert result.ok, result.errors
    return org


def meeting(organisation: Organisation, *, in_days: int = 30) -> Meeting:
    """A meeting ``in_days`` ahead of the employer network "Regio", whose one member is ``organisation``."""
    federation = federation_create(name="Regio", members=[organisation.name])
    day = timezone.localdate() + dt.timedelta(days=in_days)
    return meeting_create(federation=federation, date=day, schedule=False)


def employee(email: str) -> Employee:
    return Employee.objects.select_related("organisation", "person").get(email=email)


def login(client, email: str, *, role: str | None = None, password: str = "s3cret-Passw0rd"):
    """Give the employee a login and sign the test client in."""
    e = employee(email)
    User = get_user_model()
    user = e.user or User.objects.filter(username=email).first()
    if user is None:
        user = User.objects.create_user(username=email, email=email, password=password)
    else:  # the demo gives some employees a login of their own already
        user.set_password(password)
        user.save(update_fields=["password"])
    e.user = user
    if role:
        e.role = role
    e.save()
    client.force_login(user)
    return e


# Two organisations for the permission tests (issue 12 §2) ----------------------------------------

#: Every text of the other organisation contains this mark: a response that shows it leaks.
OTHER_MARK = "zorblax"

#: Role → (first name, last name, department, job title) of one employee per role.
ROLES = ("admin", "employee", "recruiter", "sales", "representative", "coordinator")


@dataclass
class OrgWorld:
    """One organisation with one login per role and one object of every kind its pages show."""

    organisation: Organisation
    people: dict[str, Employee]
    objects: dict[str, Any]


def _staff(org_name: str, domain: str, names: dict[str, tuple[str, str]], folder: Path) -> None:
    path = folder / f"{domain}.csv"
    lines = ["email,first_name,last_name,department,job_title,location,manager_email"]
    for role, (first, last) in names.items():
        lines.append(
            f"{first.lower()}.{last.lower().replace(' ', '')}@{domain},{first},{last},Sales,{role},Utrecht,"
        )
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    org = Organisation.objects.get(name=org_name)
    report = directory_import(path=path, organisation=org)
    assert report.ok, report.errors


def _vcard(contacts: list[tuple[str, str, str, str, str]]) -> str:
    cards = []
    for first, last, company, email, phone in contacts:
        cards.append(
            "BEGIN:VCARD\nVERSION:3.0\n"
            f"N:{last};{first};;;\nFN:{first} {last}\nORG:{company}\nTITLE:Data analyst\n"
            f"EMAIL;type=INTERNET:{email}\nTEL;type=CELL:{phone}\nEND:VCARD\n"
        )
    return "".join(cards)


def org_world(
    *,
    name: str,
    domain: str,
    names: dict[str, tuple[str, str]],
    contacts: dict[str, list[tuple[str, str, str, str, str]]],
    folder: Path,
    mark: str = "",
) -> OrgWorld:
    """An organisation built through the services: staff, networks, and one of each object.

    ``contacts`` maps a role to the vCard contacts (first, last, company, email, phone) that
    employee imports; ``mark`` goes into every title this builder makes up.
    """
    from weakties.accounts.models import Role
    from weakties.ambassadors.mail import invitation_token
    from weakties.ambassadors.models import Invitation
    from weakties.ambassadors.services.campaigns import campaign_create
    from weakties.ambassadors.services.material import post_publish
    from weakties.ambassadors.services.targets import target_add
    from weakties.expertise.services.target_lists import target_lines, target_list_create
    from weakties.introductions.services.requests import introduction_request
    from weakties.meetings.mail import request_link
    from weakties.meetings.models import Match
    from weakties.meetings.services.federations import delegate_appoint
    from weakties.meetings.services.help_requests import help_request_add
    from weakties.meetings.services.public import public_results_switch
    from weakties.notifications.services.notify import notify
    from weakties.people.models import ImportBatch, Tie
    from weakties.plans.services.plans import plan_set
    from weakties.referrals.services.asks import referral_link
    from weakties.referrals.services.referrals import referral_apply
    from weakties.referrals.services.vacancies import vacancy_create

    org = organisation_create(name=name, domain=domain)
    _staff(name, domain, names, folder)
    people = {}
    for role, (first, last) in names.items():
        e = Employee.objects.get(organisation=org, first_name=first, last_name=last)
        e.role = Role(role)
        e.user = get_user_model().objects.create_user(
            username=e.email, email=e.email, password="s3cret-Passw0rd"
        )
        e.save()
        people[role] = e
    importer = NetworkImporter()
    for role, cards in contacts.items():
        path = folder / f"{domain}-{role}.vcf"
        path.write_text(_vcard(cards), encoding="utf-8")
        result = importer.import_file(path=path, owner=people[role])
        assert result.ok, result.errors

    me, colleague = people["employee"], people["sales"]
    tie = Tie.objects.filter(employee=me).order_by("pk").first()
    objects: dict[str, Any] = {
        "employee": me,
        "import": ImportBatch.objects.filter(owner=me).first(),
        "tie": tie,
    }
    objects["intro"] = introduction_request(
        requester=colleague,
        introducer=me,
        person=tie.person,
        reason=f"{mark} meeting".strip(),
        questions=["Wat doen jullie?"],
    )
    vacancy = vacancy_create(organisation=org, title=f"Data analyst {mark}".strip())
    objects["vacancy"] = vacancy
    objects["referral"], _ = referral_apply(
        vacancy=vacancy,
        referrer=me,
        name=f"Kandidaat {mark}".strip(),
        email=f"kandidaat@{domain}",
    )
    objects["target_list"] = target_list_create(
        owner=people["sales"],
        name=f"Prospects {mark}".strip(),
        lines=target_lines(text=f"{cards_company(contacts)}\n"),
    )
    objects["target"] = objects["target_list"].targets.first()
    objects["campaign"] = campaign_create(
        organisation=org, scope="all", created_by=people["admin"]
    ).campaign
    objects["invitation"] = Invitation.objects.filter(campaign=objects["campaign"]).first()
    objects["ambassador_target"] = target_add(
        organisation=org, kind="company", name=f"Bedrijf {mark} BV".strip()
    )
    objects["post"] = post_publish(
        organisation=org,
        title_nl=f"Bericht {mark}".strip(),
        link="https://example.com/post",
        text_nl="Deel dit",
    )
    objects["notice"] = notify(employee=me, kind="test", subject=f"Bericht {mark}".strip())
    plan_set(employee=me, goal="new_job")

    federation = federation_create(name=f"Netwerk {name}", members=[name])
    delegate_appoint(federation=federation, employee=people["coordinator"], role="coordinator")
    delegate_appoint(
        federation=federation, employee=people["representative"], role="representative"
    )
    day = timezone.localdate() + dt.timedelta(days=30)
    meeting_ = meeting_create(federation=federation, date=day, schedule=False)
    surplus = help_request_add(
        meeting=meeting_,
        org=org,
        kind="candidate",
        title=f"Data analyst {mark}".strip(),
        skills="python, sql",
        requester=me,
    )
    demand = help_request_add(
        meeting=meeting_,
        org=org,
        kind="vacancy",
        title=f"Data analyst {mark}".strip(),
        skills="python, sql",
        requester=colleague,
    )
    # Proposals pair requests of two organisations; this network has one, so the pair is set.
    Match.objects.create(meeting=meeting_, supply=surplus, demand=demand, score=0.5)
    objects.update(
        federation=federation,
        meeting=meeting_,
        help_request=surplus,
        demand=demand,
        match=meeting_.matches.first(),
        public=public_results_switch(federation, on=True, actor=None),
    )
    objects["token:public"] = objects["public"].token
    objects["token:ask"] = _last_part(request_link(meeting_, me))
    objects["token:apply"] = _last_part(referral_link(vacancy, me))
    objects["token:landing"] = invitation_token(objects["invitation"])
    objects["landing_import"] = objects["import"]
    return OrgWorld(organisation=org, people=people, objects=objects)


def cards_company(contacts: dict[str, list[tuple[str, str, str, str, str]]]) -> str:
    """The first contact's company: a target list names it."""
    return next(iter(contacts.values()))[0][2]


def _last_part(link: str) -> str:
    return link.rstrip("/").rsplit("/", 1)[-1]
