"""REST API of the employer networks: tokens, and the same rules as the pages."""

from __future__ import annotations

import pytest

from weakties.accounts.models import ApiToken, Employee
from weakties.meetings.models import HelpRequest
from weakties.meetings.services.help_requests import help_request_add
from weakties.meetings.services.meetings import meeting_create

from .conftest import in_days, login_as

pytestmark = pytest.mark.django_db


def bearer(client, email: str) -> dict:
    login_as(client, email)
    client.logout()
    _, key = ApiToken.issue(Employee.objects.get(email=email).user, "test")
    return {"Authorization": f"Bearer {key}"}


@pytest.fixture
def meeting(network):
    return meeting_create(federation=network, date=in_days(30), schedule=False)


def test_endpoints_need_a_token(client, meeting):
    assert client.get("/api/federations").status_code == 401
    assert client.get(f"/api/meetings/{meeting.pk}/requests").status_code == 401


def test_members_list_federations_and_meetings_non_members_do_not(client, meeting):
    eva = bearer(client, "eva.kok@lnv.nl")
    feds = client.get("/api/federations", headers=eva).json()
    assert feds == [
        {
            "id": meeting.federation_id,
            "name": "SAM",
            "members": ["Ministerie LNV", "Rijkswaterstaat"],
        }
    ]
    meetings = client.get(f"/api/federations/{meeting.federation_id}/meetings", headers=eva).json()
    assert [m["id"] for m in meetings] == [meeting.pk]
    sjaak = bearer(client, "sjaak.verweij@odbn.nl")
    assert client.get("/api/federations", headers=sjaak).json() == []
    assert (
        client.get(f"/api/federations/{meeting.federation_id}/meetings", headers=sjaak).status_code
        == 404
    )
    assert client.get(f"/api/meetings/{meeting.pk}/requests", headers=sjaak).status_code == 404


def test_only_the_coordinator_plans_meetings(client, network):
    body = {"date": in_days(50).isoformat(), "place": "Utrecht"}
    myriam = bearer(client, "myriam.roo@rws.nl")
    assert (
        client.post(
            f"/api/federations/{network.pk}/meetings",
            body,
            content_type="application/json",
            headers=myriam,
        ).status_code
        == 403
    )
    ad = bearer(client, "ad.smets@lnv.nl")
    response = client.post(
        f"/api/federations/{network.pk}/meetings", body, content_type="application/json", headers=ad
    )
    assert response.status_code == 201 and response.json()["place"] == "Utrecht"
    past = client.post(
        f"/api/federations/{network.pk}/meetings",
        {"date": "2001-01-01"},
        content_type="application/json",
        headers=ad,
    )
    assert past.status_code == 422


def test_requests_own_for_colleagues_all_for_representatives_and_no_personal_data(client, meeting):
    eva = bearer(client, "eva.kok@lnv.nl")
    made = client.post(
        f"/api/meetings/{meeting.pk}/requests",
        {
            "org": "Ministerie LNV",
            "kind": "surplus",
            "title": "Vleesinspecteur",
            "count": 24,
            "skills": ["HACCP"],
        },
        content_type="application/json",
        headers=eva,
    )
    assert made.status_code == 201 and made.json()["org"] == "Ministerie LNV"
    assert HelpRequest.objects.get().requester.email == "eva.kok@lnv.nl"
    assert (
        client.post(
            f"/api/meetings/{meeting.pk}/requests",
            {"org": "Rijkswaterstaat", "kind": "vacancy", "title": "Nep"},
            content_type="application/json",
            headers=eva,
        ).status_code
        == 403
    )
    help_request_add(
        meeting=meeting,
        org="Rijkswaterstaat",
        kind="vacancy",
        title="Weginspecteur",
        email="myriam.roo@rws.nl",
    )
    own = client.get(f"/api/meetings/{meeting.pk}/requests", headers=eva).json()
    assert [r["title"] for r in own] == ["Vleesinspecteur"]
    myriam = bearer(client, "myriam.roo@rws.nl")
    every = client.get(f"/api/meetings/{meeting.pk}/requests", headers=myriam).json()
    assert {r["title"] for r in every} == {"Vleesinspecteur", "Weginspecteur"}
    assert all("requester" not in r for r in every)
    assert client.get(f"/api/meetings/{meeting.pk}/matches", headers=eva).status_code == 403


def test_outcome_only_by_the_organisations_representative(client, meeting, smtp):
    r = help_request_add(
        meeting=meeting,
        org="Ministerie LNV",
        kind="candidate",
        title="Beleidsmedewerker",
        email="piet.bos@lnv.nl",
    )
    myriam = bearer(client, "myriam.roo@rws.nl")
    body = {"outcome": "introduction", "note": "Gesprek geregeld"}
    assert (
        client.post(
            f"/api/requests/{r.pk}/outcome", body, content_type="application/json", headers=myriam
        ).status_code
        == 403
    )
    ad = bearer(client, "ad.smets@lnv.nl")
    response = client.post(
        f"/api/requests/{r.pk}/outcome", body, content_type="application/json", headers=ad
    )
    assert response.status_code == 200 and response.json()["outcome"] == "introduction"
    assert len(smtp.to("piet.bos@lnv.nl")) == 1
    assert (
        client.post(
            f"/api/requests/{r.pk}/outcome",
            {"outcome": "maybe"},
            content_type="application/json",
            headers=ad,
        ).status_code
        == 422
    )


def test_openapi_lists_the_network_endpoints(client):
    paths = client.get("/api/openapi.json").json()["paths"]
    assert {
        "/api/federations",
        "/api/meetings/{meeting_id}/requests",
        "/api/meetings/{meeting_id}/matches",
        "/api/requests/{request_id}/outcome",
    } <= set(paths)


def test_match_stage_endpoint(client, meeting):
    from weakties.meetings.models import Match

    supply = help_request_add(
        meeting=meeting, org="Ministerie LNV", kind="surplus", title="Vleesinspecteur", count=24
    )
    demand = help_request_add(
        meeting=meeting, org="Rijkswaterstaat", kind="vacancy", title="Weginspecteur", count=30
    )
    m = Match.objects.create(
        meeting=meeting, supply=supply, demand=demand, score=0.7, why="inspection"
    )
    eva = bearer(client, "eva.kok@lnv.nl")
    assert (
        client.post(
            f"/api/matches/{m.pk}/stage",
            {"stage": "talking"},
            content_type="application/json",
            headers=eva,
        ).status_code
        == 403
    )
    myriam = bearer(client, "myriam.roo@rws.nl")
    response = client.post(
        f"/api/matches/{m.pk}/stage",
        {"stage": "placed", "placed": 12},
        content_type="application/json",
        headers=myriam,
    )
    assert response.status_code == 200 and response.json()["stage"] == "placed"
    assert (
        client.post(
            f"/api/matches/{m.pk}/stage",
            {"stage": "placed", "placed": 99},
            content_type="application/json",
            headers=myriam,
        ).status_code
        == 422
    )
