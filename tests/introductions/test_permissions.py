"""Every page and API route of introduction requests, walked by every role of both organisations.

A request of Tom Jansen to Jan van den Berg about Mehmet Çelik (Acme) and one
of Globex's employee to its sales person about Lotte Visser. Nobody but the
two parties sees a request (404, as if it did not exist), the wrong party may
not act (403), nothing of the other organisation shows, and the contact's
email and phone reach the introducer alone.
"""

from __future__ import annotations

import json

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from weakties.accounts.models import ApiToken, Employee
from weakties.introductions.models import IntroductionRequest
from weakties.introductions.services.answers import introduction_answer

from .conftest import (
    ACME_ROLES,
    GLOBEX_ROLES,
    LOTTE_EMAIL,
    MEHMET_EMAIL,
    ROLES,
    ask,
    bearer,
    sign_in,
)

pytestmark = pytest.mark.django_db

JAN, TOM = "jan.vandenberg@acme.nl", "tom.jansen@acme.nl"
OUTSIDERS = [("acme", role, ACME_ROLES[role]) for role in ROLES] + [
    ("globex", role, GLOBEX_ROLES[role]) for role in ROLES
]


@pytest.fixture
def requests(mehmet, lotte, english):
    acme = ask(person=mehmet, questions=["How do you plan the peak?"])
    introduction_answer(acme, actor=Employee.objects.get(email=JAN), answer="accept")
    globex = ask(GLOBEX_ROLES["employee"], GLOBEX_ROLES["sales"], person=lotte, reason="Telecom")
    return IntroductionRequest.objects.get(pk=acme.pk), globex


def page_urls(pk: int) -> dict[str, tuple[str, dict | None]]:
    """Every page of the app: (url, POST data or None for a GET)."""
    return {
        "detail": (reverse("introductions:detail", args=[pk]), None),
        "answer": (reverse("introductions:answer", args=[pk]), {"answer": "decline"}),
        "draft": (reverse("introductions:draft", args=[pk]), {"subject": "x", "draft": "y"}),
        "sent": (reverse("introductions:sent", args=[pk]), {}),
        "outcome": (reverse("introductions:outcome", args=[pk]), {"outcome": "met"}),
    }


def api_calls(pk: int) -> dict[str, tuple[str, str, dict | None]]:
    return {
        "detail": ("get", f"/api/introductions/{pk}", None),
        "answer": ("post", f"/api/introductions/{pk}/answer", {"answer": "decline"}),
        "draft": ("put", f"/api/introductions/{pk}/draft", {"subject": "x", "body": "y"}),
        "sent": ("post", f"/api/introductions/{pk}/sent", {}),
        "outcome": ("post", f"/api/introductions/{pk}/outcome", {"outcome": "met"}),
    }


def call(client, method: str, url: str, body, headers):
    if method == "get":
        return client.get(url, headers=headers)
    return getattr(client, method)(
        url, json.dumps(body), content_type="application/json", headers=headers
    )


def no_details(text: str, *, introducer_of_lotte: bool = False) -> bool:
    low = text.lower()
    lotte = LOTTE_EMAIL in low and not introducer_of_lotte
    return MEHMET_EMAIL not in low and "12345678" not in low and not lotte


@pytest.mark.parametrize(("org", "role", "email"), OUTSIDERS)
def test_nobody_but_the_two_parties_sees_or_touches_a_request(client, requests, org, role, email):
    acme, globex = requests
    sign_in(client, email)
    own = globex if org == "globex" and role not in ("employee", "sales") else None
    for r in (acme, own) if own else (acme,):
        for name, (url, data) in page_urls(r.pk).items():
            response = client.get(url) if data is None else client.post(url, data)
            assert response.status_code == 404, (name, role)
    lotte_sees = email == GLOBEX_ROLES["sales"]  # Globex's introducer: Lotte's details are hers
    index = client.get(reverse("introductions:index")).content.decode()
    assert "Mehmet" not in index and no_details(index, introducer_of_lotte=lotte_sees)
    if org == "acme":
        assert "Lotte" not in index
    headers = bearer(email)
    for r in (acme, own) if own else (acme,):
        for name, (method, url, body) in api_calls(r.pk).items():
            response = call(client, method, url, body, headers)
            assert response.status_code == 404, (name, role, response.content)
    listed = client.get("/api/introductions", headers=headers).json()
    assert all(x["id"] != acme.pk for x in listed)
    assert no_details(json.dumps(listed), introducer_of_lotte=lotte_sees)
    if org == "globex" and role == "employee":  # Globex's requester: Lotte without her details
        assert [x["person"]["name"] for x in listed] == ["Lotte Visser"]
    acme.refresh_from_db()
    assert acme.status == "accepted" and acme.outcome == ""


