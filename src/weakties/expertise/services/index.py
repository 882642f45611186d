"""Keeping the expertise finder's indexes true: profile terms and whom employees know.

Three tables serve the finder (:mod:`weakties.expertise.selectors`), so that a
search reads a few short index ranges whatever the size of the organisation
(target: p99 ≤ 50 ms through HTTP at 10,000 employees and 3M ties):

* :class:`~weakties.expertise.models.ProfileTerm`: the terms of every active
  employee's skills, focus topics, job title and department
  (:mod:`weakties.expertise.terms`);
* :class:`~weakties.expertise.models.CompanyReach`: how many people each
  sharing employee knows at each company, counted from
  :class:`~weakties.people.models.TieRank` (which holds only ties of active,
  consenting employees) without the colleagues;
* :class:`~weakties.expertise.models.GroupReach`: the same per sector and
  per region of the companies.

They change where their sources change:

* a profile edit re-indexes that employee's terms (:func:`terms_refresh`);
* a committed network import (``people.signals.ties_imported``) recounts the
  importing employees' reach (:func:`reach_refresh`), in the background
  (:mod:`weakties.expertise.tasks`: about a second per 50,000 ties, which the
  import does not wait for);
* a committed directory import (``people.signals.directory_imported``)
  re-indexes the organisation's terms (titles and departments change) and
  counts the reach of returning employees who have none, in the background;
* :func:`index_ensure` builds an organisation's indexes in full the first
  time the finder is used (or an import arrives) after they were never built;
  :func:`index_rebuild` (``weakties expertise --reindex``) rebuilds them.

* removed ties (``people.signals.ties_removed``: a consent withdrawn, a
  person erased, contacts forgotten, an import removed, employees who left)
  recount those employees' reach at once, inside the transaction that
  removed them (:func:`reach_recount_removed`): what was withdrawn or erased
  is counted by nobody from that commit on.

Every search still checks that the employees it shows share now (a consent
changed behind the services' back), and a target list prunes reach rows of
those who do not (:func:`reach_prune`).  Rows are written with set-based SQL
(``INSERT … SELECT … GROUP BY``): the database counts what it already has.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.db import connection, transaction
from django.utils import timezone

from weakties.accounts.models import Employee, Organisation
from weakties.core.bulk import insert_rows
from weakties.expertise.models import (
    CompanyReach,
    GroupReach,
    IndexState,
    Profile,
    ProfileTerm,
)
from weakties.expertise.terms import text_terms
from weakties.people.models import TieRank
from weakties.people.services.consent import sharing_employees

__all__ = [
    "index_ensure",
    "index_rebuild",
    "terms_refresh",
    "terms_rebuild",
    "reach_refresh",
    "reach_rebuild",
    "reach_add_missing",
    "reach_prune",
    "reach_recount_removed",
]

#: Employees per statement: well under SQLite's limit of bound parameters.
_CHUNK = 500

_COMPANY_SQL = """
    INSERT INTO expertise_companyreach (organisation_id, employee_id, company_id, people)
    SELECT r.organisation_id, r.employee_id, r.company_id, COUNT(*)
    FROM people_tierank r
    WHERE r.company_id IS NOT NULL AND NOT r.colleague AND {where}
    GROUP BY r.organisation_id, r.employee_id, r.company_id
"""
_GROUP_SQL = """
    INSERT INTO expertise_groupreach (organisation_id, employee_id, kind, "group", people)
    SELECT cr.organisation_id, cr.employee_id, %s, c.{column}, SUM(cr.people)
    FROM expertise_companyreach cr
    JOIN people_company c ON c.id = cr.company_id
    WHERE c.{column} <> '' AND {where}
    GROUP BY cr.organisation_id, cr.employee_id, c.{column}
"""


def _chunks(ids: Sequence[int]) -> Iterable[list[int]]:
    for start in range(0, len(ids), _CHUNK):
        yield list(ids[start : start + _CHUNK])


# -- profile terms ------------------------------------------------------------------------------


def _entries(employee: Employee, profile: Profile | None) -> Iterable[tuple[str, str]]:
    """``(field, text)`` of everything an employee is found by."""
    if profile is not None:
        for skill in Profile.split(profile.skills):
            yield "skill", skill
        for topic in Profile.split(profile.focus_topics):
            yield "focus", topic
    if employee.job_title:
        yield "title", employee.job_title
    if employee.department:
        yield "department", employee.department


def _term_rows(employees: Iterable[Employee]) -> list[tuple[int, int, str, str, str]]:
    rows = []
    for e in employees:
        profile = getattr(e, "profile", None) if _has_profile(e) else None
        seen: set[tuple[str, str]] = set()
        for field, text in _entries(e, profile):
            for term in text_terms(text):
                if (term, field) not in seen:
                    seen.add((term, field))
                    rows.append((e.organisation_id, e.pk, term, field, text[:200]))
    return rows


def _has_profile(employee: Employee) -> bool:
    try:
        employee.profile  # noqa: B018 - loaded by select_related; absent raises
    except Profile.DoesNotExist:
        return False
    return True


def _write_terms(employees: list[Employee]) -> None:
    insert_rows(
        "expertise_profileterm",
        ("organisation_id", "employee_id", "term", "field", "label"),
        _term_rows(employees),
    )


@transaction.atomic
def terms_refresh(*, employee_ids: Sequence[int]) -> None:
    """Re-index these employees' terms (an inactive employee is left out of the index)."""
    for chunk in _chunks(list(employee_ids)):
        ProfileTerm.objects.filter(employee_id__in=chunk).delete()
        _write_terms(
            list(Employee.objects.filter(pk__in=chunk, active=True).select_related("profile"))
        )


