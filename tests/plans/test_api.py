"""``/api/plan``: the caller's own plan, the same body as ``weakties plan show --json``."""

from __future__ import annotations

import json

import pytest
from django.utils import translation

from tests.factories import employee
from weakties.plans.models import Plan

from .conftest import EVA_EMAIL, JAN, SECRETS, TOM, bearer

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english(settings):
    """Messages are compared in English; Dutch is the site's default."""
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


KEYS = {
    "id",
    "goal",
    "goal_label",
    "purpose",
    "targets",
    "reminders",
    "created",
    "steps",
    "progress",
    "next",
    "helpers",
    "reach",
    "message",
}


def put(client, body: dict, headers: dict):
    return client.put(
        "/api/plan", json.dumps(body), content_type="application/json", headers=headers
    )


def test_before_a_goal_there_is_no_plan(client, orgs):
    response = client.get("/api/plan", headers=bearer(TOM))
    assert response.status_code == 404 and "PUT /api/plan" in response.json()["detail"]


def test_put_sets_the_goal_and_get_returns_the_whole_plan(client, orgs):
    headers = bearer(TOM)
    response = put(client, {"goal": "new_job", "targets": ["Bakker Logistiek"]}, headers)
    assert response.status_code == 200
    body = client.get("/api/plan", headers=headers).json()
    assert set(body) == KEYS
    assert body["goal"] == "new_job" and body["purpose"] == "job"
    assert all({"key", "title", "done"} <= set(s) for s in body["steps"])
    assert body["progress"] == {"done": 1, "total": 8, "percent": 12}
    (helper,) = [h for h in body["helpers"] if h["via"] == "introduction"]
    assert helper["introducer"]["email"] == JAN and helper["why"]
    assert helper["person"]["email"] is None and helper["person"]["phone"] is None
    assert not any(s.casefold() in json.dumps(body).casefold() for s in SECRETS)


def test_my_own_contacts_come_with_their_details(client, orgs):
    headers = bearer(JAN)
    body = put(client, {"goal": "customers", "targets": ["Coolblue"]}, headers).json()
    (eva,) = [h for h in body["helpers"] if h["person"]["name"] == "Eva Smit"]
    assert eva["via"] == "own" and eva["person"]["email"] == EVA_EMAIL


def test_tick_and_undo(client, orgs):
    headers = bearer(TOM)
    put(client, {"goal": "knowledge"}, headers)
    body = client.post("/api/plan/steps/helpers/tick", headers=headers).json()
    assert body["progress"]["done"] == 2
    body = client.post("/api/plan/steps/helpers/tick?done=false", headers=headers).json()
    assert body["progress"]["done"] == 1
    bad = client.post("/api/plan/steps/nope/tick", headers=headers)
    # The steps that can be ticked are the schema's enum (issue 12 §5): refused before the use case.
    assert bad.status_code == 422 and bad.json()["detail"][0]["loc"] == ["path", "key"]


def test_another_goal_keeps_the_old_plan(client, orgs):
    headers = bearer(TOM)
    first = put(client, {"goal": "new_job"}, headers).json()["id"]
    second = put(client, {"goal": "promotion", "reminders": "never"}, headers).json()
    assert second["id"] != first and second["reminders"] == "never"
    assert not Plan.objects.get(pk=first).active


def test_bad_input_is_refused(client, orgs):
    headers = bearer(TOM)
    assert put(client, {"goal": "fame"}, headers).status_code == 422
    assert put(client, {"goal": "new_job", "reminders": "hourly"}, headers).status_code == 422
    many = put(client, {"goal": "new_job", "targets": [f"c{i}" for i in range(11)]}, headers)
    assert many.status_code == 422


def test_the_message_draft_in_the_language_asked(client, orgs):
    headers = bearer(TOM)
    put(client, {"goal": "knowledge", "targets": ["data engineering"]}, headers)
    assert (
        client.get("/api/plan?language=en", headers=headers)
        .json()["message"]["text"]
        .startswith("Hello")
    )
    assert (
        client.get("/api/plan?language=nl", headers=headers).json()["message"]["language"] == "nl"
    )
    employee(TOM)  # still there
