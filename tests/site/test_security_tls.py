"""TLS settings from the environment and ``weakties serve --check-deploy`` (issue 12)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from weakties.site.security import ONE_YEAR, tls_settings

PASSWORD = "s3cret-Passw0rd"


def test_without_tls_nothing_requires_https_but_framing_and_sniffing_are_off():
    s = tls_settings({"WEAKTIES_HSTS_SECONDS": "60", "WEAKTIES_HSTS_PRELOAD": "1"})
    assert s["SECURE_PROXY_SSL_HEADER"] is None
    assert s["SESSION_COOKIE_SECURE"] is False
    assert s["CSRF_COOKIE_SECURE"] is False
    assert s["SECURE_HSTS_SECONDS"] == 0  # HSTS over plain HTTP would lock browsers out
    assert s["SECURE_HSTS_PRELOAD"] is False
    assert s["SECURE_SSL_REDIRECT"] is False
    assert s["X_FRAME_OPTIONS"] == "DENY"
    assert s["SESSION_COOKIE_HTTPONLY"] is True
    assert s["CSRF_COOKIE_HTTPONLY"] is True


def test_tls_turns_on_secure_cookies_the_proxy_header_and_a_year_of_hsts():
    s = tls_settings({"WEAKTIES_TLS": "1"})
    assert s["SECURE_PROXY_SSL_HEADER"] == ("HTTP_X_FORWARDED_PROTO", "https")
    assert s["SESSION_COOKIE_SECURE"] is True
    assert s["CSRF_COOKIE_SECURE"] is True
    assert s["SECURE_HSTS_SECONDS"] == ONE_YEAR
    assert s["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is False
    assert s["SECURE_HSTS_PRELOAD"] is False
    assert s["SECURE_SSL_REDIRECT"] is False


def test_each_tls_setting_has_its_own_variable():
    s = tls_settings(
        {
            "WEAKTIES_TLS": "yes",
            "WEAKTIES_TLS_PROXY_HEADER": "X-Forwarded-Scheme",
            "WEAKTIES_HSTS_SECONDS": "3600",
            "WEAKTIES_HSTS_INCLUDE_SUBDOMAINS": "true",
            "WEAKTIES_HSTS_PRELOAD": "on",
            "WEAKTIES_SSL_REDIRECT": "1",
        }
    )
    assert s["SECURE_PROXY_SSL_HEADER"] == ("HTTP_X_FORWARDED_SCHEME", "https")
    assert s["SECURE_HSTS_SECONDS"] == 3600
    assert s["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
    assert s["SECURE_HSTS_PRELOAD"] is True
    assert s["SECURE_SSL_REDIRECT"] is True
    # An empty header name: the proxy sends none, Django is told nothing.
    off = tls_settings({"WEAKTIES_TLS": "1", "WEAKTIES_TLS_PROXY_HEADER": ""})
    assert off["SECURE_PROXY_SSL_HEADER"] is None
    assert off["SESSION_COOKIE_SECURE"] is True


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"WEAKTIES_TLS": "maybe"}, "WEAKTIES_TLS must be on or off"),
        ({"WEAKTIES_TLS": "1", "WEAKTIES_HSTS_SECONDS": "a year"}, "whole number"),
        ({"WEAKTIES_TLS": "1", "WEAKTIES_HSTS_SECONDS": "-1"}, "must not be negative"),
    ],
)
def test_a_wrong_value_is_refused_with_the_variable_named(env, message):
    with pytest.raises(ValueError, match=message):
        tls_settings(env)


@pytest.mark.django_db
def test_every_page_forbids_framing_and_sniffing(client):
    response = client.get("/login/")
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert "Strict-Transport-Security" not in response


@pytest.mark.django_db
def test_behind_a_tls_proxy_cookies_are_secure_and_hsts_is_sent(client, settings):
    from django.contrib.auth import get_user_model

    for name, value in tls_settings({"WEAKTIES_TLS": "1"}).items():
        setattr(settings, name, value)
    get_user_model().objects.create_user(username="ann", password=PASSWORD)

    page = client.get("/login/", HTTP_X_FORWARDED_PROTO="https")
    assert page["Strict-Transport-Security"] == f"max-age={ONE_YEAR}"
    assert page.cookies["csrftoken"]["secure"] is True
    assert page.cookies["csrftoken"]["httponly"] is True

    signed_in = client.post(
        "/login/", {"username": "ann", "password": PASSWORD}, HTTP_X_FORWARDED_PROTO="https"
    )
    assert signed_in.status_code == 302
    assert signed_in.cookies["sessionid"]["secure"] is True
    assert signed_in.cookies["sessionid"]["httponly"] is True
    # Plain HTTP through the proxy: no HSTS (browsers ignore it there anyway).
    assert "Strict-Transport-Security" not in client.get("/login/")


def _check_deploy(tmp_path, **env):
    environ = {k: v for k, v in os.environ.items() if not k.startswith(("WEAKTIES_", "DATABASE"))}
    environ.update(WEAKTIES_HOME=str(tmp_path), WEAKTIES_LANGUAGE="en", **env)
    return subprocess.run(
        [sys.executable, "-m", "weakties.cli", "serve", "--check-deploy"],
        env=environ,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_lists_what_plain_http_leaves_out(tmp_path):
    run = _check_deploy(tmp_path)
    assert run.returncode == 0, run.stderr
    for code in ("security.W004", "security.W008", "security.W012", "security.W016"):
        assert code in run.stderr


def test_check_deploy_is_clean_with_the_tls_settings(tmp_path):
    run = _check_deploy(
        tmp_path,
        WEAKTIES_TLS="1",
        WEAKTIES_SSL_REDIRECT="1",
        WEAKTIES_HSTS_INCLUDE_SUBDOMAINS="1",
        WEAKTIES_HSTS_PRELOAD="1",
    )
    assert run.returncode == 0, run.stderr
    assert "no issues" in run.stdout
    assert "security.W" not in run.stderr


def test_check_deploy_fails_on_an_error(tmp_path):
    run = _check_deploy(tmp_path, WEAKTIES_TLS="1", WEAKTIES_CSRF_TRUSTED_ORIGINS="example.com")
    assert run.returncode == 1
    assert "4_0.E001" in run.stderr
    assert "the deployment checks found errors" in run.stderr
