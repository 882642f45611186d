"""Resolved people and companies, the ties employees have to them, and imports.

Identifiers (LinkedIn URL, email) are stored only as digests in
:class:`PersonIdentifier`: they serve identity resolution and never show.
Contact details an employee imported stay on *their* :class:`Tie`, visible
to that employee alone.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Company(models.Model):
    name = models.CharField(_("name"), max_length=300)
    #: Normalised name (``resolve.company_key``): "Stripe, Inc." and "Stripe" share it.
    key = models.CharField(max_length=300, unique=True)
    domain = models.CharField(_("domain"), max_length=200, blank=True)
    aliases = models.JSONField(_("aliases"), default=list, blank=True)
    #: Sector key read from the name (``resolve.sector_of``); "" when unknown.
    sector = models.CharField(_("sector"), max_length=40, blank=True, db_default="")
    #: Metropolitan region named in the company's name (``resolve.region_of``).
    region = models.CharField(_("region"), max_length=60, blank=True, db_default="")

    class Meta:
        verbose_name = _("company")
        verbose_name_plural = _("companies")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Person(models.Model):
    """One real human, after identity resolution."""

    first_name = models.CharField(_("first name"), max_length=150, blank=True)
    last_name = models.CharField(_("last name"), max_length=150, blank=True)
    #: Normalised full name (``resolve.person_name_key``), for blocking.
    name_key = models.CharField(max_length=300, blank=True)
    #: The parts of :func:`weakties.resolve.parse_name` the resolver looks people up by:
    #: the given names, the family name without particles, and the key without spaces.
    #: An import reads only the people its file can match (``people.services.identity``)
    #: and the name frequencies from these columns, instead of every stored person.
    name_given = models.CharField(max_length=150, blank=True, db_default="")
    name_core = models.CharField(max_length=150, blank=True, db_default="")
    name_compact = models.CharField(max_length=300, blank=True, db_default="")
    company = models.ForeignKey(
        Company, on_delete=models.SET_NULL, null=True, blank=True, related_name="people"
    )
    position = models.CharField(_("position"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        indexes = [
            models.Index(fields=["name_compact"], name="person_name_compact"),
            models.Index(fields=["name_given"], name="person_name_given"),
            models.Index(fields=["name_core"], name="person_name_core"),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        """Keep the name keys in step with the name fields (bulk imports write them directly)."""
        self.fill_name_parts()
        super().save(*args, **kwargs)

    def fill_name_parts(self) -> Person:
        """Set the name keys from the name fields (for ``bulk_create``, which skips ``save``)."""
        from weakties.resolve.names import parse_name  # rapidfuzz: not at start-up

        parts = parse_name(self.first_name, self.last_name)
        self.name_key = parts.key[:300]
        self.name_given = parts.given[:150]
        self.name_core = parts.core[:150]
        self.name_compact = parts.compact[:300]
        return self

    @property
    def name(self) -> str:
        return " ".join(p for p in (self.first_name, self.last_name) if p)


class PersonIdentifier(models.Model):
    """A digest of a normalised identifier: two people never share one."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="identifiers")
    kind = models.CharField(max_length=20)
    digest = models.CharField(max_length=64)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kind", "digest"], name="identifier_unique")]

    def __str__(self) -> str:
        return f"{self.kind} digest of person {self.person_id}"


class Erasure(models.Model):
    """Tombstone of an erased person: the same identifiers are not imported again."""

    kind = models.CharField(max_length=20)
    digest = models.CharField(max_length=64)
    erased_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kind", "digest"], name="erasure_unique")]

    def __str__(self) -> str:
        return f"erased {self.kind} {self.digest[:8]}…"


