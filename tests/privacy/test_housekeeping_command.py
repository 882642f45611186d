"""``weakties retention``: all due privacy housekeeping from cron, without a worker (issue 12).

The clock is moved by replacing ``django.utils.timezone.now`` (what every service reads)
while the command runs: the imports and requests are made today, the command runs a year on.
One run flags old imports, forgets what matches nothing (compare and forget on) and deletes
old privacy requests; a second run at the same moment does nothing more; after the grace the
flagged imports go.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from tests.factories import acme
from weakties.minimisation.models import ForgottenContact, RetentionFlag
from weakties.people.models import ImportBatch
from weakties.privacy.models import ObjectionRequest
from weakties.privacy.services.objections import (
    objection_confirm,
    objection_decide,
    objection_submit,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def today(settings):
    """Acme's imports and three privacy requests, made now: never confirmed, waiting, rejected."""
    settings.WEAKTIES_RETENTION_DAYS = 365
    settings.WEAKTIES_RETENTION_GRACE_DAYS = 30
    settings.WEAKTIES_OBJECTION_RETENTION_DAYS = 365
    settings.WEAKTIES_COMPARE_AND_FORGET = False
    acme()
    objection_submit(kind="erase", email="never.clicked@example.net")
    waiting = objection_submit(kind="erase", email="waiting@example.net")
    rejected = objection_submit(kind="object", email="rejected@example.net")
    objection_confirm(token=waiting.token)
    objection_confirm(token=rejected.token)
    objection_decide(request=rejected, accept=False, actor=None, answer="We hold nothing.")
    return timezone.now()


def _run_at(monkeypatch, moment: dt.datetime, capsys, *args: str) -> str:
    monkeypatch.setattr(timezone, "now", lambda: moment)
    call_command("retention", *args)
    return capsys.readouterr().out


def test_one_run_does_everything_due_and_a_second_does_nothing(today, monkeypatch, capsys):
    owned = ImportBatch.objects.filter(owner__isnull=False).count()
    assert owned == 3
    mail.outbox.clear()
    later = today + dt.timedelta(days=366)

    first = json.loads(_run_at(monkeypatch, later, capsys, "--json"))

    assert first["flagged"] == owned and first["emailed"] == owned
    assert first["imports_removed"] == 0
    assert first["objections_unconfirmed"] == 1 and first["objections_decided"] == 1
    assert RetentionFlag.objects.count() == owned
    assert set(ObjectionRequest.objects.values_list("status", flat=True)) == {"pending"}
    assert len(mail.outbox) == owned  # the owners are told, once

    again = json.loads(_run_at(monkeypatch, later, capsys, "--json"))
    assert again == {key: 0 for key in first}
    assert len(mail.outbox) == owned and RetentionFlag.objects.count() == owned

    after_grace = json.loads(_run_at(monkeypatch, later + dt.timedelta(days=31), capsys, "--json"))
    assert after_grace["imports_removed"] == owned and after_grace["ties_removed"] > 0
    assert not ImportBatch.objects.filter(owner__isnull=False).exists()
    assert ObjectionRequest.objects.filter(status="pending").count() == 1  # still to answer


def test_nothing_is_due_before_its_time(today, monkeypatch, capsys):
    out = json.loads(_run_at(monkeypatch, today + dt.timedelta(days=6), capsys, "--json"))
    assert out == {key: 0 for key in out} and len(out) == 8
    assert ObjectionRequest.objects.count() == 3 and not RetentionFlag.objects.exists()


def test_compare_and_forget_runs_when_it_is_on(today, settings, monkeypatch, capsys):
    settings.WEAKTIES_COMPARE_AND_FORGET = True
    out = json.loads(_run_at(monkeypatch, today, capsys, "--json"))
    assert out["forgotten"] > 0 and out["forgotten"] == ForgottenContact.objects.count()
    assert json.loads(_run_at(monkeypatch, today, capsys, "--json"))["forgotten"] == 0


@pytest.mark.parametrize(
    ("language", "lines"),
    [
        ("en", ("Imports flagged: 3", "Privacy requests deleted: 1 never confirmed, 1 decided.")),
        ("nl", ("Imports gemeld: 3", "Privacyverzoeken gewist: 1 nooit bevestigd, 1 afgehandeld.")),
    ],
)
def test_it_says_what_it_did_in_words(today, settings, monkeypatch, capsys, language, lines):
    settings.LANGUAGE_CODE = language
    out = " ".join(_run_at(monkeypatch, today + dt.timedelta(days=366), capsys).split())
    assert all(line in out for line in lines)
