"""Introduction requests in a real browser against `weakties serve`, once in Dutch and once in English.

who can introduce me → ask for an introduction → the introducer accepts, edits the draft, copies
it, opens it in their mail program (the ``mailto:`` link) and marks it sent → the requester
records the outcome. The contact's email shows to the introducer only.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from urllib.parse import unquote

import pytest
from playwright.sync_api import expect

from tests.smtp import free_port

from .conftest import cli, click_and_load, own_database, running_server

pytestmark = pytest.mark.browser

PASSWORD = "browser-Intro-1"
DATA = Path(__file__).parents[1] / "data" / "org"
JAN, TOM, ANNA = "jan.vandenberg@acme.nl", "tom.jansen@acme.nl", "anna.devries@acme.nl"


@pytest.fixture(scope="module")
def intro_server(tmp_path_factory):
    """Acme BV with Jan's LinkedIn and phone contacts imported; logins for Jan, Tom and Anna."""
    home = tmp_path_factory.mktemp("intro-home")
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    env = {k: v for k, v in os.environ.items() if k != "WEAKTIES_TASK_BACKEND"}
    env.update(WEAKTIES_HOME=str(home), WEAKTIES_BASE_URL=url)
    with own_database(env, "intro"):
        cli(env, "org", "create", "Acme BV")
        cli(env, "import", "directory", str(DATA / "directory.csv"), "--org", "Acme BV")
        cli(
            env,
            "import",
            str(DATA / "jan_Connections.csv"),
            str(DATA / "jan_contacts.vcf"),
            "--owner",
            JAN,
        )
        for email in (JAN, TOM, ANNA):
            cli(env, "user", "create", email, "--password", PASSWORD)
        with running_server(env, port) as served:
            assert served == url
            yield url


def sign_in(browser, url: str, email: str, locale: str):
    """Sign in and pick the language with the header's switcher (weakties remembers it)."""
    context = browser.new_context(locale=locale, permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(f"{url}/login/")
    page.fill("input[name=username]", email)
    page.fill("input[name=password]", PASSWORD)
    click_and_load(page, "button[type=submit]")
    with page.expect_navigation():
        page.select_option(".lang select", locale[:2])
    assert page.get_attribute("html", "lang") == locale[:2]
    return page


CASES = {
    "nl": {
        "locale": "nl-NL",
        "requester": TOM,
        "company": "Bakker Logistiek",
        "contact": "Mehmet Çelik",
        "contact_email": "mehmet.celik@example.com",
        "ask": "Vraag om een introductie",
        "nav": "Introductieverzoeken",
        "accept": "Accepteren",
        "draft": "Graag stel ik je voor aan mijn collega Tom Jansen",
        "status_sent": "voorgesteld",
        "outcome": "we hebben elkaar gesproken",
    },
    "en": {
        "locale": "en-GB",
        "requester": ANNA,
        "company": "Stripe",
        "contact": "Zoë Peeters",
        "contact_email": "",  # Jan has no address for her: the mailto: has no addressee
        "ask": "Ask for an introduction",
        "nav": "Introduction requests",
        "accept": "Accept",
        "draft": "I would like to introduce you to my colleague Anna de Vries",
        "status_sent": "introduced",
        "outcome": "a deal",
    },
}


@pytest.mark.parametrize("language", ["nl", "en"])
def test_who_can_introduce_me_to_an_introduction_sent_and_its_outcome(
    intro_server, browser, language
):
    case = CASES[language]
    url = intro_server

    # 1. The requester searches and asks Jan from his result.
    asker = sign_in(browser, url, case["requester"], case["locale"])
    asker.goto(f"{url}/insights/intro/")
    asker.fill("input[name=query]", case["company"])
    asker.click("form.card button[type=submit]")
    jan = asker.locator("li.introducer", has_text=JAN)
    link = jan.locator("p.ask-intro a").first
    assert link.inner_text().startswith(case["ask"])
    click_and_load(asker, link)
    asker.locator("#request-form").wait_for()
    assert case["contact"] in asker.inner_text("#contact")
    asker.fill("textarea[name=reason]", "Onze planning / our planning")
    asker.fill("textarea[name=questions]", "Hoe plan je de piek?\nWhich tools do you use?")
    click_and_load(asker, "#send-request")
    asker.locator("#status[data-status=requested]").wait_for()
    request_url = asker.url
    assert "@example.com" not in asker.content()

    # 2. Jan finds it under his requests, sees the contact's details, and accepts.
    introducer = sign_in(browser, url, JAN, case["locale"])
    click_and_load(introducer, "#nav-intro-requests")
    click_and_load(introducer, introducer.locator("#asked-of-me a", has_text=case["contact"]))
    if case["contact_email"]:
        assert case["contact_email"] in introducer.inner_text("#contact-details")
    assert introducer.inner_text("#accept") == case["accept"]
    # The editor's script runs at the end of the page: typing before it has loaded would go
    # unheard by the mailto: link (a busy CI machine once did).
    click_and_load(introducer, "#accept")
    draft = introducer.input_value("textarea[name=draft]")
    assert case["draft"] in draft and "/privacy/" in draft
    assert introducer.inner_text("#nav-intro-requests") == case["nav"]
    # The mailto: link follows the edits; the copy button copies subject and message.
    introducer.fill("textarea[name=draft]", draft + "\n\nPS: koffie? / coffee?")
    expect(introducer.locator("#mailto")).to_have_attribute("href", re.compile("coffee%3F$"))
    mailto = unquote(introducer.get_attribute("#mailto", "href"))
    assert mailto.startswith(f"mailto:{case['contact_email']}?cc={case['requester']}")
    assert mailto.endswith("PS: koffie? / coffee?")
    copy = introducer.locator("#copy-draft")
    copy.click()
    # The copy is written in the background; the button says so once it is in the clipboard
    # (read at once, the clipboard could still hold what was there before).
    expect(copy).to_have_text(copy.get_attribute("data-done"))
    copied = introducer.evaluate("navigator.clipboard.readText()")
    assert case["draft"] in copied and copied.endswith("PS: koffie? / coffee?")
    click_and_load(introducer, "#mark-sent")
    introducer.locator("#status[data-status=introduced]").wait_for()
    assert case["status_sent"] in introducer.inner_text("#status").lower()

    # 3. The requester records what came of it; the contact's address never showed to them.
    asker.goto(request_url)
    asker.locator("#outcome-form").wait_for()
    asker.locator("#outcome-form label", has_text=case["outcome"]).click()
    click_and_load(asker, "#record-outcome")
    asker.locator("#outcome").wait_for()
    assert case["outcome"] in asker.inner_text("#outcome")
    html = asker.content()
    assert "@example.com" not in html and "12345678" not in html
    asker.context.close()
    introducer.context.close()
