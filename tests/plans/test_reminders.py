"""Gentle reminders: never more often than the owner allows, never twice, in the owner's language.

The clock is moved by handing the services a later ``now`` (and, for the
command, by moving the plan's stored moments back): the real database and
the real notifications app do the rest.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from tests.factories import employee
from weakties.cli.main import main
from weakties.notifications.models import Notice
from weakties.plans.models import Goal, Plan, ReminderRun, Reminders
from weakties.plans.services.plans import plan_set, plan_tick
from weakties.plans.services.reminders import reminders_send
from weakties.plans.steps import STEP_KEYS
from weakties.plans.tasks import REMINDER_HOUR, next_reminder_at

from .conftest import JAN, TOM

pytestmark = pytest.mark.django_db

T0 = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


def days(n: float) -> dt.datetime:
    return T0 + dt.timedelta(days=n)


def _plan(email: str = TOM, reminders: str | None = None) -> Plan:
    return plan_set(employee=employee(email), goal=Goal.NEW_JOB, reminders=reminders, now=T0)


def _notices(email: str = TOM) -> list[Notice]:
    return list(Notice.objects.filter(employee__email=email, kind="plan.reminder").order_by("pk"))


def test_weekly_at_most_once_a_week_and_never_twice(orgs):
    _plan()
    assert reminders_send(now=days(6.9))["reminded"] == 0
    assert reminders_send(now=days(7))["reminded"] == 1
    assert reminders_send(now=days(7))["reminded"] == 0  # the same run again
    assert reminders_send(now=days(13))["reminded"] == 0
    assert reminders_send(now=days(14))["reminded"] == 1
    assert len(_notices()) == 2


def test_monthly_waits_a_month(orgs):
    _plan(reminders=Reminders.MONTHLY)
    assert reminders_send(now=days(7))["reminded"] == 0
    assert reminders_send(now=days(29))["reminded"] == 0
    assert reminders_send(now=days(30))["reminded"] == 1
    assert reminders_send(now=days(59))["reminded"] == 0
    assert reminders_send(now=days(60))["reminded"] == 1


def test_never_means_never(orgs):
    _plan(reminders=Reminders.NEVER)
    for n in (7, 30, 365):
        assert reminders_send(now=days(n))["reminded"] == 0
    assert _notices() == []


def test_working_on_the_plan_moves_the_next_reminder(orgs):
    _plan()
    plan_tick(employee=employee(TOM), step_key="helpers", now=days(5))
    assert reminders_send(now=days(8))["reminded"] == 0  # a tick 3 days ago
    assert reminders_send(now=days(12))["reminded"] == 1


def test_a_finished_plan_and_a_former_employee_get_no_reminder(orgs):
    tom = employee(TOM)
    _plan()
    _plan(JAN)
    for key in STEP_KEYS[1:]:
        plan_tick(employee=tom, step_key=key, now=T0)
    jan = employee(JAN)
    jan.active = False
    jan.save()
    assert reminders_send(now=days(30)) == {"reminded": 0, "finished": 1}


def test_a_closed_plan_is_not_reminded(orgs):
    _plan()
    plan_set(employee=employee(TOM), goal=Goal.CUSTOMERS, now=days(3))
    assert reminders_send(now=days(8))["reminded"] == 0
    assert reminders_send(now=days(10))["reminded"] == 1
    assert len(_notices()) == 1


@pytest.mark.parametrize(
    ("language", "subject", "body"),
    [
        ("en", "Your networking plan: 1 of 8 steps done", "Make a list of who can help you"),
        ("nl", "Je netwerkplan: 1 van 8 stappen gedaan", "Maak een lijstje van wie je kan helpen"),
    ],
)
def test_the_notice_is_stored_in_the_employees_language(orgs, language, subject, body):
    tom = employee(TOM)
    tom.language = language
    tom.save()
    _plan()
    reminders_send(now=days(7))
    (notice,) = _notices()
    assert notice.subject == subject
    assert body in notice.body
    assert notice.link == "/plan/"


def test_the_command_sends_due_reminders_once(orgs, capsys):
    plan = _plan()
    later = timezone.now() - dt.timedelta(days=8)
    Plan.objects.filter(pk=plan.pk).update(created_at=later, last_activity_at=later)
    assert main(["plan", "remind", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == {"reminded": 1, "finished": 0}
    assert main(["plan", "remind", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == {"reminded": 0, "finished": 0}
    assert len(_notices()) == 1


def test_the_task_sends_due_reminders(orgs):
    from weakties.plans.tasks import send_plan_reminders

    plan = _plan()
    later = timezone.now() - dt.timedelta(days=8)
    Plan.objects.filter(pk=plan.pk).update(created_at=later, last_activity_at=later)
    result = send_plan_reminders.enqueue()
    assert result.return_value == {"reminded": 1, "finished": 0}


DB_TASKS = override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})


def _runs():
    from django_tasks_db.models import DBTaskResult

    return list(
        DBTaskResult.objects.filter(task_path__endswith="send_plan_reminders").order_by("run_after")
    )


@pytest.mark.django_db(transaction=True)
def test_setting_a_goal_starts_the_daily_run_which_reminds_and_schedules_the_next(orgs):
    from django_tasks_db.models import DBTaskResult

    with DB_TASKS:
        plan_set(employee=employee(JAN), goal=Goal.NEW_JOB, reminders=Reminders.NEVER)
        assert _runs() == []  # nobody to remind: nothing scheduled
        plan = plan_set(employee=employee(TOM), goal=Goal.NEW_JOB)
        plan_set(employee=employee(TOM), goal=Goal.NEW_JOB, targets=["Stripe"])
        (run,) = _runs()  # asked twice, scheduled once
        due = next_reminder_at(timezone.now())
        assert run.run_after == due and timezone.localtime(due).hour == REMINDER_HOUR
        assert ReminderRun.objects.get().due_at == due
        # Before its time the worker leaves it alone.
        call_command("worker", batch=True, verbosity=0)
        assert _notices() == []
        # Its time has come, and Tom's plan is a week old: one reminder, and tomorrow's run.
        week_ago = timezone.now() - dt.timedelta(days=8)
        Plan.objects.filter(pk=plan.pk).update(created_at=week_ago, last_activity_at=week_ago)
        DBTaskResult.objects.filter(pk=run.pk).update(run_after=timezone.now())
        call_command("worker", batch=True, verbosity=0)
        run.refresh_from_db()
        assert run.status == "SUCCESSFUL", run.traceback
        assert run.return_value == {"reminded": 1, "finished": 0}
        assert ReminderRun.objects.get(due_at=due).ran_at is not None
        assert len(_notices()) == 1
    assert len(_runs()) == 2  # the chain goes on
