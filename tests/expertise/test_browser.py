"""The expertise pages in a real browser: find a colleague, edit one's profile, build a target list.

Jan (sales) signs in, finds who knows people at Stripe, writes his skills,
pastes a target list, watches it, sees its coverage and opens one target's
ranked introducers.  Once in Dutch (the site's default) and once in English
(chosen in the header); a server of its own, built with the real commands.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.browser.conftest import cli, click_and_load, serve_site, sign_in
from tests.factories import DATA

pytestmark = pytest.mark.browser

PASSWORD = "browser-Expertise-1"
SHOTS = Path(os.environ.get("WEAKTIES_SCREENSHOTS", "/tmp/expertise-shots"))


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """``weakties serve`` with Acme: its directory, Jan's and Sophie's networks, logins."""

    def setup(env, home):
        cli(env, "org", "create", "Acme BV")
        cli(env, "import", "directory", str(DATA / "directory.csv"), "--org", "Acme BV")
        cli(env, "import", str(DATA / "jan_Connections.csv"), "--owner", "jan.vandenberg@acme.nl")
        cli(env, "import", str(DATA / "sophie_Connections.csv"), "--owner", "sophie.bakker@acme.nl")
        cli(
            env,
            "user",
            "create",
            "jan.vandenberg@acme.nl",
            "--role",
            "sales",
            "--password",
            PASSWORD,
        )

    yield from serve_site(tmp_path_factory, "expertise", setup=setup)


TEXT = {
    "nl": {
        "reason": "kent 1 persoon bij Stripe",
        "saved": "Je profiel is opgeslagen.",
        "coverage": "van 2 doelen hebben een route",
        "watched": "gevolgd",
        "ranked": "Wie je kan introduceren",
    },
    "en": {
        "reason": "knows 1 person at Stripe",
        "saved": "Your profile is saved.",
        "coverage": "of 2 targets have a path",
        "watched": "watched",
        "ranked": "Who can introduce you",
    },
}


@pytest.mark.parametrize("language", ["nl", "en"])
def test_find_profile_and_target_list(site, browser, language):  # noqa: F811 - the fixture
    text = TEXT[language]
    SHOTS.mkdir(parents=True, exist_ok=True)
    ctx = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900})
    page = ctx.new_page()
    # The signed-in page has loaded: site.js, at its end, sends the language form when the
    # choice changes (choosing before it had run went unheard).
    sign_in(page, site, "jan.vandenberg@acme.nl", PASSWORD)
    if language == "en":
        with page.expect_navigation():  # the choice is saved before the next click
            page.select_option("form.lang select", "en")

    click_and_load(page, "#nav-expertise")
    page.fill("form.finder input[name=q]", "Stripe")
    click_and_load(page, "form.finder button")
    results = page.locator("#finder-results")
    assert "Sophie Bakker" in results.inner_text()
    assert text["reason"] in results.inner_text()
    assert "Peeters" not in results.inner_text()  # the contact is never named
    page.screenshot(path=str(SHOTS / f"finder-{language}.png"), full_page=True)

    page.goto(f"{site}/expertise/profile/")
    page.fill("textarea[name=skills]", "CRM, Salesforce")
    click_and_load(page, "#profile-form button[type=submit]")
    assert text["saved"] in page.locator(".flash").inner_text()

    page.goto(f"{site}/expertise/targets/")
    page.fill("input[name=name]", f"Q1 {language}")
    page.fill("textarea[name=text]", "Stripe\nASML\n")
    page.check("input[name=watched]")
    click_and_load(page, "#new-list button[type=submit]")
    coverage = page.locator("#coverage")
    assert text["coverage"] in coverage.inner_text()
    assert text["watched"] in page.locator("p.lead").inner_text()
    page.screenshot(path=str(SHOTS / f"list-{language}.png"), full_page=True)
    click_and_load(page, "table#targets a:has-text('Stripe')")
    assert text["ranked"] in page.locator("p.lead").inner_text()
    assert "sophie.bakker@acme.nl" in page.locator("ol.introducers").inner_text()
    ctx.close()
