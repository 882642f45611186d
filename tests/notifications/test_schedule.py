"""The digest run: its moments (local time, across daylight saving) and its self-scheduling daily chain."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from weakties.notifications.models import DigestRun
from weakties.notifications.schedule import next_digest_at, period_start, retry_delay
from weakties.notifications.services.notify import notify
from weakties.notifications.services.preferences import preference_set

from .conftest import employee

DB_TASKS = override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})
AMS = ZoneInfo("Europe/Amsterdam")


def at(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=AMS)


def test_daily_and_weekly_periods_start_at_the_digest_hour():
    wednesday = at(2026, 12, 9, 10, 30)
    assert period_start("daily", wednesday) == at(2026, 12, 9, 7)
    assert period_start("daily", at(2026, 12, 9, 6, 59)) == at(2026, 12, 8, 7)
    assert period_start("weekly", wednesday) == at(2026, 12, 7, 7)  # that Monday
    assert period_start("weekly", at(2026, 12, 7, 6)) == at(2026, 11, 30, 7)  # before Monday's hour
    assert next_digest_at(wednesday) == at(2026, 12, 10, 7)
    assert next_digest_at(at(2026, 12, 9, 6)) == at(2026, 12, 9, 7)


def test_the_digest_stays_at_seven_across_daylight_saving(settings):
    # Summer time starts on Sunday 29 March 2026 in the Netherlands and Belgium.
    moment = next_digest_at(at(2026, 3, 28, 8))
    assert moment == at(2026, 3, 29, 7)
    assert moment.utcoffset() == dt.timedelta(hours=2)
    settings.WEAKTIES_DIGEST_HOUR = 18
    settings.WEAKTIES_DIGEST_WEEKDAY = 4  # Friday
    assert period_start("weekly", at(2026, 12, 9, 10)) == at(2026, 12, 4, 18)


def test_retry_waits_double_each_time(settings):
    settings.WEAKTIES_NOTICE_RETRY_SECONDS = 60
    assert [retry_delay(a).total_seconds() for a in (1, 2, 3, 4)] == [60, 120, 240, 480]


def _runs():
    return list(
        DBTaskResult.objects.filter(task_path__endswith="send_digests").order_by("run_after")
    )


@pytest.mark.django_db(transaction=True)
def test_a_notice_schedules_the_digest_run_once_and_the_run_schedules_the_next(acme, smtp):
    jan, sophie = employee("jan.vandenberg@acme.nl"), employee("sophie.bakker@acme.nl")
    preference_set(employee=sophie, digest="never")
    with DB_TASKS:
        notify(employee=sophie, kind="test", subject="Alleen in de app")
        assert _runs() == []  # nobody to email: nothing scheduled
        for i in range(3):
            notify(employee=jan, kind="test", subject=f"Verzoek {i}")
        (run,) = _runs()
        due = next_digest_at(timezone.now())
        assert run.run_after == due and timezone.localtime(due).hour == 7
        assert DigestRun.objects.get().due_at == due

        # Before its time the worker leaves it alone.
        call_command("worker", batch=True, verbosity=0)
        assert smtp.messages == []

        # Seven o'clock: one digest with the three requests, and tomorrow's run is enqueued.
        DBTaskResult.objects.filter(pk=run.pk).update(run_after=timezone.now())
        call_command("worker", batch=True, verbosity=0)
        run.refresh_from_db()
        assert run.status == "SUCCESSFUL", run.traceback
        (mail,) = smtp.wait_for(1)
        assert mail.rcpt_tos == [jan.email] and "3" in mail.subject
        run.refresh_from_db()
        assert run.status == "SUCCESSFUL"
        assert run.return_value == {"sent": 1, "notices": 3, "failed": 0}
        assert DigestRun.objects.get(due_at=due).ran_at is not None
    assert len(_runs()) == 2  # the chain goes on
