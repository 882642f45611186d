"""The web app's one model: the demo's outbox (:mod:`weakties.web.outbox`)."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class OutboxEmail(models.Model):
    """An email that the demo kept instead of sending it (``WEAKTIES_DEMO``).

    The whole message is kept (``raw``) so that the Outbox page shows it as
    the recipient would get it, attachments such as calendar invites included.
    """

    created_at = models.DateTimeField(_("sent at"), default=timezone.now, db_index=True)
    subject = models.CharField(_("subject"), max_length=998, blank=True)
    from_email = models.CharField(_("from"), max_length=320, blank=True)
    #: Every recipient (to, cc and bcc), lower case, one per line: searched with ``icontains``.
    recipients = models.TextField(_("to"), blank=True)
    body = models.TextField(_("text"), blank=True)
    html = models.TextField(_("HTML"), blank=True)
    #: ``[{"filename", "content_type", "size"}]`` in the message's order.
    attachments = models.JSONField(default=list, blank=True)
    raw = models.TextField(blank=True)

    class Meta:
        verbose_name = _("email in the outbox")
        verbose_name_plural = _("emails in the outbox")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.subject} → {self.recipients.splitlines()[:1]}"

    @property
    def to_list(self) -> list[str]:
        return [r for r in self.recipients.splitlines() if r]
