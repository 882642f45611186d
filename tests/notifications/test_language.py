"""Each employee's language is remembered: switched in the header, used on every page and in emails."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils.translation import gettext_lazy

from weakties.notifications.services.notify import notify
from weakties.notifications.services.preferences import preference_set

from .conftest import employee, login

pytestmark = pytest.mark.django_db

SETLANG = reverse("set_language")
INDEX = reverse("notifications:index")


def _lang(response) -> str:
    html = response.content.decode()
    return html.split('<html lang="', 1)[1].split('"', 1)[0]


def test_switching_language_in_the_header_is_remembered(client, acme):
    jan = login(client, "jan.vandenberg@acme.nl")
    assert jan.language == ""
    response = client.post(SETLANG, {"language": "en", "next": INDEX})
    assert response.status_code == 302 and response["Location"] == INDEX
    jan.refresh_from_db()
    assert jan.language == "en"
    # A language the site does not offer is not remembered.
    client.post(SETLANG, {"language": "fr", "next": INDEX})
    jan.refresh_from_db()
    assert jan.language == "en"


def test_the_remembered_language_wins_over_cookie_and_browser(client, acme):
    jan = login(client, "jan.vandenberg@acme.nl")
    preference_set(employee=jan, language="en")
    client.cookies["django_language"] = "nl"
    page = client.get(INDEX, headers={"Accept-Language": "nl"})
    assert _lang(page) == "en" and "Notifications" in page.content.decode()
    assert page["Content-Language"] == "en"
    # Another employee without a remembered language keeps the cookie's.
    client.logout()
    login(client, "tom.jansen@acme.nl")
    client.cookies["django_language"] = "nl"
    assert _lang(client.get(INDEX)) == "nl"


def test_signed_out_visitors_follow_the_cookie_only(client, acme):
    preference_set(employee=employee("jan.vandenberg@acme.nl"), language="en")
    client.cookies["django_language"] = "nl"
    login_page = client.get(reverse("login"))
    assert _lang(login_page) == "nl"


def test_a_language_chosen_before_signing_in_is_remembered_at_the_first_page(client, acme):
    client.post(SETLANG, {"language": "en", "next": "/"})  # on the login page
    sophie = login(client, "sophie.bakker@acme.nl")
    assert _lang(client.get(INDEX)) == "en"
    sophie.refresh_from_db()
    assert sophie.language == "en"


def test_the_next_email_is_in_the_language_just_chosen(
    client, acme, smtp, django_capture_on_commit_callbacks
):
    jan = login(client, "jan.vandenberg@acme.nl")
    preference_set(employee=jan, digest="immediate")
    subject = gettext_lazy("Notification settings")
    with django_capture_on_commit_callbacks(execute=True):
        notify(employee=jan, kind="x", subject=subject)
    client.post(SETLANG, {"language": "en", "next": INDEX})
    jan.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        notify(employee=jan, kind="x", subject=subject)
    dutch, english = smtp.wait_for(2)
    assert dutch.subject == "Meldingsinstellingen" and dutch.body.startswith("Beste Jan,")
    assert english.subject == "Notification settings" and english.body.startswith("Dear Jan,")
