"""The public privacy page (GDPR Art. 14, issue 12): no login, Dutch and English, linked everywhere."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.factories import acme, login
from weakties.accounts.services.organisations import organisation_create
from weakties.site.privacy import OBJECTION_PATH, PRIVACY_PATH, privacy_url

pytestmark = pytest.mark.django_db


def _get(client, path, language):
    return client.get(path, HTTP_ACCEPT_LANGUAGE=language)


def test_the_page_is_at_privacy_and_needs_no_login(client):
    assert reverse("privacy-notice") == PRIVACY_PATH
    response = _get(client, PRIVACY_PATH, "en")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="privacy-notice"' in html
    assert f'href="{OBJECTION_PATH}"' in html


@pytest.mark.parametrize(
    ("language", "phrases"),
    [
        (
            "en",
            ["legitimate interest", "Where your data came from", "Object or ask for erasure"],
        ),
        (
            "nl",
            [
                "gerechtvaardigd belang",
                "Waar uw gegevens vandaan komen",
                "Bezwaar maken",
            ],
        ),
    ],
)
def test_the_page_says_interest_source_and_objection_in_the_readers_language(
    client, language, phrases
):
    html = _get(client, PRIVACY_PATH, language).content.decode()
    for phrase in phrases:
        assert phrase in html, phrase


def test_the_controller_defaults_to_the_organisations_here(client):
    organisation_create(name="Bakkerij De Korst", domain="korst.nl")
    html = _get(client, PRIVACY_PATH, "en").content.decode()
    assert "Bakkerij De Korst" in html
    assert "through the objection form below" in html
    assert "one of <strong>" not in html
    organisation_create(name="Gemeente Zandvoort", domain="zandvoort.example")
    html = _get(client, PRIVACY_PATH, "en").content.decode()
    assert "one of <strong>Bakkerij De Korst, Gemeente Zandvoort</strong>" in html
    html = _get(client, PRIVACY_PATH, "nl").content.decode()
    assert "een van <strong>Bakkerij De Korst, Gemeente Zandvoort</strong>" in html


def test_the_controller_and_contact_come_from_settings(client, settings):
    organisation_create(name="Bakkerij De Korst", domain="korst.nl")
    settings.WEAKTIES_CONTROLLER_NAME = "Korst Holding NV"
    settings.WEAKTIES_CONTROLLER_CONTACT = "privacy@korst.example"
    html = _get(client, PRIVACY_PATH, "nl").content.decode()
    assert "Korst Holding NV" in html
    assert "Bakkerij De Korst" not in html
    assert "privacy@korst.example" in html


def test_retention_and_compare_and_forget_are_told_as_configured(client, settings):
    settings.WEAKTIES_RETENTION_DAYS = 200
    settings.WEAKTIES_RETENTION_GRACE_DAYS = 14
    settings.WEAKTIES_COMPARE_AND_FORGET = False
    html = _get(client, PRIVACY_PATH, "en").content.decode()
    assert "older than 200 days" in html and "14 days later" in html
    assert 'id="compare-and-forget"' not in html
    settings.WEAKTIES_COMPARE_AND_FORGET = True
    settings.WEAKTIES_RETENTION_DAYS = 0
    html = _get(client, PRIVACY_PATH, "nl").content.decode()
    assert 'id="compare-and-forget"' in html and "vergelijkt en vergeet" in html
    assert 'id="retention"' not in html


def test_privacy_url_is_absolute(settings):
    settings.WEAKTIES_BASE_URL = "https://weakties.example.org"
    assert privacy_url() == "https://weakties.example.org/privacy/"


@pytest.mark.parametrize("path", ["/login/", PRIVACY_PATH, "/no-such-page/"])
def test_the_footer_links_the_page_without_login(client, path):
    html = _get(client, path, "nl").content.decode()
    assert f'href="{PRIVACY_PATH}" id="footer-privacy"' in html


def test_the_footer_and_the_consent_form_link_the_page_when_signed_in(client):
    acme()
    login(client, "jan.vandenberg@acme.nl")
    for path in ("/", "/import/"):
        html = _get(client, path, "en").content.decode()
        assert f'href="{PRIVACY_PATH}" id="footer-privacy"' in html, path
    html = _get(client, "/import/", "en").content.decode()
    assert "consent-privacy" in html and "the privacy page" in html
