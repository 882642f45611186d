"""A person imports their LinkedIn export in a real browser."""

from __future__ import annotations

import pytest

from tests.factories import DATA

from .conftest import cli, click_and_load

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def acme_server(live_server_url, server_env):
    cli(server_env, "org", "create", "Acme BV")
    cli(server_env, "import", "directory", str(DATA / "directory.csv"), "--org", "Acme BV")
    return live_server_url


def test_employee_consents_uploads_and_sees_the_result(acme_server, server_env, page, tmp_path):
    live_server_url = acme_server
    cli(server_env, "user", "create", "jan.vandenberg@acme.nl", "--password", "browser-Test-1")

    page.goto(f"{live_server_url}/")
    page.fill("input[name=username]", "jan.vandenberg@acme.nl")
    page.fill("input[name=password]", "browser-Test-1")
    click_and_load(page, "button[type=submit]")
    page.click("#nav-me summary")  # the person's own pages fold under their name
    click_and_load(page, "#nav-import")
    page.locator("text=LinkedIn-export").first.wait_for(timeout=15000)

    # Without consent nothing happens.
    page.set_input_files("input[name=file]", str(DATA / "jan_Connections.csv"))
    click_and_load(page, "#upload button[type=submit]")
    page.locator(".error").first.wait_for(timeout=15000)

    page.set_input_files("input[name=file]", str(DATA / "jan_Connections.csv"))
    page.check("input[name=consent]")
    page.click("#upload button[type=submit]")
    status = page.locator("#import-status[data-status=done]")
    status.wait_for(timeout=30000)
    assert page.locator("[data-key=contacts]").inner_text() == "4"
    assert page.locator("[data-key=skipped]").inner_text() == "1"
    assert page.locator("[data-key=ties_created]").inner_text() == "4"
    page.screenshot(path=str(tmp_path / "import-done.png"))

    page.click("text=Bekijk mijn netwerk")
    page.locator("#network").get_by_text("Rabobank").wait_for(
        timeout=15000
    )  # waits for the page to load


def test_broken_upload_shows_the_line(acme_server, server_env, page):
    live_server_url = acme_server
    cli(server_env, "user", "create", "tom.jansen@acme.nl", "--password", "browser-Test-2")
    page.goto(f"{live_server_url}/login/")
    page.fill("input[name=username]", "tom.jansen@acme.nl")
    page.fill("input[name=password]", "browser-Test-2")
    page.click("button[type=submit]")
    page.goto(f"{live_server_url}/import/")
    page.set_input_files("input[name=file]", str(DATA / "unquoted_comma_Connections.csv"))
    page.check("input[name=consent]")
    page.click("#upload button[type=submit]")
    page.locator("#import-status[data-status=failed]").wait_for(timeout=30000)
    row = page.locator("table.errors tr", has_text="8 velden")
    assert row.locator("td").first.inner_text() == "3"
