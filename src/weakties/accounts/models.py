"""Organisations, federations, employees, consent, API tokens and the audit log."""

from __future__ import annotations

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Federation(models.Model):
    """A network of employer organisations that meets regularly (seed 004)."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    members = models.ManyToManyField(
        "Organisation", related_name="federations", blank=True, verbose_name=_("members")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("federation")
        verbose_name_plural = _("federations")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Organisation(models.Model):
    name = models.CharField(_("name"), max_length=200, unique=True)
    domain = models.CharField(_("email domain"), max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # The job ranking's peak over mutual connections at the last analysis (Rajkumar et al.
    # 2022, scaled to how complete the data is): read with the organisation on every job
    # search instead of out of the run's figures (issue 9). None: not analysed since it existed.
    mutual_peak = models.FloatField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    EMPLOYEE = "employee", _("employee")
    RECRUITER = "recruiter", _("recruiter")
    SALES = "sales", _("sales")
    ADMIN = "admin", _("admin")
    REPRESENTATIVE = "representative", _("representative")
    COORDINATOR = "coordinator", _("coordinator")


class Employee(models.Model):
    """A :class:`~weakties.people.models.Person` working at an :class:`Organisation`."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="employees"
    )
    person = models.OneToOneField(
        "people.Person", on_delete=models.PROTECT, related_name="employee"
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="employee",
    )
    email = models.EmailField(_("work email"), max_length=254)
    first_name = models.CharField(_("first name"), max_length=150, blank=True)
    last_name = models.CharField(_("last name"), max_length=150, blank=True)
    department = models.CharField(_("department"), max_length=200, blank=True)
    job_title = models.CharField(_("job title"), max_length=200, blank=True)
    location = models.CharField(_("location"), max_length=200, blank=True)
    manager = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="reports"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.EMPLOYEE)
    active = models.BooleanField(_("active"), default=True)
    language = models.CharField(
        _("language"),
        max_length=8,
        blank=True,
        choices=settings.LANGUAGES,
        help_text=_("Pages and emails in this language; empty: the site's default."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("employee")
        verbose_name_plural = _("employees")
        ordering = ["last_name", "first_name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "email"], name="employee_email_per_org")
        ]

    def __str__(self) -> str:
        return self.full_name or self.email

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.first_name, self.last_name) if p)

    @property
    def is_admin(self) -> bool:
        return self.role == Role.ADMIN

    def has_consent(self) -> bool:
        return self.consents.filter(withdrawn_at__isnull=True).exists()


class Consent(models.Model):
    """The employee agreed to share their network with the organisation.

    The network counts only while a consent without ``withdrawn_at`` exists;
    withdrawing removes the network (``services.consent.withdraw``).
    """

    class Via(models.TextChoices):
        CLI = "cli", _("command line")
        WEB = "web", _("web")
        API = "api", _("API")

    employee = models.ForeignKey(Employee, on_delete=models.CASCADE, related_name="consents")
    given_at = models.DateTimeField(default=timezone.now)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    via = models.CharField(max_length=10, choices=Via.choices)

    class Meta:
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        ordering = ["-given_at"]

    def __str__(self) -> str:
        return f"consent of {self.employee_id} ({'withdrawn' if self.withdrawn_at else 'active'})"


class ApiToken(models.Model):
    """A bearer token for the REST API.  Only a hash of the key is stored."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(max_length=100, blank=True)
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"token {self.name!r} of user {self.user_id}"

    @staticmethod
    def hash(key: str) -> str:
        return hashlib.sha256(key.encode()).hexdigest()

    @classmethod
    def issue(cls, user, name: str = "") -> tuple[ApiToken, str]:
        key = "wt_" + secrets.token_urlsafe(32)
        return cls.objects.create(user=user, name=name, key_hash=cls.hash(key)), key


class AuditEvent(models.Model):
    """Who looked for whom, and who changed what (DESIGN.md: searches are audited)."""

    at = models.DateTimeField(default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    actor_label = models.CharField(max_length=254, blank=True)
    action = models.CharField(max_length=50)
    detail = models.JSONField(default=dict)
    #: Whose log holds the event: the acting employee's organisation, else the one the event
    #: names (``detail.organisation``); empty for system events. Written by
    #: :func:`~weakties.accounts.services.audit.audit`; the admin's log reads by it.
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,  # the index below starts with it
    )

    class Meta:
        ordering = ["-at"]
        indexes = [
            # /audit/: one organisation's events, newest first, paged (auditlog.selectors).
            models.Index(fields=["organisation", "-at", "-id"], name="audit_org_at"),
        ]

    def __str__(self) -> str:
        return f"{self.action} by {self.actor_label or self.actor_id}"
