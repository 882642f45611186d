"""The REST API of introduction requests: the contract, the whole flow, and who sees what."""

from __future__ import annotations

import json

import pytest

from weakties.introductions.models import IntroductionRequest

from .conftest import MEHMET_EMAIL, MEHMET_PHONE, bearer

pytestmark = pytest.mark.django_db

JAN, TOM = "jan.vandenberg@acme.nl", "tom.jansen@acme.nl"
LIST_KEYS = {"id", "requester", "introducer", "person", "status", "created", "outcome"}
PERSON_KEYS = {"id", "name", "company", "position"}


@pytest.fixture(autouse=True)
def _english(english):
    """Messages compared in English."""


def post(client, url: str, body: dict | None, email: str):
    return client.post(
        url, json.dumps(body or {}), content_type="application/json", headers=bearer(email)
    )


def no_contact_details(payload) -> bool:
    text = json.dumps(payload)
    return MEHMET_EMAIL.lower() not in text.lower() and "12345678" not in text


def test_the_whole_flow_through_the_api(client, mehmet):
    made = post(
        client,
        "/api/introductions",
        {
            "introducer": JAN,
            "person": mehmet.pk,
            "reason": "Logistics",
            "questions": ["How do you plan the peak?"],
            "blurb": "I run our planning.",
        },
        TOM,
    )
    assert made.status_code == 201, made.content
    body = made.json()
    assert LIST_KEYS <= set(body) and set(body["person"]) == PERSON_KEYS
    assert body["status"] == "requested" and "draft" not in body and no_contact_details(body)
    pk = body["id"]

    mine = client.get("/api/introductions?side=mine", headers=bearer(TOM)).json()
    assert [set(r) for r in mine] == [LIST_KEYS] and set(mine[0]["person"]) == PERSON_KEYS
    asked = client.get("/api/introductions?side=asked", headers=bearer(JAN)).json()
    assert asked[0]["person"]["email"] == MEHMET_EMAIL
    assert asked[0]["person"]["phone"] == MEHMET_PHONE

    refused = post(client, f"/api/introductions/{pk}/answer", {"answer": "accept"}, TOM)
    assert refused.status_code == 403
    accepted = post(client, f"/api/introductions/{pk}/answer", {"answer": "accept"}, JAN).json()
    assert accepted["status"] == "accepted" and accepted["draft"]["mailto"].startswith(
        "mailto:mehmet.celik@example.com?cc=tom.jansen@acme.nl"
    )
    tom_view = client.get(f"/api/introductions/{pk}", headers=bearer(TOM)).json()
    assert "draft" not in tom_view and no_contact_details(tom_view)

    edited = client.put(
        f"/api/introductions/{pk}/draft",
        json.dumps({"subject": "Kennismaking", "body": "Hoi Mehmet"}),
        content_type="application/json",
        headers=bearer(JAN),
    ).json()
    assert edited["draft"]["body"] == "Hoi Mehmet"
    assert post(client, f"/api/introductions/{pk}/sent", None, TOM).status_code == 403
    sent = post(client, f"/api/introductions/{pk}/sent", None, JAN).json()
    assert sent["status"] == "introduced" and sent["sent"]

    assert post(
        client, f"/api/introductions/{pk}/outcome", {"outcome": "met"}, JAN
    ).status_code == (403)
    bad = post(client, f"/api/introductions/{pk}/outcome", {"outcome": "wow"}, TOM)
    assert bad.status_code == 422
    done = post(client, f"/api/introductions/{pk}/outcome", {"outcome": "hire"}, TOM).json()
    assert done["outcome"] == "hire" and no_contact_details(done)


def test_refusals_of_the_use_cases_are_422_with_the_message(client, mehmet):
    body = {"introducer": JAN, "person": mehmet.pk, "reason": "x", "questions": []}
    refused = post(client, "/api/introductions", body, TOM)
    assert refused.status_code == 422
    assert refused.json() == {"detail": "ask at least one concrete question"}
    body["questions"] = ["Why?"]
    pk = post(client, "/api/introductions", body, TOM).json()["id"]
    post(client, f"/api/introductions/{pk}/answer", {"answer": "decline", "reason": "no"}, JAN)
    again = post(client, "/api/introductions", body, TOM)
    assert again.status_code == 422 and "cannot be repeated" in again.json()["detail"]
    assert IntroductionRequest.objects.count() == 1


def test_openapi_documents_every_route(client):
    paths = client.get("/api/openapi.json").json()["paths"]
    assert {
        "/api/introductions",
        "/api/introductions/{request_id}",
        "/api/introductions/{request_id}/answer",
        "/api/introductions/{request_id}/draft",
        "/api/introductions/{request_id}/sent",
        "/api/introductions/{request_id}/outcome",
    } <= set(paths)
