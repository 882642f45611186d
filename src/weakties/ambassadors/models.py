"""Invitation campaigns, targets, ambassador material and what employees shared (issue 10, parts 1 and 6).

Management *invites* colleagues to become ambassadors rather than ordering
them (seed 000): a :class:`Campaign` sends each employee in its scope one
:class:`Invitation` with a personal link, and at most one reminder. What the
employee does with it is recorded on the invitation (opened, declined) or
read from the people app (consent, imports), so the funnel needs no copy of
either. A :class:`Decline` is remembered per employee: nobody who said no is
asked again unless they come back themselves.

:class:`Target` lists the companies and sectors the organisation wants to
reach; departments with no path into any of them are the "white spots".
:class:`Post` is material to share on one's own channels, and :class:`Share`
records that an employee *says* they shared it (weakties never posts).
"""

from __future__ import annotations

from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _


class Campaign(models.Model):
    """One round of invitations: everyone, a department, or a list of addresses."""

    class Scope(models.TextChoices):
        ALL = "all", _("everyone")
        DEPARTMENT = "department", _("a department")
        EMAILS = "emails", _("a list of addresses")

    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="campaigns"
    )
    scope = models.CharField(_("who"), max_length=12, choices=Scope.choices)
    department = models.CharField(_("department"), max_length=200, blank=True)
    #: A few words from management: why this matters now (shown in the email and on the page).
    message = models.TextField(_("personal message"), blank=True)
    created_by = models.ForeignKey(
        "accounts.Employee",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("invited by"),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    #: When the one reminder went out (``None``: not yet).
    reminder_sent_at = models.DateTimeField(null=True, blank=True)
    #: The last failure of the mail server while sending, and how many tries it took.
    send_error = models.CharField(max_length=300, blank=True)
    send_attempts = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("invitation campaign")
        verbose_name_plural = _("invitation campaigns")

    def __str__(self) -> str:
        return f"{self.organisation} {self.created_at:%Y-%m-%d} ({self.scope})"


class Invitation(models.Model):
    """One employee invited by one campaign; the personal link names it (a signed token)."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="invitations")
    employee = models.ForeignKey(
        "accounts.Employee", on_delete=models.CASCADE, related_name="ambassador_invitations"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    #: The mail server refused the address (no such mailbox): not tried again.
    refused_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    #: First time the personal link was opened.
    opened_at = models.DateTimeField(null=True, blank=True)
    #: Consent given through the personal link (consent given elsewhere counts too).
    consented_at = models.DateTimeField(null=True, blank=True)
    declined_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "employee"], name="ambassadors_invitation_once"
            )
        ]
        indexes = [models.Index(fields=["employee", "campaign"], name="ambassadors_inv_employee")]

    def __str__(self) -> str:
        return f"campaign {self.campaign_id} → employee {self.employee_id}"


class Decline(models.Model):
    """An employee said no to becoming an ambassador: never asked again, until they come back."""

    employee = models.OneToOneField(
        "accounts.Employee", on_delete=models.CASCADE, related_name="ambassador_decline"
    )
    declined_at = models.DateTimeField()
    reason = models.CharField(_("reason"), max_length=500, blank=True)
    invitation = models.ForeignKey(
        Invitation, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("declined invitation")
        verbose_name_plural = _("declined invitations")

    def __str__(self) -> str:
        return f"employee {self.employee_id} declined"


class Target(models.Model):
    """A company or sector the organisation wants paths into (customers, candidates, partners)."""

    class Kind(models.TextChoices):
        COMPANY = "company", _("company")
        SECTOR = "sector", _("sector")

    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="ambassador_targets"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    #: As the admin wrote it ("Stripe, Inc.", "zorg").
    name = models.CharField(_("name"), max_length=300)
    #: ``resolve.company_key`` of a company, the sector key of a sector.
    key = models.CharField(max_length=300)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["kind", "name"]
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "kind", "key"], name="ambassadors_target_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.name}"


class Post(models.Model):
    """Material for ambassadors: a link and a suggested text in Dutch and English."""

    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="ambassador_posts"
    )
    title_nl = models.CharField(_("title (Dutch)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    link = models.URLField(_("link"), max_length=500)
    text_nl = models.TextField(_("suggested text (Dutch)"))
    text_en = models.TextField(_("suggested text (English)"), blank=True)
    published_by = models.ForeignKey(
        "accounts.Employee", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    published_at = models.DateTimeField(auto_now_add=True)
    archived_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-published_at", "-id"]
        verbose_name = _("ambassador post")
        verbose_name_plural = _("ambassador posts")

    def __str__(self) -> str:
        return self.title_nl

    @property
    def title(self) -> str:
        """The title in the active language (the other one when that is empty)."""
        return self._in_language(self.title_nl, self.title_en)

    @property
    def text(self) -> str:
        """The suggested text in the active language (the other one when that is empty)."""
        return self._in_language(self.text_nl, self.text_en)

    @staticmethod
    def _in_language(nl: str, en: str) -> str:
        if (translation.get_language() or "nl").startswith("en"):
            return en or nl
        return nl or en


class Share(models.Model):
    """The employee says they shared a post on their own channels (only then is it recorded)."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="shares")
    employee = models.ForeignKey(
        "accounts.Employee", on_delete=models.CASCADE, related_name="ambassador_shares"
    )
    shared_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("shared post")
        verbose_name_plural = _("shared posts")
        constraints = [
            models.UniqueConstraint(fields=["post", "employee"], name="ambassadors_share_once")
        ]

    def __str__(self) -> str:
        return f"employee {self.employee_id} shared post {self.post_id}"
