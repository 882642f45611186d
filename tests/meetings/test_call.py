"""The call for help requests: scheduled on django-tasks' database backend, sent over real SMTP, once."""

from __future__ import annotations

import datetime as dt
import re

import pytest
import vobject
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from weakties.meetings.mail import read_request_token
from weakties.meetings.models import CallDelivery, Meeting
from weakties.meetings.services.delivery import send_call
from weakties.meetings.services.meetings import meeting_create, meeting_update

from .conftest import in_days

DB_TASKS = override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})
STAFF_OF_MEMBERS = {
    "ad.smets@lnv.nl",
    "eva.kok@lnv.nl",
    "piet.bos@lnv.nl",
    "myriam.roo@rws.nl",
    "kees.dijk@rws.nl",
}


def _tasks(meeting):
    return {
        r.args_kwargs["args"][1]: r
        for r in DBTaskResult.objects.filter(task_path__endswith="send_meeting_call")
        if r.args_kwargs["args"][0] == meeting.pk
    }


@pytest.mark.django_db(transaction=True)
def test_call_is_scheduled_call_days_before_and_sent_once_by_the_worker(network, smtp, settings):
    settings.LANGUAGE_CODE = "en"
    with DB_TASKS:
        meeting = meeting_create(
            federation="SAM",
            date=in_days(30),
            place="Den Bosch",
            host="Rijkswaterstaat",
            agenda="Elevator pitches",
        )
        tasks = _tasks(meeting)
        assert set(tasks) == {"call", "reminder"}
        call_at = tasks["call"].run_after
        assert call_at.date() == meeting.date - dt.timedelta(days=14)
        assert tasks["reminder"].run_after.date() == meeting.deadline - dt.timedelta(days=3)
        assert tasks["call"].status == "READY"

        # Before its time the worker leaves it alone.
        call_command("worker", batch=True, verbosity=0)
        assert smtp.messages == [] and not CallDelivery.objects.exists()

        # Time passes: the call is due.
        DBTaskResult.objects.filter(pk=tasks["call"].pk).update(
            run_after=timezone.now() - dt.timedelta(seconds=1)
        )
        call_command("worker", batch=True, verbosity=0)
        received = smtp.wait_for(len(STAFF_OF_MEMBERS))
        assert {
            r for m in received for r in m.rcpt_tos
        } == STAFF_OF_MEMBERS  # not the non-member's staff
        assert DBTaskResult.objects.get(pk=tasks["call"].pk).status == "SUCCESSFUL"

        # The task runs again (a retry, a second worker): nobody gets it twice.
        DBTaskResult.objects.filter(pk=tasks["call"].pk).update(status="READY")
        call_command("worker", batch=True, verbosity=0)
        assert len(smtp.messages) == len(STAFF_OF_MEMBERS)
        assert CallDelivery.objects.filter(meeting=meeting, kind="call").count() == len(
            STAFF_OF_MEMBERS
        )
    meeting.refresh_from_db()
    assert meeting.call_sent_at is not None


@pytest.mark.django_db
def test_call_email_has_a_personal_link_and_a_calendar_invite(network, smtp, settings):
    settings.LANGUAGE_CODE = "en"
    settings.WEAKTIES_BASE_URL = "https://weakties.example.org"
    agenda = (
        "Uitwisseling van kandidaten, vacatures en werkervaringsplekken; elevator pitches; présentatie. "
        * 3
    )
    meeting = meeting_create(
        federation="SAM",
        date=in_days(20),
        place="Omgevingsdienst, Den Bosch",
        agenda=agenda,
        schedule=False,
    )
    result = send_call(meeting)
    assert result["sent"] == 5
    eva = smtp.to("eva.kok@lnv.nl")
    assert len(eva) == 1
    mail = eva[0]
    assert "SAM" in mail.subject
    link = re.search(
        r"https://weakties\.example\.org/federations/meetings/\d+/ask/\S+/", mail.body
    ).group(0)
    token = link.rstrip("/").rsplit("/", 1)[1]
    assert read_request_token(meeting, token).email == "eva.kok@lnv.nl"
    # Another meeting's form does not accept this token.
    other = meeting_create(federation="SAM", date=in_days(40), schedule=False)
    assert read_request_token(other, token) is None

    (invite,) = mail.attachments("text/calendar")
    assert invite.get_param("method") == "REQUEST"
    raw = invite.get_payload(decode=True)
    assert b"\r\n" in raw and b"\n" not in raw.replace(b"\r\n", b"")
    lines = raw.split(b"\r\n")
    assert all(len(line) <= 75 for line in lines)  # octets, not characters
    assert any(line.startswith(b" ") for line in lines)  # the long agenda was folded
    cal = vobject.readOne(raw.decode())
    assert cal.method.value == "REQUEST" and cal.prodid.value == "-//weakties//meetings//EN"
    event = cal.vevent
    assert event.uid.value == f"weakties-meeting-{meeting.pk}@weakties.example.org"
    assert event.dtstart.value == meeting.starts_at
    assert event.dtend.value == meeting.ends_at
    assert event.dtstamp.value.tzinfo is not None
    assert event.location.value == "Omgevingsdienst, Den Bosch"
    assert event.attendee.value == "mailto:eva.kok@lnv.nl"
    assert event.sequence.value == "0"
    assert event.description.value.startswith(agenda.strip())  # unfolded and unescaped again
    assert event.organizer.value.startswith("mailto:")


