"""What minimisation remembers: flagged imports, forgotten contacts (as digests), the weekly run."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class RetentionFlag(models.Model):
    """An import that reached its retention age: its owner was told, and when it goes.

    One row per import, so the owner is told once; the import is removed at
    ``remove_after`` by the weekly run (:mod:`weakties.minimisation.services.retention`).
    A newer import of the same file (another checksum) is a new batch with its own age.
    """

    batch = models.OneToOneField(
        "people.ImportBatch", on_delete=models.CASCADE, related_name="retention_flag"
    )
    flagged_at = models.DateTimeField()
    remove_after = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = _("import due for removal")
        verbose_name_plural = _("imports due for removal")

    def __str__(self) -> str:
        return f"import {self.batch_id}: removed after {self.remove_after:%Y-%m-%d}"


class ForgottenContact(models.Model):
    """A contact compared and forgotten (Belgian DPA 25/2020): a digest and nothing else.

    ``digest`` is the one-way digest of the contact's strongest identifier as
    :class:`~weakties.people.models.PersonIdentifier` keeps it (LinkedIn URL,
    else email; a contact with neither: of their name and company key).  The
    rows of an employee are their count of forgotten contacts; the digest keeps
    the count right when the same contact is imported and forgotten again.

    ``email_digest``: when ``digest`` is of a LinkedIn URL and the contact had an
    address too (on the employee's own tie, i.e. the same import line, else on the
    person), the digest of that address.  A privacy request that gives the address
    alone then finds the row (:func:`weakties.privacy.services.subjects.forgotten_of`);
    without it only the LinkedIn URL would.  One more digest of the same contact,
    no plain value.

    Which imports it came from: :class:`ForgottenSource`.  A row without any
    source was forgotten before that was kept; its import cannot be told.
    """

    employee = models.ForeignKey(
        "accounts.Employee", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    digest = models.CharField(max_length=64)
    email_digest = models.CharField(max_length=64, blank=True, default="", db_index=True)
    forgotten_at = models.DateTimeField()

    class Meta:
        verbose_name = _("forgotten contact")
        verbose_name_plural = _("forgotten contacts")
        constraints = [
            models.UniqueConstraint(fields=["employee", "digest"], name="forgotten_once")
        ]

    def __str__(self) -> str:
        return f"employee {self.employee_id}: {self.digest[:8]}…"


class ForgottenSource(models.Model):
    """An import a forgotten contact came from, or none: ``batch`` empty.

    Compare and forget deletes a tie and keeps a digest; the tie's
    :class:`~weakties.people.models.TieProvenance` says which of the employee's
    imports held it, and each of them is a source of the digest.  Removing an
    import (:func:`weakties.minimisation.services.retention.import_remove`) removes
    the digests that only it held, as it removes the ties that only it held; a
    digest another import still holds stays.  A tie that no import holds (added
    otherwise) gives one source without an import: no removal of an import takes
    that digest.  The same contact forgotten again from a newer import gets that
    import as another source, so the count stays right whichever import goes first.
    """

    forgotten = models.ForeignKey(
        ForgottenContact, on_delete=models.CASCADE, related_name="sources", db_index=False
    )
    # No reverse accessor on ImportBatch: people does not know about minimisation.
    batch = models.ForeignKey(
        "people.ImportBatch", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("source of a forgotten contact")
        verbose_name_plural = _("sources of forgotten contacts")
        constraints = [
            # Also serves the lookups by forgotten contact (no separate index).
            models.UniqueConstraint(fields=["forgotten", "batch"], name="forgotten_source_once"),
            # NULLs are distinct in the constraint above: one source without an import.
            models.UniqueConstraint(
                fields=["forgotten"],
                condition=models.Q(batch__isnull=True),
                name="forgotten_outside_imports_once",
            ),
        ]

    def __str__(self) -> str:
        return f"forgotten {self.forgotten_id}: import {self.batch_id or '—'}"


class MinimisationRun(models.Model):
    """A weekly run that is scheduled (one row per moment): the worker's weekly chain.

    The run is a django-tasks task enqueued with ``run_after``; when it has run
    it schedules the next one.  The unique ``due_at`` keeps one moment to one
    task (:func:`weakties.minimisation.tasks.schedule_minimisation_run`).
    """

    due_at = models.DateTimeField(unique=True)
    task_id = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    ran_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-due_at"]

    def __str__(self) -> str:
        return self.due_at.isoformat()
