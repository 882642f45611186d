"""Content-Security-Policy (django-csp), enforced by default (issue 12)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import weakties
from weakties.site.security import csp_settings

POLICY_PARTS = [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "object-src 'none'",
    "frame-ancestors 'none'",
    "form-action 'self'",
]


def test_enforce_is_the_default():
    s = csp_settings({})
    assert s["CONTENT_SECURITY_POLICY_REPORT_ONLY"] is None
    assert s["CONTENT_SECURITY_POLICY"]["DIRECTIVES"]["script-src"] == ["'self'"]
    assert s["CONTENT_SECURITY_POLICY"]["DIRECTIVES"]["style-src"] == ["'self'"]


def test_report_only_off_and_a_report_address():
    reported = csp_settings({"WEAKTIES_CSP": "report-only", "WEAKTIES_CSP_REPORT_URI": "/csp"})
    assert reported["CONTENT_SECURITY_POLICY"] is None
    assert reported["CONTENT_SECURITY_POLICY_REPORT_ONLY"]["DIRECTIVES"]["report-uri"] == "/csp"
    assert csp_settings({"WEAKTIES_CSP": "off"}) == {
        "CONTENT_SECURITY_POLICY": None,
        "CONTENT_SECURITY_POLICY_REPORT_ONLY": None,
    }
    with pytest.raises(ValueError, match="WEAKTIES_CSP must be one of"):
        csp_settings({"WEAKTIES_CSP": "strict"})


@pytest.mark.django_db
def test_every_page_enforces_the_strict_policy(client):
    response = client.get("/login/")
    assert "Content-Security-Policy-Report-Only" not in response
    header = response["Content-Security-Policy"]
    for part in POLICY_PARTS:
        assert part in header
    assert "unsafe-inline" not in header and "unsafe-eval" not in header


@pytest.mark.django_db
def test_reported_only_the_header_changes_name(client, settings):
    for name, value in csp_settings({"WEAKTIES_CSP": "report-only"}).items():
        setattr(settings, name, value)
    response = client.get("/login/")
    assert "Content-Security-Policy" not in response
    assert "script-src 'self'" in response["Content-Security-Policy-Report-Only"]


INLINE = re.compile(
    r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>|\son[a-z]+=|\sstyle=|<style|javascript:"
)


def test_no_template_has_inline_script_handler_or_style():
    """What the policy forbids is not written in any template (the PDF's source aside)."""
    found = []
    for path in sorted(Path(weakties.__file__).parent.rglob("templates/**/*.html")):
        if path.name == "brief_print.html":  # WeasyPrint's source for the PDF, never served
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if INLINE.search(line):
                found.append(f"{path.relative_to(path.parents[2])}:{number}")
    assert not found, "inline code left: " + ", ".join(found)
