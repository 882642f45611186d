"""Every predicate of ``weakties.meetings.rules``, tried by everyone who might break it.

Each test asks one predicate for every user in :func:`people` and asserts the
exact set of users it lets through: the allowed pass, and the employee of
another organisation, the non-member, the plain colleague, the inactive
representative, the user without an employee and the anonymous visitor do
not, unless the rule says so.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser

from weakties.accounts.models import Employee, Organisation
from weakties.meetings import rules
from weakties.meetings.models import Match, Meeting
from weakties.meetings.services.federations import delegate_appoint, federation_invite
from weakties.meetings.services.help_requests import help_request_add
from weakties.meetings.services.meetings import meeting_create

from .conftest import in_days

pytestmark = pytest.mark.django_db

#: Everyone who is a member of SAM and active (the superuser counts as a member).
MEMBERS = {"ad", "eva", "piet", "myriam", "root"}
#: Who speaks for some member organisation: the coordinator, the representatives, a superuser.
REPRESENTATIVES = {"ad", "myriam", "root"}
COORDINATOR = {"ad", "root"}


def _user(email: str, **extra):
    employee = Employee.objects.get(email=email)
    employee.user = get_user_model().objects.create_user(username=email, email=email, **extra)
    employee.save(update_fields=["user"])
    return employee.user


@pytest.fixture
def people(network):
    """Who tries: SAM's coordinator, its representatives, colleagues and outsiders.

    * ad: coordinator (and representative) of SAM, Ministerie LNV
    * myriam: representative of Rijkswaterstaat
    * eva, piet: plain employees of Ministerie LNV
    * kees: a representative of Rijkswaterstaat who has left (inactive)
    * sjaak: employee of the Omgevingsdienst, not a member of SAM
    * root: a superuser linked to no employee
    * nobody: a login linked to no employee
    * anonymous: not signed in
    """
    delegate_appoint(federation=network, employee="kees.dijk@rws.nl", role="representative")
    Employee.objects.filter(email="kees.dijk@rws.nl").update(active=False)
    User = get_user_model()
    return {
        "ad": _user("ad.smets@lnv.nl"),
        "myriam": _user("myriam.roo@rws.nl"),
        "eva": _user("eva.kok@lnv.nl"),
        "piet": _user("piet.bos@lnv.nl"),
        "kees": _user("kees.dijk@rws.nl"),
        "sjaak": _user("sjaak.verweij@odbn.nl"),
        "root": User.objects.create_superuser("root", "root@example.org"),
        "nobody": User.objects.create_user("nobody", "nobody@example.org"),
        "anonymous": AnonymousUser(),
    }


def allowed(people, predicate, *args) -> set[str]:
    """The names of the people the predicate lets through."""
    return {name for name, user in people.items() if predicate(user, *args)}


@pytest.fixture
def meeting(network):
    return meeting_create(federation=network, date=in_days(30), schedule=False)


@pytest.fixture
def requests_in(meeting):
    """An LNV surplus, another LNV request and an RWS vacancy."""
    lnv = help_request_add(
        meeting=meeting, org="Ministerie LNV", kind="surplus", title="Vleesinspecteur"
    )
    lnv2 = help_request_add(meeting=meeting, org="Ministerie LNV", kind="candidate", title="Beleid")
    rws = help_request_add(
        meeting=meeting, org="Rijkswaterstaat", kind="vacancy", title="Weginspecteur"
    )
    return lnv, lnv2, rws


def org(name: str) -> Organisation:
    return Organisation.objects.get(name=name)


def test_is_member_active_employees_of_member_organisations_and_superusers(people, network):
    assert allowed(people, rules.is_member, network) == MEMBERS
    assert set(rules.federations_of(people["sjaak"])) == set()
    assert set(rules.federations_of(people["root"])) == {network}


def test_is_coordinator_and_is_representative(people, network):
    assert allowed(people, rules.is_coordinator, network) == COORDINATOR
    assert allowed(people, rules.is_representative, network) == REPRESENTATIVES


def test_a_delegate_whose_organisation_left_the_federation_is_no_longer_one(people, network):
    network.members.remove(org("Rijkswaterstaat"))
    assert allowed(people, rules.is_representative, network) == COORDINATOR
    assert allowed(people, rules.is_member, network) == {"ad", "eva", "piet", "root"}


def test_representative_orgs_own_for_representatives_every_member_for_the_coordinator(
    people, network
):
    lnv, rws = org("Ministerie LNV").pk, org("Rijkswaterstaat").pk
    spoken_for = {name: rules.representative_orgs(user, network) for name, user in people.items()}
    assert spoken_for == {
        "ad": {lnv, rws},
        "root": {lnv, rws},
        "myriam": {rws},
        "eva": set(),
        "piet": set(),
        "kees": set(),
        "sjaak": set(),
        "nobody": set(),
        "anonymous": set(),
    }


def test_may_invite_members_and_may_plan_meetings_only_the_coordinator(people, network):
    assert allowed(people, rules.may_invite_members, network) == COORDINATOR
    assert allowed(people, rules.may_plan_meetings, network) == COORDINATOR


def test_may_see_requests_representatives_and_the_coordinator(people, network):
    assert allowed(people, rules.may_see_requests, network) == REPRESENTATIVES


def test_own_requests_are_the_requesters_alone(people, meeting):
    eva = Employee.objects.get(email="eva.kok@lnv.nl")
    hers = help_request_add(
        meeting=meeting, org="Ministerie LNV", kind="surplus", title="Eva's", requester=eva
    )
    help_request_add(meeting=meeting, org="Ministerie LNV", kind="surplus", title="Someone else's")
    assert list(rules.own_requests(people["eva"], meeting)) == [hers]
    assert list(rules.own_requests(people["ad"], meeting)) == []
    assert list(rules.own_requests(people["anonymous"], meeting)) == []
    assert list(rules.own_requests(people["root"], meeting)) == []


def test_may_add_request_for_own_organisation_coordinator_for_any_member(people, network):
    assert allowed(people, rules.may_add_request_for, network, org("Ministerie LNV")) == {
        "ad",
        "eva",
        "piet",
        "root",
    }
    assert allowed(people, rules.may_add_request_for, network, org("Rijkswaterstaat")) == {
        "ad",
        "myriam",
        "root",
    }
    # Not for an organisation outside the federation, not even its own employee or a superuser.
    assert (
        allowed(people, rules.may_add_request_for, network, org("Omgevingsdienst Brabant Noord"))
        == set()
    )


def test_may_add_requests_now_members_until_the_deadline_representatives_after(people, meeting):
    assert allowed(people, rules.may_add_requests_now, meeting) == MEMBERS
    Meeting.objects.filter(pk=meeting.pk).update(deadline=dt.date.today() - dt.timedelta(days=1))
    meeting.refresh_from_db()
    assert allowed(people, rules.may_add_requests_now, meeting) == REPRESENTATIVES


def test_may_import_requests_and_may_see_brief_representatives_and_the_coordinator(people, meeting):
    assert allowed(people, rules.may_import_requests, meeting) == REPRESENTATIVES
    assert allowed(people, rules.may_see_brief, meeting) == REPRESENTATIVES


def test_may_record_outcome_and_suggest_contacts_for_the_own_organisation(people, requests_in):
    lnv, _, rws = requests_in
    for predicate in (rules.may_record_outcome, rules.may_suggest_contacts):
        assert allowed(people, predicate, lnv) == COORDINATOR  # not myriam, not eva
        assert allowed(people, predicate, rws) == {"ad", "myriam", "root"}  # not kees


def test_may_move_match_only_representatives_of_its_two_organisations(people, meeting, requests_in):
    lnv, lnv2, rws = requests_in
    across = Match.objects.create(meeting=meeting, supply=lnv, demand=rws, score=0.7, why="x")
    within_lnv = Match.objects.create(meeting=meeting, supply=lnv, demand=lnv2, score=0.5, why="y")
    assert allowed(people, rules.may_move_match, across) == {"ad", "myriam", "root"}
    assert allowed(people, rules.may_move_match, within_lnv) == COORDINATOR


def test_may_see_and_answer_an_invitation_the_invited_organisation_only(people, network):
    inv = federation_invite(network, organisation="Omgevingsdienst Brabant Noord")
    assert allowed(people, rules.may_see_invitation, inv) == {"sjaak"}
    assert allowed(people, rules.may_answer_invitation, inv) == set()  # sjaak is a plain employee
    sjaak = Employee.objects.get(email="sjaak.verweij@odbn.nl")
    for role in ("admin", "representative", "coordinator"):
        sjaak.role = role
        sjaak.save(update_fields=["role"])
        people["sjaak"].refresh_from_db()
        assert allowed(people, rules.may_answer_invitation, inv) == {"sjaak"}, role
    sjaak.role = "employee"
    sjaak.save(update_fields=["role"])
    people["sjaak"].is_superuser = True
    people["sjaak"].save()
    assert allowed(people, rules.may_answer_invitation, inv) == {"sjaak"}
    # One who has left the invited organisation neither sees nor answers it.
    Employee.objects.filter(pk=sjaak.pk).update(active=False, role="admin")
    people["sjaak"].refresh_from_db()
    people["sjaak"].employee.refresh_from_db()
    assert allowed(people, rules.may_see_invitation, inv) == set()


def test_may_see_organisation_results_its_employees_and_superusers(people, network):
    assert allowed(people, rules.may_see_organisation_results, org("Ministerie LNV")) == {
        "ad",
        "eva",
        "piet",
        "root",
    }
    assert allowed(
        people, rules.may_see_organisation_results, org("Omgevingsdienst Brabant Noord")
    ) == {"sjaak", "root"}
    # kees has left Rijkswaterstaat: its results are no longer his to see.
    assert allowed(people, rules.may_see_organisation_results, org("Rijkswaterstaat")) == {
        "myriam",
        "root",
    }
