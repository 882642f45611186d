"""The company box of "who can introduce me to …" completes as one types, in Dutch and English (issue 11).

Type the start of a name ("Strip") or a misspelling ("Rabbobank"): the server's
suggestions arrive in the box's list; pick one and search; the results say at
which company they were found, and name the colleague who can introduce you,
with the way to ask.

The suggestions are a ``<datalist>``: the browser draws their menu outside the
page, where no test can click. Picking one puts its text in the box, which is
what the test does with the suggestion it read from the page.
"""

from __future__ import annotations

import pytest

from tests.factories import DATA

from .conftest import cli, serve_site

pytestmark = pytest.mark.browser

PASSWORD = "s3cret-Passw0rd-companies"
TOM = "tom.jansen@acme.nl"
CASES = {
    "nl": {
        "locale": "nl-NL",
        "found": "Gevonden bij het bedrijf",
        "ask": "Vraag om een introductie",
        "search": "Zoeken",
    },
    "en": {
        "locale": "en-GB",
        "found": "Found at the company",
        "ask": "Ask for an introduction",
        "search": "Search",
    },
}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """Acme BV; Jan shares his LinkedIn connections and phone contacts; Tom (employee) signs in."""

    def setup(env, home):
        cli(env, "org", "create", "Acme BV")
        cli(env, "import", "directory", str(DATA / "directory.csv"), "--org", "Acme BV")
        owner = "jan.vandenberg@acme.nl"
        cli(env, "import", str(DATA / "jan_Connections.csv"), "--owner", owner)
        cli(env, "import", str(DATA / "jan_contacts.vcf"), "--owner", owner)
        cli(env, "user", "create", TOM, "--password", PASSWORD)

    yield from serve_site(tmp_path_factory, "companysearch", setup=setup)


def _signed_in(browser, url: str, locale: str):
    """Tom, signed in, in the language picked with the header's switcher."""
    context = browser.new_context(locale=locale)
    page = context.new_page()
    page.goto(f"{url}/login/")
    page.fill("input[name=username]", TOM)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{url}/")
    with page.expect_navigation():
        page.select_option(".lang select", locale[:2])
    assert page.get_attribute("html", "lang") == locale[:2]
    return page


def _suggestions(page, typed: str, expected_start: str) -> list[str]:
    """Type ``typed`` key by key; the suggestions once one starting with ``expected_start`` came."""
    box = page.locator("#id_query")
    box.fill("")
    box.press_sequentially(typed, delay=60)
    page.wait_for_function(
        "start => [...document.querySelectorAll('#company-options option')]"
        ".some(o => o.value.startsWith(start))",
        arg=expected_start,
        timeout=15000,
    )
    return page.locator("#company-options option").evaluate_all("os => os.map(o => o.value)")


@pytest.mark.parametrize("language", ["nl", "en"])
def test_a_prefix_completes_to_the_company_and_the_results_say_which_matched(
    browser, site, language
):
    case = CASES[language]
    page = _signed_in(browser, site, case["locale"])
    page.goto(f"{site}/insights/intro/")
    box = page.locator("#id_query")
    assert box.get_attribute("list") == "company-options"
    assert page.locator("#id_target").input_value() == "company"
    options = _suggestions(page, "Strip", "Stripe")
    assert options[0].startswith("Stripe"), options
    # the box holds what was typed until a suggestion is picked: no results yet
    assert box.input_value() == "Strip"
    assert page.locator("#matched").count() == 0
    box.fill(options[0])  # what picking the suggestion does
    page.get_by_role("button", name=case["search"], exact=True).click()
    matched = page.locator("#matched")
    matched.wait_for(timeout=15000)
    assert matched.inner_text().startswith(f"{case['found']} {options[0]}")
    results = page.locator("#intro-results")
    assert "Jan van den Berg" in results.inner_text()  # the introducer by name, not a bare address
    ask = results.get_by_role("link", name=case["ask"]).first
    assert "via=jan.vandenberg%40acme.nl" in ask.get_attribute("href")
    assert "query=Stripe" in page.url  # the search can be shared and reloaded
    page.context.close()


@pytest.mark.parametrize("language", ["nl", "en"])
def test_a_misspelt_name_is_suggested_the_company_it_resembles(browser, site, language):
    case = CASES[language]
    page = _signed_in(browser, site, case["locale"])
    page.goto(f"{site}/insights/intro/")
    options = _suggestions(page, "Rabbobank", "Rabobank")
    assert "Rabobank" in options
    page.locator("#id_query").fill("Rabobank")
    page.get_by_role("button", name=case["search"], exact=True).click()
    page.locator("#matched").wait_for(timeout=15000)
    assert page.locator("#matched").inner_text() == f"{case['found']} Rabobank."
    page.context.close()
