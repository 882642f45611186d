"""axe-core (from npm) on the main pages, in Dutch, as an administrator: zero WCAG 2.1 A/AA violations (issue 11).

Every page is also checked at 1280 and 390 px wide: nothing makes the page wider than the window.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .conftest import cli

pytestmark = pytest.mark.browser

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
SHOTS = Path("/tmp/weakties-a11y")
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
PAGES = (
    "/",
    "/employees/",
    "/employees/{me}/",
    "/insights/",
    "/insights/intro/?target=role&query=manager&purpose=job",
    "/federations/",
    "/federations/{federation}/",
    "/federations/{federation}/results/",
    "/federations/organisations/{org}/results/",
    "/introductions/",
    "/referrals/",
    "/expertise/",
    "/plan/",
    "/notifications/",
    "/ambassadors/",
    "/import/",
    "/no-such-page/",
)


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
    page.wait_for_url(f"{url}/")


def _violations(page) -> list[str]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        TAGS,
    )
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {', '.join(n['target'][0] for n in v['nodes'][:4])}"
        for v in result["violations"]
    ]


def _widest(page, width: int) -> str:
    """The innermost elements that reach past the window's right edge."""
    return page.evaluate(
        """w => [...document.querySelectorAll('body *')]
          .filter(e => { const r = e.getBoundingClientRect().left + Math.max(e.getBoundingClientRect().width, getComputedStyle(e).overflowX === 'visible' ? e.scrollWidth : 0); e._r = r; return r > w + 1; })
          .filter(e => ![...e.children].some(c => c._r > w + 1))
          .slice(0, 4).map(e => { const d = x => x.tagName.toLowerCase() + (x.id ? '#' + x.id : '') + (x.className && typeof x.className === 'string' ? '.' + x.className.trim().split(/\\s+/).join('.') : ''); return (e.parentElement ? d(e.parentElement) + ' > ' : '') + d(e) + ' (' + Math.round(e._r) + ' px)'; }).join(', ')""",
        width,
    )


def test_main_pages_have_no_axe_violations_and_fit_the_window(demo_server, page, tmp_path):
    assert AXE.is_file(), "npm ci installs axe-core (package.json devDependencies)"
    url, logins = demo_server
    # The check itself sees a violation: an input without a label.
    page.goto(f"{url}/login/")
    page.evaluate("document.querySelector('main').append(document.createElement('input'))")
    assert any(v.startswith("label ") for v in _violations(page))
    admin = next(x for x in logins["logins"] if x["role"] == "admin")
    _sign_in(page, url, admin)
    page.goto(f"{url}/")
    me = page.locator("#nav-network").get_attribute("href").strip("/").split("/")[-1]
    page.goto(f"{url}/federations/")
    federation = page.locator("main a[href^='/federations/']").evaluate_all(
        "as => as.map(a => a.getAttribute('href')).find(h => /^\\/federations\\/\\d+\\/$/.test(h))"
    )
    assert federation, "the demo has an employer network"
    federation = federation.strip("/").split("/")[-1]
    page.goto(f"{url}/federations/{federation}/")
    org = page.locator("main a[href^='/federations/organisations/']").first.get_attribute("href")
    org = org.strip("/").split("/")[-2]
    SHOTS.mkdir(exist_ok=True)
    problems: dict[str, list[str]] = {}
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        for template in PAGES:
            path = template.format(me=me, federation=federation, org=org)
            page.goto(f"{url}{path}")
            page.wait_for_load_state("networkidle")
            found = []
            if width == 1280:
                found = _violations(page)
            wide = page.evaluate("document.documentElement.scrollWidth")
            if wide > width:
                found.append(f"the page is {wide} px wide at {width} px: {_widest(page, width)}")
            if found:
                problems[f"{path} @ {width}"] = found
            page.screenshot(
                path=str(SHOTS / f"{width}-{path.strip('/').replace('/', '_') or 'home'}.png")
            )
    assert not problems, "\n".join(f"{p}:\n  " + "\n  ".join(v) for p, v in problems.items())
