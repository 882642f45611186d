"""Reminders reach the inbox through the notifications app: real SMTP, each reader's language."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.factories import employee
from tests.smtp import smtp_server
from weakties.notifications.services.preferences import preference_set
from weakties.plans.models import Goal
from weakties.plans.services.plans import plan_set
from weakties.plans.services.reminders import reminders_send

from .conftest import JAN, SECRETS, TOM

pytestmark = pytest.mark.django_db

BASE = "https://weakties.example.org"
T0 = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def smtp(settings):
    settings.WEAKTIES_BASE_URL = BASE
    with smtp_server() as inbox, inbox.django():
        yield inbox


def test_the_reminder_email_speaks_each_readers_language_and_links_to_the_plan(
    orgs, smtp, django_capture_on_commit_callbacks
):
    tom, jan = employee(TOM), employee(JAN)
    preference_set(employee=tom, digest="immediate", language="en")
    preference_set(employee=jan, digest="immediate", language="nl")
    plan_set(employee=tom, goal=Goal.NEW_JOB, targets=["Bakker Logistiek"], now=T0)
    plan_set(employee=jan, goal=Goal.CUSTOMERS, targets=["Coolblue"], now=T0)
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders_send(now=T0 + dt.timedelta(days=7))["reminded"] == 2
    smtp.wait_for(2)
    (to_tom,), (to_jan,) = smtp.to(tom.email), smtp.to(jan.email)
    assert to_tom.subject == "Your networking plan: 1 of 8 steps done"
    assert "Your next step towards a new job: Make a list of who can help you." in to_tom.body
    assert f"{BASE}/plan/" in to_tom.body
    assert to_jan.subject == "Je netwerkplan: 1 van 8 stappen gedaan"
    assert "Je volgende stap naar klanten: Maak een lijstje van wie je kan helpen." in to_jan.body
    assert f"{BASE}/plan/" in to_jan.body
    for mail in (to_tom, to_jan):
        assert not any(s.casefold() in mail.body.casefold() for s in SECRETS)
    # The same run again sends nothing more.
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders_send(now=T0 + dt.timedelta(days=7))["reminded"] == 0
    assert len(smtp.messages) == 2
