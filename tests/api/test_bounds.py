"""The API's bounds and its one error schema (issue 12 §5): the hand probes, tried again.

``"count": 9223372036854775808`` once answered 500 (OverflowError); ``limit=-1``,
dates like 0001-01-01 and NUL characters were accepted. Each is now a 422
that says what and where, and the OpenAPI schema states every bound.
"""

from __future__ import annotations

import json

import pytest

from tests.factories import acme, employee, meeting
from weakties.accounts.models import ApiToken
from weakties.api.errors import EVERY_OPERATION, FROM_THE_SERVER
from weakties.api.routes import api
from weakties.meetings.models import HelpRequest

pytestmark = pytest.mark.django_db


def _bearer(email: str, role: str = "employee") -> dict[str, str]:
    from django.contrib.auth import get_user_model

    e = employee(email)
    e.user = get_user_model().objects.create_user(username=email, email=email)
    e.role = role
    e.save()
    _, key = ApiToken.issue(e.user, "bounds")
    return {"Authorization": f"Bearer {key}"}


def _post(client, url: str, body, headers):
    return client.post(url, json.dumps(body), content_type="application/json", headers=headers)


@pytest.fixture
def world():
    organisation = acme()
    m = meeting(organisation)
    return m, _bearer("tom.jansen@acme.nl", "admin")


def test_a_count_beyond_any_integer_is_refused_not_a_server_error(client, world):
    m, headers = world
    body = {"org": "Acme BV", "kind": "vacancy", "title": "Python developer"}
    url = f"/api/meetings/{m.pk}/requests"
    for count in (9223372036854775808, 0, -1, 10_001):
        answer = _post(client, url, body | {"count": count}, headers)
        assert answer.status_code == 422, (count, answer.content)
        assert answer.json()["detail"][0]["loc"] == ["body", "payload", "count"]
    assert not HelpRequest.objects.exists()
    assert _post(client, url, body | {"count": 3}, headers).status_code == 201


def test_months_ahead_past_sixty_and_a_meaningless_date_are_refused(client, world):
    m, headers = world
    body = {"org": "Acme BV", "kind": "vacancy", "title": "Tester"}
    url = f"/api/meetings/{m.pk}/requests"
    assert _post(client, url, body | {"months_ahead": 61}, headers).status_code == 422
    for day in ("0001-01-01", "9999-12-31"):
        answer = _post(client, url, body | {"date": day}, headers)
        assert answer.status_code == 422
        assert "1900-01-01" in answer.json()["detail"][0]["msg"]
    assert not HelpRequest.objects.exists()


def test_nul_characters_are_refused_where_they_are(client, world):
    m, headers = world
    url = f"/api/meetings/{m.pk}/requests"
    answer = _post(client, url, {"org": "Acme BV", "kind": "vacancy", "title": "a\x00b"}, headers)
    assert answer.status_code == 422
    assert answer.json()["detail"][0]["loc"] == ["body", "payload", "title"]
    answer = client.get(
        "/api/who-knows", {"company": "Stri\x00pe"}, headers=headers | {"Accept-Language": "en"}
    )
    assert answer.status_code == 422
    assert answer.json()["detail"][0] == {
        "type": "string_nul",
        "loc": ["query", "company"],
        "msg": "text may not contain NUL characters",
    }
    assert not HelpRequest.objects.exists()


@pytest.mark.parametrize("limit", ["-5", "-1", "0", "501"])
def test_limits_outside_a_page_are_refused(client, world, limit):
    _m, headers = world
    for url in ("/api/brokers", "/api/who-knows?company=Stripe"):
        sep = "&" if "?" in url else "?"
        answer = client.get(f"{url}{sep}limit={limit}", headers=headers)
        assert answer.status_code == 422, (url, answer.content)


def test_a_body_that_is_not_an_object_is_refused(client, world):
    _m, headers = world
    for body in ("null", "[null, null]", "3"):
        answer = client.put(
            "/api/notifications/preference", body, content_type="application/json", headers=headers
        )
        assert answer.status_code == 422, body
        assert answer.json()["detail"][0]["loc"] == ["body"]


def test_unreadable_json_is_a_400_in_the_requests_language(client, world):
    _m, headers = world
    answer = client.put(
        "/api/profile",
        b"{",
        content_type="application/json",
        headers=headers | {"Accept-Language": "nl"},
    )
    assert answer.status_code == 400
    assert answer.json()["detail"] != "Cannot parse request body"


def _integers(node, where=""):
    """Every integer schema under ``node`` without both bounds, by where it is."""
    if isinstance(node, dict):
        if node.get("type") == "integer" and not ("minimum" in node and "maximum" in node):
            yield where
        for key, value in node.items():
            yield from _integers(value, f"{where}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _integers(value, f"{where}/{index}")


def test_every_integer_a_client_sends_is_bounded_in_the_schema():
    schema = api.get_openapi_schema()
    inputs = {"parameters": [], "bodies": []}
    for operations in schema["paths"].values():
        for operation in operations.values():
            inputs["parameters"].append(operation.get("parameters", []))
            inputs["bodies"].append(operation.get("requestBody", {}))
    components = schema["components"]["schemas"]
    sent = {
        name
        for name in components
        if name.endswith(("In", "Patch", "Change", "New", "Asked", "IO"))
    }
    unbounded = list(_integers(inputs)) + [
        f"{name}{where}" for name in sent for where in _integers(components[name])
    ]
    assert unbounded == []


def test_every_operation_documents_every_refusal_with_the_one_error_schema():
    schema = api.get_openapi_schema()
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            responses = {int(code): answer for code, answer in operation["responses"].items()}
            assert set(EVERY_OPERATION) <= set(responses), (method, path)
            for code, answer in responses.items():
                if code in FROM_THE_SERVER:  # the web server's own page, before the API
                    assert list(answer["content"]) == ["text/html"], (method, path, code)
                elif code >= 400:
                    ref = answer["content"]["application/json"]["schema"]["$ref"]
                    assert ref == "#/components/schemas/Error", (method, path, code)


def test_schema_names_are_unique_so_no_operation_borrows_anothers():
    """Two classes called ``OutcomeIn`` once shared one component: one operation's schema was wrong."""
    from ninja import Schema

    import weakties.api.routes  # noqa: F401  (every router module is loaded by now)

    seen: dict[str, str] = {}
    for cls in _subclasses(Schema):
        if not cls.__module__.startswith("weakties.api."):
            continue
        other = seen.setdefault(cls.__name__, cls.__module__)
        assert other == cls.__module__, (cls.__name__, other, cls.__module__)


def _subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def test_a_locked_database_is_a_503_with_retry_after_not_a_500(client, world, monkeypatch):
    """bench/load.py found 500s: a search's audit line waited for a long import's SQLite lock.

    The lock is injected (the suite's in-memory database cannot be locked by a second
    process); the answer is what a client gets when it happens.
    """
    from django.db import OperationalError

    import weakties.api.routes as routes

    def locked(**_kwargs):
        raise OperationalError("database is locked")

    monkeypatch.setattr(routes, "who_knows", locked)
    _m, headers = world
    answer = client.get("/api/who-knows", {"company": "Stripe"}, headers=headers)
    assert answer.status_code == 503 and answer["Retry-After"] == "5"
    assert answer.json()["detail"]
