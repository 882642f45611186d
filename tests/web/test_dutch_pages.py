"""Every page in Dutch, as admin and as employee: no English UI word in the visible text (issue 11).

The pages are found as a reader finds them: every named route that takes no
arguments, then every link on the pages reached (a few per route), on a small
analysed demo organisation with its employer network.  The visible text is
what a reader sees: tags, scripts, styles and attribute values are left out.
"""

from __future__ import annotations

import json
import re
from collections import Counter, deque
from html.parser import HTMLParser
from urllib.parse import urldefrag, urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse
from django.urls.exceptions import NoReverseMatch, Resolver404

from weakties.accounts.models import Employee, Role
from weakties.demo.analysis import analyse_demo
from weakties.demo.organisation import DEMO_PASSWORD, build_demo

pytestmark = pytest.mark.django_db

#: English UI words whose Dutch differs (whole words, case as written); not "Download",
#: "Upload" or "Dashboard", which Dutch uses too.
ENGLISH = (
    "weak", "strong", "dormant", "moderate", "Weak", "Strong", "Dormant", "Moderate",
    "Search", "Save", "Cancel", "Delete", "Refresh", "Settings", "Sign out", "Sign in",
    "Colleagues", "Vacancies", "Introductions", "Notifications", "Employees", "Ambassadors",
    "gatekeeper", "representative", "coordinator", "liaison", "itinerant", "consultant",
    "proposed", "contacted", "talking", "placed", "closed",
    "Shared skills", "Both are", "Works at", "worked at", "No data", "Loading", "Previous", "Next",
    "people", "contacts", "ties", "network", "employee", "employees", "with", "your", "the",
    "and", "for", "not", "from", "Send", "Edit", "Add", "Remove", "Close", "Ask", "Invite",
    "Submit", "Name", "Company", "Results", "Members", "Meeting", "Request", "Role",
    "Date", "Yes", "Show", "Hide", "More", "Export", "None yet", "Nobody yet",
)  # fmt: skip
PATTERN = re.compile(r"(?<![\w-])(" + "|".join(re.escape(w) for w in ENGLISH) + r")(?![\w-])")
SKIP = ("/admin/", "/api/", "/i18n/", "/logout/", "/static/", "/media/")
PER_ROUTE = 2
MAX_PAGES = 160


class _Visible(HTMLParser):
    """The text a reader sees, and the page's links."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.links: list[str] = []
        self._hidden = 0
        self._brand = False
        self._json = False
        self.data: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "template", "code"):  # code: identifiers, not words
            self._hidden += 1
            self._json = tag == "script" and dict(attrs).get("type") == "application/json"
        if tag == "a" and "brand" in (dict(attrs).get("class") or "").split():
            self._hidden += 1  # the product's name, weak<b>ties</b>
            self._brand = True
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.links.append(href)

    def handle_endtag(self, tag):
        if (
            tag in ("script", "style", "template", "code") or (tag == "a" and self._brand)
        ) and self._hidden:
            self._hidden -= 1
            self._brand = False

    def handle_data(self, data):
        if not self._hidden:
            self.text.append(data)
        elif self._json:  # a chart's data: its labels are drawn on the canvas
            self.data.extend(_chart_words(json.loads(data)))
            self._json = False


def _chart_words(value) -> list[str]:
    """The labels a chart draws from its JSON (``labels`` lists, at any depth)."""
    if isinstance(value, dict):
        out = [str(label) for label in value.get("labels", []) if isinstance(label, str)]
        for v in value.values():
            if isinstance(v, dict | list):
                out.extend(_chart_words(v))
        return out
    if isinstance(value, list):
        return [w for v in value if isinstance(v, dict | list) for w in _chart_words(v)]
    return []


def _routes(resolver=None, prefix="", namespace=""):
    """``(name, has_args)`` of every named route."""
    resolver = resolver or get_resolver()
    for p in resolver.url_patterns:
        if isinstance(p, URLResolver):
            ns = f"{namespace}{p.namespace}:" if p.namespace else namespace
            yield from _routes(p, prefix + str(p.pattern), ns)
        elif isinstance(p, URLPattern) and p.name:
            yield f"{namespace}{p.name}", bool(p.pattern.converters) or "<" in str(p.pattern)


def _seeds() -> list[str]:
    out = []
    for name, has_args in _routes():
        if has_args:
            continue
        try:
            out.append(reverse(name))
        except NoReverseMatch:
            continue
    return out


def _route_of(path: str) -> str | None:
    try:
        match = resolve(path)
    except Resolver404:
        return None
    return match.route


def _crawl(client) -> dict[str, list[str]]:
    """English words per page: ``{path: [words]}``; asserts every page answers."""
    queue = deque(_seeds())
    seen: set[str] = set()
    per_route: Counter[str] = Counter()
    found: dict[str, list[str]] = {}
    pages = 0
    while queue and pages < MAX_PAGES:
        url = queue.popleft()
        path = urldefrag(url)[0]
        split = urlsplit(path)
        if split.scheme or split.netloc or not split.path.startswith("/"):
            continue
        if path in seen or any(split.path.startswith(s) for s in SKIP):
            continue
        seen.add(path)
        route = _route_of(split.path)
        if route is None or per_route[route] >= PER_ROUTE:
            continue
        per_route[route] += 1
        response = client.get(path, HTTP_ACCEPT_LANGUAGE="nl")
        assert response.status_code < 500, (path, response.status_code)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        pages += 1
        parser = _Visible()
        parser.feed(response.content.decode())
        text = " ".join(" ".join(parser.text + parser.data).split())
        words = sorted(set(PATTERN.findall(text)))
        if words:
            found[path] = words
        queue.extend(parser.links)
    assert pages >= 15, f"only {pages} pages reached"
    return found


@pytest.fixture
def demo(settings):
    settings.LANGUAGE_CODE = "nl"
    organisation, logins = build_demo(employees=24, seed=5)
    analyse_demo(organisation)
    plain = (
        Employee.objects.filter(organisation=organisation, role=Role.EMPLOYEE, user__isnull=True)
        .order_by("id")
        .first()
    )
    user = get_user_model().objects.create_user(
        username=plain.email, email=plain.email, password=DEMO_PASSWORD
    )
    plain.user = user
    plain.save(update_fields=["user"])
    roles = {login.role: login.username for login in logins}
    roles["employee"] = plain.email
    return roles


@pytest.mark.parametrize("role", ["admin", "sales", "employee"])
def test_every_page_in_dutch_has_no_english_ui_words(client, demo, role):
    assert client.login(username=demo[role], password=DEMO_PASSWORD)
    client.cookies["django_language"] = "nl"
    found = _crawl(client)
    assert not found, "\n".join(f"{path}: {', '.join(words)}" for path, words in found.items())
