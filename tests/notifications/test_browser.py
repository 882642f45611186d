"""The notifications list in a real browser, once in Dutch and once in English.

Marking read with htmx updates the row and the menu's count without a reload;
following a notice marks it read; the language switched in the header is
remembered for the next sign-in on another browser.
"""

from __future__ import annotations

import subprocess
import sys

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import live_server_url, server_env  # noqa: F401 - fixtures

pytestmark = pytest.mark.browser

PASSWORD = "Notices-Secret-42"
SETUP = """
import django, sys
django.setup()
from django.contrib.auth import get_user_model
from weakties.accounts.models import Employee
from weakties.accounts.services.organisations import organisation_create
from weakties.notifications.services.notify import notify
from weakties.people.models import Person

email = sys.argv[1]
org = organisation_create(name="Meldingen " + email.split("@")[0], domain="")
person = Person.objects.create(first_name="Lotte", last_name="Visser")
user = get_user_model().objects.create_user(username=email, email=email, password=sys.argv[2])
me = Employee.objects.create(organisation=org, person=person, user=user, email=email, first_name="Lotte")
for i in range(3):
    notify(employee=me, kind="test", subject=f"Verzoek {i}", link="/notifications/settings/")
"""


def _employee(env, email: str) -> None:
    done = subprocess.run(
        [sys.executable, "-c", SETUP, email, PASSWORD],
        env=env | {"DJANGO_SETTINGS_MODULE": "weakties.site.settings"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr


def _sign_in(page, url: str, email: str) -> None:
    page.goto(f"{url}/login/")
    page.fill("input[name=username]", email)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_load_state()


@pytest.mark.parametrize(
    "language, words",
    [
        ("nl", {"menu": "Meldingen", "mark": "Markeer als gelezen", "other": "en"}),
        ("en", {"menu": "Notifications", "mark": "Mark read", "other": "nl"}),
    ],
)
def test_read_with_htmx_follow_a_link_and_keep_the_language(
    browser,  # noqa: F811
    live_server_url,  # noqa: F811
    server_env,  # noqa: F811
    language,
    words,
):
    email = f"lotte.{language}@notices.example"
    _employee(server_env, email)
    context = browser.new_context(locale="nl-NL")
    page = context.new_page()
    _sign_in(page, live_server_url, email)
    page.goto(f"{live_server_url}/notifications/")
    if language != "nl":
        with page.expect_navigation():
            page.select_option(".lang select", language)
    menu = page.locator("#nav-notifications")
    assert menu.inner_text().replace("\n", "").strip() == f"{words['menu']}3"

    # Mark the newest read: the row and the count change in place (no reload).
    page.evaluate("window.stillHere = true")
    newest = page.locator("li.notice").first
    newest.get_by_role("button", name=words["mark"]).click()
    # htmx's answer replaces the row (and, in the same swap, the menu's count): wait for it with
    # a polling assertion (a second unread row was there before the click already; a locator
    # waits without evaluating a string in the page, which the enforced CSP forbids)
    expect(page.locator("li.notice.unread")).to_have_count(2)
    assert page.evaluate("window.stillHere") is True
    assert page.locator("#nav-unread").inner_text() == "2"

    # Following a notice's link marks it read.
    page.locator("li.notice.unread a.subject").first.click()
    page.wait_for_url(f"{live_server_url}/notifications/settings/")
    page.goto(f"{live_server_url}/notifications/")
    assert page.locator("#nav-unread").inner_text() == "1"
    assert page.locator("html").get_attribute("lang") == language

    # Another browser (a Dutch one, no cookie): the remembered language wins.
    context.close()
    fresh = browser.new_context(locale="nl-NL")
    page = fresh.new_page()
    _sign_in(page, live_server_url, email)
    page.goto(f"{live_server_url}/notifications/")
    assert page.locator("html").get_attribute("lang") == language
    # Switching there is remembered too.
    with page.expect_navigation():
        page.select_option(".lang select", words["other"])
    fresh.close()
    again = browser.new_context(locale="nl-NL")
    page = again.new_page()
    _sign_in(page, live_server_url, email)
    page.goto(f"{live_server_url}/notifications/")
    assert page.locator("html").get_attribute("lang") == words["other"]
    again.close()
