"""A use case's ServiceError becomes one kind of answer: 422 ``{"detail": message}``.

One exception handler on the NinjaAPI does it for every router
(``api/routes.py`` and ``api/meetings.py``); no endpoint catches it itself.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import weakties.api
from tests.factories import acme, employee
from weakties.accounts.models import ApiToken
from weakties.core.errors import ServiceError
from weakties.insights.services.introductions import introductions

pytestmark = pytest.mark.django_db


def _token(email: str) -> dict:
    from django.contrib.auth import get_user_model

    e = employee(email)
    e.user = get_user_model().objects.create_user(username=email, password="x-Passw0rd-x")
    e.save()
    _, key = ApiToken.issue(e.user, "test")
    return {"Authorization": f"Bearer {key}"}


def test_a_service_error_is_a_422_with_its_message_as_detail(client, settings):
    settings.LANGUAGE_CODE = "en"
    org = acme(networks=False)
    with pytest.raises(ServiceError) as refused:
        introductions(organisation=org, company="Stripe", role="engineer")
    response = client.get(
        "/api/intro",
        {"company": "Stripe", "role": "engineer"},
        headers=_token("tom.jansen@acme.nl"),
    )
    assert response.status_code == 422
    assert response.json() == {"detail": str(refused.value)}
    assert response.json() == {"detail": "give exactly one of company, person or role"}


def test_the_message_is_in_the_readers_language(client):
    acme(networks=False)
    response = client.get(
        "/api/intro",
        {"company": "Stripe", "role": "engineer"},
        headers=_token("tom.jansen@acme.nl"),
    )
    assert response.status_code == 422
    assert response.json()["detail"] != "give exactly one of company, person or role"


def _catches_service_error(handler: ast.ExceptHandler) -> bool:
    names = handler.type.elts if isinstance(handler.type, ast.Tuple) else [handler.type]
    return any(isinstance(n, ast.Name) and n.id == "ServiceError" for n in names if n)


def test_no_endpoint_catches_service_error_itself():
    """The one handler in ``api/routes.py`` answers for all; a try/except would bypass it."""
    folder = Path(weakties.api.__file__).parent
    catching = [
        f"{path.name}:{node.lineno}"
        for path in sorted(folder.glob("*.py"))
        for node in ast.walk(ast.parse(path.read_text()))
        if isinstance(node, ast.ExceptHandler) and _catches_service_error(node)
    ]
    assert catching == [], f"let the api's exception handler answer: {catching}"
