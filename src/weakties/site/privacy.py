"""What the public privacy page says, read from settings (GDPR Art. 14; Belgian DPA 25/2020).

The people in employees' networks never agreed to anything: Article 14 asks that they are told
who holds their data, why (the legitimate interest), where it came from, how long it is kept and
how to object — at the latest at the first communication with them.  Every text weakties helps an
employee send to such a person links this page (:data:`PRIVACY_PATH`, made absolute with
``WEAKTIES_BASE_URL`` by :func:`privacy_url`).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings

from weakties.accounts.models import Organisation

__all__ = ["PRIVACY_PATH", "OBJECTION_PATH", "Notice", "notice_facts", "privacy_url"]

#: The public privacy page (``site.urls``: ``privacy-notice``).
PRIVACY_PATH = "/privacy/"
#: The public objection form (the privacy app of the rights work).
OBJECTION_PATH = "/privacy/object/"


@dataclass(frozen=True)
class Notice:
    controller: str
    #: The controller is one of several organisations on this installation (no name set).
    several: bool
    contact: str
    retention_days: int
    grace_days: int
    compare_and_forget: bool


def privacy_url() -> str:
    """The privacy page as a link that works outside the site."""
    return f"{settings.WEAKTIES_BASE_URL}{PRIVACY_PATH}"


def notice_facts() -> Notice:
    """The controller and the retention rules as configured (``docs/configuration.md``).

    Without ``WEAKTIES_CONTROLLER_NAME`` the controller is the organisation(s) on this
    installation: a self-hosted weakties is run by the organisation whose employees use it.
    """
    name = settings.WEAKTIES_CONTROLLER_NAME.strip()
    several = False
    if not name:
        names = list(Organisation.objects.order_by("name").values_list("name", flat=True)[:20])
        name, several = ", ".join(names), len(names) > 1
    return Notice(
        controller=name,
        several=several,
        contact=settings.WEAKTIES_CONTROLLER_CONTACT.strip(),
        retention_days=max(int(settings.WEAKTIES_RETENTION_DAYS), 0),
        grace_days=max(int(settings.WEAKTIES_RETENTION_GRACE_DAYS), 0),
        compare_and_forget=bool(settings.WEAKTIES_COMPARE_AND_FORGET),
    )
