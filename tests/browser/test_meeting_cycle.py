"""The whole meeting cycle in a real browser against `weakties serve`, with mail over real SMTP.

create meeting → the worker sends the call → colleagues answer through the link → brief (page and
PDF) → outcomes → the requester is emailed → the match is placed → results, members' and public.
"""

from __future__ import annotations

import datetime as dt
import re
import time
from pathlib import Path

import pytest

from tests.smtp import smtp_server

from .conftest import cli, click_and_load, serve_site, sign_in

pytestmark = pytest.mark.browser

PASSWORD = "browser-Cycle-1"
DIRECTORIES = {
    "Ministerie LNV": "email,first_name,last_name,department,job_title,location,manager_email\n"
    "ad.smets@lnv.nl,Ad,Smets,HR,Mobiliteitsadviseur,Den Haag,\n"
    "eva.kok@lnv.nl,Eva,Kok,Keuring,Vleesinspecteur,Den Bosch,ad.smets@lnv.nl\n",
    "Rijkswaterstaat": "email,first_name,last_name,department,job_title,location,manager_email\n"
    "myriam.roo@rws.nl,Myriam,de Roo,HR,Recruiter,Utrecht,\n"
    "kees.dijk@rws.nl,Kees,Dijk,Wegen,Manager weginspectie,Den Bosch,myriam.roo@rws.nl\n",
}


@pytest.fixture(scope="module")
def inbox():
    with smtp_server() as server:
        yield server


@pytest.fixture(scope="module")
def cycle_server(tmp_path_factory, inbox):
    """Its own home (and database) and mail settings: no other test server's worker sends its mail."""

    def setup(env, home):
        for name, directory in DIRECTORIES.items():
            path = home / f"{name}.csv"
            path.write_text(directory)
            cli(env, "org", "create", name)
            cli(env, "import", "directory", str(path), "--org", name)
        members = ["--member", "Ministerie LNV", "Rijkswaterstaat"]
        cli(env, "federation", "create", "SAM", *members, "--coordinator", "ad.smets@lnv.nl")
        for email in ("ad.smets@lnv.nl", "myriam.roo@rws.nl"):
            cli(
                env, "federation", "appoint", "SAM", "--employee", email, "--role", "representative"
            )
        cli(env, "user", "create", "ad.smets@lnv.nl", "--password", PASSWORD)

    yield from serve_site(tmp_path_factory, "cycle", setup=setup, inbox=inbox)


def _link(inbox, email: str) -> str:
    (mail,) = inbox.to(email)
    return re.search(r"http://127\.0\.0\.1:\d+/federations/meetings/\d+/ask/\S+/", mail.body).group(
        0
    )


def _wait(predicate, timeout: float = 30.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.1)
    raise AssertionError("timed out waiting")


