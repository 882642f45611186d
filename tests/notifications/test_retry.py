"""A mail server that is down never breaks the caller; the email is tried again later, with backoff."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from tests.smtp import free_port, smtp_server
from weakties.cli.main import main
from weakties.notifications.models import Notice, Preference
from weakties.notifications.services.delivery import digests_send
from weakties.notifications.services.notify import notify
from weakties.notifications.services.preferences import preference_set

from .conftest import employee

DB_TASKS = override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})


@pytest.fixture
def smtp_down(settings):
    """Django's mail goes to a local port where no server listens."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = free_port()
    settings.EMAIL_TIMEOUT = 5
    return settings


def _sends(notice):
    return [
        r
        for r in DBTaskResult.objects.filter(task_path__endswith="send_notice_email").order_by(
            "enqueued_at"
        )
        if r.args_kwargs["args"][0] == notice.pk
    ]


@pytest.mark.django_db(transaction=True)
def test_mail_server_down_the_task_retries_with_backoff_then_delivers(acme, smtp_down):
    smtp_down.WEAKTIES_NOTICE_RETRY_SECONDS = 30
    jan = employee("jan.vandenberg@acme.nl")
    preference_set(employee=jan, digest="immediate", language="en")
    with DB_TASKS:
        notice = notify(employee=jan, kind="test", subject="Sophie asks for an introduction")
        (first,) = _sends(notice)  # enqueued on commit (autocommit here)
        call_command("worker", batch=True, verbosity=0)
        first.refresh_from_db()
        assert first.status == "SUCCESSFUL"
        assert first.return_value["sent"] is False and first.return_value["retry_at"]
        second = _sends(notice)[1]
        assert second.args_kwargs["args"] == [notice.pk, 2]
        wait = (second.run_after - timezone.now()).total_seconds()
        assert 20 < wait <= 30

        # Still down at the second attempt: the third waits twice as long.
        DBTaskResult.objects.filter(pk=second.pk).update(run_after=timezone.now())
        call_command("worker", batch=True, verbosity=0)
        third = _sends(notice)[2]
        assert third.args_kwargs["args"] == [notice.pk, 3]
        assert 50 < (third.run_after - timezone.now()).total_seconds() <= 60
        notice.refresh_from_db()
        assert notice.emailed_at is None

        # The server is back when the third attempt is due.
        with smtp_server() as inbox, inbox.django():
            DBTaskResult.objects.filter(pk=third.pk).update(run_after=timezone.now())
            call_command("worker", batch=True, verbosity=0)
            (mail,) = inbox.wait_for(1)
        assert mail.subject == "Sophie asks for an introduction"
        assert len(_sends(notice)) == 3  # no fourth
    notice.refresh_from_db()
    assert notice.emailed_at is not None


@pytest.mark.django_db(transaction=True)
def test_retries_stop_after_the_last_attempt_and_the_digest_run_sends_it(acme, smtp_down):
    smtp_down.WEAKTIES_NOTICE_RETRIES = 2
    tom = employee("tom.jansen@acme.nl")
    preference_set(employee=tom, digest="immediate")
    with DB_TASKS:
        notice = notify(employee=tom, kind="test", subject="Herinnering")
        for _ in range(2):
            DBTaskResult.objects.update(run_after=timezone.now())
            call_command("worker", batch=True, verbosity=0)
        runs = _sends(notice)
        assert [r.args_kwargs["args"][1:] for r in runs] == [[], [2]]
        assert runs[-1].return_value["retry_at"] is None  # given up
    with smtp_server() as inbox, inbox.django():
        assert digests_send(now=timezone.now() + dt.timedelta(hours=1))["notices"] == 1
        (mail,) = inbox.wait_for(1)
    assert "Herinnering" in mail.body


@pytest.mark.django_db(transaction=True)
def test_with_the_server_down_notify_does_not_raise_and_nothing_is_lost(acme, smtp_down):
    """The immediate backend runs the task in the caller's process: the caller still sees no error."""
    sophie = employee("sophie.bakker@acme.nl")
    preference_set(employee=sophie, digest="immediate")
    notice = notify(employee=sophie, kind="test", subject="Een verzoek")
    assert Notice.objects.filter(pk=notice.pk, emailed_at__isnull=True).exists()


@pytest.mark.django_db(transaction=True)
def test_digest_run_with_the_server_down_gives_its_claims_back(acme, smtp_down, capsys):
    jan = employee("jan.vandenberg@acme.nl")  # daily
    for i in range(3):
        notify(employee=jan, kind="test", subject=f"Verzoek {i}")
    assert digests_send() == {"sent": 0, "notices": 0, "failed": 1}
    assert not Notice.objects.filter(employee=jan, emailed_at__isnull=False).exists()
    assert Preference.objects.get(employee=jan).last_digest_at is None
    # The command says so in one line and fails, for cron.
    code = main(["digest", "--json"])
    out, err = capsys.readouterr()
    assert code == 1
    assert '"failed": 1' in out
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("weakties: error:"), err
    with smtp_server() as inbox, inbox.django():
        assert digests_send() == {"sent": 1, "notices": 3, "failed": 0}
        inbox.wait_for(1)
        assert len(inbox.messages) == 1
