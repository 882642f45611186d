"""The OpenAPI schema says what the server holds (issue 12 §5): no text of a request has NUL.

The server refuses NUL in a path, a query and a body (``inputs.refuse_nul``, ``inputs.In``);
the schema says it in one place (``inputs.no_nul_in_schema``). These tests walk the schema
on their own: every text a request can carry, in every operation, has a pattern that no text
with NUL matches, or values (enum, a date) that have none.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from weakties.api.inputs import NO_NUL, NOT_BLANK_TEXT
from weakties.api.routes import api

NUL_FREE_FORMATS = {"date", "date-time", "time", "binary", "uuid"}
WITH_NUL = ("a\x00b", "\x00", "Stripe\x00", "\x00 Stripe", "2030-01-01\x00")


def _texts(node: Any, components: dict[str, Any], where: str, seen: set[str]):
    """``(where, schema)`` of every text schema under ``node``, references followed once."""
    if isinstance(node, list):
        for i, item in enumerate(node):
            yield from _texts(item, components, f"{where}[{i}]", seen)
        return
    if not isinstance(node, dict):
        return
    ref = node.get("$ref", "")
    if ref.startswith("#/components/schemas/"):
        name = ref.rsplit("/", 1)[1]
        if name not in seen:
            seen.add(name)
            yield from _texts(components[name], components, f"{where}->{name}", seen)
    kind = node.get("type")
    if kind == "string" or (isinstance(kind, list) and "string" in kind):
        yield where, node
    for key, value in node.items():
        if key in ("properties", "$defs", "patternProperties"):
            for name, item in value.items():
                yield from _texts(item, components, f"{where}.{name}", seen)
        elif key in ("items", "additionalProperties", "anyOf", "oneOf", "allOf", "prefixItems"):
            yield from _texts(value, components, f"{where}.{key}", seen)


def _request_texts() -> list[tuple[str, dict[str, Any]]]:
    schema = api.get_openapi_schema()
    components = schema["components"]["schemas"]
    found = []
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            seen: set[str] = set()
            for parameter in operation.get("parameters", []):
                where = f"{method.upper()} {path} {parameter['in']} {parameter['name']}"
                found += _texts(parameter["schema"], components, where, seen)
            for content in operation.get("requestBody", {}).get("content", {}).values():
                found += _texts(content["schema"], components, f"{method.upper()} {path}", seen)
    return found


def test_every_text_of_every_request_says_no_nul():
    texts = _request_texts()
    assert len(texts) > 80  # query parameters and bodies of about 80 operations
    loose = []
    for where, node in texts:
        if "enum" in node or "const" in node or node.get("format") in NUL_FREE_FORMATS:
            continue
        pattern = node.get("pattern")
        if pattern is None or any(re.search(pattern, text) for text in WITH_NUL):
            loose.append((where, pattern))
    assert loose == []


def test_the_patterns_accept_text_without_nul_and_refuse_it_with():
    for good in ("Stripe", "", " x ", "Çelik\n&Co", "\U0001f600"):
        assert re.search(NO_NUL, good), good
    for good in ("Stripe", " x ", "Çelik\n&Co", "\u00a0x"):
        assert re.search(NOT_BLANK_TEXT, good), good
    for bad in ("", " ", "\t\n\u3000\u00a0", *WITH_NUL):
        assert not re.search(NOT_BLANK_TEXT, bad), bad
    for bad in WITH_NUL:
        assert not re.search(NO_NUL, bad), bad


def test_the_query_and_body_texts_are_said_no_nul_where_they_are_read():
    """Spot checks on what the walk covers: a query parameter, a body text, a list of texts."""
    schema = api.get_openapi_schema()
    query = {p["name"]: p["schema"] for p in schema["paths"]["/api/who-knows"]["get"]["parameters"]}
    assert query["company"]["pattern"] == NOT_BLANK_TEXT
    patch = schema["components"]["schemas"]["VacancyPatch"]["properties"]
    assert {s.get("pattern") for s in patch["description"]["anyOf"]} == {NO_NUL, None}
    lists = [node for where, node in _request_texts() if where.startswith("PUT /api/plan")]
    assert lists and all(node["pattern"] == NO_NUL for node in lists if "enum" not in node)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("method", "path", "data"),
    [
        ("get", "/api/who-knows", {"company": "Str\x00ipe"}),
        ("put", "/api/profile", {"skills": ["Python\x00"], "blurb": "ok"}),
        ("put", "/api/profile", {"blurb": "a\x00b"}),
    ],
)
def test_the_server_refuses_what_the_schema_forbids(client, method, path, data):
    import json

    from django.contrib.auth import get_user_model

    from tests.factories import acme, employee
    from weakties.accounts.models import ApiToken

    acme(networks=False)
    e = employee("jan.vandenberg@acme.nl")
    e.user = get_user_model().objects.create_user(username=e.email, email=e.email)
    e.save()
    _, key = ApiToken.issue(e.user, "t")
    headers = {"Authorization": f"Bearer {key}"}
    if method == "get":
        response = client.get(path, data, headers=headers)
    else:
        response = client.put(
            path, json.dumps(data), content_type="application/json", headers=headers
        )
    assert response.status_code == 422, response.content
    assert response.json()["detail"][0]["type"] == "string_nul"
