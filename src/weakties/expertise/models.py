"""What colleagues know and want: the profile the expertise finder searches (issue 10, part 5).

The plans app (step 3, "set my focus topics") and the introductions app (the
requester's blurb, prefilled) read it; only its owner edits it.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Profile(models.Model):
    """An employee's skills, focus topics (what contacts should send their way) and blurb."""

    employee = models.OneToOneField(
        "accounts.Employee", on_delete=models.CASCADE, related_name="profile"
    )
    skills = models.TextField(_("skills"), blank=True, help_text=_("One per line or comma."))
    focus_topics = models.TextField(
        _("focus topics"),
        blank=True,
        help_text=_("What your contacts should send your way; one per line or comma."),
    )
    blurb = models.TextField(
        _("about me"),
        blank=True,
        max_length=600,
        help_text=_("A short introduction of yourself that an introducer can forward."),
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("profile")
        verbose_name_plural = _("profiles")

    def __str__(self) -> str:
        return str(self.employee_id)

    @staticmethod
    def split(text: str) -> list[str]:
        """The entries of a skills or focus-topics field (comma or newline separated)."""
        return [p.strip() for p in text.replace("\n", ",").split(",") if p.strip()]


# -- the expertise finder's indexes -------------------------------------------------------------


class ProfileTerm(models.Model):
    """One search term of an employee: the expertise finder's inverted index.

    Each skill, focus topic, the job title and the department give their
    terms (:func:`weakties.matching.text.terms`: Dutch or English Snowball
    stems and the parts of Dutch compounds) and their concepts (the
    occupation a title names and the canonical skill, ``occ:``/``skill:``
    prefixed, from :mod:`weakties.matching.taxonomy` and
    :mod:`weakties.matching.skills`), so "datawetenschapper" finds a "data
    scientist".  ``label`` keeps the words as the employee wrote them, for
    the reason shown ("skill: data engineering").  Kept true by
    :mod:`weakties.expertise.services.index`.
    """

    class Field(models.TextChoices):
        SKILL = "skill", _("skill")
        FOCUS = "focus", _("focus topic")
        TITLE = "title", _("job title")
        DEPARTMENT = "department", _("department")

    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    employee = models.ForeignKey(
        "accounts.Employee", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    term = models.CharField(max_length=120)
    field = models.CharField(max_length=12, choices=Field.choices)
    label = models.CharField(max_length=200)

    class Meta:
        indexes = [
            # covering: a search reads the holders of its terms from the index alone
            models.Index(
                fields=["organisation", "term", "employee", "field"], name="expertise_term_lookup"
            ),
            models.Index(fields=["employee"], name="expertise_term_employee"),
        ]

    def __str__(self) -> str:
        return f"{self.employee_id}: {self.term} ({self.field})"


class CompanyReach(models.Model):
    """How many people an employee knows at a company: "knows 12 people at ASML".

    Counted from :class:`~weakties.people.models.TieRank` (sharing employees'
    ties, colleagues left out) by :mod:`weakties.expertise.services.index`,
    so that "who knows people at X" reads one short index range best first
    instead of every tie at X (tens of thousands at the largest companies).
    Searches check again that the employee shares now.
    """

    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    employee = models.ForeignKey(
        "accounts.Employee", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    company = models.ForeignKey(
        "people.Company", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    people = models.PositiveIntegerField()

    class Meta:
        indexes = [
            models.Index(
                fields=["company", "organisation", "people", "employee"],
                name="expertise_reach_company",
            )
        ]
        constraints = [
            models.UniqueConstraint(fields=["employee", "company"], name="expertise_reach_once")
        ]

    def __str__(self) -> str:
        return f"{self.employee_id} knows {self.people} at {self.company_id}"


class GroupReach(models.Model):
    """How many people an employee knows in a sector or a region (of their contacts' companies)."""

    class Kind(models.TextChoices):
        SECTOR = "sector", _("sector")
        REGION = "region", _("region")

    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    employee = models.ForeignKey(
        "accounts.Employee", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    kind = models.CharField(max_length=8, choices=Kind.choices)
    group = models.CharField(max_length=60)
    people = models.PositiveIntegerField()

    class Meta:
        indexes = [
            models.Index(
                fields=["organisation", "kind", "group", "people", "employee"],
                name="expertise_reach_group",
            )
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["employee", "kind", "group"], name="expertise_group_reach_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.employee_id} knows {self.people} in {self.kind} {self.group}"


class IndexState(models.Model):
    """When the finder's indexes of an organisation were built in full (``None``: not yet).

    While they are first built, chunk by chunk in short transactions
    (:func:`weakties.expertise.services.index.index_ensure`), ``terms_through``
    and ``reach_through`` hold the last employee id whose rows are written:
    the next chunk (of whichever process comes) starts after it.  On a built
    index they are the rebuild pass under way.  ``moved_at`` and ``moved_by``
    say when and by which process a chunk last committed, so that a pass whose
    process died is continued (:func:`~weakties.expertise.services.index.index_resume`).
    Every writer of an organisation's index rows holds this row's lock
    (PostgreSQL) until it commits: two never write an employee's rows at once.
    """

    organisation = models.OneToOneField(
        "accounts.Organisation", on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    terms_built_at = models.DateTimeField(null=True, blank=True)
    reach_built_at = models.DateTimeField(null=True, blank=True)
    #: Active employees when the terms were built: the N of the terms' idf.
    employees = models.PositiveIntegerField(default=0)
    #: Building (``*_built_at`` still ``None``): the employees up to this id are indexed.
    terms_through = models.BigIntegerField(default=0)
    reach_through = models.BigIntegerField(default=0)
    #: When a chunk of the build or pass under way last committed (or it was taken up again).
    moved_at = models.DateTimeField(null=True, blank=True)
    #: Who wrote that chunk: ``"host pid"`` of the process.
    moved_by = models.CharField(max_length=200, blank=True)

    def __str__(self) -> str:
        return f"index of {self.organisation_id}"


# -- target lists -------------------------------------------------------------------------------


class TargetList(models.Model):
    """A sales or recruiting user's list of target companies or people (issue 10, part 5)."""

    class Purpose(models.TextChoices):
        SALES = "sales", _("sales: strong ties first")
        JOB = "job", _("recruiting: moderately weak ties first")
        INFO = "info", _("information: moderately weak ties first")

    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    owner = models.ForeignKey(
        "accounts.Employee", on_delete=models.CASCADE, related_name="target_lists"
    )
    name = models.CharField(_("name"), max_length=200)
    purpose = models.CharField(
        _("purpose"), max_length=8, choices=Purpose.choices, default=Purpose.SALES
    )
    #: Tell the owner when an import creates a path to one of the targets.
    watched = models.BooleanField(_("watch"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("target list")
        verbose_name_plural = _("target lists")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.name


class Target(models.Model):
    """One line of a target list: a company, or a person by their LinkedIn profile.

    A person is found by the digest of their normalised LinkedIn URL (as
    :class:`~weakties.people.models.PersonIdentifier` keeps it), now and after
    later imports; their name shows once someone in the organisation knows
    them (never from another organisation's imports).
    """

    class Kind(models.TextChoices):
        COMPANY = "company", _("company")
        PERSON = "person", _("person")

    target_list = models.ForeignKey(TargetList, on_delete=models.CASCADE, related_name="targets")
    line = models.PositiveIntegerField()
    kind = models.CharField(max_length=8, choices=Kind.choices)
    #: The company's name as given (a person: empty).
    name = models.CharField(max_length=300, blank=True)
    #: ``resolve.company_key`` of the name: finds the company after later imports too.
    key = models.CharField(max_length=300, blank=True, db_index=True)
    digest = models.CharField(max_length=64, blank=True, db_index=True)
    #: A person's LinkedIn URL as the owner gave it: shown to the owner alone, like the
    #: contact details on their ties (admins who see the list see the name only).
    url = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["line"]

    def __str__(self) -> str:
        return self.name or f"person {self.digest[:8]}"
