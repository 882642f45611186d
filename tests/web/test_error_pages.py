"""403, 404 and 500 pages: the site's layout, the reason in the reader's language, a way back (issue 11).

A 403 or 404 is logged as one warning line, never as a traceback."""

from __future__ import annotations

import logging

import pytest
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation
from django.views.defaults import server_error

from tests.factories import acme, login

LAYOUT = 'class="brand"'


@pytest.fixture
def production(settings):
    settings.DEBUG = False
    settings.WEAKTIES_DEMO = True  # the outbox answers 403 to an employee, 404 to nobody
    return settings


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "title", "reason", "back"),
    [
        (
            "nl",
            "Je mag deze pagina niet openen",
            "Alleen beheerders lezen het postvak uit.",
            "Naar het dashboard",
        ),
        (
            "en",
            "You may not open this page",
            "Only administrators read the outbox.",
            "Go to the dashboard",
        ),
    ],
)
def test_403_has_the_layout_the_reason_and_a_way_back(
    client, production, caplog, language, title, reason, back
):
    acme(networks=False)
    login(client, "tom.jansen@acme.nl")
    with caplog.at_level(logging.WARNING, logger="django.request"):
        response = client.get(reverse("outbox"), HTTP_ACCEPT_LANGUAGE=language)
    html = response.content.decode()
    assert response.status_code == 403
    assert f'<html lang="{language}">' in html and LAYOUT in html and 'id="nav-me"' in html
    assert f"<h1>{title}</h1>" in html
    assert f'id="error-reason">{reason}</p>' in html
    assert f'href="{reverse("dashboard")}" id="back-home">{back}</a>' in html
    assert "403 Forbidden" not in html
    # Logged as one line, without a traceback.
    forbidden = [
        r
        for r in caplog.records
        if r.name == "django.request" and getattr(r, "status_code", 0) == 403
    ]
    assert len(forbidden) == 1
    assert forbidden[0].exc_info is None and "Traceback" not in caplog.text
    assert "Forbidden" in forbidden[0].getMessage()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "title", "back"),
    [
        ("nl", "Deze pagina bestaat niet", "Naar het dashboard"),
        ("en", "This page does not exist", "Go to the dashboard"),
    ],
)
def test_404_has_the_layout_and_a_way_back(client, production, caplog, language, title, back):
    acme(networks=False)
    login(client, "tom.jansen@acme.nl")
    with caplog.at_level(logging.WARNING, logger="django.request"):
        response = client.get("/no-such-page/", HTTP_ACCEPT_LANGUAGE=language)
    html = response.content.decode()
    assert response.status_code == 404
    assert f'<html lang="{language}">' in html and LAYOUT in html and 'id="nav-me"' in html
    assert f"<h1>{title}</h1>" in html and f'id="back-home">{back}</a>' in html
    assert "Resolver404" not in html and 'id="error-reason"' not in html
    assert "Traceback" not in caplog.text


@pytest.mark.django_db
def test_404_for_an_anonymous_reader_offers_to_sign_in(client, production):
    response = client.get("/no-such-page/", HTTP_ACCEPT_LANGUAGE="nl")
    html = response.content.decode()
    assert response.status_code == 404 and LAYOUT in html and 'id="nav-me"' not in html
    assert f'href="{reverse("login")}" id="back-home">Inloggen</a>' in html


@pytest.mark.django_db
def test_a_translated_404_reason_is_shown(client, settings):
    settings.DEBUG = False
    settings.WEAKTIES_DEMO = False
    acme(networks=False)
    login(client, "tom.jansen@acme.nl")
    html = client.get(reverse("outbox"), HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert 'id="error-reason">Het postvak uit bestaat alleen in de demo.</p>' in html
    assert "The outbox exists only in the demo." not in html


def test_500_renders_without_database_or_context_processors(settings):
    """No ``django_db`` mark: any query would fail this test."""
    settings.DEBUG = False
    request = RequestFactory().get("/broken/")
    with translation.override("nl"):
        response = server_error(request)
    html = response.content.decode()
    assert response.status_code == 500
    assert (
        LAYOUT in html
        and "<h1>Er ging bij ons iets mis</h1>" in html
        and "Naar het dashboard" in html
    )


@pytest.mark.django_db
def test_an_expired_form_says_so_in_the_layout(settings):
    """A POST without a valid CSRF token (a form left open, a session changed in another tab)."""
    from django.test import Client

    settings.DEBUG = False
    acme(networks=False)
    client = Client(enforce_csrf_checks=True)
    login(client, "tom.jansen@acme.nl")
    response = client.post(reverse("import"), {}, HTTP_ACCEPT_LANGUAGE="nl")
    html = response.content.decode()
    assert response.status_code == 403
    assert LAYOUT in html and "<h1>Het formulier is verlopen</h1>" in html
    assert "CSRF verification failed" not in html
