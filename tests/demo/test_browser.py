"""The demo in a real browser (Chromium), as a new user meets it (issue 11).

`weakties demo --port P` runs in its own process and home.  The admin, who
coordinates the demo's employer network, edits the coming meeting in Dutch
(the date input shows an ISO date and saving works), reads the call in the
outbox, and every page of this part is looked at in Dutch and English at
1280 and 390 px: the content fits the window.  Screenshots go to
``$WEAKTIES_SCREENSHOTS`` (else the test's temporary directory).
"""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.browser.conftest import (
    AT_SUITE_PRIORITY,
    click_and_load,
    stop_server,
    wait_until_serving,
)
from tests.smtp import free_port

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def demo_server(tmp_path_factory):
    """`weakties demo` serving on a free port; its admin's login."""
    home = tmp_path_factory.mktemp("demo-browser")
    env = {k: v for k, v in os.environ.items() if k != "WEAKTIES_TASK_BACKEND"}
    env["WEAKTIES_HOME"] = str(home)
    for name in ("WEAKTIES_DEMO", "WEAKTIES_BASE_URL", "WEAKTIES_PORT"):
        env.pop(name, None)
    database = None
    if os.environ.get("DATABASE_URL"):
        import uuid

        import psycopg

        database = f"weakties_demo_browser_{uuid.uuid4().hex[:8]}"
        base = os.environ["DATABASE_URL"].rsplit("/", 1)[0]
        with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{database}"')
        env["DATABASE_URL"] = f"{base}/{database}"
    port = free_port()
    log_path = home / "demo.log"
    log = open(log_path, "w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "weakties.cli", "demo", "--employees", "15", "--port", str(port)],
        env=env | AT_SUITE_PRIORITY,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    wait_until_serving(url, proc, log_path, timeout=240)
    admin = re.search(r"(\S+@demo\.nl)\s+/\s+(\S+)\s+\((?:beheerder|admin),", log_path.read_text())
    assert admin, log_path.read_text()
    yield url, admin.group(1), admin.group(2)
    stop_server(proc, log, timeout=20)
    if database:
        import psycopg

        with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')


def _page(browser, url, username, password, *, language: str, width: int):
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="nl-NL")
    page = context.new_page()
    page.goto(f"{url}/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    click_and_load(page, "button[type=submit]")
    if page.eval_on_selector("form.lang select", "e => e.value") != language:
        with page.expect_navigation():
            page.select_option("form.lang select", language)
    return page


def _coming_meeting(page, url) -> str:
    """The coming meeting's page, found as a user finds it: the menu, the network, its meetings."""
    page.goto(f"{url}/")
    click_and_load(page, "#nav-networks")
    click_and_load(page, "#federations a")
    coming = page.locator("#meetings a").first.get_attribute("href")  # newest first
    page.goto(f"{url}{coming}")
    return page.url


def test_the_admin_edits_the_coming_meeting_in_dutch(demo_server, browser):
    url, username, password = demo_server
    page = _page(browser, url, username, password, language="nl", width=1280)
    meeting_url = _coming_meeting(page, url)
    assert page.get_attribute("#call-status", "data-state") == "sent"
    page.click("#edit-meeting")
    date_input = page.locator("input[name=date]")
    shown = date_input.input_value()
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", shown), shown  # not 17-12-2026
    assert page.locator("input[name=start_time]").input_value() == "14:00"
    moved = (dt.date.fromisoformat(shown) + dt.timedelta(days=7)).isoformat()
    date_input.fill(moved)
    page.fill("input[name=place]", "Den Bosch")
    with page.expect_navigation():
        page.click("#meeting-form button[type=submit]")
    assert page.url == meeting_url
    assert "De bijeenkomst is gewijzigd" in page.inner_text("main")
    assert "Den Bosch" in page.inner_text("p.lead")
    page.click("#edit-meeting")
    assert page.locator("input[name=date]").input_value() == moved
    page.context.close()


def test_the_admin_reads_the_call_in_the_outbox(demo_server, browser):
    url, username, password = demo_server
    page = _page(browser, url, username, password, language="en", width=1280)
    page.click("#nav-admin summary")  # the administration menu
    # The outbox has loaded to its end before its rows are counted: count() does not wait,
    # and the first row's being there says nothing of the sixteenth.
    click_and_load(page, "#nav-outbox")
    assert page.locator("#outbox tbody tr").count() > 15
    click_and_load(
        page, page.locator("#outbox a", has_text="Werkgeversnetwerk Midden-Nederland").first
    )
    assert "invite.ics" in page.inner_text("#attachments")
    link = page.locator("#body a").first
    assert link.get_attribute("href").startswith(f"{url}/federations/meetings/")
    link.click()  # the colleague's personal link: the help-request form, without a login
    page.locator("#help-request").wait_for()
    page.context.close()


PAGES = {
    "dashboard": lambda page, url: page.goto(f"{url}/"),
    "outbox": lambda page, url: page.goto(f"{url}/outbox/"),
    "outbox-email": lambda page, url: (
        page.goto(f"{url}/outbox/"),
        click_and_load(page, page.locator("#outbox tbody a").first),
    ),
    "meeting": lambda page, url: _coming_meeting(page, url),
    "past-meeting": lambda page, url: (
        page.goto(f"{url}/"),
        click_and_load(page, "#nav-networks"),
        # loaded to its end: .last is then the oldest meeting, not the last one parsed so far
        click_and_load(page, "#federations a"),
        click_and_load(page, page.locator("#meetings a").last),
    ),
}
ENGLISH = ("Who can introduce me", "Invitations", "Emails of this meeting", "Outbox", "Sent at")


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("width", [1280, 390])
def test_the_pages_fit_the_window_in_both_languages(
    demo_server, browser, language, width, tmp_path
):
    url, username, password = demo_server
    out = Path(os.environ.get("WEAKTIES_SCREENSHOTS") or tmp_path)
    out.mkdir(parents=True, exist_ok=True)
    page = _page(browser, url, username, password, language=language, width=width)
    for name, go in PAGES.items():
        go(page, url)
        page.wait_for_load_state()
        assert page.locator("html").get_attribute("lang") == language
        # The page fits the window: a wide table scrolls inside its card, the page does not.
        wide = page.evaluate("document.documentElement.scrollWidth")
        assert wide <= width, f"{name}: the page is {wide} px wide at {width} px"
        text = page.inner_text("main")
        if language == "nl":
            leftovers = [w for w in ENGLISH if w in text]
            assert not leftovers, f"{name}: English on the Dutch page: {leftovers}"
        page.screenshot(path=str(out / f"{name}-{language}-{width}.png"), full_page=True)
    page.context.close()
