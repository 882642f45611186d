"""The weekly run chains itself on the worker (django-tasks, ``run_after``), started by an import."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from tests.factories import acme
from weakties.minimisation.models import MinimisationRun, RetentionFlag
from weakties.minimisation.tasks import next_run_at
from weakties.people.models import ImportBatch

DB_TASKS = override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})


def _runs():
    from django_tasks_db.models import DBTaskResult

    return list(
        DBTaskResult.objects.filter(task_path__endswith="minimisation_weekly").order_by("run_after")
    )


@pytest.mark.django_db(transaction=True)
def test_an_import_starts_the_weekly_run_which_flags_and_schedules_the_next(settings):
    from django_tasks_db.models import DBTaskResult

    settings.WEAKTIES_RETENTION_DAYS = 30
    with DB_TASKS:
        acme()  # three imports, each committed: one run scheduled
        (run,) = _runs()
        due = next_run_at(timezone.now())
        assert run.run_after == due and MinimisationRun.objects.get().due_at == due
        call_command("worker", batch=True, verbosity=0)  # before its time: left alone
        assert RetentionFlag.objects.count() == 0
        ImportBatch.objects.filter(owner__isnull=False).update(
            created_at=timezone.now() - dt.timedelta(days=31)
        )
        DBTaskResult.objects.filter(pk=run.pk).update(run_after=timezone.now())
        call_command("worker", batch=True, verbosity=0)
        run.refresh_from_db()
        assert run.status == "SUCCESSFUL", run.traceback
        assert run.return_value["flagged"] == 3
        assert MinimisationRun.objects.get(due_at=due).ran_at is not None
        assert len(_runs()) == 2  # next week's
