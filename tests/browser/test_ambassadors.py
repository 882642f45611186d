"""Invitation campaign in a real browser: an admin invites, the email arrives over SMTP, the colleague
opens the personal link (no login), consents and imports a LinkedIn export; the funnel counts it.

Once in Dutch (Tom, the site's default language) and once in English (Sophie, who chose English
once in the header); a server of its own, with its mail going to a real local SMTP server.
"""

from __future__ import annotations

import os
import re
import time
from pathlib import Path

import pytest

from tests.factories import DATA
from tests.smtp import smtp_server

from .conftest import choose_language, cli, click_and_load, serve_site
from .conftest import sign_in as browser_sign_in

pytestmark = pytest.mark.browser

PASSWORD = "browser-Ambassador-1"
SHOTS = Path(os.environ.get("WEAKTIES_SCREENSHOTS", "/tmp/ambassadors-shots"))


@pytest.fixture(scope="module")
def inbox():
    with smtp_server() as box:
        yield box


@pytest.fixture(scope="module")
def site(tmp_path_factory, inbox):
    """``weakties serve`` (web and worker) with Acme's directory; mail to the local SMTP server."""

    def setup(env, home):
        cli(env, "org", "create", "Acme BV")
        cli(env, "import", "directory", str(DATA / "directory.csv"), "--org", "Acme BV")
        cli(
            env, "user", "create", "anna.devries@acme.nl", "--role", "admin", "--password", PASSWORD
        )
        cli(env, "user", "create", "sophie.bakker@acme.nl", "--password", PASSWORD)

    yield from serve_site(tmp_path_factory, "ambassadors", setup=setup, inbox=inbox)


def sign_in(page, site: str, email: str) -> None:
    browser_sign_in(page, site, email, PASSWORD)


CASES = {
    # language: (invitee, subject, heading, consent button, "imported" in the funnel)
    "nl": (
        "tom.jansen@acme.nl",
        "Acme BV nodigt je uit om ambassadeur te worden",
        "Tom, wil je ambassadeur zijn voor Acme BV?",
        "Ja, ik doe mee",
        "Ambassadeurs",
    ),
    "en": (
        "sophie.bakker@acme.nl",
        "Acme BV invites you to become an ambassador",
        "Sophie, will you be an ambassador for Acme BV?",
        "Yes, I take part",
        "Ambassadors",
    ),
}


@pytest.mark.parametrize("language", ["nl", "en"])
def test_invite_open_consent_and_import(site, inbox, browser, language):
    invitee, subject, heading, button, nav = CASES[language]
    SHOTS.mkdir(parents=True, exist_ok=True)
    if language == "en":
        # Sophie once chose English in the header: her emails and pages are English from then on.
        ctx = browser.new_context(locale="en-GB")
        page = ctx.new_page()
        sign_in(page, site, invitee)
        choose_language(page, "en")
        ctx.close()

    # 1. The admin invites one colleague from the campaign page.
    admin_ctx = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900})
    admin = admin_ctx.new_page()
    sign_in(admin, site, "anna.devries@acme.nl")
    if language == "en":
        choose_language(admin, "en")
    admin.click("#nav-admin summary")  # the administration's pages fold under one menu
    click_and_load(admin, f"#nav-admin >> text={nav}")
    admin.locator("#campaign-form").wait_for(timeout=15000)
    admin.select_option("select[name=scope]", "emails")
    admin.fill("textarea[name=emails]", invitee)
    admin.fill(
        "textarea[name=message]",
        "Samen bereiken we meer." if language == "nl" else "Together we reach further.",
    )
    click_and_load(admin, "#campaign-form button[type=submit]")
    admin.locator(".flash").first.wait_for(timeout=15000)
    assert ("Uitgenodigd: 1" if language == "nl" else "Invited: 1") in admin.locator(
        ".flash"
    ).first.inner_text()

    # 2. The email arrives over SMTP in the invitee's language, with the personal link.
    deadline = time.monotonic() + 30
    while not inbox.to(invitee) and time.monotonic() < deadline:
        time.sleep(0.2)
    mail = inbox.to(invitee)[-1]
    assert mail.subject == subject
    link = re.search(rf"{re.escape(site)}/ambassadors/i/[^\s]+/", mail.body).group(0)
    assert "jan" not in mail.body.lower() and "@example" not in mail.body

    # 3. The invitee opens the link without a login: why, who sees what, the steps with pictures.
    ctx = browser.new_context(viewport={"width": 390, "height": 844})
    page = ctx.new_page()
    page.goto(link)
    assert page.locator("h1").first.inner_text() == heading
    for section in (
        "#why",
        "#who-sees-what",
        "#steps-linkedin",
        "#steps-phone",
        "#steps-google",
        "#steps-outlook",
    ):
        page.locator(section).wait_for(timeout=5000)
    loaded = page.eval_on_selector_all(
        ".steps img", "imgs => imgs.map(i => i.complete && i.naturalWidth > 0)"
    )
    assert loaded == [True, True, True, True]
    page.screenshot(path=str(SHOTS / f"landing-{language}-390.png"), full_page=True)

    # 4. Consent and import the LinkedIn export on the spot.
    page.check("input[name=consent]")
    page.set_input_files("#consent-form input[name=file]", str(DATA / "jan_Connections.csv"))
    page.click(f"#consent-form button:has-text('{button}')")
    page.locator("#import-status[data-status=done]").wait_for(timeout=60000)
    assert page.locator("[data-key=contacts]").inner_text() == "4"
    # Jan's export names Sophie herself: nobody has a tie to themselves.
    assert page.locator("[data-key=ties_created]").inner_text() == (
        "4" if language == "nl" else "3"
    )
    page.screenshot(path=str(SHOTS / f"imported-{language}-390.png"), full_page=True)
    ctx.close()

    # 5. The funnel counts the whole way: invited, opened, consented, imported.
    admin.goto(f"{site}/ambassadors/")
    card = admin.locator("article.campaign").first
    for key in ("invited", "opened", "consented", "imported"):
        assert card.locator(f"[data-key={key}]").inner_text() == "1", key
    admin.screenshot(path=str(SHOTS / f"funnel-{language}-1280.png"), full_page=True)
    admin_ctx.close()