class ImportBatch(models.Model):
    """One imported file: who, what, how it went, and per line what went wrong.

    ``errors`` holds, for a failed import, why nothing was imported; for a finished one, the
    warnings: lines read in part or left out (an unreadable date, an organisation card).
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("queued")
        RUNNING = "running", _("running")
        DONE = "done", _("done")
        FAILED = "failed", _("failed")
        WITHDRAWN = "withdrawn", _("withdrawn")

    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="imports"
    )
    owner = models.ForeignKey(
        "accounts.Employee",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="imports",
        help_text=_("The employee whose network the file holds; empty for a directory."),
    )
    file_name = models.CharField(max_length=255)
    checksum = models.CharField(max_length=64, db_index=True)
    format = models.CharField(max_length=20, blank=True)
    encoding = models.CharField(max_length=20, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    contacts = models.PositiveIntegerField(default=0)
    skipped = models.PositiveIntegerField(default=0)
    people_created = models.PositiveIntegerField(default=0)
    ties_created = models.PositiveIntegerField(default=0)
    ties_updated = models.PositiveIntegerField(default=0)
    errors = models.JSONField(default=list, blank=True)
    #: Where an uploaded file waits for the background worker.
    upload_path = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("import")
        verbose_name_plural = _("imports")

    def __str__(self) -> str:
        return f"{self.file_name} ({self.status})"


class Tie(models.Model):
    """An employee knows a person.  Contact details here belong to the owner."""

    # No separate index on employee: the unique (employee, person) index serves it.
    employee = models.ForeignKey(
        "accounts.Employee", on_delete=models.CASCADE, related_name="ties", db_index=False
    )
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="ties")
    #: Where the tie was seen: "linkedin", "google", "outlook", "vcard", ...
    sources = models.JSONField(default=list)
    connected_on = models.DateField(null=True, blank=True)
    email = models.CharField(max_length=254, blank=True)
    phone = models.CharField(max_length=100, blank=True)
    profile_url = models.CharField(max_length=500, blank=True)

    class Rating(models.TextChoices):
        WELL = "well", _("I know them well")
        SOMEWHAT = "somewhat", _("I know them somewhat")
        BARELY = "barely", _("I barely know them")

    #: The owner's own rating of the tie, where given.
    rating = models.CharField(
        _("how well"), max_length=10, choices=Rating.choices, blank=True, db_default=""
    )
    #: Messages and meetings seen in imported mail/calendar metadata, and the last one.
    # Database defaults: the importer's bulk writes leave these columns out.
    interactions = models.PositiveIntegerField(db_default=0)
    interactions_sent = models.PositiveIntegerField(db_default=0)
    last_interaction = models.DateField(null=True, blank=True)
    #: The owner's answers to introduction requests through this tie (issue 10): an accepted
    #: request is evidence of a working tie, a declined one of a weaker tie.
    intros_accepted = models.PositiveIntegerField(db_default=0)
    intros_declined = models.PositiveIntegerField(db_default=0)
    # Tie strength and tier live in :class:`TieRank` (``tie.measured``), rewritten by every
    # ``weakties analyze``: a narrow table is far cheaper to rewrite than this one.
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["employee", "person"], name="tie_unique")]

    def __str__(self) -> str:
        return f"employee {self.employee_id} knows person {self.person_id}"


class TieProvenance(models.Model):
    """Which import, which physical line, gave us this tie."""

    # No separate index on tie: the unique (tie, batch, line) index serves it.
    tie = models.ForeignKey(
        Tie, on_delete=models.CASCADE, related_name="provenance", db_index=False
    )
    batch = models.ForeignKey(ImportBatch, on_delete=models.CASCADE, related_name="provenance")
    line = models.PositiveIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["tie", "batch", "line"], name="provenance_unique")
        ]

    def __str__(self) -> str:
        return f"tie {self.tie_id}: batch {self.batch_id}, line {self.line}"


class InteractionSeen(models.Model):
    """A message or meeting already counted for an employee (its fingerprint only).

    Overlapping exports of one mailbox (Inbox and All Mail, last month's and
    this month's) hold the same messages; each is counted once.  Only a
    digest of kind, time and addresses is kept, never the message.
    """

    employee = models.ForeignKey(
        "accounts.Employee", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    key = models.CharField(max_length=40)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["employee", "key"], name="interaction_seen_once")
        ]

    def __str__(self) -> str:
        return f"{self.employee_id}: {self.key[:8]}"


class Title(models.Model):
    """A job title as people write it (lower-cased): what "who can introduce me to a role" matches.

    Titles are few next to people (many people share "Adviseur" or "Sales
    manager"), so a role search compares the role with every title, then reads
    the ties to people with the fitting titles through ``TieRank``'s title
    index (issue 9). Rows are added by :mod:`weakties.people.services.tie_ranks`
    as ties are ranked; a title is never changed or removed.
    """

    key = models.CharField(max_length=300, unique=True)

    class Meta:
        verbose_name = _("job title")
        verbose_name_plural = _("job titles")

    def __str__(self) -> str:
        return self.key


class TieRank(models.Model):
    """A sharing employee's tie as the hot searches rank it: "who can introduce me", "who knows".

    One row per tie of an active employee who consents to share their
    network, and no other (:mod:`weakties.people.services.tie_ranks` keeps it
    so on import, withdrawal, the directory import and erasure; the tie's
    deletion takes its row along).  It copies what the searches filter on —
    the employee's organisation, the person's company — next to the tie's
    strength and tier from the last ``weakties analyze`` (``NULL`` and ``""``
    until the tie is analysed; searches then use a provisional strength).

    Each search is one index range read best first and stopped after a page:
    ``(company, organisation, strength, tie)`` for a company,
    ``(person, organisation, strength, tie)`` for a person,
    ``(title, organisation, strength, tie)`` for a role and
    ``(employee, strength, tie)`` for an employee's own network; job leads
    and new information read ``(company | title, organisation, job_score,
    tie)`` best first (the job score is stored by the analysis), and an
    employee's own ties ``(employee, job_score, tie)``; a small
    partial index holds the rows whose person is a colleague (an employee of
    the same organisation), whom nobody needs introducing to.  The cost of
    a page does not grow with the organisation (issue 9; the plans are tested
    with ``EXPLAIN`` on both databases).
    """

    tie = models.OneToOneField(
        Tie, on_delete=models.CASCADE, primary_key=True, related_name="measured"
    )
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    company = models.ForeignKey(
        Company, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", db_index=False
    )
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+", db_index=False)
    employee = models.ForeignKey(
        "accounts.Employee", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    #: The person's job title (``NULL`` when unknown), for the role search.
    title = models.ForeignKey(
        Title, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", db_index=False
    )
    #: Strength in [0, 1] and tier from the last analysis.
    strength = models.FloatField(null=True, blank=True)
    tier = models.CharField(max_length=10, blank=True)
    #: Share of the strength model's weight the strength rests on (``weakties.network.strength``).
    evidence = models.FloatField(null=True, blank=True)
    #: People both ends know, as far as the data shows (``weakties.network.mutual``).
    mutual_connections = models.PositiveIntegerField(null=True, blank=True)
    #: How well the tie fits a job lead (Rajkumar et al. 2022, ``weakties.network.job_leads``).
    job_score = models.FloatField(null=True, blank=True)
    #: The person is an employee of the same organisation: a colleague, introduced by nobody.
    colleague = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("tie strength")
        verbose_name_plural = _("tie strengths")
        indexes = [
            # Small: only colleagues' rows, so a search subtracts them from its count at once.
            models.Index(
                fields=["company", "organisation"],
                condition=models.Q(colleague=True),
                name="tierank_colleagues",
            ),
            models.Index(
                fields=["company", "organisation", "strength", "tie"], name="tierank_company"
            ),
            models.Index(
                fields=["person", "organisation", "strength", "tie"], name="tierank_person"
            ),
            models.Index(fields=["employee", "strength", "tie"], name="tierank_employee"),
            models.Index(fields=["title", "organisation", "strength", "tie"], name="tierank_title"),
            # Job leads and new information, best first: one range read by the job score.
            models.Index(
                fields=["company", "organisation", "job_score", "tie"], name="tierank_company_job"
            ),
            models.Index(
                fields=["title", "organisation", "job_score", "tie"], name="tierank_title_job"
            ),
            # An employee's own contacts for job leads (the plan's "who can help"), best first.
            models.Index(fields=["employee", "job_score", "tie"], name="tierank_employee_job"),
        ]

    def __str__(self) -> str:
        return f"tie {self.tie_id}: {self.tier}"
