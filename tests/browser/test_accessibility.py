"""axe-core (from npm) on the pages each role sees, in Dutch: zero WCAG 2.1 A/AA violations (issue 11).

As the administrator, the main pages; as a plain employee and as an account
manager (sales), every page their menu and dashboard lead to, and the deeper
pages they reach from there (the introduction request form, the expertise
search, their profile, target lists for sales).  Every page is also checked
at 1280 and 390 px wide: nothing makes the page wider than the window.

The pages send a Content-Security-Policy that allows no inline script; axe is
injected as one, so these browser contexts bypass the policy (it is tested on
its own in ``tests/browser/test_csp_and_xss.py``).
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
#: Pages a plain employee or an account manager reaches below their menu and dashboard.
DEEPER = (
    "/insights/intro/?target=role&query=manager&purpose=job",
    "/insights/intro/?target=company&query={company}&purpose=sales",
    "/expertise/?q=data",
    "/expertise/profile/",
    "/referrals/mine/",
    "/ambassadors/material/",
    "/privacy/",
    "/no-such-page/",
)
#: Links that lead to no page to check: downloads, sign-out, other sites' tools.
NOT_PAGES = ("logout", "export", "download", "/i18n/", "/static/", "/api/", "/admin/", "delete")
#: A page (loaded: its images, stylesheets and scripts) is ready to be checked once no htmx
#: request or swap is under way and the ego map, where there is one, has drawn its data
#: (egomap.js marks it with ``data-nodes``): what came after the load event on these pages.
#: Waiting for this instead of for the network to be idle (500 ms without a request, after
#: the load) saves about half a second a page.
READY = """() =>
  !document.querySelector('.htmx-request, .htmx-swapping, .htmx-settling, .htmx-added')
  && [...document.querySelectorAll('#ego-map')].every(m => m.dataset.nodes !== undefined)"""


@pytest.fixture(scope="module")
def demo_server(live_server_url, server_env):
    logins = json.loads(cli(server_env, "demo", "--no-serve", "--employees", "15", "--json"))
    cli(server_env, "analyze", "--org", logins["organisation"], "--json")
    return live_server_url, logins


@pytest.fixture(scope="module")
def targets_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("a11y") / "targets.txt"
    path.write_text(
        "Rabobank\nASML\nBol\nhttps://www.linkedin.com/in/nobody-here\n", encoding="utf-8"
    )
    return path


@pytest.fixture
def axe_page(browser):
    """A Dutch page that lets axe in (see the module)."""
    context = browser.new_context(locale="nl-NL", bypass_csp=True)
    yield context.new_page()
    context.close()


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


def _target_list(server_env, path: Path, email: str) -> None:
    cli(server_env, "targets", "--file", str(path), "--as", email, "--save", "Prospects")


def _check(page, url: str, paths: list[str], role: str) -> dict[str, list[str]]:
    """Violations and overflows of each page at 1280 and 390 px; screenshots in SHOTS."""
    SHOTS.mkdir(exist_ok=True)
    problems: dict[str, list[str]] = {}
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        for path in paths:
            response = page.goto(f"{url}{path}")  # until the load event
            page.wait_for_function(READY)
            found = []
            if response is not None and response.status >= 500:
                found.append(f"HTTP {response.status}")
            if width == 1280:
                found += _violations(page)
            wide = page.evaluate("document.documentElement.scrollWidth")
            if wide > width:
                found.append(f"the page is {wide} px wide at {width} px: {_widest(page, width)}")
            if found:
                problems[f"{path} @ {width}"] = found
            name = path.strip("/").replace("/", "_").replace("?", "_")[:80] or "home"
            page.screenshot(path=str(SHOTS / f"{role}-{width}-{name}.png"))
    return problems


def _report(problems: dict[str, list[str]]) -> str:
    return "\n".join(f"{p}:\n  " + "\n  ".join(v) for p, v in problems.items())


def _links(page) -> list[str]:
    """The site's own pages the current page links to, each once."""
    found = page.locator("a[href^='/']").evaluate_all(
        "as => [...new Set(as.map(a => a.getAttribute('href')))]"
    )
    return [h for h in found if not any(x in h for x in NOT_PAGES)]


def _pages_seen(page, url: str) -> list[str]:
    """The pages the signed-in user's menu and dashboard link to, the deeper ones, and the
    form asking for an introduction (reached from a search's result)."""
    page.goto(f"{url}/")
    paths = list(dict.fromkeys(["/", *_links(page)]))
    page.goto(f"{url}/insights/intro/?target=role&query=manager&purpose=job")
    asks = page.locator("a[href^='/introductions/new/']")
    company = page.locator(".intro .muted").first.inner_text().split("·")[-1].strip()
    paths += [p.format(company=company) for p in DEEPER]
    if asks.count():
        paths.append(asks.first.get_attribute("href"))
    page.goto(f"{url}/expertise/")
    targets = [h for h in _links(page) if h.startswith("/expertise/targets/")]
    if targets:  # sales: the target lists, and one of their own
        page.goto(f"{url}/expertise/targets/")
        lists = page.locator("main a[href^='/expertise/targets/']").evaluate_all(
            "as => as.map(a => a.getAttribute('href'))"
        )
        paths += ["/expertise/targets/", *[h for h in lists if h.rstrip("/")[-1].isdigit()][:1]]
    return list(dict.fromkeys(paths))


@pytest.mark.parametrize("role", ["employee", "sales"])
def test_the_pages_an_employee_and_an_account_manager_see_have_no_axe_violations(
    demo_server, axe_page, role, server_env, targets_file
):
    url, logins = demo_server
    login = next(x for x in logins["logins"] if x["role"] == role)
    if role == "sales":
        _target_list(server_env, targets_file, login["username"])
    _sign_in(axe_page, url, login)
    paths = _pages_seen(axe_page, url)
    assert "/introductions/" in paths and "/expertise/" in paths, paths
    assert any(p.startswith("/introductions/new/") for p in paths), paths
    assert ("/expertise/targets/" in paths) == (role == "sales"), paths
    if role == "sales":
        assert any(p.rstrip("/")[-1].isdigit() for p in paths if "/targets/" in p), paths
    problems = _check(axe_page, url, paths, role)
    assert not problems, _report(problems)


def test_main_pages_have_no_axe_violations_and_fit_the_window(demo_server, axe_page):
    page = axe_page
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
    paths = [t.format(me=me, federation=federation, org=org) for t in PAGES]
    problems = _check(page, url, paths, "admin")
    assert not problems, _report(problems)
