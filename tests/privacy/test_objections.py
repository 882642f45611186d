"""The public objection form: no login, CSRF, rate-limited, no oracle, confirmed by its address.

Real SMTP (tests/smtp.py): the confirmation link and the answer are read back
from the messages that went over the wire.
"""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from tests.privacy.conftest import signed_in
from weakties.accounts.models import AuditEvent
from weakties.people.models import Erasure, Person
from weakties.people.services.identity import digest
from weakties.privacy.models import ObjectionRequest

pytestmark = pytest.mark.django_db

URL = "/privacy/object/"


def _file(client, email, **extra):
    return client.post(URL, {"kind": "erase", "email": email, "reason": "", **extra})


def _without_tokens(response) -> str:
    """The page less its CSRF tokens (different on every answer)."""
    return re.sub(r"[A-Za-z0-9]{64}", "", response.content.decode())


def _link(message) -> str:
    return re.search(r"https?://\S+/privacy/object/confirm/\S+/", message.body).group(0)


def test_the_answer_is_the_same_for_a_known_and_an_unknown_address(org, smtp, settings):
    settings.LANGUAGE_CODE = "en"
    client = Client()
    known = _file(client, "Mehmet.Celik@Example.com")
    unknown = _file(client, "never.heard.of@example.net")
    assert known.status_code == unknown.status_code == 200
    assert _without_tokens(known) == _without_tokens(unknown)
    smtp.wait_for(2)
    assert sorted(m.rcpt_tos[0] for m in smtp.messages) == [
        "mehmet.celik@example.com",
        "never.heard.of@example.net",
    ]


def test_a_confirmed_request_is_erased_by_an_admin_and_the_person_told(org, smtp, client):
    anon = Client()
    _file(anon, "mehmet.celik@example.com", reason="Ik ken jullie niet")
    smtp.wait_for(1)
    link = _link(smtp.messages[0])
    path = link[link.index("/privacy/") :]
    assert ObjectionRequest.objects.get().status == "unconfirmed"
    assert anon.get(path).status_code == 200  # a mail scanner's GET confirms nothing
    assert ObjectionRequest.objects.get().status == "unconfirmed"
    anon.post(path)
    request = ObjectionRequest.objects.get()
    assert request.status == "pending"

    signed_in(client, "anna.devries@acme.nl", role="admin")
    page = client.get(reverse("privacy:requests"))
    assert "mehmet.celik@example.com" in page.content.decode()
    client.post(reverse("privacy:request_decide", args=[request.pk]), {"decision": "confirm"})
    request.refresh_from_db()
    assert request.status == "confirmed" and request.email == ""
    assert not Person.objects.filter(first_name="Mehmet").exists()
    assert Erasure.objects.filter(kind="email", digest=digest("mehmet.celik@example.com")).exists()
    smtp.wait_for(2)
    answer = smtp.messages[1]
    assert answer.rcpt_tos == ["mehmet.celik@example.com"]
    assert "uitgevoerd" in answer.subject  # in the language the form was filled in
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {
        "privacy.objection_filed",
        "privacy.objection_confirmed",
        "privacy.objection_decided",
        "privacy.person_erased",
    } <= actions
    assert not AuditEvent.objects.filter(detail__icontains="mehmet").exists()


def test_a_rejection_needs_a_reason_and_tells_the_person(org, smtp, client):
    anon = Client()
    _file(anon, "eva.smit@example.org")
    smtp.wait_for(1)
    link = _link(smtp.messages[0])
    anon.post(link[link.index("/privacy/") :])
    request = ObjectionRequest.objects.get()
    signed_in(client, "anna.devries@acme.nl", role="admin")
    client.post(reverse("privacy:request_decide", args=[request.pk]), {"decision": "reject"})
    request.refresh_from_db()
    assert request.status == "pending"  # no reason: nothing happened
    client.post(
        reverse("privacy:request_decide", args=[request.pk]),
        {"decision": "reject", "answer": "Eva is een klant met een lopend contract."},
    )
    request.refresh_from_db()
    assert request.status == "rejected"
    smtp.wait_for(2)
    assert "lopend contract" in smtp.messages[1].body
    assert Person.objects.filter(first_name="Eva").exists()


