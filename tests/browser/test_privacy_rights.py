"""The privacy rights in a real browser against ``weakties serve`` with a real SMTP server.

An external person files an objection (the real CSRF cookie and token), reads the
link in the mail that went over the wire, confirms it; the admin sees it and
erases; the person gets the answer.  An employee downloads their own data.  Dutch and
English.
"""

from __future__ import annotations

import json
import re
import shutil

import pytest

from tests.factories import DATA
from tests.smtp import smtp_server

from .conftest import cli, click_and_load, serve_site, sign_in

pytestmark = pytest.mark.browser

PASSWORD = "s3cret-Passw0rd-privacy"


@pytest.fixture(scope="module")
def inbox():
    with smtp_server() as box:
        yield box


@pytest.fixture(scope="module")
def site(tmp_path_factory, inbox):
    def setup(env, home):
        for name in ("directory.csv", "jan_Connections.csv", "jan_contacts.vcf"):
            shutil.copy(DATA / name, home / name)
        cli(env, "org", "create", "Acme BV")
        cli(env, "import", "directory", str(home / "directory.csv"), "--org", "Acme BV")
        cli(env, "import", str(home / "jan_Connections.csv"), "--owner", "jan.vandenberg@acme.nl")
        cli(env, "import", str(home / "jan_contacts.vcf"), "--owner", "jan.vandenberg@acme.nl")
        cli(
            env, "user", "create", "anna.devries@acme.nl", "--role", "admin", "--password", PASSWORD
        )
        cli(env, "user", "create", "jan.vandenberg@acme.nl", "--password", PASSWORD)

    for url in serve_site(tmp_path_factory, "privacyrights", setup=setup, inbox=inbox):
        yield url, tmp_path_factory


def _mail_to(inbox, address: str, count: int):
    inbox.wait_for(count)
    return [m for m in inbox.messages if address in m.rcpt_tos][-1]


@pytest.mark.parametrize("locale", ["nl-NL", "en-GB"])
def test_an_objection_from_the_form_to_the_erasure(browser, site, inbox, locale):
    url, _ = site
    lang = locale[:2]
    before = len(inbox.messages)
    ctx = browser.new_context(locale=locale)
    page = ctx.new_page()
    page.goto(f"{url}/privacy/object/")
    page.fill(
        "input[name=email]", "Mehmet.Celik@Example.com" if lang == "nl" else "eva.smit@example.org"
    )
    page.fill("textarea[name=reason]", "Ik heb nooit toestemming gegeven.")
    page.click("#object-form button[type=submit]")
    page.locator("#received").wait_for()
    address = "mehmet.celik@example.com" if lang == "nl" else "eva.smit@example.org"
    mail = _mail_to(inbox, address, before + 1)
    link = re.search(r"https?://\S+/privacy/object/confirm/\S+/", mail.body).group(0)
    page.goto(link)
    page.click("#confirm-button")
    page.locator("#confirmed").wait_for()
    ctx.close()

    ctx = browser.new_context(locale=locale)
    admin = ctx.new_page()
    sign_in(admin, url, "anna.devries@acme.nl", PASSWORD)
    admin.goto(f"{url}/privacy/requests/")
    row = admin.locator("#pending tbody tr", has_text=address)
    click_and_load(admin, row.locator("button[value=confirm]"))
    assert address not in admin.locator("#pending").inner_text()
    answer = _mail_to(inbox, address, before + 2)
    assert ("uitgevoerd" if lang == "nl" else "carried out") in answer.subject
    # the admin looks the person up again: nothing is held any more
    admin.goto(f"{url}/privacy/requests/")
    admin.fill("#find-person input[name=q]", address)
    admin.click("#find-person button")
    admin.locator("#not-found").wait_for()
    ctx.close()


def test_an_employee_downloads_their_own_data(browser, site):
    url, _ = site
    ctx = browser.new_context(locale="nl-NL", accept_downloads=True)
    page = ctx.new_page()
    sign_in(page, url, "jan.vandenberg@acme.nl", PASSWORD)
    page.goto(f"{url}/privacy/my-data/")
    with page.expect_download() as info:
        page.click("#download-json")
    data = json.loads(open(info.value.path(), encoding="utf-8").read())
    assert data["employee"][0]["email"] == "jan.vandenberg@acme.nl"
    assert "sophie.bakker@acme.nl" not in json.dumps(data)
    assert page.goto(f"{url}/privacy/requests/").status == 403
    ctx.close()
