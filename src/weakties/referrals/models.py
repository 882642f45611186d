"""Vacancies, the contacts who may fit them, and the referrals that come in (issue 10, part 3).

"Is this something for your contact?" (seed ``003``): a recruiter enters a
:class:`Vacancy`; the matching engine and the purpose-aware tie ranking find
contacts in consenting colleagues' networks who may fit it (a
:class:`Suggestion` each); the colleagues who know them are asked (an
:class:`Ask` per colleague and vacancy) and forward the vacancy with a
personal link; a candidate who applies through that link becomes a
:class:`Referral`, which the recruiter moves through the pipeline.

Privacy (DESIGN.md): a suggestion points at the tie, so it goes when the tie
goes (a withdrawn consent, an erasure); it never copies the contact's email
or phone.  A referral holds what the candidate typed in themselves, shown to
the organisation's recruiters and admins only; the referrer sees its stage.
"""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class VacancyStatus(models.TextChoices):
    OPEN = "open", _("open")
    CLOSED = "closed", _("closed")


class Vacancy(models.Model):
    """A job the organisation wants to fill through its colleagues' networks."""

    class Source(models.TextChoices):
        WEB = "web", _("form")
        IMPORT = "import", _("import")
        API = "api", _("API")
        CLI = "cli", _("command line")

    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="vacancies"
    )
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    location = models.CharField(_("location"), max_length=200, blank=True)
    level = models.CharField(_("level"), max_length=100, blank=True)
    closes_on = models.DateField(_("closes on"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=VacancyStatus.choices, default=VacancyStatus.OPEN
    )
    created_by = models.ForeignKey(
        "accounts.Employee",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="vacancies_created",
    )
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.WEB)
    #: When the candidates were last looked for (``None``: never).
    candidates_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("vacancy")
        verbose_name_plural = _("vacancies")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["organisation", "status"], name="vacancy_org_status")]

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        """Open, and not past its closing date."""
        return self.status == VacancyStatus.OPEN and (
            self.closes_on is None or self.closes_on >= timezone.localdate()
        )


class Suggestion(models.Model):
    """A colleague's contact who may fit a vacancy, found by :mod:`.services.candidates`.

    ``score`` is ``match`` × the fit of the tie's strength for ``purpose``;
    ``strength`` and ``tier`` are the tie's.  The reasons are said when the
    suggestion is shown, in the reader's language.
    """

    vacancy = models.ForeignKey(Vacancy, on_delete=models.CASCADE, related_name="suggestions")
    tie = models.ForeignKey("people.Tie", on_delete=models.CASCADE, related_name="+")
    employee = models.ForeignKey("accounts.Employee", on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="+")
    rank = models.PositiveIntegerField()
    score = models.FloatField()
    #: How well the contact's position fits the vacancy, in [0, 1] (the matching engine's score).
    match = models.FloatField()
    strength = models.FloatField()
    tier = models.CharField(max_length=10, blank=True)
    purpose = models.CharField(max_length=10, default="job")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["vacancy", "rank"]
        constraints = [
            models.UniqueConstraint(fields=["vacancy", "person"], name="suggestion_once_per_person")
        ]
        indexes = [models.Index(fields=["employee", "vacancy"], name="suggestion_employee")]

    def __str__(self) -> str:
        return f"vacancy {self.vacancy_id}: person {self.person_id} via {self.employee_id}"


class Ask(models.Model):
    """A colleague was asked "is this something for your contact?" about a vacancy."""

    vacancy = models.ForeignKey(Vacancy, on_delete=models.CASCADE, related_name="asks")
    employee = models.ForeignKey("accounts.Employee", on_delete=models.CASCADE, related_name="+")
    asked_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["vacancy", "employee"], name="ask_once_per_vacancy")
        ]
        indexes = [models.Index(fields=["employee", "asked_at"], name="ask_employee_time")]

    def __str__(self) -> str:
        return f"{self.employee_id} asked about {self.vacancy_id}"