@pytest.mark.parametrize(("org", "role", "email"), OUTSIDERS)
def test_the_request_form_is_for_colleagues_of_the_introducer_only(
    client, requests, mehmet, org, role, email
):
    sign_in(client, email)
    url = f"{reverse('introductions:new')}?via={JAN}&person={mehmet.pk}"
    response = client.get(url)
    if org == "globex":
        assert response.status_code == 404
        made = call(
            client,
            "post",
            "/api/introductions",
            {"introducer": JAN, "person": mehmet.pk, "reason": "x", "questions": ["y"]},
            bearer(email),
        )
        assert made.status_code == 404
    else:
        page = response.content.decode()
        assert response.status_code == 200 and "Mehmet Çelik" in page and no_details(page)


def test_the_requester_sees_no_contact_details_and_may_not_act_for_the_introducer(client, requests):
    acme, _ = requests
    sign_in(client, TOM)
    pages = page_urls(acme.pk)
    detail = client.get(pages["detail"][0])
    assert detail.status_code == 200 and no_details(detail.content.decode())
    assert "mailto:" not in detail.content.decode()
    for name in ("answer", "draft", "sent"):
        url, data = pages[name]
        assert client.post(url, data).status_code == 403, name
    assert client.post(*pages["outcome"]).status_code == 403  # not sent yet
    headers = bearer(TOM)
    for name, (method, url, body) in api_calls(acme.pk).items():
        response = call(client, method, url, body, headers)
        if name == "detail":
            assert response.status_code == 200 and no_details(response.content.decode())
        elif name == "outcome":
            assert response.status_code == 422  # the requester's act, but not yet
        else:
            assert response.status_code == 403, name
    listed = client.get("/api/introductions", headers=headers).content.decode()
    assert no_details(listed)


def test_the_introducer_sees_the_details_and_may_not_record_the_outcome(client, requests):
    acme, _ = requests
    sign_in(client, JAN)
    pages = page_urls(acme.pk)
    page = client.get(pages["detail"][0]).content.decode()
    assert MEHMET_EMAIL in page and "mailto:" in page
    assert client.post(*pages["outcome"]).status_code == 403
    response = call(
        client, "post", f"/api/introductions/{acme.pk}/outcome", {"outcome": "met"}, bearer(JAN)
    )
    assert response.status_code == 403
    assert (
        client.get(f"/api/introductions/{acme.pk}", headers=bearer(JAN)).json()["person"]["email"]
        == MEHMET_EMAIL
    )


def test_anonymous_visitors_sign_in_first_and_the_api_wants_a_token(client, requests):
    acme, _ = requests
    for url in (
        reverse("introductions:index"),
        reverse("introductions:new"),
        *[u for u, _ in page_urls(acme.pk).values()],
    ):
        response = client.get(url)
        assert response.status_code == 302 and "/login/" in response.url, url
    assert client.get("/api/introductions").status_code == 401
    assert client.get(f"/api/introductions/{acme.pk}").status_code == 401


def test_a_login_that_is_no_employee_gets_nothing(client, requests):
    acme, _ = requests
    root = get_user_model().objects.create_superuser("root", "root@example.org", "s3cret-Passw0rd")
    client.force_login(root)
    assert client.get(reverse("introductions:index")).status_code == 403
    assert client.get(reverse("introductions:detail", args=[acme.pk])).status_code == 403
    _, key = ApiToken.issue(root, "t")
    headers = {"Authorization": f"Bearer {key}"}
    assert client.get("/api/introductions", headers=headers).status_code == 403
    assert client.get(f"/api/introductions/{acme.pk}", headers=headers).status_code == 403


def test_a_party_who_left_sees_the_request_no_more(client, requests):
    acme, _ = requests
    sign_in(client, JAN)
    Employee.objects.filter(email=JAN).update(active=False)
    assert client.get(reverse("introductions:detail", args=[acme.pk])).status_code == 404
    assert client.get("/api/introductions", headers=bearer(JAN)).json() == []
