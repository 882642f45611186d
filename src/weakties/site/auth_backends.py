"""Authentication backends: django-axes' lock-out check in front of Django's own (issue 12)."""

from __future__ import annotations

from typing import Any

from axes.backends import AxesStandaloneBackend
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

__all__ = ["LockoutBackend", "lockout_response"]


class LockoutBackend(AxesStandaloneBackend):
    """Refuse a sign-in while its username and address are locked out (``AXES_*`` settings).

    Every sign-in from the network (the web login, the admin login, the
    password-reset confirm) passes the request. A call without one comes from
    inside the process (the test client's ``login``, a shell); there is no
    address to count against, so it is left to the next backend instead of
    failing as ``AxesStandaloneBackend`` does.
    """

    def authenticate(  # type: ignore[override]
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> None:
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None, credentials: Any
) -> HttpResponse:
    """The lock-out page (``AXES_LOCKOUT_CALLABLE``): in the reader's language, status 429."""
    minutes = settings.WEAKTIES_LOGIN_COOLOFF_MINUTES
    return render(
        request,
        "registration/locked_out.html",
        {"cooloff_minutes": minutes},
        status=settings.AXES_HTTP_RESPONSE_CODE,
    )