def test_the_form_is_csrf_protected():
    client = Client(enforce_csrf_checks=True)
    response = client.post(URL, {"kind": "erase", "email": "x@example.com"})
    assert response.status_code == 403
    assert not ObjectionRequest.objects.exists()


def test_the_form_is_rate_limited_per_client(settings, smtp):
    import uuid

    settings.PRIVACY_REQUESTS_PER_HOUR = 2
    client = Client(REMOTE_ADDR=f"client-{uuid.uuid4()}")  # a client never seen before
    codes = [_file(client, f"p{i}@example.com").status_code for i in range(4)]
    assert codes == [200, 200, 429, 429]
    assert ObjectionRequest.objects.count() == 2
    other = Client(REMOTE_ADDR=f"client-{uuid.uuid4()}")
    assert _file(other, "q@example.com").status_code == 200


def test_an_address_gets_at_most_a_few_mails_a_day(settings, smtp):
    settings.PRIVACY_MAILS_PER_ADDRESS = 2
    client = Client()
    for _ in range(4):
        assert _file(client, "target@example.com").status_code == 200
    smtp.wait_for(2)
    import time

    time.sleep(0.5)
    assert len(smtp.messages) == 2


def test_a_bad_linkedin_url_is_refused_and_nothing_is_stored(smtp):
    response = _file(Client(), "a@example.com", linkedin_url="https://example.com/me")
    assert response.status_code == 200
    assert "LinkedIn" in response.content.decode()
    assert not ObjectionRequest.objects.exists()


def test_an_employee_or_another_organisations_admin_cannot_decide(org, globex, smtp, client):
    anon = Client()
    _file(anon, "mehmet.celik@example.com")
    smtp.wait_for(1)
    link = _link(smtp.messages[0])
    anon.post(link[link.index("/privacy/") :])
    request = ObjectionRequest.objects.get()
    decide = reverse("privacy:request_decide", args=[request.pk])
    signed_in(client, "jan.vandenberg@acme.nl")
    assert client.post(decide, {"decision": "confirm"}).status_code == 403
    greta = Client()
    signed_in(greta, "greta@globex.be")
    assert "mehmet" not in greta.get(reverse("privacy:requests")).content.decode()
    assert greta.post(decide, {"decision": "confirm"}).status_code == 404
    assert Client().post(decide, {"decision": "confirm"}).status_code == 302  # to the login
    request.refresh_from_db()
    assert request.status == "pending"
    assert Person.objects.filter(first_name="Mehmet").exists()


@pytest.fixture
def smtp_down(settings):
    from tests.smtp import free_port

    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = free_port()
    settings.EMAIL_TIMEOUT = 5
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.LANGUAGE_CODE = "en"
    return settings


def test_a_mail_server_that_is_down_gives_a_clear_answer_and_changes_nothing(org, smtp_down):
    response = _file(Client(), "mehmet.celik@example.com")
    assert response.status_code == 200
    assert "mail server could not be reached" in response.content.decode()
    assert not ObjectionRequest.objects.exists()


def test_a_decision_whose_answer_cannot_be_mailed_erases_nothing(org, smtp_down, client):
    request = ObjectionRequest.objects.create(
        kind="erase",
        email="mehmet.celik@example.com",
        email_digest=digest("mehmet.celik@example.com"),
        status="pending",
    )
    signed_in(client, "anna.devries@acme.nl", role="admin")
    client.post(reverse("privacy:request_decide", args=[request.pk]), {"decision": "confirm"})
    request.refresh_from_db()
    assert request.status == "pending" and Person.objects.filter(first_name="Mehmet").exists()


def test_an_unconfirmed_request_is_forgotten_after_a_week(smtp):
    import datetime as dt

    from django.utils import timezone

    old = ObjectionRequest.objects.create(
        kind="erase", email="old@example.com", email_digest=digest("old@example.com")
    )
    ObjectionRequest.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - dt.timedelta(days=8)
    )
    _file(Client(), "new@example.com")
    assert list(ObjectionRequest.objects.values_list("email", flat=True)) == ["new@example.com"]
