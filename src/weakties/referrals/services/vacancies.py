"""Vacancies: entered by a recruiter (form, API, command line) or imported from a sheet.

:func:`vacancy_create` takes one vacancy; :func:`vacancies_import` a CSV or
XLSX sheet with English or Dutch headers, read by
:func:`~weakties.referrals.services.vacancy_rows.read_vacancy_sheet` through
the pure layer's table reader.  A sheet with any bad row imports nothing, and
every error names the line and the column.  Every change is audited.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from weakties.accounts.models import Organisation
from weakties.core.errors import ServiceError
from weakties.core.messages import error_entry, localize
from weakties.importers.records import ImportFileError, Text
from weakties.referrals.models import Vacancy, VacancyStatus
from weakties.referrals.services.actors import audit_by, employee_or_none
from weakties.referrals.services.vacancy_rows import (
    InvalidVacancy,
    VacancyRow,
    field_problem,
    parse_vacancy,
    read_vacancy_sheet,
)

__all__ = [
    "VacancyImportError",
    "vacancies_import",
    "vacancy_create",
    "vacancy_delete",
    "vacancy_dict",
    "vacancy_set_status",
    "vacancy_update",
]

_EDITABLE = ("title", "description", "location", "level", "closes")
# ``str()`` of a choice is its value: "web", "import".
_FROM_WEB: str = str(Vacancy.Source.WEB)
_FROM_IMPORT: str = str(Vacancy.Source.IMPORT)


class VacancyImportError(ServiceError):
    """A sheet that imports nothing; ``errors`` is ``[{"line", "message"}]`` in the active language."""

    def __init__(self, file: str, problems: Iterable[tuple[int | None, Text | str]]) -> None:
        self.file = file
        self.errors: list[dict[str, Any]] = [
            error_entry(line, message) for line, message in problems
        ]
        shown = "; ".join(e["message"] for e in self.errors[:3])
        more = (
            _(" (and {count} more)").format(count=len(self.errors) - 3)
            if len(self.errors) > 3
            else ""
        )
        super().__init__(
            _("{file}: {problems}{more}; nothing was imported").format(
                file=file, problems=shown, more=more
            )
        )


def _parsed(**values: Any) -> VacancyRow:
    try:
        return parse_vacancy(**values, today=timezone.localdate())
    except InvalidVacancy as exc:
        raise ServiceError(localize(field_problem(exc.field, exc.message))) from None


def vacancy_create(
    *,
    organisation: Organisation,
    title: str,
    description: str = "",
    location: str = "",
    level: str = "",
    closes: dt.date | str | None = None,
    source: str = _FROM_WEB,
    actor: Any = None,
    actor_label: str = "",
) -> Vacancy:
    """Enter one vacancy for ``organisation``; ``actor`` (a user or an employee) entered it."""
    row = _parsed(
        title=title, description=description, location=location, level=level, closes=closes
    )
    vacancy = Vacancy.objects.create(
        organisation=organisation,
        title=row.title,
        description=row.description,
        location=row.location,
        level=row.level,
        closes_on=row.closes,
        created_by=employee_or_none(actor),
        source=source,
    )
    audit_by("vacancy_create", actor, actor_label, vacancy=vacancy.pk, title=vacancy.title)
    return vacancy


def vacancy_update(
    vacancy: Vacancy, *, actor: Any = None, actor_label: str = "", **changes: Any
) -> Vacancy:
    """Change a vacancy's title, description, location, level or closing date (``closes``)."""
    unknown = sorted(set(changes) - set(_EDITABLE))
    if unknown:
        raise ServiceError(
            _("cannot change {fields}; only {choices}").format(
                fields=", ".join(unknown), choices=", ".join(_EDITABLE)
            )
        )
    current = {
        "title": vacancy.title,
        "description": vacancy.description,
        "location": vacancy.location,
        "level": vacancy.level,
        "closes": vacancy.closes_on,
    }
    merged = {**current, **changes}
    # A closing date already past may stay as it is; a new one must lie ahead.
    keep_past = merged["closes"] == vacancy.closes_on
    row = _parsed(**{**merged, "closes": None if keep_past else merged["closes"]})
    vacancy.title, vacancy.description = row.title, row.description
    vacancy.location, vacancy.level = row.location, row.level
    vacancy.closes_on = vacancy.closes_on if keep_past else row.closes
    vacancy.save()
    audit_by("vacancy_update", actor, actor_label, vacancy=vacancy.pk, fields=sorted(changes))
    return vacancy


