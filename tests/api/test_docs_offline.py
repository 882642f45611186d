"""The OpenAPI page works offline: swagger-ui from npm, served by the app itself."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest


class _Refs(HTMLParser):
    """Every src/href in a page."""

    def __init__(self) -> None:
        super().__init__()
        self.refs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.refs += [v for k, v in attrs if k in ("src", "href") and v]


@pytest.mark.django_db
def test_docs_page_references_only_the_apps_own_files(client):
    response = client.get("/api/docs")
    assert response.status_code == 200
    html = response.content.decode()
    parser = _Refs()
    parser.feed(html)
    assert any("swagger-ui-bundle.js" in r for r in parser.refs)
    assert any("swagger-ui.css" in r for r in parser.refs)
    for ref in parser.refs:
        assert not urlsplit(ref).netloc, ref  # no CDN, no other host
    assert not re.search(r"https?://", html.replace("http://testserver", ""))
    assert '"validatorUrl": null' in html  # swagger-ui would send the schema to swagger.io
    # Every file the page names is served by the app, with the real content.
    for ref in parser.refs:
        got = client.get(ref)
        assert got.status_code == 200, ref
        body = b"".join(got.streaming_content) if got.streaming else got.content
        assert len(body) > 300, ref
    bundle = next(r for r in parser.refs if r.endswith("swagger-ui-bundle.js"))
    got = client.get(bundle)
    assert b"SwaggerUIBundle" in b"".join(got.streaming_content)