@pytest.mark.django_db
def test_second_send_emails_nobody_and_reminder_is_separate(network, smtp):
    meeting = meeting_create(federation="SAM", date=in_days(20), schedule=False)
    assert send_call(meeting)["sent"] == 5
    assert send_call(meeting) == {"meeting": meeting.pk, "kind": "call", "sent": 0, "skipped": 5}
    assert send_call(meeting, kind="reminder")["sent"] == 5
    reminders = smtp.messages[5:]
    assert all(not m.attachments("text/calendar") for m in reminders)
    assert len(smtp.messages) == 10


@pytest.mark.django_db
def test_a_stale_task_after_the_meeting_moved_sends_nothing(network, smtp):
    meeting = meeting_create(federation="SAM", date=in_days(20), schedule=False)
    old = meeting.call_at.isoformat()
    meeting_update(meeting, date=in_days(27))
    assert Meeting.objects.get(pk=meeting.pk).sequence == 1
    assert send_call(meeting, expected_at=old)["sent"] == 0
    assert send_call(meeting, expected_at=meeting.call_at.isoformat())["sent"] == 5


@pytest.mark.django_db
def test_with_a_backend_that_cannot_defer_a_due_call_goes_out_at_once(network, smtp):
    # The test settings use the immediate backend: a meeting 10 days away is past its call moment.
    meeting = meeting_create(federation="SAM", date=in_days(10))
    assert len(smtp.messages) == 5
    assert Meeting.objects.get(pk=meeting.pk).call_sent_at is not None
    later = meeting_create(federation="SAM", date=in_days(60))
    assert len(smtp.messages) == 5 and later.call_task_id == ""


@pytest.mark.django_db
def test_feedback_is_sent_once_per_recorded_outcome(network, smtp):
    from weakties.meetings.services.delivery import send_feedback
    from weakties.meetings.services.help_requests import help_request_add
    from weakties.meetings.services.outcomes import outcome_record

    meeting = meeting_create(federation="SAM", date=in_days(20), schedule=False)
    r = help_request_add(
        meeting=meeting,
        org="Ministerie LNV",
        kind="candidate",
        title="Beleidsmedewerker",
        email="piet.bos@lnv.nl",
    )
    outcome_record(request=r, outcome="introduction", note="Kennismaking geregeld")
    assert len(smtp.to("piet.bos@lnv.nl")) == 1
    assert send_feedback(r) is False  # the task ran again: nothing new to tell
    outcome_record(request=r, outcome="match", note="Het klikt")
    assert len(smtp.to("piet.bos@lnv.nl")) == 2
    silent = help_request_add(
        meeting=meeting, org="Ministerie LNV", kind="question", title="Zonder e-mail"
    )
    outcome_record(request=silent, outcome="no-match")
    assert len(smtp.messages) == 2 and send_feedback(silent) is False


@pytest.mark.django_db
def test_a_refused_address_does_not_stop_the_call_and_is_tried_again(network, smtp):
    smtp.refuse.add("eva.kok@lnv.nl")
    meeting = meeting_create(federation="SAM", date=in_days(20), schedule=False)
    result = send_call(meeting)
    assert result["sent"] == 4 and result["refused"] == 1
    assert not smtp.to("eva.kok@lnv.nl")
    smtp.refuse.clear()
    again = send_call(meeting)
    assert again == {"meeting": meeting.pk, "kind": "call", "sent": 1, "skipped": 4}
    assert len(smtp.to("eva.kok@lnv.nl")) == 1


@pytest.mark.django_db
def test_the_reminder_skips_colleagues_who_already_sent_a_request(network, smtp):
    from weakties.meetings.selectors import invited_employees
    from weakties.meetings.services.help_requests import help_request_add

    meeting = meeting_create(federation="SAM", date=in_days(20), schedule=False)
    assert send_call(meeting)["sent"] == 5
    requester = invited_employees(meeting).order_by("id").first()
    help_request_add(
        meeting=meeting,
        org=requester.organisation,
        kind="question",
        title="Wie kent een goede mentor?",
        requester=requester,
    )
    result = send_call(meeting, kind="reminder")
    assert result["sent"] == 4 and result["skipped"] == 1
    assert requester.email not in {r for m in smtp.messages[5:] for r in m.rcpt_tos}
