"""Old privacy requests are purged (issue 12): with a moved clock, and on the real worker.

An unconfirmed request (the mailed link never opened) goes after 7 days, with the address in
it; a decided one (carried out or rejected) after ``WEAKTIES_OBJECTION_RETENTION_DAYS``; one
waiting for an admin stays until it is answered.  The erasure digests of a carried-out request
are not part of it: the person stays out after the purge.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from tests.factories import acme
from weakties.accounts.models import AuditEvent
from weakties.people.models import Erasure
from weakties.people.services.identity import digest
from weakties.privacy.models import ObjectionRequest, PurgeRun
from weakties.privacy.services.objections import (
    objection_confirm,
    objection_decide,
    objection_submit,
    objections_purge,
)
from weakties.privacy.tasks import next_purge_at

DB_TASKS = override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})


def _file(email: str) -> ObjectionRequest:
    return objection_submit(kind="erase", email=email, reason="I never agreed")


@pytest.fixture
def requests(db, settings):
    """Four requests filed now: never confirmed, waiting, carried out, rejected."""
    settings.WEAKTIES_OBJECTION_RETENTION_DAYS = 365
    acme()
    unconfirmed = _file("nobody.clicked@example.net")
    waiting, erased, rejected = (
        _file(e) for e in ("waiting@example.net", "mehmet.celik@example.com", "no@example.net")
    )
    for r in (waiting, erased, rejected):
        objection_confirm(token=r.token)
    objection_decide(request=erased, accept=True, actor=None)
    objection_decide(request=rejected, accept=False, actor=None, answer="We hold nothing.")
    return {"unconfirmed": unconfirmed, "waiting": waiting, "erased": erased, "no": rejected}


def _left() -> set[str]:
    return set(ObjectionRequest.objects.values_list("status", flat=True))


def test_nothing_goes_before_its_time(requests):
    assert objections_purge(now=timezone.now() + dt.timedelta(days=6)) == {
        "unconfirmed": 0,
        "decided": 0,
    }
    assert ObjectionRequest.objects.count() == 4


def test_an_unconfirmed_request_goes_after_a_week_with_its_address(requests):
    assert objections_purge(now=timezone.now() + dt.timedelta(days=8))["unconfirmed"] == 1
    assert not ObjectionRequest.objects.filter(email="nobody.clicked@example.net").exists()
    assert _left() == {"pending", "confirmed", "rejected"}


def test_decided_requests_go_after_the_retention_and_the_erased_person_stays_out(requests):
    later = timezone.now() + dt.timedelta(days=366)
    assert objections_purge(now=later) == {"unconfirmed": 1, "decided": 2}
    assert _left() == {"pending"}  # an admin must still answer it, however old
    assert Erasure.objects.filter(kind="email", digest=digest("mehmet.celik@example.com"))
    event = AuditEvent.objects.filter(action="privacy.objections_purged").latest("pk")
    assert "example" not in str(event.__dict__)  # counts, no address
    assert objections_purge(now=later) == {"unconfirmed": 0, "decided": 0}


def test_the_retention_is_a_setting_and_zero_keeps_decided_requests(requests, settings):
    settings.WEAKTIES_OBJECTION_RETENTION_DAYS = 30
    assert objections_purge(now=timezone.now() + dt.timedelta(days=31))["decided"] == 2
    ObjectionRequest.objects.all().delete()

    settings.WEAKTIES_OBJECTION_RETENTION_DAYS = 0
    r = _file("again@example.net")
    objection_confirm(token=r.token)
    objection_decide(request=r, accept=False, actor=None, answer="No.")
    assert objections_purge(now=timezone.now() + dt.timedelta(days=4000))["decided"] == 0
    assert _left() == {"rejected"}


def _runs():
    from django_tasks_db.models import DBTaskResult

    return list(
        DBTaskResult.objects.filter(task_path__endswith="objections_purge_weekly").order_by(
            "run_after"
        )
    )


@pytest.mark.django_db(transaction=True)
def test_a_filed_request_starts_the_weekly_purge_which_purges_and_schedules_the_next():
    from django_tasks_db.models import DBTaskResult

    with DB_TASKS:
        _file("first@example.net")
        _file("second@example.net")  # the chain runs already: no second task
        (run,) = _runs()
        due = next_purge_at(timezone.now())
        assert run.run_after == due and PurgeRun.objects.get().due_at == due
        call_command("worker", batch=True, verbosity=0)  # before its time: left alone
        assert ObjectionRequest.objects.count() == 2
        ObjectionRequest.objects.filter(email="first@example.net").update(
            created_at=timezone.now() - dt.timedelta(days=8)
        )
        DBTaskResult.objects.filter(pk=run.pk).update(run_after=timezone.now())
        call_command("worker", batch=True, verbosity=0)
        run.refresh_from_db()
        assert run.status == "SUCCESSFUL", run.traceback
        assert run.return_value == {"unconfirmed": 1, "decided": 0}
        assert list(ObjectionRequest.objects.values_list("email", flat=True)) == [
            "second@example.net"
        ]
        assert PurgeRun.objects.get(due_at=due).ran_at is not None
        runs = _runs()
        assert len(runs) == 2 and runs[1].run_after == next_purge_at(due)  # next week's
