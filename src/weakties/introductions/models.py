"""Introduction requests with double opt-in (issue 10, part 2).

A colleague (the *requester*) asks another colleague (the *introducer*) to
introduce them to someone the introducer knows (the *person*, an external
contact, through the introducer's :class:`~weakties.people.models.Tie`).
The introducer decides: accept, decline or snooze. On accept weakties drafts
a message that the introducer edits and sends **from their own mailbox**;
weakties never writes to the contact (DESIGN.md). The requester records what
came of it.

The contact's email and phone are never copied here: they stay on the
introducer's tie, shown to the introducer alone.
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    REQUESTED = "requested", _("requested")
    ACCEPTED = "accepted", _("accepted")
    DECLINED = "declined", _("declined")
    SNOOZED = "snoozed", _("snoozed")
    INTRODUCED = "introduced", _("introduced")
    EXPIRED = "expired", _("expired")


#: Waiting for the introducer's answer: these expire, and count against the introducer's limit.
UNANSWERED = (Status.REQUESTED, Status.SNOOZED)
#: Still open: unanswered, or accepted and not sent yet.
OPEN = (Status.REQUESTED, Status.SNOOZED, Status.ACCEPTED)


class Outcome(models.TextChoices):
    MET = "met", _("we met")
    DEAL = "deal", _("a deal")
    HIRE = "hire", _("a hire")
    NOTHING = "nothing", _("nothing came of it")


class IntroductionRequest(models.Model):
    """One request of a colleague to be introduced to one of another colleague's contacts."""

    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    requester = models.ForeignKey(
        "accounts.Employee", on_delete=models.CASCADE, related_name="intro_requests_made"
    )
    introducer = models.ForeignKey(
        "accounts.Employee", on_delete=models.CASCADE, related_name="intro_requests_received"
    )
    #: The external contact.  Erasing the person erases the requests about them.
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="+")
    #: The introducer's tie to the person; gone when the introducer withdraws consent.
    tie = models.ForeignKey(
        "people.Tie", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reason = models.TextField(_("why you ask"))
    #: One or more concrete questions for the contact (seed 002, step 4).
    questions = models.JSONField(_("questions"), default=list)
    blurb = models.TextField(_("about you"), blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.REQUESTED
    )
    #: Seen by the requester and the introducer only.
    decline_reason = models.TextField(_("reason"), blank=True)
    snoozed_until = models.DateField(null=True, blank=True)
    #: The message the introducer edits and sends from their own mailbox.
    draft = models.TextField(_("message"), blank=True)
    draft_subject = models.CharField(_("subject"), max_length=200, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    answered_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome.choices, blank=True)
    outcome_at = models.DateTimeField(null=True, blank=True)
    #: When the requester was reminded to thank the introducer (once).
    thanks_reminded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("introduction request")
        verbose_name_plural = _("introduction requests")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["introducer", "status"], name="intro_introducer_status"),
            models.Index(fields=["requester", "created_at"], name="intro_requester_created"),
            models.Index(fields=["status", "expires_at"], name="intro_status_expires"),
        ]

    def __str__(self) -> str:
        return (
            f"introduction {self.pk}: {self.requester_id} → {self.introducer_id} → {self.person_id}"
        )

    @property
    def is_unanswered(self) -> bool:
        return self.status in UNANSWERED

    @property
    def question_list(self) -> list[str]:
        return [str(q) for q in self.questions or []]
