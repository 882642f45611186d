"""An employee's language: the one their pages, notices and emails are in.

``Employee.language`` is remembered when the employee switches language in
the header (:mod:`weakties.notifications.middleware`) or on the settings
page; empty means the site's default (``LANGUAGE_CODE``).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.conf import settings
from django.utils import translation

from weakties.accounts.models import Employee

__all__ = ["in_language_of", "language_of", "is_language"]


def is_language(code: str | None) -> bool:
    """True for a language the site offers (``LANGUAGES``)."""
    return bool(code) and code in {c for c, _ in settings.LANGUAGES}


def language_of(employee: Employee) -> str:
    """The employee's remembered language, else the site's default."""
    language = getattr(employee, "language", "")
    return language if is_language(language) else settings.LANGUAGE_CODE


@contextmanager
def in_language_of(employee: Employee) -> Iterator[str]:
    """Translate (gettext, templates, dates) into the employee's language inside the block."""
    language = language_of(employee)
    with translation.override(language):
        yield language
