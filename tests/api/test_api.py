"""REST API: token auth, reach and who-knows, OpenAPI."""

from __future__ import annotations

import pytest

from tests.factories import acme, employee
from weakties.accounts.models import ApiToken

pytestmark = pytest.mark.django_db


def _token(email: str) -> str:
    from django.contrib.auth import get_user_model

    e = employee(email)
    e.user = get_user_model().objects.create_user(username=email, password="x-Passw0rd-x")
    e.save()
    _, key = ApiToken.issue(e.user, "test")
    return key


def test_api_requires_a_valid_token(client):
    acme()
    assert client.get("/api/reach").status_code == 401
    assert client.get("/api/reach", headers={"Authorization": "Bearer wt_wrong"}).status_code == 401


def test_reach_endpoint(client):
    acme()
    key = _token("tom.jansen@acme.nl")
    response = client.get("/api/reach", headers={"Authorization": f"Bearer {key}"})
    assert response.status_code == 200
    figures = response.json()
    assert {
        k: figures[k]
        for k in ("employees", "employees_sharing", "ties", "unique_people", "companies")
    } == {"employees": 4, "employees_sharing": 2, "ties": 8, "unique_people": 5, "companies": 5}


def test_who_knows_endpoint_has_no_contact_details(client):
    acme()
    key = _token("tom.jansen@acme.nl")
    response = client.get(
        "/api/who-knows", {"company": "Stripe"}, headers={"Authorization": f"Bearer {key}"}
    )
    assert response.status_code == 200
    rows = response.json()
    assert len(rows) == 2
    assert set(rows[0]["contact"]) == {"name", "company", "position"}


def test_openapi_schema_lists_the_endpoints(client):
    schema = client.get("/api/openapi.json").json()
    assert "/api/reach" in schema["paths"] and "/api/who-knows" in schema["paths"]
