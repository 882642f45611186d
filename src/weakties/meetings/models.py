"""Employer networks (seed 004): membership, meetings, help requests, matches, outcomes.

Membership of a federation is :attr:`accounts.Federation.members`; this app
adds how organisations get there (:class:`FederationInvitation`), who speaks
for them (:class:`Delegate`: representatives and coordinators), and the
meeting cycle: call → help requests → brief with matches → outcomes →
feedback → results.
"""

from __future__ import annotations

import datetime as dt
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class DelegateRole(models.TextChoices):
    REPRESENTATIVE = "representative", _("representative")
    COORDINATOR = "coordinator", _("coordinator")


class Delegate(models.Model):
    """An employee who speaks for their organisation in a federation, or runs it."""

    federation = models.ForeignKey(
        "accounts.Federation", on_delete=models.CASCADE, related_name="delegates"
    )
    employee = models.ForeignKey(
        "accounts.Employee", on_delete=models.CASCADE, related_name="delegations"
    )
    role = models.CharField(_("role"), max_length=20, choices=DelegateRole.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("delegate")
        verbose_name_plural = _("delegates")
        constraints = [
            models.UniqueConstraint(
                fields=["federation", "employee", "role"], name="delegate_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.employee} ({self.get_role_display()}, {self.federation})"


def _token() -> str:
    # A letter first: a token starting with "-" reads as an option on a command line.
    return "t" + secrets.token_urlsafe(24)


class FederationInvitation(models.Model):
    """An organisation is invited to join; a representative of it accepts or declines."""

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        ACCEPTED = "accepted", _("accepted")
        DECLINED = "declined", _("declined")

    federation = models.ForeignKey(
        "accounts.Federation", on_delete=models.CASCADE, related_name="invitations"
    )
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="federation_invitations"
    )
    token = models.CharField(max_length=64, unique=True, default=_token)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    created_at = models.DateTimeField(auto_now_add=True)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("federation invitation")
        verbose_name_plural = _("federation invitations")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.organisation} → {self.federation} ({self.status})"


class Meeting(models.Model):
    """A meeting of the federation; the call for help requests goes out ``call_days`` before."""

    federation = models.ForeignKey(
        "accounts.Federation", on_delete=models.CASCADE, related_name="meetings"
    )
    date = models.DateField(_("date"))
    start_time = models.TimeField(_("starts at"), default=dt.time(14, 0))
    end_time = models.TimeField(_("ends at"), default=dt.time(17, 0))
    place = models.CharField(_("place"), max_length=300, blank=True)
    host = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="hosted_meetings",
        verbose_name=_("host organisation"),
    )
    agenda = models.TextField(_("agenda"), blank=True)
    call_days = models.PositiveSmallIntegerField(
        _("call for help requests, days before"), default=14
    )
    #: Last day help requests are taken for this meeting.
    deadline = models.DateField(_("deadline for help requests"))
    #: The reminder goes out this many days before the deadline.
    reminder_days = models.PositiveSmallIntegerField(
        _("reminder, days before the deadline"), default=3
    )
    #: Raised when date, time or place change, so calendars update the same event.
    sequence = models.PositiveIntegerField(default=0)
    call_task_id = models.CharField(max_length=64, blank=True)
    reminder_task_id = models.CharField(max_length=64, blank=True)
    call_sent_at = models.DateTimeField(null=True, blank=True)
    reminder_sent_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-date"]

    def __str__(self) -> str:
        return f"{self.federation} {self.date:%Y-%m-%d}"

    @property
    def starts_at(self):
        return timezone.make_aware(dt.datetime.combine(self.date, self.start_time))

    @property
    def ends_at(self):
        return timezone.make_aware(dt.datetime.combine(self.date, self.end_time))

    @property
    def call_at(self):
        """When the call for help requests goes out: 09:00 on date − call_days."""
        day = self.date - dt.timedelta(days=self.call_days)
        return timezone.make_aware(dt.datetime.combine(day, dt.time(9, 0)))

    @property
    def reminder_at(self):
        day = self.deadline - dt.timedelta(days=self.reminder_days)
        return timezone.make_aware(dt.datetime.combine(day, dt.time(9, 0)))

    @property
    def is_open_for_requests(self) -> bool:
        return timezone.localdate() <= self.deadline


class CallDelivery(models.Model):
    """One email of the meeting cycle sent to one employee; a task re-run skips it."""

    class Kind(models.TextChoices):
        CALL = "call", _("call for help requests")
        REMINDER = "reminder", _("reminder")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="deliveries")
    employee = models.ForeignKey(
        "accounts.Employee", on_delete=models.CASCADE, related_name="meeting_deliveries"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["meeting", "employee", "kind"], name="delivery_unique")
        ]

    def __str__(self) -> str:
        return f"{self.kind} → {self.employee_id} ({self.meeting_id})"