@transaction.atomic
def terms_rebuild(*, organisation: Organisation) -> int:
    """Index every active employee of the organisation; returns how many there are."""
    ProfileTerm.objects.filter(organisation=organisation).delete()
    employees = list(
        Employee.objects.filter(organisation=organisation, active=True).select_related("profile")
    )
    _write_terms(employees)
    IndexState.objects.update_or_create(
        organisation=organisation,
        defaults={"terms_built_at": timezone.now(), "employees": len(employees)},
    )
    return len(employees)


# -- whom they know -----------------------------------------------------------------------------


def _count(where: str, params: list) -> None:
    with connection.cursor() as cursor:
        cursor.execute(_COMPANY_SQL.format(where=where.replace("{t}", "r")), params)
        for kind, column in (
            (GroupReach.Kind.SECTOR, "sector"),
            (GroupReach.Kind.REGION, "region"),
        ):
            cursor.execute(
                _GROUP_SQL.format(column=column, where=where.replace("{t}", "cr")),
                [str(kind), *params],
            )


@transaction.atomic
def reach_refresh(*, employee_ids: Sequence[int]) -> None:
    """Recount whom these employees know (after an import of theirs), from their TieRank rows."""
    for chunk in _chunks(sorted(set(employee_ids))):
        CompanyReach.objects.filter(employee_id__in=chunk).delete()
        GroupReach.objects.filter(employee_id__in=chunk).delete()
        marks = ", ".join(["%s"] * len(chunk))
        _count(f"{{t}}.employee_id IN ({marks})", chunk)


@transaction.atomic
def reach_rebuild(*, organisation: Organisation) -> int:
    """Count whom every sharing employee of the organisation knows; returns the company rows."""
    CompanyReach.objects.filter(organisation=organisation).delete()
    GroupReach.objects.filter(organisation=organisation).delete()
    _count("{t}.organisation_id = %s", [organisation.pk])
    IndexState.objects.update_or_create(
        organisation=organisation, defaults={"reach_built_at": timezone.now()}
    )
    return CompanyReach.objects.filter(organisation=organisation).count()


def reach_recount_removed(*, employee_ids: Sequence[int]) -> int:
    """Recount these employees' reach after some of their ties were removed; how many recounted.

    Nothing to do for an organisation whose reach was never built (it is
    counted in full at the first search).  Each employee's recount reads
    their own TieRank rows: a few hundred, so a withdrawal or an erasure pays
    milliseconds.
    """
    ids = sorted(set(employee_ids))
    if not ids:
        return 0
    built = set(
        IndexState.objects.filter(reach_built_at__isnull=False).values_list(
            "organisation_id", flat=True
        )
    )
    counted = [
        pk
        for pk, organisation_id in Employee.objects.filter(pk__in=ids).values_list(
            "pk", "organisation_id"
        )
        if organisation_id in built
    ]
    if counted:
        reach_refresh(employee_ids=counted)
    return len(counted)


def reach_add_missing(*, organisation: Organisation) -> list[int]:
    """Count the reach of sharing employees who have ties but no reach rows (they came back)."""
    counted = set(
        CompanyReach.objects.filter(organisation=organisation)
        .values_list("employee_id", flat=True)
        .distinct()
    )
    sharing = set(sharing_employees(organisation=organisation).values_list("pk", flat=True))
    missing = sorted(e for e in sharing - counted if TieRank.objects.filter(employee_id=e).exists())
    if missing:
        reach_refresh(employee_ids=missing)
    return missing


def reach_prune(*, organisation: Organisation) -> int:
    """Drop the reach rows of employees who no longer share (withdrew or left); returns how many.

    Cheap when there are none: one probe of the ``(employee, company)`` index
    per employee who does not share.
    """
    sharing = sharing_employees(organisation=organisation).values("pk")
    gone = Employee.objects.filter(organisation=organisation).exclude(pk__in=sharing).values("pk")
    stale = list(
        CompanyReach.objects.filter(employee_id__in=gone).values_list("employee_id", flat=True)[:1]
    )
    if not stale:
        return 0
    ids = list(gone.values_list("pk", flat=True))
    removed = 0
    for chunk in _chunks(ids):
        removed += CompanyReach.objects.filter(employee_id__in=chunk).delete()[0]
        GroupReach.objects.filter(employee_id__in=chunk).delete()
    return removed


# -- the whole ----------------------------------------------------------------------------------


def index_ensure(*, organisation: Organisation) -> IndexState:
    """The organisation's index state, after building what was never built (once, under a lock)."""
    state = IndexState.objects.filter(organisation=organisation).first()
    if state is not None and state.terms_built_at and state.reach_built_at:
        return state
    with transaction.atomic():
        state, _created = IndexState.objects.select_for_update().get_or_create(
            organisation=organisation
        )
        if state.terms_built_at is None:
            terms_rebuild(organisation=organisation)
        if state.reach_built_at is None:
            reach_rebuild(organisation=organisation)
        state.refresh_from_db()
    return state


def index_rebuild(*, organisation: Organisation) -> dict[str, int]:
    """Rebuild both indexes of the organisation (``weakties expertise --reindex``)."""
    employees = terms_rebuild(organisation=organisation)
    companies = reach_rebuild(organisation=organisation)
    return {"employees": employees, "company_rows": companies}
