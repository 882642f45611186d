"""A mail server that is down never crashes a page, and no queued mail fails silently (issue 11).

The mail goes to a real local port where nothing listens (the connection is
refused, as on a machine without a mail server); later a real SMTP server
listens there and the retry delivers.
"""

from __future__ import annotations

import datetime as dt
from contextlib import contextmanager

import pytest
from aiosmtpd.controller import Controller
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from tests.smtp import Inbox, free_port, smtp_server
from weakties.accounts.models import Employee
from weakties.meetings.models import CallDelivery, ContactSuggestion, MailJob
from weakties.meetings.services.help_requests import help_request_add
from weakties.meetings.services.meetings import meeting_create
from weakties.meetings.services.outcomes import outcome_record
from weakties.people.services.consent import consent_give
from weakties.people.services.network_import.importer import NetworkImporter

from .conftest import in_days, login_as

DB_TASKS = override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})
INVITED = 5  # the two member organisations' staff


@pytest.fixture
def smtp_down(settings):
    """Django's mail goes to a local port where no server listens: every connection is refused."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = free_port()
    settings.EMAIL_TIMEOUT = 5
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.LANGUAGE_CODE = "en"
    return settings


@pytest.fixture
def meeting(network):
    return meeting_create(federation=network, date=in_days(20), place="Den Bosch", schedule=False)


def _calls(meeting):
    return [
        r
        for r in DBTaskResult.objects.filter(task_path__endswith="send_meeting_call").order_by(
            "enqueued_at"
        )
        if r.args_kwargs["args"][0] == meeting.pk
    ]


@contextmanager
def _serve_smtp_on(port: int):
    """A real SMTP server on the port that refused connections so far: the mail server is back."""
    inbox = Inbox()
    inbox.port = port
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield inbox
    finally:
        controller.stop()


@pytest.mark.django_db(transaction=True)
def test_send_the_call_now_with_the_mail_server_down_says_so_and_retries_with_backoff(
    network, smtp_down, client
):
    smtp_down.WEAKTIES_MEETING_MAIL_RETRY_SECONDS = 30
    with DB_TASKS:
        meeting = meeting_create(
            federation=network, date=in_days(20), place="Den Bosch", schedule=False
        )
        login_as(client, "ad.smets@lnv.nl")
        response = client.post(reverse("meetings:send_call", args=[meeting.pk]), {"kind": "call"})
        assert response.status_code == 302  # never a 500
        (queued,) = _calls(meeting)
        assert MailJob.objects.get(meeting=meeting, kind="call").status == "queued"

        # The worker tries: the connection is refused; the job says so, the task is enqueued again.
        call_command("worker", batch=True, verbosity=0)
        queued.refresh_from_db()
        assert queued.status == "SUCCESSFUL"
        assert queued.return_value["sent"] == 0 and queued.return_value["retry_at"]
        job = MailJob.objects.get(meeting=meeting, kind="call")
        assert job.status == "retrying" and job.attempts == 1 and job.error
        second = _calls(meeting)[1]
        assert second.args_kwargs["args"] == [meeting.pk, "call", None, 2]
        assert 20 < (second.run_after - timezone.now()).total_seconds() <= 30
        assert not CallDelivery.objects.exists()

        # The meeting page tells the coordinator, with the next try.
        page = client.get(reverse("meetings:meeting", args=[meeting.pk])).content.decode()
        assert 'data-state="retrying"' in page and "It is tried again automatically" in page
        assert 'data-kind="call" data-status="retrying"' in page

        # Still down at the second try: the third waits twice as long.
        DBTaskResult.objects.filter(pk=second.pk).update(run_after=timezone.now())
        call_command("worker", batch=True, verbosity=0)
        third = _calls(meeting)[2]
        assert third.args_kwargs["args"][3] == 3
        assert 50 < (third.run_after - timezone.now()).total_seconds() <= 60
        assert MailJob.objects.get(meeting=meeting, kind="call").attempts == 2

        # The mail server is back when the third try is due: everyone gets the call, once.
        with _serve_smtp_on(smtp_down.EMAIL_PORT) as inbox:
            DBTaskResult.objects.filter(pk=third.pk).update(run_after=timezone.now())
            call_command("worker", batch=True, verbosity=0)
            inbox.wait_for(INVITED)
        assert len(inbox.messages) == INVITED
        assert len(_calls(meeting)) == 3  # no fourth
    job = MailJob.objects.get(meeting=meeting, kind="call")
    assert job.status == "sent" and job.sent == INVITED and job.attempts == 3 and not job.error
    meeting.refresh_from_db()
    assert meeting.call_sent_at is not None


@pytest.mark.django_db
def test_send_the_call_now_answers_with_a_message_not_a_500(meeting, smtp_down, client):
    """Without a worker (tasks run at once) the sending fails for good; the page says so."""
    login_as(client, "ad.smets@lnv.nl")
    response = client.post(
        reverse("meetings:send_call", args=[meeting.pk]), {"kind": "call"}, follow=True
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Sending failed: the mail server could not be reached" in page
    assert 'data-state="failed"' in page and 'data-status="failed"' in page
    job = MailJob.objects.get(meeting=meeting, kind="call")
    assert job.status == "failed" and job.attempts == 1 and job.error
    assert not CallDelivery.objects.exists()
    meeting.refresh_from_db()
    assert meeting.call_sent_at is None


@pytest.mark.django_db
def test_the_same_in_dutch(meeting, smtp_down, client):
    smtp_down.LANGUAGE_CODE = "nl"
    login_as(client, "ad.smets@lnv.nl")
    page = client.post(
        reverse("meetings:send_call", args=[meeting.pk]), {"kind": "call"}, follow=True
    ).content.decode()
    assert "Versturen mislukt: de mailserver was niet bereikbaar" in page
    assert "mislukt na 1 poging" in page


@pytest.fixture
def vacancy_with_contacts(meeting, tmp_path):
    """Kees shares his network (a road inspector at a province); Rijkswaterstaat has a vacancy."""
    kees = Employee.objects.get(email="kees.dijk@rws.nl")
    path = tmp_path / "Connections.csv"
    path.write_text(
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        "Lotte,Visser,https://www.linkedin.com/in/lotte-visser,,Provincie Noord-Brabant,Weginspecteur,12 Mar 2021\n"
    )
    consent_give(employee=kees, via="cli")
    assert NetworkImporter().import_file(path=path, owner=kees).ok
    return help_request_add(
        meeting=meeting,
        org="Rijkswaterstaat",
        kind="vacancy",
        title="Weginspecteur",
        skills="inspectie, verkeersveiligheid",
        region="Noord-Brabant",
    )


@pytest.mark.django_db
def test_asking_colleagues_about_their_contacts_does_not_fail_silently(
    vacancy_with_contacts, smtp_down, client
):
    vacancy = vacancy_with_contacts
    login_as(client, "myriam.roo@rws.nl")
    response = client.post(reverse("meetings:contacts", args=[vacancy.pk]), follow=True)
    assert response.status_code == 200
    assert "Sending failed" in response.content.decode()
    assert ContactSuggestion.objects.filter(demand=vacancy).exists()
    assert not ContactSuggestion.objects.filter(demand=vacancy, asked_at__isnull=False).exists()
    job = MailJob.objects.get(request=vacancy, kind="contacts")
    assert job.status == "failed"
    # The meeting page shows the real state of that mail to the representative.
    page = client.get(reverse("meetings:meeting", args=[vacancy.meeting_id])).content.decode()
    assert "questions to colleagues about their contacts: Weginspecteur" in page
    assert 'data-kind="contacts" data-status="failed"' in page

    # With the mail server up, asking again reaches Kees; the state says sent.
    with smtp_server() as inbox, inbox.django():
        client.post(reverse("meetings:contacts", args=[vacancy.pk]))
        assert inbox.to("kees.dijk@rws.nl")
    job.refresh_from_db()
    assert job.status == "sent" and job.sent >= 1


@pytest.mark.django_db(transaction=True)
def test_feedback_to_a_requester_is_retried_when_the_mail_server_is_down(
    vacancy_with_contacts, smtp_down
):
    smtp_down.WEAKTIES_MEETING_MAIL_RETRY_SECONDS = 60
    request = vacancy_with_contacts
    request.requester_email = "myriam.roo@rws.nl"
    request.save()
    with DB_TASKS:
        outcome_record(request=request, outcome="conversation", note="Gesprek gepland")
        assert MailJob.objects.get(request=request, kind="feedback").status == "queued"
        call_command("worker", batch=True, verbosity=0)
        job = MailJob.objects.get(request=request, kind="feedback")
        assert job.status == "retrying"
        assert job.due_at - timezone.now() > dt.timedelta(seconds=50)
        retry = DBTaskResult.objects.filter(
            task_path__endswith="send_request_feedback", status="READY"
        ).get()
        assert retry.args_kwargs["args"] == [request.pk, 2]


@pytest.mark.django_db
def test_weakties_meeting_call_with_the_mail_server_down_is_one_line(meeting, smtp_down, capsys):
    from weakties.cli.main import main

    assert main(["meeting", "call", str(meeting.pk)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("weakties: error: the mail server could not be reached")
    assert len(err.strip().splitlines()) == 1
