"""Each predicate of ``weakties.meetings.rules`` refused at the edges: the pages and the API.

The unit tests (``test_rules.py``) try every user against every rule; these
check that the page or endpoint asking the rule answers the refused user with
the same status and message as before (404 where the user may not know the
thing exists, 403 where they may not act).
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from weakties.accounts.models import ApiToken, Employee
from weakties.meetings.models import HelpRequest, Match, Meeting
from weakties.meetings.services.help_requests import help_request_add
from weakties.meetings.services.meetings import meeting_create

from .conftest import in_days, login_as

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english(settings):
    """The messages are compared word for word, in English."""
    settings.LANGUAGE_CODE = "en"


def bearer(user) -> dict:
    _, key = ApiToken.issue(user, "test")
    return {"Authorization": f"Bearer {key}"}


def token_for(client, email: str) -> dict:
    login_as(client, email)
    client.logout()
    return bearer(Employee.objects.get(email=email).user)


@pytest.fixture
def meeting(network):
    return meeting_create(federation=network, date=in_days(30), schedule=False)


@pytest.fixture
def requests_in(meeting):
    lnv = help_request_add(
        meeting=meeting, org="Ministerie LNV", kind="surplus", title="Vleesinspecteur"
    )
    lnv2 = help_request_add(meeting=meeting, org="Ministerie LNV", kind="candidate", title="Beleid")
    rws = help_request_add(
        meeting=meeting, org="Rijkswaterstaat", kind="vacancy", title="Weginspecteur"
    )
    return lnv, lnv2, rws


@pytest.fixture
def root(db):
    return get_user_model().objects.create_superuser("root", "root@example.org", "s3cret-Passw0rd")


def post_json(client, url: str, body: dict, headers: dict):
    return client.post(url, body, content_type="application/json", headers=headers)


# is_member -------------------------------------------------------------------------------------


def test_an_employee_who_left_no_longer_sees_the_network_pages_or_api(client, meeting):
    """is_member: an inactive employee of a member organisation is refused with 404."""
    headers = token_for(client, "kees.dijk@rws.nl")
    Employee.objects.filter(email="kees.dijk@rws.nl").update(active=False)
    login_as(client, "kees.dijk@rws.nl")
    assert client.get(reverse("meetings:meeting", args=[meeting.pk])).status_code == 404
    assert client.get(reverse("meetings:federation", args=[meeting.federation_id])).status_code == (
        404
    )
    response = client.get(f"/api/meetings/{meeting.pk}/requests", headers=headers)
    assert response.status_code == 404 and response.json() == {"detail": "no such meeting"}
    assert client.get("/api/federations", headers=headers).json() == []


# may_invite_members, may_plan_meetings ----------------------------------------------------------


def test_a_plain_colleague_may_not_invite_plan_change_or_send_the_call(client, meeting):
    """may_invite_members / may_plan_meetings: 403 on every coordinator page."""
    login_as(client, "eva.kok@lnv.nl")
    fed = meeting.federation_id
    assert client.post(reverse("meetings:invite", args=[fed]), {}).status_code == 403
    assert client.get(reverse("meetings:meeting_create", args=[fed])).status_code == 403
    assert client.get(reverse("meetings:meeting_edit", args=[meeting.pk])).status_code == 403
    assert client.post(reverse("meetings:send_call", args=[meeting.pk])).status_code == 403
    html = client.get(reverse("meetings:federation", args=[fed])).content.decode()
    assert 'id="new-meeting"' not in html


def test_the_api_refuses_to_plan_for_a_representative_and_lets_a_superuser(client, network, root):
    """may_plan_meetings through the API: 403 with its message; a superuser coordinates all."""
    body = {"date": in_days(50).isoformat(), "place": "Utrecht"}
    url = f"/api/federations/{network.pk}/meetings"
    refused = post_json(client, url, body, token_for(client, "myriam.roo@rws.nl"))
    assert refused.status_code == 403
    assert refused.json() == {"detail": "only the coordinator plans meetings"}
    assert post_json(client, url, body, bearer(root)).status_code == 201


# may_see_requests, may_add_request_for, may_add_requests_now -----------------------------------


def test_the_api_refuses_requests_for_another_organisation(client, meeting):
    """may_add_request_for: 403 naming the organisation, as before."""
    body = {"org": "Rijkswaterstaat", "kind": "vacancy", "title": "Nep"}
    url = f"/api/meetings/{meeting.pk}/requests"
    response = post_json(client, url, body, token_for(client, "eva.kok@lnv.nl"))
    assert response.status_code == 403
    assert response.json() == {"detail": "you may not add requests for 'Rijkswaterstaat'"}
    # A representative speaks for their own organisation only, not for the other member.
    body["org"] = "Ministerie LNV"
    response = post_json(client, url, body, token_for(client, "myriam.roo@rws.nl"))
    assert response.status_code == 403
    assert not HelpRequest.objects.exists()


def test_the_web_form_offers_only_the_organisations_one_may_ask_for(client, meeting):
    """may_add_request_for on the page: another organisation is not a valid choice."""
    eva = login_as(client, "eva.kok@lnv.nl")
    rws = Employee.objects.get(email="myriam.roo@rws.nl").organisation
    response = client.post(
        reverse("meetings:ask", args=[meeting.pk]),
        {"kind": "vacancy", "organisation": rws.pk, "title": "Nep", "count": 1},
    )
    assert response.status_code == 200 and not HelpRequest.objects.exists()
    client.post(
        reverse("meetings:ask", args=[meeting.pk]),
        {"kind": "candidate", "organisation": eva.organisation_id, "title": "Echt", "count": 1},
    )
    assert HelpRequest.objects.get().organisation_id == eva.organisation_id


def test_after_the_deadline_a_signed_in_colleague_is_closed_a_representative_is_not(
    client, meeting
):
    """may_add_requests_now: the form is closed for colleagues, open for representatives."""
    Meeting.objects.filter(pk=meeting.pk).update(deadline=dt.date.today() - dt.timedelta(days=1))
    url = reverse("meetings:ask", args=[meeting.pk])
    eva = login_as(client, "eva.kok@lnv.nl")
    assert 'id="closed"' in client.get(url).content.decode()
    client.post(url, {"kind": "candidate", "organisation": eva.organisation_id, "title": "Te laat"})
    assert not HelpRequest.objects.exists()
    client.logout()
    myriam = login_as(client, "myriam.roo@rws.nl")
    assert 'id="closed"' not in client.get(url).content.decode()
    client.post(
        url,
        {"kind": "vacancy", "organisation": myriam.organisation_id, "title": "Laat", "count": 1},
    )
    assert HelpRequest.objects.get().title == "Laat"


# may_import_requests, may_see_brief -------------------------------------------------------------


def test_a_plain_colleague_gets_neither_import_nor_brief_nor_matches(client, meeting):
    """may_import_requests / may_see_brief: 403 on the pages, 403 on the API's matches."""
    login_as(client, "eva.kok@lnv.nl")
    sheet = SimpleUploadedFile("hulpvragen.csv", b"soort;titel\nvacature;Nep\n")
    refused = client.post(reverse("meetings:import", args=[meeting.pk]), {"file": sheet})
    assert refused.status_code == 403 and not HelpRequest.objects.exists()
    assert client.get(reverse("meetings:brief", args=[meeting.pk])).status_code == 403
    assert client.get(reverse("meetings:brief_pdf", args=[meeting.pk])).status_code == 403
    response = client.get(
        f"/api/meetings/{meeting.pk}/matches", headers=token_for(client, "eva.kok@lnv.nl")
    )
    assert response.status_code == 403
    assert response.json() == {"detail": "only representatives see the matches"}