class MailJob(models.Model):
    """One queued sending of the meeting cycle and how it went: what the meeting page shows.

    A task records here what it did (sent, retrying after a mail error,
    failed after its last try), so a mail server that is down never fails
    silently: the coordinator sees the real state of every queued mail.  One
    row per meeting, kind and help request (none for the call and the
    reminder); a new sending of the same kind updates it.
    """

    class Kind(models.TextChoices):
        CALL = "call", _("call for help requests")
        REMINDER = "reminder", _("reminder")
        FEEDBACK = "feedback", _("feedback to the requester")
        CONTACTS = "contacts", _("questions to colleagues about their contacts")

    class Status(models.TextChoices):
        QUEUED = "queued", _("queued")
        SENT = "sent", _("sent")
        RETRYING = "retrying", _("sending failed, will be retried")
        FAILED = "failed", _("failed")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="mail_jobs")
    request = models.ForeignKey(
        "HelpRequest", on_delete=models.CASCADE, null=True, blank=True, related_name="mail_jobs"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    #: Tries so far (the first send is try 1).
    attempts = models.PositiveSmallIntegerField(default=0)
    #: Emails sent, and addresses the mail server refused, over every try.
    sent = models.PositiveIntegerField(default=0)
    refused = models.PositiveIntegerField(default=0)
    #: The last mail error, as the mail server or the network gave it.
    error = models.TextField(blank=True)
    #: Queued: when it is due.  Retrying: when the next try is.
    due_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["meeting", "kind", "request", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "kind", "request"], name="mail_job_unique_request"
            ),
            models.UniqueConstraint(
                fields=["meeting", "kind"],
                condition=models.Q(request__isnull=True),
                name="mail_job_unique_meeting",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} of meeting {self.meeting_id}: {self.status}"


class RequestKind(models.TextChoices):
    CANDIDATE = "candidate", _("career candidate")
    SURPLUS = "surplus", _("surplus staff")
    VACANCY = "vacancy", _("vacancy")
    WORK_EXPERIENCE = "work-experience", _("work-experience place")
    CHANGE = "change", _("organisation change")
    QUESTION = "question", _("question")


class Outcome(models.TextChoices):
    INTRODUCTION = "introduction", _("introduction arranged")
    CONVERSATION = "conversation", _("conversation planned")
    MATCH = "match", _("match")
    NO_MATCH = "no-match", _("no match")


class HelpRequest(models.Model):
    """What a colleague asks the network for: a candidate, surplus staff, a vacancy, ..."""

    class Source(models.TextChoices):
        WEB = "web", _("web")
        CLI = "cli", _("command line")
        IMPORT = "import", _("imported sheet")
        API = "api", _("API")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="requests")
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="help_requests"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=RequestKind.choices)
    title = models.CharField(_("title"), max_length=300)
    text = models.TextField(_("description"), blank=True)
    skills = models.JSONField(_("skills"), default=list, blank=True)
    region = models.CharField(_("region"), max_length=200, blank=True)
    level = models.CharField(_("level"), max_length=100, blank=True)
    count = models.PositiveIntegerField(_("number of people"), default=1)
    #: Surplus: when they become surplus.  Vacancy: when it opens (empty: now).
    date = models.DateField(_("date"), null=True, blank=True)
    #: An expected vacancy: in this many months.
    months_ahead = models.PositiveSmallIntegerField(_("expected in months"), null=True, blank=True)
    requester = models.ForeignKey(
        "accounts.Employee",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="help_requests",
        verbose_name=_("requester"),
    )
    #: Where feedback goes (the requester's work email, or a contact named in a sheet).
    requester_email = models.EmailField(_("requester's email"), blank=True)
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.WEB)
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices, blank=True)
    outcome_note = models.TextField(_("what happened"), blank=True)
    next_step = models.TextField(_("next step"), blank=True)
    outcome_at = models.DateTimeField(null=True, blank=True)
    outcome_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    feedback_sent_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("help request")
        verbose_name_plural = _("help requests")
        ordering = ["kind", "organisation__name", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.title}"

    @property
    def effective_date(self):
        """The date matching uses: ``date``, or the meeting date + ``months_ahead``."""
        if self.date:
            return self.date
        if self.months_ahead:
            return add_months(self.meeting.date, self.months_ahead)
        return None


def add_months(day, months: int):
    import calendar

    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


class Stage(models.TextChoices):
    PROPOSED = "proposed", _("proposed")
    CONTACTED = "contacted", _("contacted")
    TALKING = "talking", _("talking")
    PLACED = "placed", _("placed")
    CLOSED = "closed", _("closed")


