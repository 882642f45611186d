"""Sending a campaign's emails (the invitations, or the one reminder) and recording what was sent.

Building a message is :mod:`weakties.ambassadors.mail`; scheduling and trying
again is :mod:`weakties.ambassadors.tasks`. This module only sends, and
records each message right after it went out (``Invitation.sent_at`` or
``reminded_at``), so a task that runs twice emails nobody twice, and one that
stopped half-way sends the rest on its next try.

Two kinds of failure are told apart:

* the server refuses one address (no such mailbox): that invitation is
  marked refused and the others go on;
* the server cannot be reached or breaks off: sending stops, the error is
  written on the campaign (the admin's page shows it) and the task tries
  again later. Nobody's page ever waits for, or fails on, the mail server.
"""

from __future__ import annotations

import logging
import smtplib
from typing import Any

from django.core.mail import get_connection
from django.db.models import QuerySet
from django.utils import timezone

from ..mail import invitation_message
from ..models import Campaign, Invitation
from ..selectors.campaigns import invitation_due, reminder_due

__all__ = ["KINDS", "campaign_send"]

log = logging.getLogger(__name__)

#: What a campaign sends: the invitation, then at most one reminder.
KINDS = ("invitation", "reminder")


def _pending(campaign: Campaign, kind: str) -> QuerySet[Invitation]:
    if kind == "reminder":
        invitations = reminder_due(campaign=campaign)
    else:
        invitations = invitation_due(campaign=campaign)
    return invitations.select_related(
        "employee", "campaign__organisation", "campaign__created_by"
    ).order_by("pk")


def campaign_send(campaign: Campaign, *, kind: str, attempt: int = 1) -> dict[str, Any]:
    """Send the campaign's invitations (or its reminder) not sent yet.

    Returns ``{"campaign", "kind", "sent", "refused", "error"}``; ``error`` is
    "" when the mail server took every message it was given.
    """
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS}, not {kind!r}")
    if kind == "reminder" and campaign.reminder_sent_at is None:
        return {"campaign": campaign.pk, "kind": kind, "sent": 0, "refused": 0, "error": ""}
    field = "reminded_at" if kind == "reminder" else "sent_at"
    sent = refused = 0
    error = ""
    try:
        with get_connection() as connection:
            for invitation in _pending(campaign, kind).iterator(chunk_size=500):
                message = invitation_message(invitation, reminder=(kind == "reminder"))
                message.connection = connection
                try:
                    message.send()
                except smtplib.SMTPRecipientsRefused:
                    log.warning("campaign %s: the mail server refused an address", campaign.pk)
                    Invitation.objects.filter(pk=invitation.pk).update(refused_at=timezone.now())
                    refused += 1
                    continue
                # Recorded right after each message: a crash half-way sends only the rest again.
                Invitation.objects.filter(pk=invitation.pk).update(**{field: timezone.now()})
                sent += 1
    except (smtplib.SMTPException, OSError) as exc:
        error = f"{type(exc).__name__}: {exc}"[:300]
        log.warning("campaign %s: sending stopped (attempt %s): %s", campaign.pk, attempt, error)
    Campaign.objects.filter(pk=campaign.pk).update(send_error=error, send_attempts=attempt)
    return {"campaign": campaign.pk, "kind": kind, "sent": sent, "refused": refused, "error": error}