def vacancy_set_status(
    vacancy: Vacancy, *, status: str, actor: Any = None, actor_label: str = ""
) -> Vacancy:
    """Open or close a vacancy.  A closed vacancy is no longer shown to colleagues or candidates."""
    if status not in VacancyStatus.values:
        raise ServiceError(
            _("status must be one of {choices}, not {status}").format(
                choices=", ".join(VacancyStatus.values), status=repr(status)
            )
        )
    vacancy.status = status
    vacancy.save(update_fields=["status", "updated_at"])
    audit_by("vacancy_status", actor, actor_label, vacancy=vacancy.pk, status=status)
    return vacancy


def vacancy_delete(vacancy: Vacancy, *, actor: Any = None, actor_label: str = "") -> None:
    """Delete a vacancy with its suggestions; refused once candidates have been referred."""
    if vacancy.referrals.exists():
        raise ServiceError(
            _("{title} has referred candidates; close it instead of deleting it").format(
                title=vacancy.title
            )
        )
    pk = vacancy.pk
    vacancy.delete()
    audit_by("vacancy_delete", actor, actor_label, vacancy=pk)


def _read(path: Path, data: bytes | None, name: str) -> Any:
    try:
        data = path.read_bytes() if data is None else data
    except OSError as exc:
        raise ServiceError(
            _("{file}: cannot read the file ({error})").format(file=name, error=exc.strerror)
        ) from None
    try:
        return read_vacancy_sheet(data, file=name, today=timezone.localdate())
    except ImportFileError as exc:
        raise VacancyImportError(name, [(exc.line, exc.message)]) from None


def vacancies_import(
    *,
    organisation: Organisation,
    path: Path | str,
    data: bytes | None = None,
    file_name: str | None = None,
    source: str = _FROM_IMPORT,
    actor: Any = None,
    actor_label: str = "",
) -> list[Vacancy]:
    """Import every row of a sheet as a vacancy of ``organisation``, or none of them.

    ``data`` is the content when it is not read from ``path`` (an upload);
    ``file_name`` names the file in errors (default: ``path``'s name).

    Raises
    ------
    VacancyImportError
        The file, or any of its rows, cannot be imported; every problem is listed.
    """
    name = file_name or Path(path).name
    sheet = _read(Path(path), data, name)
    problems = sheet.errors.finish()
    if problems:
        raise VacancyImportError(name, [(e.line, e.message) for e in problems])
    created_by = employee_or_none(actor)
    with transaction.atomic():
        created = [
            Vacancy.objects.create(
                organisation=organisation,
                title=row.title,
                description=row.description,
                location=row.location,
                level=row.level,
                closes_on=row.closes,
                created_by=created_by,
                source=source,
            )
            for _line, row in sheet.rows
        ]
        audit_by(
            "vacancy_import",
            actor,
            actor_label,
            file=name,
            organisation=organisation.name,
            vacancies=[v.pk for v in created],
        )
    return created


def vacancy_dict(v: Vacancy) -> dict[str, Any]:
    """A vacancy as JSON (the CLI's and the API's shape)."""
    return {
        "id": v.pk,
        "organisation": v.organisation.name,
        "title": v.title,
        "description": v.description,
        "location": v.location,
        "level": v.level,
        "closes": v.closes_on.isoformat() if v.closes_on else None,
        "status": v.status,
        "open": v.is_open,
        "created": v.created_at.isoformat() if v.created_at else None,
        "created_by": v.created_by.email if v.created_by else None,
        "candidates_at": v.candidates_at.isoformat() if v.candidates_at else None,
    }
