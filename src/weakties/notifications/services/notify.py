"""Tell an employee something: an in-app notice, emailed at once or in a digest.

Every app calls :func:`notify`; none sends its own notice emails. Texts are
rendered in the employee's own language (:func:`in_language_of`).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.conf import settings
from django.utils import translation

from weakties.accounts.models import Employee
from weakties.notifications.models import Notice

__all__ = ["in_language_of", "language_of", "notify"]


def language_of(employee: Employee) -> str:
    """The employee's remembered language, else the site's default."""
    return getattr(employee, "language", "") or settings.LANGUAGE_CODE


@contextmanager
def in_language_of(employee: Employee) -> Iterator[str]:
    """Translate (gettext, templates, dates) into the employee's language inside the block."""
    language = language_of(employee)
    with translation.override(language):
        yield language


def notify(
    *,
    employee: Employee,
    kind: str,
    subject: object,
    body: object = "",
    link: str = "",
) -> Notice:
    """Store a notice for ``employee``; ``subject``/``body`` may be lazy (translated here).

    ``kind`` is a short machine name (``intro.requested``, ``referral.stage``…);
    ``link`` a site path such as ``/introductions/12/``.
    """
    with in_language_of(employee):
        text_subject, text_body = str(subject)[:200], str(body)
    return Notice.objects.create(
        employee=employee, kind=kind, subject=text_subject, body=text_body, link=link
    )
