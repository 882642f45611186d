"""Requests of the people in the networks: erase me, or stop using my data (GDPR Art. 17, 21).

Anyone may file one through the public objection form, without a login.
The request holds the address given (to answer at) and the digests of the
identifiers to look for; it waits until the address is confirmed through a
link mailed to it (nobody can erase someone else by typing their address),
then an admin confirms it (the person is erased everywhere) or rejects it,
and the person is told at the address given.  Nothing about whether the
address is known is said before that (no oracle).
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def _token() -> str:
    return secrets.token_urlsafe(32)


class ObjectionRequest(models.Model):
    class Kind(models.TextChoices):
        ERASE = "erase", _("erase my data")
        OBJECT = "object", _("stop using my data")

    class Status(models.TextChoices):
        UNCONFIRMED = "unconfirmed", _("address not confirmed yet")
        PENDING = "pending", _("waiting for an admin")
        CONFIRMED = "confirmed", _("carried out")
        REJECTED = "rejected", _("rejected")

    kind = models.CharField(_("request"), max_length=10, choices=Kind.choices)
    #: The address the person gave: where they are answered (and an identifier to erase);
    #: emptied once the answer is sent, the digest stays.
    email = models.EmailField(_("email address"), max_length=254, blank=True)
    linkedin_url = models.CharField(_("LinkedIn profile"), max_length=500, blank=True)
    reason = models.TextField(_("reason"), blank=True, max_length=2000)
    email_digest = models.CharField(max_length=64, db_index=True)
    linkedin_digest = models.CharField(max_length=64, blank=True)
    #: The language the form was filled in: the answers are written in it.
    language = models.CharField(max_length=8, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.UNCONFIRMED
    )
    token = models.CharField(max_length=64, unique=True, default=_token)
    created_at = models.DateTimeField(default=timezone.now)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    #: Why an admin rejected it (sent to the person).
    answer = models.TextField(_("answer"), blank=True, max_length=2000)
    #: What the erasure removed (counts only).
    result = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = _("privacy request")
        verbose_name_plural = _("privacy requests")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "created_at"], name="objection_status")]

    def __str__(self) -> str:
        return f"privacy request {self.pk} ({self.status})"


class PurgeRun(models.Model):
    """A weekly purge of old requests that is scheduled (one row per moment): the worker's chain.

    See :mod:`weakties.privacy.tasks` and :mod:`weakties.core.chains`; the unique
    ``due_at`` keeps one moment to one task.
    """

    due_at = models.DateTimeField(unique=True)
    task_id = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    ran_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-due_at"]

    def __str__(self) -> str:
        return self.due_at.isoformat()
