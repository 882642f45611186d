"""Content-Security-Policy (django-csp), reported before it is enforced (issue 12)."""

from __future__ import annotations

import pytest

from weakties.site.security import csp_settings

POLICY_PARTS = [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "object-src 'none'",
    "frame-ancestors 'none'",
    "form-action 'self'",
]


def test_report_only_is_the_default():
    s = csp_settings({})
    assert s["CONTENT_SECURITY_POLICY"] is None
    assert s["CONTENT_SECURITY_POLICY_REPORT_ONLY"]["DIRECTIVES"]["script-src"] == ["'self'"]


def test_enforce_off_and_a_report_address():
    enforced = csp_settings({"WEAKTIES_CSP": "enforce", "WEAKTIES_CSP_REPORT_URI": "/csp"})
    assert enforced["CONTENT_SECURITY_POLICY_REPORT_ONLY"] is None
    assert enforced["CONTENT_SECURITY_POLICY"]["DIRECTIVES"]["report-uri"] == "/csp"
    assert csp_settings({"WEAKTIES_CSP": "off"}) == {
        "CONTENT_SECURITY_POLICY": None,
        "CONTENT_SECURITY_POLICY_REPORT_ONLY": None,
    }
    with pytest.raises(ValueError, match="WEAKTIES_CSP must be one of"):
        csp_settings({"WEAKTIES_CSP": "strict"})


@pytest.mark.django_db
def test_every_page_reports_against_the_strict_policy(client):
    response = client.get("/login/")
    assert "Content-Security-Policy" not in response  # not enforced yet
    header = response["Content-Security-Policy-Report-Only"]
    for part in POLICY_PARTS:
        assert part in header
    assert "unsafe-inline" not in header


@pytest.mark.django_db
def test_enforced_the_header_changes_name(client, settings):
    for name, value in csp_settings({"WEAKTIES_CSP": "enforce"}).items():
        setattr(settings, name, value)
    response = client.get("/login/")
    assert "Content-Security-Policy-Report-Only" not in response
    assert "script-src 'self'" in response["Content-Security-Policy"]
