"""Referrals in a real browser against `weakties serve`, once in Dutch and once in English.

vacancy → suggested referral → the colleague forwards → the candidate applies through the
link → hired → the referrer is notified (in the app, and by email over real SMTP).
"""

from __future__ import annotations

import json
import os
import re

import pytest

from tests.smtp import free_port, smtp_server

from .conftest import cli, click_and_load, own_database, running_server

pytestmark = pytest.mark.browser

PASSWORD = "browser-Refer-1"
DIRECTORY = (
    "email,first_name,last_name,department,job_title,location,manager_email\n"
    "rita.recruiter@brouwer.nl,Rita,Recruiter,HR,Recruiter,Utrecht,\n"
    "emma.engineer@brouwer.nl,Emma,Engineer,Engineering,Software engineer,Utrecht,rita.recruiter@brouwer.nl\n"
)
EMMA_LINKEDIN = (
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    "Lars,Visser,https://www.linkedin.com/in/lars-visser,lars.visser@example.com,Bol,"
    "Python developer,03 Mar 2022\n"
    "Kees,Smit,https://www.linkedin.com/in/kees-smit,,Albert Heijn,Bedrijfsleider,05 May 2020\n"
)
TEXT = {
    "nl": {
        "locale": "nl-NL",
        "ask": "Is dit iets voor je contact?",
        "hired_option": "aangenomen",
        "hired_notice": "Je doorverwijzing voor Python developer: aangenomen",
        "applied": "Bedankt!",
        "privacy": "Hoe we met je gegevens omgaan",
        "forward": "Iets voor jou?",
    },
    "en": {
        "locale": "en-GB",
        "ask": "Is this something for your contact?",
        "hired_option": "hired",
        "hired_notice": "Your referral for Python developer: hired",
        "applied": "Thank you!",
        "privacy": "How your data are handled",
        "forward": "Something for you?",
    },
}


@pytest.fixture(scope="module")
def inbox():
    with smtp_server() as server:
        yield server


@pytest.fixture(scope="module", params=["nl", "en"])
def server(request, tmp_path_factory, inbox):
    """A server of its own per language: its own home, database and mail settings."""
    home = tmp_path_factory.mktemp(f"referrals-{request.param}")
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    env = {k: v for k, v in os.environ.items() if k != "WEAKTIES_TASK_BACKEND"}
    env.update(
        WEAKTIES_HOME=str(home),
        WEAKTIES_EMAIL_HOST="127.0.0.1",
        WEAKTIES_EMAIL_PORT=str(inbox.port),
        WEAKTIES_BASE_URL=url,
    )
    with own_database(env, "referrals"):
        directory, network = home / "directory.csv", home / "emma_Connections.csv"
        directory.write_text(DIRECTORY)
        network.write_text(EMMA_LINKEDIN)
        cli(env, "org", "create", "Brouwer Software BV")
        cli(env, "import", "directory", str(directory), "--org", "Brouwer Software BV")
        cli(env, "import", str(network), "--owner", "emma.engineer@brouwer.nl")
        cli(
            env,
            "user",
            "create",
            "rita.recruiter@brouwer.nl",
            "--password",
            PASSWORD,
            "--role",
            "recruiter",
        )
        cli(env, "user", "create", "emma.engineer@brouwer.nl", "--password", PASSWORD)
        with running_server(env, port):
            yield {"url": url, "env": env, "language": request.param}


def _sign_in(browser, url: str, email: str, language: str):
    context = browser.new_context(locale=TEXT[language]["locale"])
    page = context.new_page()
    page.goto(f"{url}/login/")
    page.fill("input[name=username]", email)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r"^(?!.*/login/).*$"))
    # Choose the language in the header: it is remembered, and the notices use it too.
    with page.expect_navigation():  # selecting submits the form, even the language shown
        page.select_option("form.lang select[name=language]", language)
    assert page.locator("html").get_attribute("lang") == language
    return page


