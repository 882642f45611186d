"""Campaigns and their funnel: invited → opened → consented → imported.

The funnel is read, not kept: "opened" is the first visit of the personal
link (stored on the invitation), "consented" an active consent, "imported"
a finished import since the invitation (both from the people app, so consent
given on the import page, without the link, counts too). Each step includes
the later ones, so the funnel never widens: someone who consented on the
import page without opening the link has, for the funnel, opened it.

One aggregate query per campaign, whatever its size.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext as _

from weakties.accounts.models import Consent, Organisation
from weakties.people.models import ImportBatch

from ..conf import reminder_days
from ..models import Campaign, Decline, Invitation

__all__ = [
    "FUNNEL_STEPS",
    "campaign_funnel",
    "campaign_invitations",
    "campaigns_overview",
    "decline_reasons",
    "declined_for_good",
    "invitation_due",
    "reminder_allowed_at",
    "reminder_due",
]

#: The funnel's steps, in order (keys of :func:`campaign_funnel`).
FUNNEL_STEPS = ("invited", "opened", "consented", "imported")


def declined_for_good(*, organisation: Organisation) -> set[int]:
    """Employees of the organisation who declined and did not come back (no consent since)."""
    came_back = Consent.objects.filter(
        employee_id=OuterRef("employee_id"), given_at__gt=OuterRef("declined_at")
    )
    return set(
        Decline.objects.filter(employee__organisation=organisation)
        .exclude(Exists(came_back))
        .values_list("employee_id", flat=True)
    )


def _consenting() -> Exists:
    return Exists(
        Consent.objects.filter(employee_id=OuterRef("employee_id"), withdrawn_at__isnull=True)
    )


def _imported() -> Exists:
    return Exists(
        ImportBatch.objects.filter(
            owner_id=OuterRef("employee_id"),
            status=ImportBatch.Status.DONE,
            created_at__gte=OuterRef("created_at"),
        )
    )


def _answered() -> Q:
    """Said yes (consent given since the invitation, even if withdrawn since) or no."""
    consented_since = Exists(
        Consent.objects.filter(
            employee_id=OuterRef("employee_id"), given_at__gte=OuterRef("created_at")
        )
    )
    declined_since = Exists(
        Decline.objects.filter(
            employee_id=OuterRef("employee_id"), declined_at__gte=OuterRef("created_at")
        )
    )
    return Q(declined_at__isnull=False) | consented_since | declined_since | _consenting()


def invitation_due(*, campaign: Campaign) -> QuerySet[Invitation]:
    """Invitations whose email is still to go: not sent, not refused, and not answered meanwhile.

    While the mail server was down a colleague may have consented on the import page: the
    question is answered, and the email would only nag.
    """
    return campaign.invitations.filter(
        sent_at__isnull=True, refused_at__isnull=True, employee__active=True
    ).exclude(_answered())


def reminder_due(*, campaign: Campaign) -> QuerySet[Invitation]:
    """Invitations that get the reminder: sent, not refused, not answered, not reminded yet."""
    return campaign.invitations.filter(
        sent_at__isnull=False,
        refused_at__isnull=True,
        reminded_at__isnull=True,
        employee__active=True,
    ).exclude(_answered())


def reminder_allowed_at(campaign: Campaign) -> dt.datetime | None:
    """When the campaign's one reminder may go out; None when it went already or nothing was sent."""
    if campaign.reminder_sent_at is not None:
        return None
    first = (
        campaign.invitations.filter(sent_at__isnull=False)
        .order_by("sent_at")
        .values_list("sent_at", flat=True)
        .first()
    )
    return None if first is None else first + reminder_days()


def campaign_funnel(*, campaign: Campaign) -> dict[str, int]:
    """``invited``, ``opened``, ``consented``, ``imported`` and beside them ``sent``,
    ``refused`` (the mail server refused the address), ``unsent`` (waiting for the mail
    server), ``declined`` and ``reminded``."""
    consenting, imported = Q(is_consenting=True), Q(has_imported=True)
    figures = campaign.invitations.annotate(
        is_consenting=_consenting(), has_imported=_imported()
    ).aggregate(
        invited=Count("pk"),
        sent=Count("pk", filter=Q(sent_at__isnull=False)),
        refused=Count("pk", filter=Q(refused_at__isnull=False)),
        opened=Count("pk", filter=Q(opened_at__isnull=False) | consenting | imported),
        consented=Count("pk", filter=consenting | imported),
        imported=Count("pk", filter=imported),
        declined=Count("pk", filter=Q(declined_at__isnull=False)),
        reminded=Count("pk", filter=Q(reminded_at__isnull=False)),
    )
    funnel = {k: int(v or 0) for k, v in figures.items()}
    funnel["unsent"] = funnel["invited"] - funnel["sent"] - funnel["refused"]
    return funnel


def _scope_label(campaign: Campaign) -> str:
    if campaign.scope == Campaign.Scope.DEPARTMENT:
        return _("department {name}").format(name=campaign.department)
    return str(campaign.get_scope_display())


def campaigns_overview(*, organisation: Organisation, limit: int = 20) -> list[dict[str, Any]]:
    """The latest campaigns of an organisation, newest first, each with its funnel."""
    rows = []
    for campaign in Campaign.objects.filter(organisation=organisation).select_related("created_by")[
        :limit
    ]:
        funnel = campaign_funnel(campaign=campaign)
        rows.append(
            {
                "campaign": campaign,
                "scope": _scope_label(campaign),
                "chart_id": f"funnel-{campaign.pk}",
                "funnel": funnel,
                "chart": {
                    "labels": [str(_step_label(step)) for step in FUNNEL_STEPS],
                    "values": [funnel[step] for step in FUNNEL_STEPS],
                },
                "reminder_at": reminder_allowed_at(campaign),
            }
        )
    return rows


def _step_label(step: str) -> str:
    return {
        "invited": _("invited"),
        "opened": _("opened"),
        "consented": _("consented"),
        "imported": _("imported"),
    }[step]


def campaign_invitations(*, campaign: Campaign) -> QuerySet[Invitation]:
    """The campaign's invitations with ``consenting`` and ``imported``, by name (a page at a time)."""
    return (
        campaign.invitations.select_related("employee")
        .annotate(consenting=_consenting(), imported=_imported())
        .order_by("employee__last_name", "employee__first_name", "pk")
    )


def decline_reasons(*, campaign: Campaign) -> list[str]:
    """Why people declined, without names, and only from ``WEAKTIES_MIN_GROUP`` declines on.

    A reason is the employee's own words: with fewer declines an admin could tell who wrote what.
    """
    # Sorted by text, not by name or date: the order tells nothing about who wrote what.
    reasons = sorted(
        Decline.objects.filter(invitation__campaign=campaign)
        .exclude(reason="")
        .values_list("reason", flat=True)
    )
    declined = campaign.invitations.filter(declined_at__isnull=False).count()
    return reasons if declined >= settings.WEAKTIES_MIN_GROUP else []
