"""Issue 12, small leaks: an import's existence, negative limits, and the API's language."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from tests.factories import acme, employee, login
from weakties.accounts.models import ApiToken
from weakties.people.models import ImportBatch

pytestmark = pytest.mark.django_db


def _headers(email: str, *, role: str | None = None, language: str = "") -> dict:
    e = employee(email)
    e.user = get_user_model().objects.create_user(username=email, password="x-Passw0rd-x")
    if role:
        e.role = role
    e.language = language
    e.save()
    _, key = ApiToken.issue(e.user, "test")
    return {"Authorization": f"Bearer {key}"}


def test_someone_elses_import_answers_like_a_missing_one(client):
    acme()
    login(client, "tom.jansen@acme.nl")
    theirs = ImportBatch.objects.filter(owner__email="jan.vandenberg@acme.nl").first()
    missing = ImportBatch.objects.order_by("-pk").first().pk + 1000
    other = client.get(reverse("import_status", args=[theirs.pk]))
    absent = client.get(reverse("import_status", args=[missing]))
    assert other.status_code == absent.status_code == 404
    # The same page: only the per-request token and the path differ.
    assert len(other.content.decode().splitlines()) == len(absent.content.decode().splitlines())
    assert "error-reason" not in other.content.decode()
    assert "someone else" not in other.content.decode()
    # The owner still sees it.
    client.logout()
    login(client, "jan.vandenberg@acme.nl")
    assert client.get(reverse("import_status", args=[theirs.pk])).status_code == 200


@pytest.mark.parametrize("limit", ["-5", "0"])
def test_negative_or_zero_limits_are_refused(client, limit):
    acme()
    admin = _headers("anna.devries@acme.nl", role="admin")
    for path, params in (
        ("/api/brokers", {"limit": limit}),
        ("/api/intro", {"company": "Stripe", "limit": limit}),
        ("/api/who-knows", {"company": "Stripe", "limit": limit}),
    ):
        response = client.get(path, params, headers=admin)
        assert response.status_code == 422, (path, response.content)


def test_api_errors_speak_the_requests_language(client):
    acme(networks=False)
    tom = _headers("tom.jansen@acme.nl")
    both = {"company": "Stripe", "role": "engineer"}
    english = client.get("/api/intro", both, headers={**tom, "Accept-Language": "en"}).json()
    dutch = client.get("/api/intro", both, headers={**tom, "Accept-Language": "nl"}).json()
    assert english["detail"] == "give exactly one of company, person or role"
    assert dutch["detail"] != english["detail"]
    # Ninja's own explanations (a malformed parameter, a missing token) too.
    bad = {"company": "Stripe", "limit": "many"}
    en = client.get("/api/intro", bad, headers={**tom, "Accept-Language": "en"}).json()
    nl = client.get("/api/intro", bad, headers={**tom, "Accept-Language": "nl"}).json()
    assert en["detail"][0]["msg"] == "must be a whole number"
    assert nl["detail"][0]["msg"] == "moet een geheel getal zijn"
    assert en["detail"][0]["loc"] == nl["detail"][0]["loc"]
    purpose = client.get(
        "/api/intro",
        {"company": "Stripe", "purpose": "x"},
        headers={**tom, "Accept-Language": "nl"},
    ).json()
    assert purpose["detail"][0]["msg"].startswith("moet een van deze zijn:")
    assert "'job'" in purpose["detail"][0]["msg"]
    unauthorised = client.get("/api/reach", headers={"Accept-Language": "nl"})
    assert unauthorised.status_code == 401
    assert unauthorised.json()["detail"].startswith("een geldige API-token is nodig")
    missing = client.post(
        "/api/requests/999999/outcome",
        {"outcome": "match"},
        content_type="application/json",
        headers={**tom, "Accept-Language": "nl"},
    )
    assert missing.status_code == 404 and missing.json() == {"detail": "niet gevonden"}


def test_without_a_header_the_api_speaks_the_employees_remembered_language(client):
    acme(networks=False)
    tom = _headers("tom.jansen@acme.nl", language="en")
    both = {"company": "Stripe", "role": "engineer"}
    assert client.get("/api/intro", both, headers=tom).json() == {
        "detail": "give exactly one of company, person or role"
    }
