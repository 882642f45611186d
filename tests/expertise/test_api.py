"""The REST API of the finder and target lists: contracts, the same rules as the pages."""

from __future__ import annotations

import json

import pytest

from weakties.expertise.models import TargetList

from .conftest import CONTACT_DETAILS, bearer

pytestmark = pytest.mark.django_db


def test_expertise_search(orgs, client):
    auth = bearer("tom.jansen@acme.nl")
    rows = client.get("/api/expertise", {"q": "Stripe"}, **auth).json()
    assert {r["employee"]["name"] for r in rows} == {"Jan van den Berg", "Sophie Bakker"}
    assert rows[0]["why"] == ["knows 1 person at Stripe"]
    assert set(rows[0]) == {"employee", "score", "why"}
    assert set(rows[0]["employee"]) == {"id", "name", "department", "job_title"}
    sector = client.get("/api/expertise", {"sector": "banken"}, **auth).json()
    assert [r["employee"]["name"] for r in sector] == ["Jan van den Berg"]
    assert client.get("/api/expertise", {"q": ""}, **auth).status_code == 422
    assert client.get("/api/expertise", {"q": "x", "limit": 1000}, **auth).status_code == 422
    dutch = client.get("/api/expertise", {"q": "werving"}, HTTP_ACCEPT_LANGUAGE="nl", **auth)
    assert dutch.json()[0]["why"] == ["vaardigheid: werving en selectie"]
    assert client.get("/api/expertise", {"q": "python"}, **auth).json() == []  # not oneself


def test_target_list_lifecycle(orgs, client):
    auth = bearer("jan.vandenberg@acme.nl")
    made = client.post(
        "/api/targets/lists",
        {"name": "Q1", "text": "Stripe\nASML\nhttps://www.linkedin.com/in/zoe-peeters-1a2b3c"},
        content_type="application/json",
        **auth,
    )
    assert made.status_code == 201, made.content
    body = made.json()
    assert body["summary"]["with_path"] == 2 and body["watched"] is False
    assert body["targets"][2]["url"] == "linkedin.com/in/zoe-peeters-1a2b3c"
    pk = body["id"]
    listed = client.get("/api/targets/lists", **auth).json()
    assert [(t["id"], t["targets"], t["owner"]) for t in listed] == [
        (pk, 3, "jan.vandenberg@acme.nl")
    ]
    assert client.post(f"/api/targets/lists/{pk}/watch", **auth).json()["watched"] is True
    assert TargetList.objects.get(pk=pk).watched
    assert client.delete(f"/api/targets/lists/{pk}/watch", **auth).json()["watched"] is False
    renamed = client.patch(
        f"/api/targets/lists/{pk}",
        {"name": "Q2", "purpose": "job"},
        content_type="application/json",
        **auth,
    ).json()
    assert (renamed["name"], renamed["purpose"]) == ("Q2", "job")
    stripe = body["targets"][0]["id"]
    one = client.get(f"/api/targets/lists/{pk}/targets/{stripe}", **auth).json()
    assert one["target"]["name"] == "Stripe" and one["total"] == 2
    assert {i["introducer"] for i in one["introductions"]} == {
        "sophie.bakker@acme.nl",
        "jan.vandenberg@acme.nl",
    }
    assert set(one["introductions"][0]["contact"]) == {"id", "name", "company", "position"}
    bad = client.patch(
        f"/api/targets/lists/{pk}", {"purpose": "x"}, content_type="application/json", **auth
    )
    assert bad.status_code == 422
    assert client.delete(f"/api/targets/lists/{pk}", **auth).status_code == 204
    assert not TargetList.objects.filter(pk=pk).exists()


def test_coverage_without_storing(orgs, client):
    auth = bearer("rob.recruit@acme.nl")
    answer = client.post(
        "/api/targets/coverage",
        {"text": "Rabobank\nCoolblue"},
        content_type="application/json",
        **auth,
    )
    assert answer.status_code == 200
    assert answer.json()["summary"]["with_path"] == 2
    assert not TargetList.objects.exists()
    text = json.dumps(answer.json(), ensure_ascii=False)
    assert not any(d in text for d in CONTACT_DETAILS)


def test_the_routes_are_in_the_openapi_document():
    from weakties.api.routes import api

    paths = api.get_openapi_schema()["paths"]
    for path in (
        "/api/profile",
        "/api/expertise",
        "/api/targets/lists",
        "/api/targets/coverage",
        "/api/targets/lists/{pk}",
        "/api/targets/lists/{pk}/watch",
        "/api/targets/lists/{pk}/targets/{target_id}",
    ):
        assert path in paths, path
