"""Dates in inputs are ISO in every language; the call's real state, past meetings, `meeting check` (issue 11)."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override

from weakties.cli.main import main
from weakties.meetings.forms import HelpRequestForm, MeetingForm
from weakties.meetings.models import MailJob, Meeting
from weakties.meetings.selectors import CallState, call_state
from weakties.meetings.services.mail_jobs import mail_job_queue
from weakties.meetings.services.meetings import meeting_create

from .conftest import in_days, login_as

pytestmark = pytest.mark.django_db


def _past(network, *, days_ago: int = 60) -> Meeting:
    """A meeting that was held, written directly (the services refuse past dates)."""
    day = timezone.localdate() - dt.timedelta(days=days_ago)
    return Meeting.objects.create(
        federation=network, date=day, deadline=day - dt.timedelta(days=2), place="Den Bosch"
    )


def _value(html: str, name: str) -> str:
    match = re.search(rf'<input[^>]*name="{name}"[^>]*>', html)
    assert match, f"no input {name}"
    value = re.search(r'value="([^"]*)"', match.group(0))
    return value.group(1) if value else ""


def test_date_inputs_render_iso_in_dutch_and_english(network):
    day = dt.date(2026, 12, 17)
    for language in ("nl", "en"):
        with override(language):
            html = str(MeetingForm(federation=network, initial={"date": day}))
            assert _value(html, "date") == "2026-12-17"
            assert _value(html, "start_time") == "14:00"
            html = str(HelpRequestForm(organisations=network.members.all(), initial={"date": day}))
            assert _value(html, "date") == "2026-12-17"


def test_editing_a_meeting_in_dutch_shows_and_saves_its_date(network, client, settings):
    settings.LANGUAGE_CODE = "nl"
    meeting = meeting_create(federation=network, date=in_days(40), place="Utrecht", schedule=False)
    login_as(client, "ad.smets@lnv.nl")
    url = reverse("meetings:meeting_edit", args=[meeting.pk])
    html = client.get(url).content.decode()
    assert 'type="date"' in html and _value(html, "date") == meeting.date.isoformat()
    moved = in_days(45)
    response = client.post(
        url,
        {
            "date": moved.isoformat(),
            "start_time": _value(html, "start_time"),
            "end_time": _value(html, "end_time"),
            "place": "Den Bosch",
            "agenda": "",
            "call_days": "14",
            "host": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    meeting.refresh_from_db()
    assert meeting.date == moved and meeting.place == "Den Bosch"


def test_a_past_meeting_whose_call_never_went_says_so_and_offers_the_right_action(
    network, client, settings
):
    settings.LANGUAGE_CODE = "en"
    past = _past(network)
    assert call_state(past)["state"] == CallState.MISSED
    login_as(client, "ad.smets@lnv.nl")
    page = client.get(reverse("meetings:meeting", args=[past.pk])).content.decode()
    assert 'data-state="missed"' in page
    assert "This meeting took place on" in page and "was never sent" in page
    assert "goes to" not in page and "Send the call" not in page
    assert 'id="send-call"' not in page and 'id="ask-link"' not in page
    assert 'id="plan-next"' in page and 'id="record-outcomes"' in page
    # Sending it anyway (an old form, a script) is refused with a message, and nothing goes.
    response = client.post(reverse("meetings:send_call", args=[past.pk]), follow=True)
    assert response.status_code == 200 and "has passed" in response.content.decode()
    assert not past.deliveries.exists() and not MailJob.objects.filter(meeting=past).exists()


def test_the_same_past_meeting_in_dutch(network, client, settings):
    settings.LANGUAGE_CODE = "nl"
    past = _past(network)
    login_as(client, "ad.smets@lnv.nl")
    page = client.get(reverse("meetings:meeting", args=[past.pk])).content.decode()
    assert "Deze bijeenkomst was op" in page and "is nooit verstuurd" in page
    assert "Plan de volgende bijeenkomst" in page and "Verstuur de oproep" not in page


def test_a_past_meeting_keeps_its_date_while_its_place_is_corrected(network, client):
    past = _past(network)
    login_as(client, "ad.smets@lnv.nl")
    response = client.post(
        reverse("meetings:meeting_edit", args=[past.pk]),
        {
            "date": past.date.isoformat(),
            "start_time": "14:00",
            "end_time": "17:00",
            "place": "Utrecht",
            "call_days": "14",
        },
    )
    assert response.status_code == 302
    past.refresh_from_db()
    assert past.place == "Utrecht" and not past.call_task_id
    assert not MailJob.objects.filter(meeting=past).exists()


def test_a_call_whose_moment_passed_without_being_queued_is_flagged_with_a_send_button(
    network, client, settings
):
    settings.LANGUAGE_CODE = "en"
    # Ten days ahead, the call 14 days before: its moment passed; nothing was queued.
    meeting = meeting_create(federation=network, date=in_days(10), schedule=False)
    assert call_state(meeting)["state"] == CallState.NOT_QUEUED
    login_as(client, "ad.smets@lnv.nl")
    page = client.get(reverse("meetings:meeting", args=[meeting.pk])).content.decode()
    assert 'data-state="not-queued"' in page and "but has not been sent" in page
    assert 'id="send-call"' in page and ">Send the call<" in page


def test_a_call_still_to_come_can_be_sent_early(network, client, settings):
    settings.LANGUAGE_CODE = "en"
    meeting = meeting_create(federation=network, date=in_days(30), schedule=False)
    assert call_state(meeting)["state"] == CallState.SCHEDULED
    login_as(client, "ad.smets@lnv.nl")
    page = client.get(reverse("meetings:meeting", args=[meeting.pk])).content.decode()
    assert "The call for help requests goes to 5 colleagues on" in page
    assert "Send the call now" in page


def _check(capsys) -> tuple[int, list[dict]]:
    code = main(["meeting", "check", "--json"])
    return code, json.loads(capsys.readouterr().out)


def test_weakties_meeting_check_reports_calls_that_did_not_go_out(network, capsys, smtp, settings):
    settings.LANGUAGE_CODE = "en"
    code, rows = _check(capsys)
    assert code == 0 and rows == []
    assert main(["meeting", "check"]) == 0
    assert "Every call went out" in capsys.readouterr().out

    past = _past(network)
    overdue = meeting_create(federation=network, date=in_days(10), schedule=False)
    stuck = meeting_create(federation=network, date=in_days(11), schedule=False)
    mail_job_queue(meeting=stuck, kind="call", due_at=timezone.now() - dt.timedelta(hours=2))
    fine = meeting_create(federation=network, date=in_days(12))  # queued and sent at once
    later = meeting_create(federation=network, date=in_days(40), schedule=False)

    code, rows = _check(capsys)
    assert code == 1
    states = {(row["meeting"], row["kind"]): row["state"] for row in rows}
    assert states == {
        (past.pk, "call"): "missed",
        (overdue.pk, "call"): "not-queued",
        (stuck.pk, "call"): "stuck",
    }
    assert fine.pk not in {r["meeting"] for r in rows} and later.pk not in {
        r["meeting"] for r in rows
    }
    # Plain text: one line per problem, saying what to do.
    assert main(["meeting", "check"]) == 1
    captured = capsys.readouterr()
    assert f"weakties meeting call {overdue.pk}" in captured.out
    assert "is the worker running" in captured.out
    assert "3 meeting emails need attention" in captured.err
