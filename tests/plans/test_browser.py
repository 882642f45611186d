"""The plan in a real browser (Chromium), once in Dutch and once in English.

Set a goal, see who can help, tick a step off (htmx: the progress moves
without a reload), keep an own version of the connection request, copy it,
and follow "ask for an introduction" into the introductions app.
"""

from __future__ import annotations

import json
import time

import pytest

from tests.browser.conftest import cli, click_and_load

pytestmark = pytest.mark.browser

TEXT = {
    "nl": {
        "one": "1 van 8 stappen gedaan",
        "two": "2 van 8 stappen gedaan",
        "saved": "Bewaard.",
        "copied": "Gekopieerd",
    },
    "en": {
        "one": "1 of 8 steps done",
        "two": "2 of 8 steps done",
        "saved": "Saved.",
        "copied": "Copied",
    },
}


@pytest.fixture(scope="module")
def demo(live_server_url, server_env):
    logins = json.loads(cli(server_env, "demo", "--no-serve", "--employees", "15", "--json"))
    cli(server_env, "analyze", "--org", logins["organisation"], "--json")
    return live_server_url, {x["role"]: x for x in logins["logins"]}


def _sign_in(page, url, login):
    page.goto(f"{url}/login/")
    page.fill("input[name=username]", login["username"])
    page.fill("input[name=password]", login["password"])
    page.click("button[type=submit]")
    page.wait_for_load_state()


def _language(page, code: str) -> None:
    if page.eval_on_selector("form.lang select", "e => e.value") != code:
        with page.expect_navigation():
            page.select_option("form.lang select", code)


@pytest.mark.parametrize(
    ("language", "role", "goal"), [("nl", "sales", "customers"), ("en", "admin", "new_job")]
)
def test_set_a_goal_tick_a_step_write_the_message_and_ask(
    demo, server_env, page, language, role, goal
):
    url, logins = demo
    login = logins[role]
    _sign_in(page, url, login)
    page.goto(f"{url}/plan/")
    _language(page, language)
    text = TEXT[language]
    # Step 1: the goal.
    page.check(f"input[name=goal][value={goal}]")
    page.fill("textarea[name=targets]", "zorg, it")
    click_and_load(page, "#set-goal")  # htmx binds the tickboxes once the page has loaded
    page.locator("#stage-4").wait_for()
    assert text["one"] in page.inner_text("#progress")
    # Step 2 ticked off with htmx: the progress moves, the page does not reload.
    page.evaluate("window.__same_page = true")
    page.click("#step-helpers button.tickbox")
    page.locator("#progress", has_text=text["two"]).wait_for()
    assert page.evaluate("window.__same_page === true")
    assert page.get_attribute("#step-helpers button.tickbox", "aria-pressed") == "true"
    # The connection request: my own version, kept; the copy button answers.
    page.fill("#connection-message", "Hello, glad to connect! — " + login["name"])
    page.click("#save-message")
    page.locator("#message-saved", has_text=text["saved"]).wait_for()
    page.click("#copy-message")
    page.locator("#copy-message", has_text=text["copied"]).wait_for()
    page.reload()
    assert page.input_value("#connection-message").startswith("Hello, glad to connect!")
    assert text["two"] in page.inner_text("#progress")
    # The CLI sees the same plan.
    shown = json.loads(cli(server_env, "plan", "show", "--as", login["username"], "--json"))
    assert shown["goal"] == goal and shown["progress"]["done"] == 2
    # Ask a colleague for an introduction: the introductions app's form, for that contact.
    # The target sectors' companies are counted by the server's background worker after the
    # goal is set; on a busy machine that may finish after the reload above: look again.
    deadline = time.monotonic() + 90
    while page.locator("#intro-helpers li.helper").count() == 0 and time.monotonic() < deadline:
        time.sleep(1)
        page.reload()
    ask = page.locator("#intro-helpers a.button").first
    name = page.locator("#intro-helpers li.helper strong").first.inner_text()
    click_and_load(page, ask)
    page.locator("#request-form").wait_for()
    assert "/introductions/new/" in page.url
    assert name in page.inner_text("#contact")