def test_meeting_cycle_end_to_end(cycle_server, inbox, browser, tmp_path):
    url = cycle_server
    coordinator = browser.new_context(locale="nl-NL", accept_downloads=True)
    page = coordinator.new_page()
    sign_in(page, url, "ad.smets@lnv.nl", PASSWORD)

    # 1. The coordinator plans a meeting ten days ahead: its call (14 days before) is due at once.
    click_and_load(page, "#nav-networks")
    click_and_load(page, "#federations a")
    click_and_load(page, "#new-meeting")
    date = (dt.date.today() + dt.timedelta(days=10)).isoformat()
    page.fill("input[name=date]", date)
    page.fill("input[name=place]", "Omgevingsdienst Brabant Noord, Den Bosch")
    page.fill("textarea[name=agenda]", "Uitwisseling van kandidaten en vacatures; elevator pitches")
    click_and_load(page, "#meeting-form button[type=submit]")
    page.locator("#call-status").wait_for()
    meeting_url = page.url

    # 2. The worker inside `weakties serve` emails the call, with a calendar invite, to all four colleagues.
    _wait(lambda: len(inbox.messages) >= 4)
    assert {r for m in inbox.messages for r in m.rcpt_tos} == {
        "ad.smets@lnv.nl",
        "eva.kok@lnv.nl",
        "myriam.roo@rws.nl",
        "kees.dijk@rws.nl",
    }
    assert all(m.attachments("text/calendar") for m in inbox.messages)

    # 3. Colleagues answer through the link in their mail, without a login.
    for email, kind, title, skills, count in (
        ("eva.kok@lnv.nl", "surplus", "Vleesinspecteur", "inspectie, HACCP", "24"),
        ("kees.dijk@rws.nl", "vacancy", "Weginspecteur", "inspectie, verkeersveiligheid", "30"),
    ):
        colleague = browser.new_context(locale="nl-NL").new_page()
        colleague.goto(_link(inbox, email))
        colleague.check(f"input[name=kind][value={kind}]")
        colleague.fill("input[name=title]", title)
        colleague.fill("input[name=skills]", skills)
        colleague.fill("input[name=region]", "Noord-Brabant")
        colleague.fill("input[name=count]", count)
        colleague.click("#help-request button[type=submit]")
        colleague.locator("#my-requests", has_text=title).wait_for(timeout=15000)
        colleague.context.close()

    # 4. The brief: the surplus meat inspectors are proposed for the road-inspector vacancy.
    page.goto(meeting_url)
    click_and_load(page, "#brief-link")
    surplus = page.locator("[data-kind=surplus]", has_text="Vleesinspecteur")
    surplus.locator(".match", has_text="Weginspecteur").wait_for(timeout=15000)
    with page.expect_download() as download:
        page.click("#brief-pdf")
    pdf = Path(download.value.path()).read_bytes()
    assert pdf.startswith(b"%PDF")

    # 5. Outcome for the surplus request → Eva is emailed straight away.
    before = len(inbox.messages)
    click_and_load(page, surplus.locator(".record-outcome"))
    page.check("input[name=outcome][value=match]")
    page.fill("textarea[name=note]", "Rijkswaterstaat neemt twaalf inspecteurs over")
    page.fill("textarea[name=next_step]", "Gesprek met Kees Dijk op maandag")
    click_and_load(page, "#outcome-form button[type=submit]")
    _wait(lambda: len(inbox.to("eva.kok@lnv.nl")) == 2)
    feedback = inbox.to("eva.kok@lnv.nl")[-1]
    assert "Vleesinspecteur" in feedback.subject
    assert (
        "Rijkswaterstaat neemt twaalf inspecteurs over" in feedback.body
        and "Gesprek met Kees Dijk op maandag" in feedback.body
    )
    assert len(inbox.messages) == before + 1

    # 6. The match is placed: twelve people.
    match = page.locator("[data-kind=surplus] .match", has_text="Weginspecteur")
    match.locator("select[name=stage]").select_option("placed")
    match.locator("input[name=placed]").fill("12")
    click_and_load(page, match.locator("button[type=submit]"))
    page.locator("[data-kind=surplus] .match select[name=stage]").first.wait_for()
    assert (
        page.locator("[data-kind=surplus] .match select[name=stage]").first.input_value()
        == "placed"
    )

    # 7. Results: members' page with charts, and the public page without a login or personal data.
    page.goto(meeting_url)
    click_and_load(page, "header nav #nav-networks")
    click_and_load(page, "#federations a")
    click_and_load(page, "#results-link")
    assert page.locator("[data-key=placements]").inner_text() == "12"
    assert page.locator("[data-key=redundancies_prevented]").inner_text() == "12"
    page.locator("#figures[data-charts=ready]").wait_for()
    page.screenshot(path=str(tmp_path / "results.png"))
    # The coordinator publishes the page (issue 12); it gets an address nobody can guess.
    page.goto(page.url.replace("/results/", "/"))
    click_and_load(page, "#public-switch button[type=submit]")
    public_url = page.locator("#public-address").input_value()
    assert "/public/" in public_url
    visitor = browser.new_context(locale="nl-NL").new_page()
    visitor.goto(public_url)
    assert visitor.locator("[data-key=placements]").inner_text() == "12"
    html = visitor.content()
    assert "Eva" not in html and "eva.kok" not in html and "Vleesinspecteur" not in html
    visitor.context.close()
    coordinator.close()
