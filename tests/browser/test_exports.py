"""A person downloads the pages' tables and networks in a real browser, in Dutch and English."""

from __future__ import annotations

import csv
import io
import json

import pytest
from openpyxl import load_workbook

from .conftest import cli, click_and_load

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
    click_and_load(page, "button[type=submit]")


def _download(page, selector: str) -> tuple[str, bytes]:
    with page.expect_download() as info:
        page.click(selector)
    d = info.value
    return d.suggested_filename, open(d.path(), "rb").read()


@pytest.mark.parametrize("locale", ["nl-NL", "en-GB"])
def test_a_person_downloads_tables_and_networks(browser, demo_server, locale):
    import networkx as nx

    url, logins = demo_server
    someone = next(x for x in logins["logins"] if x["role"] != "admin")
    admin = next(x for x in logins["logins"] if x["role"] == "admin")
    lang = locale[:2]
    context = browser.new_context(locale=locale, accept_downloads=True)
    page = context.new_page()
    _sign_in(page, url, someone)
    page.goto(f"{url}/employees/")
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=f"/tmp/exports-colleagues-{lang}-{width}.png", full_page=True)
    name, data = _download(page, "p.downloads a:text('Excel')")
    assert name.endswith(".xlsx") and name.startswith(
        "collegas-" if lang == "nl" else "colleagues-"
    )
    sheet = load_workbook(io.BytesIO(data)).active
    assert sheet["A1"].value == ("Naam" if lang == "nl" else "Name")
    shown = page.locator("table.list tbody tr").count()
    assert sheet.max_row - 1 >= shown > 1
    # One's own network: the table (with one's contacts' details) and the Gephi file.
    page.click("#nav-me summary")
    click_and_load(page, "#nav-network")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.locator("p.downloads").last.scroll_into_view_if_needed()
    page.screenshot(path=f"/tmp/exports-network-{lang}-1280.png")
    name, data = _download(page, "p.downloads a:text('CSV')")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert ("E-mail" if lang == "nl" else "Email") in rows[0]
    name, data = _download(page, "p.downloads a:text('GEXF')")
    g = nx.read_gexf(io.BytesIO(data))
    assert g.number_of_nodes() == len(rows) and g.degree("ego") == len(rows) - 1
    context.close()
    # An administrator: the internal network for Gephi from the insights page.
    context = browser.new_context(locale=locale, accept_downloads=True)
    page = context.new_page()
    _sign_in(page, url, admin)
    page.goto(f"{url}/insights/")
    name, data = _download(page, "#brokers p.downloads a:text('GraphML')")
    g = nx.read_graphml(io.BytesIO(data))
    assert g.number_of_nodes() == 15 and g.number_of_edges() > 0
    name, data = _download(page, "#brokers p.downloads a:text('CSV')")
    assert len(data.decode("utf-8-sig").splitlines()) == 16
    context.close()
