"""The emails of notices: one notice at once, or a digest of several.

Built in the employee's language (:func:`~weakties.notifications.language.in_language_of`);
the notices' own subject and text were stored in that language when they
were made.  Links are absolute (``WEAKTIES_BASE_URL``), as in
:mod:`weakties.meetings.mail`.  An email carries only what the notices carry
(subject, text, link) and the employee's own name: notices never hold an
external person's email address or phone number, so neither does the email.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import ngettext

from weakties.accounts.models import Employee
from weakties.notifications.language import in_language_of
from weakties.notifications.models import Notice

__all__ = ["absolute", "notice_url", "notice_message", "digest_message"]


def absolute(path: str) -> str:
    """``path`` as a link that works outside the site (``WEAKTIES_BASE_URL``)."""
    return settings.WEAKTIES_BASE_URL + path


def notice_url(notice: Notice) -> str:
    """Where the notice points, absolute; the list of notices when it points nowhere."""
    link = notice.link or ""
    if link.startswith(("https://", "http://")):
        return link
    if link.startswith("/") and not link.startswith("//"):
        return absolute(link)
    return absolute(reverse("notifications:index"))


def _context(employee: Employee, notices: Sequence[Notice]) -> dict:
    return {
        "employee": employee,
        "notices": [(n, notice_url(n)) for n in notices],
        "index_url": absolute(reverse("notifications:index")),
        "settings_url": absolute(reverse("notifications:settings")),
    }


def notice_message(notice: Notice) -> EmailMessage:
    """One notice, emailed at once (the *immediate* preference)."""
    employee = notice.employee
    with in_language_of(employee):
        body = render_to_string("notifications/email/notice.txt", _context(employee, [notice]))
    return EmailMessage(subject=notice.subject, body=body, to=[employee.email])


def digest_message(employee: Employee, notices: Sequence[Notice], *, digest: str) -> EmailMessage:
    """Several notices in one email: the daily or weekly digest (oldest first)."""
    with in_language_of(employee):
        subject = ngettext(
            "weakties: %(count)d new notification",
            "weakties: %(count)d new notifications",
            len(notices),
        ) % {"count": len(notices)}
        context = _context(employee, notices) | {"digest": digest}
        body = render_to_string("notifications/email/digest.txt", context)
    return EmailMessage(subject=subject, body=body, to=[employee.email])
