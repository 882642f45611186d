"""Each employee's sync status: do they share, when did they last import, which files are stale.

A network goes out of date: people change jobs, and an export of three years
ago points to the wrong companies. An import older than
``WEAKTIES_IMPORT_STALE_DAYS`` (default 365) is *stale*; an employee whose
latest import is stale is asked (by the admin, in person or by a new
campaign) for a fresh export.

The rows are an annotated query of the organisation's active employees, so
the page reads one page of them; the files of that page's employees come in
one more query (:func:`files_of`).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from django.db import connection
from django.db.models import Count, Exists, Max, OuterRef, Q, QuerySet
from django.utils import timezone

from weakties.accounts.models import Consent, Employee, Organisation
from weakties.people.models import ImportBatch

from ..conf import stale_days

__all__ = ["stale_before", "sync_rows", "sync_summary", "files_of"]


def stale_before(now: dt.datetime | None = None) -> dt.datetime:
    """Imports finished before this moment are stale."""
    return (now or timezone.now()) - dt.timedelta(days=stale_days())


def _done() -> Q:
    return Q(imports__status=ImportBatch.Status.DONE)


def sync_rows(*, organisation: Organisation, status: str = "", q: str = "") -> QuerySet[Employee]:
    """Active employees with ``sharing``, ``last_import`` and ``files`` (done imports).

    ``status``: "" (everyone), ``stale`` (latest import is stale), ``never``
    (sharing but nothing imported), ``not_sharing``.
    """
    rows = (
        Employee.objects.filter(organisation=organisation, active=True)
        .annotate(
            sharing=Exists(
                Consent.objects.filter(employee_id=OuterRef("pk"), withdrawn_at__isnull=True)
            ),
            last_import=Max("imports__finished_at", filter=_done()),
            files=Count("imports", filter=_done()),
        )
        .order_by("last_name", "first_name", "id")
    )
    if q:
        rows = rows.filter(
            Q(first_name__icontains=q) | Q(last_name__icontains=q) | Q(department__icontains=q)
        )
    if status == "stale":
        rows = rows.filter(sharing=True, last_import__lt=stale_before())
    elif status == "never":
        rows = rows.filter(sharing=True, last_import__isnull=True)
    elif status == "not_sharing":
        rows = rows.filter(sharing=False)
    return rows


def files_of(employees: list[Employee]) -> dict[int, list[dict[str, Any]]]:
    """The done imports of these employees, newest first, each marked ``stale`` or not."""
    cutoff = stale_before()
    files: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for batch in ImportBatch.objects.filter(
        owner_id__in=[e.pk for e in employees], status=ImportBatch.Status.DONE
    ).order_by("-finished_at", "-id"):
        files[batch.owner_id].append(
            {
                "name": batch.file_name,
                "format": batch.format,
                "finished_at": batch.finished_at,
                "contacts": batch.contacts,
                "stale": batch.finished_at is not None and batch.finished_at < cutoff,
            }
        )
    return files


_SUMMARY_SQL = """
    SELECT COUNT(*),
           SUM(CASE WHEN k.employee_id IS NOT NULL THEN 1 ELSE 0 END),
           SUM(CASE WHEN k.employee_id IS NOT NULL AND b.last_import < %s THEN 1 ELSE 0 END),
           SUM(CASE WHEN k.employee_id IS NOT NULL AND b.last_import IS NULL THEN 1 ELSE 0 END)
    FROM {employee} e
    LEFT JOIN (SELECT DISTINCT employee_id FROM {consent} WHERE withdrawn_at IS NULL) k
           ON k.employee_id = e.id
    LEFT JOIN (SELECT owner_id, MAX(finished_at) AS last_import FROM {batch}
               WHERE status = %s GROUP BY owner_id) b
           ON b.owner_id = e.id
    WHERE e.organisation_id = %s AND e.active
"""
# Joins, not a sub-select per employee: PostgreSQL inlined the per-employee sub-selects into
# each of the sums, running them three times per employee (17 ms at 3,000 employees; 3 ms now).


def sync_summary(*, organisation: Organisation) -> dict[str, int]:
    """How many active employees share, how many of them are stale, and how many never imported."""
    # one pass over the employees, counted by the database (every admin's dashboard shows it)
    with connection.cursor() as cursor:
        cursor.execute(
            _SUMMARY_SQL.format(
                employee=Employee._meta.db_table,
                consent=Consent._meta.db_table,
                batch=ImportBatch._meta.db_table,
            ),
            [
                connection.ops.adapt_datetimefield_value(stale_before()),
                str(ImportBatch.Status.DONE),
                organisation.pk,
            ],
        )
        employees, sharing, stale, never = cursor.fetchone()
    counts = {"employees": employees, "sharing": sharing or 0, "stale": stale or 0}
    counts["never"] = never or 0
    return {**counts, "stale_days": stale_days()}
