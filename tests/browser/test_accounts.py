"""Accounts in a real browser (issue 11), against ``weakties serve`` with its mail going to a real
local SMTP server: a forgotten password reset by email (the link read back from the server,
followed, the new password signs in), an admin's colleague invited to a first login, a role
changed on the admins' page, a password changed from the account menu, and a new employer
network started. Pages in Dutch and English at 1280 and 390 px, none wider than the window.
"""

from __future__ import annotations

import os
import re
import time
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.factories import DATA
from tests.smtp import smtp_server

from .conftest import choose_language, cli, click_and_load, serve_site
from .conftest import sign_in as browser_sign_in

pytestmark = pytest.mark.browser

PASSWORD = "browser-Accounts-1"
NEW = "Nieuw-wachtw00rd-7"
SHOTS = Path(os.environ.get("WEAKTIES_SCREENSHOTS", "/tmp/accounts-shots"))


@pytest.fixture(scope="module")
def inbox():
    with smtp_server() as box:
        yield box


@pytest.fixture(scope="module")
def site(tmp_path_factory, inbox):
    """Acme's directory; Anna is admin and Sophie has a login; mail to the local SMTP server."""

    def setup(env, home):
        cli(env, "org", "create", "Acme BV")
        cli(env, "import", "directory", str(DATA / "directory.csv"), "--org", "Acme BV")
        cli(
            env, "user", "create", "anna.devries@acme.nl", "--role", "admin", "--password", PASSWORD
        )
        cli(env, "user", "create", "sophie.bakker@acme.nl", "--password", PASSWORD)

    yield from serve_site(tmp_path_factory, "accounts", setup=setup, inbox=inbox)


def sign_in(page, site: str, email: str, password: str = PASSWORD) -> None:
    browser_sign_in(page, site, email, password)


def mail_to(inbox, address: str, count: int):
    deadline = time.monotonic() + 30
    while len(inbox.to(address)) < count and time.monotonic() < deadline:
        time.sleep(0.1)
    mails = inbox.to(address)
    assert len(mails) >= count, [m.subject for m in inbox.messages]
    return mails[count - 1]


def link_in(mail, site: str) -> str:
    found = re.search(rf"{re.escape(site)}/password/reset/[^\s]+/", mail.body)
    assert found, mail.body
    return found.group(0)


def fits(page, name: str) -> None:
    """The page is no wider than its window; a screenshot for people to look at.

    Measured once the page has loaded: before its stylesheets have come, the width is that of
    the page without them."""
    page.wait_for_load_state("load")
    width = page.evaluate("document.documentElement.scrollWidth")
    window = page.evaluate("window.innerWidth")
    assert width <= window, (name, width, window)
    page.screenshot(path=str(SHOTS / f"{name}-{window}.png"), full_page=True)


def choose_password(page, password: str) -> None:
    page.locator("#password-set").wait_for(timeout=15000)
    page.fill("input[name=new_password1]", password)
    page.fill("input[name=new_password2]", password)
    click_and_load(page, "#password-set button[type=submit]")
    page.locator("#sign-in").wait_for(timeout=15000)


def test_forgotten_password_reset_by_email_in_english(site, inbox, browser):
    SHOTS.mkdir(parents=True, exist_ok=True)
    ctx = browser.new_context(locale="en-GB", viewport={"width": 390, "height": 844})
    page = ctx.new_page()
    # Sophie once chose English: her emails are English from then on.
    sign_in(page, site, "sophie.bakker@acme.nl")
    choose_language(page, "en")
    page.click("#nav-me summary")
    page.click("#nav-me form.logout button")
    page.goto(f"{site}/login/")
    click_and_load(page, "#forgot-password")
    assert page.locator("h1").inner_text() == "Forgot your password?"
    fits(page, "reset-en")
    page.fill("input[name=email]", "Sophie.Bakker@acme.nl")
    click_and_load(page, "#password-reset button[type=submit]")
    assert page.locator("h1").inner_text() == "Check your email"
    mail = mail_to(inbox, "sophie.bakker@acme.nl", 1)
    assert mail.subject == "Choose a new password for weakties"
    assert "Hello Sophie," in mail.body
    page.goto(link_in(mail, site))
    assert page.locator("h1").inner_text() == "Choose a password"
    fits(page, "reset-confirm-en")
    choose_password(page, NEW)
    fits(page, "reset-complete-en")
    # The old password no longer works; the new one does.
    page.goto(f"{site}/login/")
    page.fill("input[name=username]", "sophie.bakker@acme.nl")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    # The refusal is the answer to the form's POST: wait for it (count() reads the page as is).
    expect(page.locator("p.error")).to_have_count(1, timeout=15000)
    sign_in(page, site, "sophie.bakker@acme.nl", NEW)
    assert page.url.rstrip("/") == site
    # The link was used: following it again says so.
    page.goto(link_in(mail, site))
    assert "has been used or has expired" in page.locator("main").inner_text()
    ctx.close()


