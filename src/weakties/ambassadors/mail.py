"""The campaign's emails: the invitation and its one reminder, each with a personal link.

These are not notices (:func:`weakties.notifications.services.notify.notify`
is for those): they are built here, in the employee's own language
(:func:`~weakties.notifications.services.notify.in_language_of`), and sent by
:mod:`weakties.ambassadors.services.delivery`.

The personal link carries a signed token naming the invitation (Django's
``signing``, salted for this use): it opens the landing page without a login
and works for ``WEAKTIES_INVITE_LINK_DAYS``. The email holds the employee's
own name and organisation, and nothing about anybody's contacts.
"""

from __future__ import annotations

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse

from weakties.notifications.services.notify import in_language_of

from .conf import link_days, reminder_days
from .models import Invitation

__all__ = ["absolute", "invitation_token", "invitation_link", "read_token", "invitation_message"]

_SALT = "weakties.ambassadors.invitation"


def absolute(path: str) -> str:
    """``path`` as a link that works outside the site (``WEAKTIES_BASE_URL``)."""
    return settings.WEAKTIES_BASE_URL + path


def invitation_token(invitation: Invitation) -> str:
    """The signed token of an invitation: names the invitation and its employee."""
    return signing.dumps({"i": invitation.pk, "e": invitation.employee_id}, salt=_SALT)


def invitation_link(invitation: Invitation) -> str:
    """The absolute personal link of an invitation."""
    return absolute(reverse("ambassadors:landing", args=[invitation_token(invitation)]))


def read_token(token: str) -> Invitation | None:
    """The invitation a link was made for; None when forged, expired or gone."""
    try:
        data = signing.loads(token, salt=_SALT, max_age=link_days())
    except signing.BadSignature:
        return None
    if not isinstance(data, dict):
        return None
    return (
        Invitation.objects.select_related(
            "employee__organisation", "campaign__organisation", "campaign__created_by"
        )
        .filter(pk=data.get("i"), employee_id=data.get("e"))
        .first()
    )


def invitation_message(invitation: Invitation, *, reminder: bool = False) -> EmailMessage:
    """The invitation (or its reminder) to one employee, in that employee's language."""
    employee = invitation.employee
    with in_language_of(employee):
        context = {
            "employee": employee,
            "organisation": invitation.campaign.organisation,
            "campaign": invitation.campaign,
            "inviter": invitation.campaign.created_by,
            "link": invitation_link(invitation),
            "reminder": reminder,
            "link_days": link_days().days,
            "reminder_days": reminder_days().days,
        }
        subject = render_to_string("ambassadors/email/invitation_subject.txt", context).strip()
        body = render_to_string("ambassadors/email/invitation.txt", context)
    return EmailMessage(subject=subject, body=body, to=[employee.email])
