"""What an employee may read of their own forgotten contacts: how many each import gave.

For the owner only (their import page, their "my data" export): the rows of one employee,
counted per import of theirs that held the contact
(:class:`~weakties.minimisation.models.ForgottenSource`).  Nothing here names a contact: a
forgotten contact is a digest, and the owner sees counts, as on the import page today.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from weakties.accounts.models import Employee
from weakties.minimisation.models import ForgottenContact, ForgottenSource

__all__ = ["ForgottenFrom", "forgotten_by_import", "forgotten_per_import"]

#: Contacts whose ties no import held (added otherwise).
NOT_FROM_AN_IMPORT = _("not from an import")
#: Contacts forgotten before weakties kept which import they came from.
IMPORT_NOT_RECORDED = _("import not recorded")


@dataclass(frozen=True)
class ForgottenFrom:
    """``contacts`` of the employee's forgotten contacts came from import ``batch_id``."""

    batch_id: int | None
    file_name: str
    imported_at: dt.datetime | None
    contacts: int
    label: str | Promise = ""

    def as_row(self) -> dict[str, object]:
        """For an export: flat, the label in the active language."""
        return {
            "import": self.batch_id,
            "file_name": self.file_name or str(self.label),
            "imported_at": self.imported_at.isoformat() if self.imported_at else None,
            "forgotten_contacts": self.contacts,
        }


def forgotten_by_import(*, employee: Employee) -> list[ForgottenFrom]:
    """The employee's forgotten contacts counted per import of theirs, oldest import first.

    A contact that two imports held counts for both, so the counts may add up to more
    than :func:`~weakties.minimisation.services.forget.forgotten_count`.  Then, when there
    are any: those no import held, and those whose import was not recorded.
    """
    per_import = (
        ForgottenSource.objects.filter(forgotten__employee=employee, batch__owner=employee)
        .values("batch_id", "batch__file_name", "batch__created_at")
        .annotate(contacts=Count("forgotten_id", distinct=True))
        .order_by("batch__created_at", "batch_id")
    )
    rows = [
        ForgottenFrom(
            batch_id=row["batch_id"],
            file_name=row["batch__file_name"],
            imported_at=row["batch__created_at"],
            contacts=row["contacts"],
        )
        for row in per_import
    ]
    outside = ForgottenSource.objects.filter(forgotten__employee=employee, batch__isnull=True)
    sourced = ForgottenSource.objects.filter(forgotten=OuterRef("pk"))
    unknown = ForgottenContact.objects.filter(employee=employee).exclude(Exists(sourced))
    for count, label in (
        (outside.count(), NOT_FROM_AN_IMPORT),
        (unknown.count(), IMPORT_NOT_RECORDED),
    ):
        if count:
            rows.append(ForgottenFrom(None, "", None, count, label))
    return rows


def forgotten_per_import(*, employee: Employee) -> dict[int, int]:
    """``{import id: forgotten contacts}`` of the employee's own imports that gave any.

    :func:`forgotten_by_import` keyed by import, for the import pages and the export.
    """
    return {
        row.batch_id: row.contacts
        for row in forgotten_by_import(employee=employee)
        if row.batch_id is not None
    }