class Stage(models.TextChoices):
    REFERRED = "referred", _("referred")
    CONTACTED = "contacted", _("contacted")
    INTERVIEW = "interview", _("interview")
    OFFER = "offer", _("offer")
    HIRED = "hired", _("hired")
    NOT_HIRED = "not_hired", _("not hired")


#: The pipeline in order, as stage values; the last two end it.  (``str()`` of a choice is
#: its value.)
PIPELINE: tuple[str, ...] = tuple(
    str(stage)
    for stage in (
        Stage.REFERRED,
        Stage.CONTACTED,
        Stage.INTERVIEW,
        Stage.OFFER,
        Stage.HIRED,
        Stage.NOT_HIRED,
    )
)


class Referral(models.Model):
    """A candidate who applied through a colleague's referral link.

    ``tie`` links the referral to the referrer's tie to the candidate when
    there is one (:func:`~weakties.referrals.services.referrals.referral_tie`).
    The candidate's own name, email, LinkedIn URL and message are for the
    organisation's recruiters and admins only.  ``email_digest`` and
    ``linkedin_digest`` (SHA-256 of the normalised values) tell the same
    candidate again: the first referrer wins while the referral is valid.
    """

    vacancy = models.ForeignKey(Vacancy, on_delete=models.CASCADE, related_name="referrals")
    referrer = models.ForeignKey(
        "accounts.Employee",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="referrals_made",
    )
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("email"), max_length=254)
    linkedin_url = models.URLField(_("LinkedIn profile"), max_length=500, blank=True)
    message = models.TextField(_("message"), blank=True)
    email_digest = models.CharField(max_length=64, db_index=True)
    linkedin_digest = models.CharField(max_length=64, blank=True, db_index=True)
    stage = models.CharField(
        _("stage"), max_length=12, choices=Stage.choices, default=Stage.REFERRED
    )
    stage_changed_at = models.DateTimeField(default=timezone.now)
    valid_until = models.DateField()
    created_at = models.DateTimeField(default=timezone.now)
    #: The referrer's tie to the candidate, where the referrer has one (the candidate's email
    #: or LinkedIn profile is a known identifier of a person in the referrer's network): the
    #: referral is then an outcome of that tie, which ``weakties analyze --calibrate`` learns
    #: from.  It goes when the tie goes (a withdrawn consent, an erasure).
    tie = models.ForeignKey(
        "people.Tie",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="referrals",
    )

    class Meta:
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["vacancy", "stage"], name="referral_vacancy_stage")]

    def __str__(self) -> str:
        return f"referral {self.pk} for vacancy {self.vacancy_id}"

    @property
    def expired(self) -> bool:
        """Still only referred after its validity: it no longer holds the candidate."""
        return self.stage == Stage.REFERRED and self.valid_until < timezone.localdate()

    @property
    def closed(self) -> bool:
        return self.stage in (Stage.HIRED, Stage.NOT_HIRED)


def default_valid_months() -> int:
    """``WEAKTIES_REFERRAL_VALID_MONTHS`` (default 6): see :mod:`weakties.referrals.conf`."""
    from weakties.referrals.conf import valid_months

    return valid_months()


class ReferralSettings(models.Model):
    """An organisation's referral settings; without a row the defaults hold."""

    organisation = models.OneToOneField(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="referral_settings"
    )
    #: Per-department leaderboard of referrals and hires (never shares); off unless chosen.
    leaderboard = models.BooleanField(_("show the department leaderboard"), default=False)
    #: How long a referral holds its candidate for its referrer.
    valid_months = models.PositiveSmallIntegerField(
        _("a referral is valid for (months)"), default=default_valid_months
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("referral settings")
        verbose_name_plural = _("referral settings")

    def __str__(self) -> str:
        return f"referral settings of {self.organisation_id}"


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` plus ``months`` calendar months (the 31st becomes the month's last day)."""
    import calendar

    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))
