"""`weakties reach --json` coverage and key-person risk, and the analytics REST API."""

from __future__ import annotations

import json

import pytest
from django.contrib.auth import get_user_model

from tests.factories import acme, employee
from weakties.accounts.models import ApiToken
from weakties.cli.main import main
from weakties.demo.organisation import build_demo

pytestmark = pytest.mark.django_db


def _token(email: str, *, role: str | None = None) -> dict:
    e = employee(email)
    e.user = get_user_model().objects.create_user(username=email, password="x-Passw0rd-x")
    if role:
        e.role = role
    e.save()
    _, key = ApiToken.issue(e.user, "test")
    return {"Authorization": f"Bearer {key}"}


def test_reach_json_adds_coverage_and_unique_reach(capsys):
    organisation, _ = build_demo(employees=20, seed=3)
    assert main(["reach", "--org", organisation.name, "--json"]) == 0
    r = json.loads(capsys.readouterr().out)
    assert {"employees", "employees_sharing", "ties", "unique_people", "companies"} <= set(r)
    cov = r["coverage"]
    for attribute in ("company", "sector", "region"):
        groups = cov[attribute]
        assert all(g["people"] >= 5 for g in groups)  # small groups hidden
        assert [g["people"] for g in groups] == sorted((g["people"] for g in groups), reverse=True)
    assert sum(g["people"] for g in cov["sector"]) + cov["unknown"]["sector"] <= r["unique_people"]
    top = r["unique_reach"]
    assert top and [t["unique_reach"] for t in top] == sorted(
        (t["unique_reach"] for t in top), reverse=True
    )
    assert all(t["unique_reach"] <= t["reach"] for t in top)
    years = [g["people"] for g in r["growth"]]
    assert years == sorted(years) and years[-1] <= r["unique_people"]


def test_small_groups_are_hidden(capsys):
    acme()  # five people in all: every company group is smaller than five
    assert main(["reach", "--json"]) == 0
    cov = json.loads(capsys.readouterr().out)["coverage"]
    assert cov["company"] == [] and cov["hidden_groups"] > 0


def test_api_analyze_brokers_intro(client):
    acme()
    admin = _token("anna.devries@acme.nl", role="admin")
    colleague = _token("tom.jansen@acme.nl")
    assert client.get("/api/brokers", headers=admin).status_code == 409  # nothing analysed yet
    assert client.post("/api/analyze", headers=colleague).status_code == 403
    queued = client.post("/api/analyze", headers=admin)
    assert queued.status_code == 202 and queued.json()["task"]
    brokers = client.get("/api/brokers", headers=admin)
    assert brokers.status_code == 200 and len(brokers.json()) == 4
    assert client.get("/api/brokers", headers=colleague).status_code == 403
    intro = client.get("/api/intro", {"company": "Stripe", "purpose": "job"}, headers=colleague)
    assert intro.status_code == 200 and intro.json()[0]["contact"]["company"] == "Stripe"
    bad = client.get(
        "/api/intro",
        {"company": "Stripe", "role": "cto"},
        headers=colleague | {"Accept-Language": "en"},
    )
    assert bad.status_code == 422 and "exactly one" in bad.json()["detail"]


def test_api_reach_hides_key_person_risk_from_colleagues(client):
    acme()
    admin = _token("anna.devries@acme.nl", role="admin")
    colleague = _token("tom.jansen@acme.nl")
    assert client.get("/api/reach", headers=colleague).json()["unique_reach"] == []
    assert client.get("/api/reach", headers=admin).json()["unique_reach"]