# may_record_outcome, may_suggest_contacts ------------------------------------------------------


def test_outcome_and_contacts_are_refused_to_the_other_organisations_representative(
    client, requests_in
):
    """may_record_outcome / may_suggest_contacts: 403 for myriam on an LNV request."""
    lnv, _, _ = requests_in
    login_as(client, "myriam.roo@rws.nl")
    assert client.get(reverse("meetings:outcome", args=[lnv.pk])).status_code == 403
    assert client.post(reverse("meetings:contacts", args=[lnv.pk])).status_code == 403
    response = post_json(
        client,
        f"/api/requests/{lnv.pk}/outcome",
        {"outcome": "introduction"},
        token_for(client, "myriam.roo@rws.nl"),
    )
    assert response.status_code == 403
    assert response.json() == {
        "detail": "only the organisation's representative or the coordinator records outcomes"
    }
    lnv.refresh_from_db()
    assert lnv.outcome in ("", None)


def test_outcome_of_a_request_in_a_network_one_is_not_in_is_not_found(client, requests_in):
    """The membership check comes first: a non-member gets 404, not 403."""
    lnv, _, _ = requests_in
    login_as(client, "sjaak.verweij@odbn.nl")
    assert client.get(reverse("meetings:outcome", args=[lnv.pk])).status_code == 404
    assert client.post(reverse("meetings:contacts", args=[lnv.pk])).status_code == 404
    response = post_json(
        client,
        f"/api/requests/{lnv.pk}/outcome",
        {"outcome": "introduction"},
        token_for(client, "sjaak.verweij@odbn.nl"),
    )
    assert response.status_code == 404 and response.json() == {"detail": "no such request"}


# may_move_match -------------------------------------------------------------------------------


def test_a_representative_may_not_move_a_match_between_two_other_organisations(
    client, meeting, requests_in
):
    """may_move_match: 403 on the page and the API; the stage stays."""
    lnv, lnv2, _ = requests_in
    m = Match.objects.create(meeting=meeting, supply=lnv, demand=lnv2, score=0.5, why="x")
    login_as(client, "myriam.roo@rws.nl")
    assert client.post(
        reverse("meetings:stage", args=[m.pk]), {"stage": "talking"}
    ).status_code == (403)
    response = post_json(
        client,
        f"/api/matches/{m.pk}/stage",
        {"stage": "talking"},
        token_for(client, "myriam.roo@rws.nl"),
    )
    assert response.status_code == 403
    assert response.json() == {
        "detail": "only representatives of the two organisations move this match"
    }
    m.refresh_from_db()
    assert m.stage == "proposed"