@pytest.mark.parametrize("width", [1280, 390])
def test_admin_invites_a_colleague_and_changes_a_role_in_dutch(site, inbox, browser, width):
    SHOTS.mkdir(parents=True, exist_ok=True)
    invitee = "tom.jansen@acme.nl" if width == 1280 else "jan.vandenberg@acme.nl"
    ctx = browser.new_context(locale="nl-NL", viewport={"width": width, "height": 900})
    admin = ctx.new_page()
    sign_in(admin, site, "anna.devries@acme.nl")
    choose_language(admin, "nl")
    admin.click("#nav-admin summary")
    click_and_load(admin, "#nav-accounts")
    assert admin.locator("h1").inner_text() == "Logins en rollen"
    row = admin.locator(f"tr[data-email='{invitee}']")
    assert "geen login" in row.inner_text()
    fits(admin, "accounts-nl")
    click_and_load(admin, row.locator("button.invite"))
    admin.locator(".flash").first.wait_for(timeout=15000)
    assert f"Uitnodiging verstuurd naar {invitee}" in admin.locator(".flash").first.inner_text()
    assert (
        "uitgenodigd, nog geen wachtwoord"
        in admin.locator(f"tr[data-email='{invitee}']").inner_text()
    )

    # The colleague's first login: the link from the email, a password of their own.
    mail = mail_to(inbox, invitee, 1)
    assert mail.subject == "Je weakties-login bij Acme BV"
    guest = browser.new_context(locale="nl-NL", viewport={"width": width, "height": 900})
    first = guest.new_page()
    first.goto(link_in(mail, site))
    assert first.locator("h1").inner_text() == "Kies een wachtwoord"
    fits(first, "first-login-nl")
    choose_password(first, NEW)
    sign_in(first, site, invitee, NEW)
    guest.close()
    admin.reload()
    assert "kan inloggen" in admin.locator(f"tr[data-email='{invitee}']").inner_text()

    # A role changed on the page.
    sophie = admin.locator("tr[data-email='sophie.bakker@acme.nl']")
    sophie.locator("select[name=role]").select_option("recruiter")
    click_and_load(admin, sophie.locator("form.role button"))
    admin.locator(".flash").first.wait_for(timeout=15000)
    assert "Sophie Bakker is nu recruiter." in admin.locator(".flash").first.inner_text()
    assert (
        admin.locator("tr[data-email='sophie.bakker@acme.nl'] select[name=role]").input_value()
        == "recruiter"
    )
    # The last admin cannot demote herself.
    me = admin.locator("tr[data-email='anna.devries@acme.nl']")
    me.locator("select[name=role]").select_option("employee")
    click_and_load(admin, me.locator("form.role button"))
    admin.locator(".flash.error").first.wait_for(timeout=15000)
    assert "laatste actieve beheerder" in admin.locator(".flash.error").inner_text()
    # Django's /admin/ is not for the app's admins.
    admin.goto(f"{site}/admin/")
    assert "/admin/login/" in admin.url
    ctx.close()


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("width", [1280, 390])
def test_pages_in_both_languages_and_change_password(site, browser, language, width):
    SHOTS.mkdir(parents=True, exist_ok=True)
    ctx = browser.new_context(viewport={"width": width, "height": 900})
    page = ctx.new_page()
    sign_in(page, site, "anna.devries@acme.nl")
    choose_language(page, language)
    page.goto(f"{site}/accounts/")
    fits(page, f"accounts-{language}")
    page.goto(f"{site}/federations/new/")
    assert page.locator("h1").inner_text() == (
        "Nieuw werkgeversnetwerk" if language == "nl" else "New employer network"
    )
    fits(page, f"federation-new-{language}")
    page.goto(f"{site}/")
    page.click("#nav-me summary")
    click_and_load(page, "#nav-password")
    assert page.locator("h1").inner_text() == (
        "Wachtwoord wijzigen" if language == "nl" else "Change password"
    )
    fits(page, f"password-change-{language}")
    if language == "en" and width == 390:
        new = "Changed-passw0rd-9"
        page.fill("input[name=old_password]", PASSWORD)
        page.fill("input[name=new_password1]", new)
        page.fill("input[name=new_password2]", new)
        click_and_load(page, "#password-change button[type=submit]")
        assert page.locator("h1").inner_text() == "Password changed"
        fits(page, "password-changed-en")
        other = browser.new_context().new_page()
        sign_in(other, site, "anna.devries@acme.nl", new)
        other.context.close()
        # and back, for the other tests of this module
        page.goto(f"{site}/password/change/")
        page.fill("input[name=old_password]", new)
        page.fill("input[name=new_password1]", PASSWORD)
        page.fill("input[name=new_password2]", PASSWORD)
        click_and_load(page, "#password-change button[type=submit]")
        assert page.locator("h1").inner_text() == "Password changed"
    ctx.close()


def test_admin_starts_a_network_from_the_web(site, browser):
    ctx = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900})
    page = ctx.new_page()
    sign_in(page, site, "anna.devries@acme.nl")
    choose_language(page, "nl")
    page.goto(f"{site}/federations/")
    click_and_load(page, "#federation-new-link")
    page.fill("input[name=name]", "Regio Utrecht")
    click_and_load(page, "#federation-new button[type=submit]")
    page.locator("#invite").wait_for(timeout=15000)
    assert page.locator("h1").inner_text() == "Regio Utrecht"
    assert "Acme BV" in page.locator("#members").inner_text()
    fits(page, "federation-started-nl")
    ctx.close()
