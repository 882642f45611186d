"""Settings for serving over TLS, read from the environment (issue 12; docs/configuration.md).

Kept apart from ``settings.py`` as a pure function of the environment, so the
tests can read every combination without reloading Django's settings.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

__all__ = ["CSP_DIRECTIVES", "ONE_YEAR", "csp_settings", "tls_settings"]

ONE_YEAR = 365 * 24 * 60 * 60


def _bool(env: Mapping[str, str], name: str, default: bool) -> bool:
    value = env.get(name, "").strip().lower()
    if not value:
        return default
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ValueError(f"{name} must be on or off (1/0, true/false, yes/no), not {value!r}")


def _int(env: Mapping[str, str], name: str, default: int) -> int:
    value = env.get(name, "").strip()
    if not value:
        return default
    try:
        number = int(value)
    except ValueError:
        raise ValueError(f"{name} must be a whole number of seconds, not {value!r}") from None
    if number < 0:
        raise ValueError(f"{name} must not be negative, not {value!r}")
    return number


def _proxy_header(env: Mapping[str, str], tls: bool) -> tuple[str, str] | None:
    """``X-Forwarded-Proto`` → ``("HTTP_X_FORWARDED_PROTO", "https")``; empty or TLS off: none."""
    name = env.get("WEAKTIES_TLS_PROXY_HEADER", "X-Forwarded-Proto" if tls else "").strip()
    if not name:
        return None
    return "HTTP_" + name.upper().replace("-", "_"), "https"


def tls_settings(env: Mapping[str, str]) -> dict[str, Any]:
    """Django's security settings for the environment ``env``.

    ``WEAKTIES_TLS=1`` says the site is reached over HTTPS (normally through a
    reverse proxy that terminates TLS): the session and CSRF cookies are sent
    only over HTTPS, the proxy's ``X-Forwarded-Proto`` tells Django a request
    came over HTTPS, and HSTS is on for a year. Each of these can be changed by
    its own variable; HSTS for subdomains, the preload list and the redirect of
    plain HTTP are off unless asked for. Without ``WEAKTIES_TLS`` nothing
    requires HTTPS (the demo, local use), whatever the other variables say,
    except ``WEAKTIES_TLS_PROXY_HEADER`` and ``WEAKTIES_SSL_REDIRECT``.
    """
    tls = _bool(env, "WEAKTIES_TLS", False)
    hsts = _int(env, "WEAKTIES_HSTS_SECONDS", ONE_YEAR) if tls else 0
    return {
        "SECURE_PROXY_SSL_HEADER": _proxy_header(env, tls),
        "SESSION_COOKIE_SECURE": tls,
        "CSRF_COOKIE_SECURE": tls,
        "SECURE_HSTS_SECONDS": hsts,
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": bool(hsts)
        and _bool(env, "WEAKTIES_HSTS_INCLUDE_SUBDOMAINS", False),
        "SECURE_HSTS_PRELOAD": bool(hsts) and _bool(env, "WEAKTIES_HSTS_PRELOAD", False),
        "SECURE_SSL_REDIRECT": _bool(env, "WEAKTIES_SSL_REDIRECT", False),
        # Always, TLS or not: cookies out of JavaScript's reach, no framing, no sniffing.
        "SESSION_COOKIE_HTTPONLY": True,
        "CSRF_COOKIE_HTTPONLY": True,  # the pages send the token from the form / hx-headers
        "X_FRAME_OPTIONS": "DENY",
        "SECURE_CONTENT_TYPE_NOSNIFF": True,
        "SECURE_REFERRER_POLICY": "same-origin",
    }


#: The policy every page meets: everything from the site itself, no inline script, event
#: handler or style, no framing. Enforced by default: the pages' code is in static files
#: and takes its values from data- attributes and json_script blocks (issue 12).
CSP_DIRECTIVES: dict[str, list[str]] = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}

CSP_MODES = ("enforce", "report-only", "off")


def csp_settings(env: Mapping[str, str]) -> dict[str, Any]:
    """django-csp's settings: ``WEAKTIES_CSP`` is ``enforce`` (default), ``report-only`` or ``off``.

    ``WEAKTIES_CSP_REPORT_URI``, when set, is where browsers send their reports
    of what the policy would block.
    """
    mode = env.get("WEAKTIES_CSP", "").strip().lower() or "enforce"
    if mode not in CSP_MODES:
        raise ValueError(f"WEAKTIES_CSP must be one of {', '.join(CSP_MODES)}, not {mode!r}")
    directives: dict[str, Any] = {k: list(v) for k, v in CSP_DIRECTIVES.items()}
    if report_uri := env.get("WEAKTIES_CSP_REPORT_URI", "").strip():
        directives["report-uri"] = report_uri
    policy = None if mode == "off" else {"DIRECTIVES": directives}
    return {
        "CONTENT_SECURITY_POLICY": policy if mode == "enforce" else None,
        "CONTENT_SECURITY_POLICY_REPORT_ONLY": policy if mode == "report-only" else None,
    }
