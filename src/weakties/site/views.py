"""The site's own pages: the public privacy notice (no login)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from weakties.site.privacy import OBJECTION_PATH, notice_facts


def privacy_notice(request: HttpRequest) -> HttpResponse:
    """The Article 14 notice for the people in employees' networks, in the reader's language."""
    return render(
        request,
        "site/privacy.html",
        {"notice": notice_facts(), "objection_path": OBJECTION_PATH},
    )