class Match(models.Model):
    """A proposed pairing of supply (candidate, surplus) with demand (vacancy, work experience)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="matches")
    supply = models.ForeignKey(HelpRequest, on_delete=models.CASCADE, related_name="as_supply")
    demand = models.ForeignKey(HelpRequest, on_delete=models.CASCADE, related_name="as_demand")
    score = models.FloatField(_("score"))
    why = models.TextField(_("why"), blank=True)
    reasons = models.JSONField(default=list, blank=True)
    stage = models.CharField(
        _("stage"), max_length=10, choices=Stage.choices, default=Stage.PROPOSED
    )
    #: People placed through this match (a surplus group may place several).
    placed = models.PositiveIntegerField(_("people placed"), default=0)
    proposed_at = models.DateTimeField(default=timezone.now)
    stage_changed_at = models.DateTimeField(default=timezone.now)
    placed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("match")
        verbose_name_plural = _("matches")
        ordering = ["-score", "id"]
        constraints = [models.UniqueConstraint(fields=["supply", "demand"], name="match_unique")]

    def __str__(self) -> str:
        return f"{self.supply.title} ↔ {self.demand.title} ({self.stage})"


class ContactSuggestion(models.Model):
    """ "Is this something for your contact?": a vacancy and an employee's second-degree contact.

    Only the employee is asked; nothing ever goes to the contact (DESIGN.md).
    """

    class Answer(models.TextChoices):
        OPEN = "", _("no answer yet")
        YES = "yes", _("yes, I will pass it on")
        NO = "no", _("no")

    demand = models.ForeignKey(
        HelpRequest, on_delete=models.CASCADE, related_name="contact_suggestions"
    )
    employee = models.ForeignKey(
        "accounts.Employee", on_delete=models.CASCADE, related_name="contact_suggestions"
    )
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="+")
    score = models.FloatField()
    #: The English explanation when it was found; ``reasons`` says it again in any language.
    why = models.TextField(blank=True)
    #: The matcher's reasons as data (code, score, English message template, values).
    reasons = models.JSONField(default=list, blank=True)
    token = models.CharField(max_length=64, unique=True, default=_token)
    asked_at = models.DateTimeField(null=True, blank=True)
    answer = models.CharField(max_length=3, choices=Answer.choices, blank=True, default="")
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-score", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["demand", "employee", "person"], name="contact_suggestion_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.demand_id}: {self.employee_id} knows {self.person_id}"

    @property
    def why_display(self) -> str:
        """Why this contact may fit, in the active language.

        Said again from the stored reasons; a suggestion stored before its reasons
        were kept (issue 11) shows its English ``why``."""
        if not self.reasons:
            return self.why
        from django.utils.translation import gettext

        from weakties.matching import Reason, explain

        reasons = [
            Reason(r["code"], r["score"], r["message"], r.get("params", {})) for r in self.reasons
        ]
        return explain(reasons, translate=gettext) or self.why


class PublicResults(models.Model):
    """The federation's results page is public, at an address nobody can guess (issue 12).

    A row exists only while the coordinator has switched the page on; switching
    it off deletes the row, so a link shared before stops working and switching
    it on again gives a new address.
    """

    federation = models.OneToOneField(
        "accounts.Federation", on_delete=models.CASCADE, related_name="public_results"
    )
    token = models.CharField(max_length=64, unique=True, default=_token)
    switched_on_at = models.DateTimeField(default=timezone.now)
    switched_on_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("public results page")
        verbose_name_plural = _("public results pages")

    def __str__(self) -> str:
        return f"{self.federation_id}: public"


class NetworkSharing(models.Model):
    """An opt-in to let the employer network use a network (issue 12 §6).

    The consent an employee gives when they share their network covers their
    colleagues only. Suggesting their contacts for another member
    organisation's vacancy needs two more opt-ins: the employee's own
    (``employee`` set) and their organisation's, given by one of its admins
    (``employee`` empty). A withdrawal keeps the row, with ``withdrawn_at``.
    """

    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="network_sharing"
    )
    employee = models.ForeignKey(
        "accounts.Employee",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="network_sharing",
    )
    given_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    via = models.CharField(max_length=10)
    given_at = models.DateTimeField(default=timezone.now)
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["organisation", "employee", "-given_at"]
        indexes = [models.Index(fields=["organisation", "employee", "withdrawn_at"])]

    def __str__(self) -> str:
        who = f"employee {self.employee_id}" if self.employee_id else "the organisation"
        state = "withdrawn" if self.withdrawn_at else "active"
        return f"network sharing of {who} of {self.organisation_id}: {state}"