def test_vacancy_to_hire_and_the_referrer_hears(server, browser, inbox):
    url, language, words = server["url"], server["language"], TEXT[server["language"]]
    emma = _sign_in(browser, url, "emma.engineer@brouwer.nl", language)
    rita = _sign_in(browser, url, "rita.recruiter@brouwer.nl", language)

    # 1. The recruiter enters the vacancy; the worker finds Emma's contact Lars.
    rita.click("#nav-referrals")
    rita.click("#new-vacancy")
    rita.fill("input[name=title]", "Python developer")
    rita.fill("textarea[name=description]", "Backend in Python en Django voor onze webshop")
    rita.fill("input[name=location]", "Utrecht")
    rita.click("#vacancy-form button[type=submit]")
    candidates_url = rita.url
    assert "/candidates/" in candidates_url
    # Until the worker inside `weakties serve` has looked them up, the page says so and reloads
    # itself every 3 s (data-reload-after); wait for the candidates across those reloads.
    # (Reloading it from the test as well, a goto could be cut short by the page's own reload:
    # net::ERR_ABORTED on a busy machine.)
    rita.locator("#candidates li[data-contact]").first.wait_for(timeout=60000)
    rita.wait_for_load_state("load")
    first = rita.locator("#candidates li[data-contact]").first
    assert "Lars Visser" in first.inner_text() and "Emma Engineer" in first.inner_text()
    assert "lars.visser@example.com" not in rita.content()

    # 2. She asks the colleagues who know the candidates.
    rita.click("#ask-colleagues button[type=submit]")

    # 3. Emma follows the notice to her forward page, with her personal link.
    emma.goto(f"{url}/notifications/")
    click_and_load(emma, emma.locator("a.subject", has_text=words["ask"]).first)
    assert words["forward"] in emma.content()
    link = emma.locator("#referral-link").inner_text().strip()
    assert "/referrals/apply/" in link and link in emma.locator("#forward-text").input_value()

    # 4. Lars applies through the link, without a login.
    candidate = browser.new_context(locale=TEXT[language]["locale"]).new_page()
    candidate.goto(link)
    assert words["privacy"] in candidate.locator("#privacy-statement").inner_text()
    candidate.fill("input[name=name]", "Lars Visser")
    candidate.fill("input[name=email]", "lars.visser@example.com")
    candidate.fill("input[name=linkedin_url]", "https://www.linkedin.com/in/lars-visser")
    candidate.check("input[name=privacy]")
    click_and_load(candidate, "#apply-form button[type=submit]")
    assert words["applied"] in candidate.locator("#applied").inner_text()
    candidate.context.close()

    # 5. The recruiter moves him through the pipeline to hired.
    rita.goto(candidates_url.replace("/candidates/", "/"))
    card = rita.locator("#pipeline .cardlet", has_text="Lars Visser")
    assert "lars.visser@example.com" in card.inner_text()  # recruiters see what he typed in
    card.locator("select[name=stage]").select_option("hired")
    card.locator("button[type=submit]").click()
    rita.locator("#pipeline [data-stage=hired] .cardlet", has_text="Lars Visser").wait_for()

    # 6. Emma is told, in her language, in the app and by email; she sees the stage only.
    emma.goto(f"{url}/notifications/")
    assert words["hired_notice"] in emma.content()
    emma.goto(f"{url}/referrals/mine/")
    mine = emma.locator("#my-referrals").inner_text()
    assert words["hired_option"] in mine and "lars.visser@example.com" not in mine
    done = cli(server["env"], "digest", "--json")
    assert json.loads(done)["failed"] == 0
    mails = [m for m in inbox.to("emma.engineer@brouwer.nl") if words["hired_notice"] in m.body]
    assert mails, [m.subject for m in inbox.to("emma.engineer@brouwer.nl")]
    assert "lars.visser@example.com" not in mails[-1].body
    emma.context.close()
    rita.context.close()
