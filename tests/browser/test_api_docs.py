"""The OpenAPI page draws in a real browser with every outside request blocked."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_docs_page_draws_the_operations_with_no_outside_network(browser, live_server_url):
    context = browser.new_context(locale="en-GB")
    page = context.new_page()
    outside: list[str] = []

    def only_the_app(route):
        if route.request.url.startswith(live_server_url):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    page.route("**/*", only_the_app)
    page.goto(f"{live_server_url}/api/docs")
    page.locator(".opblock-summary-path", has_text="/api/reach").first.wait_for(timeout=15000)
    assert page.locator(".info .title").inner_text().startswith("weakties API")
    # more than ten operations: an eleventh is there (a polling assertion; count() does not wait)
    expect(page.locator(".opblock").nth(10)).to_be_attached()
    page.screenshot(path="/tmp/api-docs.png", full_page=False)
    context.close()
    assert outside == []
