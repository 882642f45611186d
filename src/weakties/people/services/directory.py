"""Import the HR directory: the organisation's own employees.

Each row becomes an :class:`~weakties.accounts.models.Employee` with its own
resolved :class:`~weakties.people.models.Person` (so a colleague who turns
up in someone's LinkedIn export is the same person).  The file is the whole
directory: employees missing from it are marked inactive.  All or nothing.

Its transaction takes the import lock first
(:func:`~weakties.people.services.network_import.faults.lock_imports`), as a
network import's does: two directory imports at once (the command line and
the worker) run one after the other, the second seeing the first's employees
(none is created twice, no row is lost), and a network import whose index
stood on the directory as it was loads it again (its watermark moved).
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone

from weakties.accounts.models import Employee, Organisation
from weakties.core.messages import error_entry
from weakties.importers import ImportFileError, parse_bytes, read_file
from weakties.importers.records import Contact, DirectoryEntry
from weakties.people.models import ImportBatch, Person, PersonIdentifier
from weakties.people.services.identity import (
    CompanyCache,
    digest,
    erasure_digests,
    load_person_index,
)
from weakties.people.services.network_import.faults import lock_imports
from weakties.people.services.tie_ranks import (
    tie_ranks_add,
    tie_ranks_drop,
    tie_ranks_mark_colleagues,
)
from weakties.people.signals import directory_imported, send_after_commit, ties_removed
from weakties.resolve import PersonIndex, normalize_email

__all__ = ["DirectoryReport", "directory_import"]


@dataclass
class DirectoryReport:
    file: str
    format: str = "directory"
    employees: int = 0
    created: int = 0
    updated: int = 0
    deactivated: int = 0
    #: New rows left out: the address was erased on request (issue 12), so it stays out.
    erased: int = 0
    errors: list[dict[str, Any]] = field(default_factory=list)
    status: str = "done"

    @property
    def ok(self) -> bool:
        return self.status == "done"

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


FIELDS = ("first_name", "last_name", "department", "job_title", "location")


def directory_import(
    *, path: str | os.PathLike[str], organisation: Organisation, file_name: str | None = None
) -> DirectoryReport:
    name = file_name or Path(path).name
    report = DirectoryReport(file=name)
    try:
        data = read_file(path, file=name)
        parsed = parse_bytes(data, file=name, format="directory")
    except ImportFileError as exc:
        report.status = "failed"
        report.errors = [error_entry(exc.line, exc.message)]
        return report
    if parsed.errors:
        report.status = "failed"
        report.errors = [error_entry(e.line, e.message) for e in parsed.errors]
        return report
    entries: list[DirectoryEntry] = parsed.records
    report.employees = len(entries)
    with transaction.atomic():
        lock_imports()  # before anything is read: the employees as the other import left them
        batch = ImportBatch.objects.create(
            organisation=organisation,
            file_name=name,
            checksum=hashlib.sha256(data).hexdigest(),
            format="directory",
            encoding=parsed.encoding,
            status=ImportBatch.Status.RUNNING,
            contacts=len(entries),
        )
        _store(entries, organisation, report)
        batch.status = ImportBatch.Status.DONE
        batch.people_created = report.created
        batch.finished_at = timezone.now()
        batch.save()
        send_after_commit(directory_imported, sender=ImportBatch, organisation_id=organisation.pk)
    return report


def _not_erased(
    entries: list[DirectoryEntry], existing: dict[str, Employee], report: DirectoryReport
) -> list[DirectoryEntry]:
    """The entries less the new ones whose address was erased on request (and who they manage)."""
    erased = {d for kind, d in erasure_digests() if kind == "email"}
    if not erased:
        return entries
    kept = []
    for entry in entries:
        email = _address(entry)
        if email not in existing and digest(email) in erased:
            report.erased += 1
            continue
        kept.append(entry)
    return kept


def _store(
    entries: list[DirectoryEntry], organisation: Organisation, report: DirectoryReport
) -> None:
    existing = {e.email.lower(): e for e in Employee.objects.filter(organisation=organisation)}
    entries = _not_erased(entries, existing, report)
    index: PersonIndex | None = None
    companies: CompanyCache | None = None
    by_email: dict[str, Employee] = {}
    returned: list[int] = []
    joined: list[int] = []  # the people new employees are: colleagues from now on
    for entry in entries:
        email = _address(entry)
        employee = existing.get(email)
        if employee is None:
            if index is None or companies is None:
                # Only the people the new employees can be: not every stored person.
                newcomers = [
                    _contact(e, _address(e), organisation)
                    for e in entries
                    if _address(e) not in existing
                ]
                index, companies = load_person_index(newcomers), CompanyCache()
            employee = _new_employee(entry, email, organisation, index, companies)
            joined.append(employee.person_id)
            report.created += 1
        else:
            changed = [f for f in FIELDS if getattr(employee, f) != getattr(entry, f)]
            if changed or not employee.active:
                for f in changed:
                    setattr(employee, f, getattr(entry, f))
                if not employee.active:
                    returned.append(employee.pk)
                employee.active = True
                employee.save()
                report.updated += 1
        by_email[email] = employee
    for entry in entries:
        employee = by_email[_address(entry)]
        manager = (
            by_email.get(normalize_email(entry.manager_email)) if entry.manager_email else None
        )
        if employee.manager_id != (manager.pk if manager else None):
            employee.manager = manager
            employee.save(update_fields=["manager"])
    gone = [e.pk for email, e in existing.items() if email not in by_email and e.active]
    report.deactivated = Employee.objects.filter(pk__in=gone).update(active=False)
    # Who left stops sharing; who came back shares again (while their consent stands).
    tie_ranks_drop(employee_ids=gone)
    if gone:
        ties_removed.send(sender=ImportBatch, employee_ids=gone)
    tie_ranks_add(employee_ids=returned)
    tie_ranks_mark_colleagues(organisation_id=organisation.pk, person_ids=joined)


def _address(entry: DirectoryEntry) -> str:
    return normalize_email(entry.email) or entry.email.strip().lower()


def _contact(entry: DirectoryEntry, email: str, organisation: Organisation) -> Contact:
    """The directory line as a contact, resolved like any other to the person it is."""
    return Contact(
        line=entry.line,
        source="directory",
        first_name=entry.first_name,
        last_name=entry.last_name,
        emails=(email,),
        company=organisation.name,
        position=entry.job_title,
    )


def _new_employee(
    entry: DirectoryEntry,
    email: str,
    organisation: Organisation,
    index: PersonIndex,
    companies: CompanyCache,
) -> Employee:
    match = index.resolve(_contact(entry, email, organisation))
    person = None
    if not match.created:
        person = Person.objects.filter(pk=match.key, employee__isnull=True).first()
    if person is None:
        key = companies.key_for(organisation.name)
        companies.flush()
        person = Person.objects.create(
            first_name=entry.first_name,
            last_name=entry.last_name,
            company_id=companies.id_of(key),
            position=entry.job_title,
        )
        if match.created:
            index.rekey({match.key: person.pk})
    for kind, value in match.new_identifiers:
        PersonIdentifier.objects.get_or_create(kind=kind, digest=value, defaults={"person": person})
    return Employee.objects.create(
        organisation=organisation,
        person=person,
        email=email,
        **{f: getattr(entry, f) for f in FIELDS},
    )
