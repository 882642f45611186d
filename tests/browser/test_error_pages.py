"""403 and 404 in a real browser, in Dutch and English (issue 11).

A refused or missing page keeps the site's layout and menu, says what happened
(and why, where there is a reason) in the reader's language, offers a way back
that works, and fits a phone's width. A 403 is logged as one line, never as a
traceback.
"""

from __future__ import annotations

import pytest

from tests.factories import DATA

from .conftest import cli, serve_site

pytestmark = pytest.mark.browser

PASSWORD = "s3cret-Passw0rd-errors"
TOM = "tom.jansen@acme.nl"
CASES = {
    "nl": {
        "locale": "nl-NL",
        "refused": "Je mag deze pagina niet openen",
        "refused_title": "Geen toegang",
        "why": "Doellijsten zijn voor verkopers, recruiters en beheerders.",
        "missing": "Deze pagina bestaat niet",
        "missing_title": "Pagina niet gevonden",
        "home": "Naar het dashboard",
        "back": "Terug naar de vorige pagina",
        "sign_in": "Inloggen",
    },
    "en": {
        "locale": "en-GB",
        "refused": "You may not open this page",
        "refused_title": "No access",
        "why": "Target lists are for sales people, recruiters and admins.",
        "missing": "This page does not exist",
        "missing_title": "Page not found",
        "home": "Go to the dashboard",
        "back": "Back to the previous page",
        "sign_in": "Sign in",
    },
}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """Acme BV with Tom, a plain employee, who may not use target lists; and the server's log."""
    homes = []

    def setup(env, home):
        homes.append(home)
        cli(env, "org", "create", "Acme BV")
        cli(env, "import", "directory", str(DATA / "directory.csv"), "--org", "Acme BV")
        cli(env, "user", "create", TOM, "--password", PASSWORD)

    for url in serve_site(tmp_path_factory, "errorpages", setup=setup):
        yield url, homes[0] / "server.log"


def _signed_in(browser, url: str, locale: str):
    context = browser.new_context(locale=locale)
    page = context.new_page()
    page.goto(f"{url}/login/")
    page.fill("input[name=username]", TOM)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{url}/")
    with page.expect_navigation():
        page.select_option(".lang select", locale[:2])  # remembered for Tom
    return page


def _in_the_layout(page, language: str) -> None:
    assert page.get_attribute("html", "lang") == language
    assert page.locator("header nav").first.is_visible()  # the site's menu
    assert page.locator("main .error-page").is_visible()


@pytest.mark.parametrize("language", ["nl", "en"])
def test_a_refused_page_says_why_in_the_layout_and_leads_back(browser, site, language):
    url, log = site
    case = CASES[language]
    page = _signed_in(browser, url, case["locale"])
    page.goto(f"{url}/expertise/")
    response = page.goto(f"{url}/expertise/targets/")
    assert response.status == 403
    _in_the_layout(page, language)
    assert page.title().startswith(case["refused_title"])
    assert page.locator("h1").inner_text() == case["refused"]
    assert page.locator("#error-reason").inner_text() == case["why"]
    assert page.locator("#back-home").inner_text() == case["home"]
    page.get_by_role("link", name=case["back"]).click()
    page.wait_for_url(f"{url}/expertise/")
    page.go_forward()
    page.wait_for_url(f"{url}/expertise/targets/")
    page.get_by_role("link", name=case["home"]).click()
    page.wait_for_url(f"{url}/")
    page.set_viewport_size({"width": 390, "height": 800})
    page.goto(f"{url}/expertise/targets/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.context.close()
    text = log.read_text(encoding="utf-8", errors="replace")
    assert "/expertise/targets/" in text  # the refusal is logged …
    assert "Traceback" not in text and "PermissionDenied" not in text  # … as one line


@pytest.mark.parametrize("language", ["nl", "en"])
def test_a_missing_page_or_object_is_a_404_in_the_layout_with_a_way_back(browser, site, language):
    url, _log = site
    case = CASES[language]
    page = _signed_in(browser, url, case["locale"])
    for path in ("/no-such-page/", "/employees/999999/", "/expertise/targets/999999/"):
        page.goto(f"{url}/introductions/")
        response = page.goto(f"{url}{path}")
        assert response.status == 404, path
        _in_the_layout(page, language)
        assert page.title().startswith(case["missing_title"])
        assert page.locator("h1").inner_text() == case["missing"]
        page.get_by_role("link", name=case["back"]).click()
        page.wait_for_url(f"{url}/introductions/")
    page.goto(f"{url}/no-such-page/")
    page.get_by_role("link", name=case["home"]).click()
    page.wait_for_url(f"{url}/")
    page.set_viewport_size({"width": 390, "height": 800})
    page.goto(f"{url}/no-such-page/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.context.close()


@pytest.mark.parametrize("language", ["nl", "en"])
def test_a_visitor_who_is_not_signed_in_is_offered_to_sign_in(browser, site, language):
    url, _log = site
    case = CASES[language]
    context = browser.new_context(locale=case["locale"])
    page = context.new_page()
    response = page.goto(f"{url}/no-such-page/")
    assert response.status == 404
    assert page.get_attribute("html", "lang") == language
    assert page.locator("h1").inner_text() == case["missing"]
    page.get_by_role("link", name=case["sign_in"], exact=True).first.click()
    page.wait_for_url(f"{url}/login/**")
    context.close()
