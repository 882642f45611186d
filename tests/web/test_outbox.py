"""The demo's outbox: every email kept, read by administrators only, and only in demo mode (issue 11)."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.mail import EmailMultiAlternatives
from django.urls import reverse

from tests.factories import acme, employee, login
from weakties.accounts.models import Role
from weakties.web.models import OutboxEmail

pytestmark = pytest.mark.django_db

ICS = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n"


@pytest.fixture
def demo_mode(settings):
    settings.WEAKTIES_DEMO = True
    settings.EMAIL_BACKEND = "weakties.web.outbox.OutboxBackend"
    settings.LANGUAGE_CODE = "en"
    return settings


def _send_invite() -> OutboxEmail:
    message = EmailMultiAlternatives(
        subject="Werkgeversnetwerk komt bijeen",
        body="Beste Eva,\n\nStuur je hulpvraag hier in: https://example.org/ask/t123/\n",
        from_email="weakties@example.org",
        to=["Eva.Kok@lnv.example"],
        cc=["ad.smets@lnv.example"],
    )
    message.attach_alternative("<p>Beste Eva, <b>welkom</b></p>", "text/html")
    message.attach("invite.ics", ICS, "text/calendar")
    assert message.send() == 1
    return OutboxEmail.objects.get()


def test_the_backend_keeps_the_whole_message(demo_mode):
    kept = _send_invite()
    assert kept.subject == "Werkgeversnetwerk komt bijeen"
    assert kept.to_list == ["eva.kok@lnv.example", "ad.smets@lnv.example"]
    assert "https://example.org/ask/t123/" in kept.body
    assert "<b>welkom</b>" in kept.html
    (attachment,) = kept.attachments
    assert attachment["filename"] == "invite.ics" and attachment["content_type"] == "text/calendar"
    assert attachment["size"] in (len(ICS), len(ICS.replace("\r\n", "\n")))
    assert "BEGIN:VCALENDAR" in kept.raw
    assert mail.outbox == []  # kept, not handed to another backend


def test_an_admin_reads_the_list_an_email_and_its_attachment(demo_mode, client):
    acme(networks=False)
    kept = _send_invite()
    login(client, "anna.devries@acme.nl", role=Role.ADMIN)
    page = client.get(reverse("outbox")).content.decode()
    assert 'id="nav-outbox"' in page
    assert "eva.kok@lnv.example" in page and "Werkgeversnetwerk komt bijeen" in page
    assert "1 email is kept here" in page and "invite.ics" in page
    assert client.get(reverse("outbox"), {"q": "nobody@"}).content.decode().count("data-mail=") == 0
    detail = client.get(reverse("outbox_email", args=[kept.pk])).content.decode()
    assert '<a href="https://example.org/ask/t123/"' in detail  # its links can be followed
    assert "srcdoc=" in detail and "sandbox" in detail
    ics = client.get(reverse("outbox_attachment", args=[kept.pk, 0]))
    assert ics["Content-Type"].startswith("text/calendar")
    assert ics.content.decode().replace("\r\n", "\n") == ICS.replace("\r\n", "\n")
    assert len(ics.content) == kept.attachments[0]["size"]
    assert client.get(reverse("outbox_attachment", args=[kept.pk, 1])).status_code == 404


def test_the_outbox_in_dutch(demo_mode, client):
    demo_mode.LANGUAGE_CODE = "nl"
    acme(networks=False)
    _send_invite()
    login(client, "anna.devries@acme.nl", role=Role.ADMIN)
    page = client.get(reverse("outbox")).content.decode()
    assert "Postvak uit" in page and "Dit is de demo" in page and "Ontvanger of onderwerp" in page


@pytest.mark.parametrize(
    "role", [r for r in Role.values if r != Role.ADMIN], ids=lambda r: f"as-{r}"
)
def test_every_other_role_is_refused(demo_mode, client, role):
    acme(networks=False)
    kept = _send_invite()
    login(client, "tom.jansen@acme.nl", role=role)
    assert 'id="nav-outbox"' not in client.get(reverse("dashboard")).content.decode()
    for url in (
        reverse("outbox"),
        reverse("outbox_email", args=[kept.pk]),
        reverse("outbox_attachment", args=[kept.pk, 0]),
    ):
        response = client.get(url)
        assert response.status_code == 403, url
        assert b"eva.kok" not in response.content


def test_a_login_without_an_employee_and_a_visitor_are_refused(demo_mode, client):
    kept = _send_invite()
    assert client.get(reverse("outbox")).status_code == 302  # to the login page
    user = get_user_model().objects.create_user(username="someone", password="x-Passw0rd-x")
    client.force_login(user)
    assert client.get(reverse("outbox")).status_code == 403
    assert client.get(reverse("outbox_email", args=[kept.pk])).status_code == 403


def test_outside_the_demo_there_is_no_outbox(settings, client):
    settings.WEAKTIES_DEMO = False
    acme(networks=False)
    OutboxEmail.objects.create(subject="left from a demo", recipients="eva@lnv.example")
    login(client, "anna.devries@acme.nl", role=Role.ADMIN)
    assert 'id="nav-outbox"' not in client.get(reverse("dashboard")).content.decode()
    assert client.get(reverse("outbox")).status_code == 404
    kept = OutboxEmail.objects.get()
    assert client.get(reverse("outbox_email", args=[kept.pk])).status_code == 404
    assert employee("anna.devries@acme.nl").is_admin
