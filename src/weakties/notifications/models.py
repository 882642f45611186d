"""In-app notices and each employee's wish for email digests."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Notice(models.Model):
    """One thing an employee is told: shown in the app, and emailed now or in a digest.

    ``subject`` and ``body`` are stored already translated into the employee's
    language (``Employee.language``), so the list and the email read the same.
    """

    employee = models.ForeignKey(
        "accounts.Employee", on_delete=models.CASCADE, related_name="notices"
    )
    kind = models.CharField(_("kind"), max_length=40)
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("text"), blank=True)
    link = models.CharField(_("link"), max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("notice")
        verbose_name_plural = _("notices")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["employee", "read_at"], name="notice_unread")]

    def __str__(self) -> str:
        return self.subject


class Digest(models.TextChoices):
    IMMEDIATE = "immediate", _("each one at once")
    DAILY = "daily", _("a daily digest")
    WEEKLY = "weekly", _("a weekly digest")
    NEVER = "never", _("no email, only in the app")


class Preference(models.Model):
    """How often an employee wants email about their notices."""

    employee = models.OneToOneField(
        "accounts.Employee", on_delete=models.CASCADE, related_name="notice_preference"
    )
    digest = models.CharField(
        _("email"), max_length=10, choices=Digest.choices, default=Digest.DAILY
    )
    last_digest_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")

    def __str__(self) -> str:
        return f"{self.employee_id}: {self.digest}"


class DigestRun(models.Model):
    """A digest run that is scheduled (one row per moment): the worker's daily chain.

    The run is a django-tasks task enqueued with ``run_after`` for the next
    digest hour; when it has run it schedules the next one.  The unique
    ``due_at`` makes sure one moment is enqueued once, however many notices
    ask for it (:func:`weakties.notifications.tasks.schedule_digest_run`).
    """

    due_at = models.DateTimeField(unique=True)
    task_id = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    ran_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-due_at"]

    def __str__(self) -> str:
        return self.due_at.isoformat()
