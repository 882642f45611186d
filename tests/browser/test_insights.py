"""An administrator reads the insights dashboard, and an employee their map, in a real browser."""

from __future__ import annotations

import json

import pytest

from .conftest import cli

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def demo_server(live_server_url, server_env):
    logins = json.loads(cli(server_env, "demo", "--no-serve", "--employees", "15", "--json"))
    cli(server_env, "analyze", "--org", logins["organisation"], "--json")
    return live_server_url, logins


def _sign_in(page, url, login):
    page.goto(f"{url}/login/")
    page.fill("input[name=username]", login["username"])
    page.fill("input[name=password]", login["password"])
    page.click("button[type=submit]")


def test_dashboard_draws_its_charts(demo_server, page, tmp_path):
    url, logins = demo_server
    admin = next(x for x in logins["logins"] if x["role"] == "admin")
    _sign_in(page, url, admin)
    page.goto(f"{url}/insights/")
    # charts.js marks each canvas once Chart.js has drawn it
    page.locator("canvas.chart[data-source=cov-sector][data-points]").wait_for(timeout=15000)
    assert int(page.locator("canvas[data-source=growth]").get_attribute("data-points")) > 0
    assert page.locator("#key-person-risk tbody tr").count() > 0
    assert page.locator("#brokers tbody tr").count() > 0
    page.screenshot(path=str(tmp_path / "insights.png"), full_page=True)


def test_employee_sees_the_map_of_their_network_and_searches(demo_server, page):
    url, logins = demo_server
    someone = next(x for x in logins["logins"] if x["role"] != "admin")
    _sign_in(page, url, someone)
    page.click("nav >> text=Mijn netwerk")
    page.locator("#ego-map[data-nodes]").wait_for(timeout=15000)
    assert int(page.locator("#ego-map").get_attribute("data-nodes")) > 1
    assert page.locator("#typology").is_visible()

    page.click("nav >> text=Introducties")
    page.select_option("select[name=target]", "role")
    page.fill("input[name=query]", "manager")
    page.select_option("select[name=purpose]", "job")
    page.click("form.card button[type=submit]")
    page.locator("#intro-results li.intro").first.wait_for(timeout=15000)
    assert page.locator("#intro-results p.why").first.inner_text()
