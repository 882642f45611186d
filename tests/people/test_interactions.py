"""Mail and calendar metadata counted on ties: headers only, all-or-nothing, repeatable."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from tests.factories import acme
from weakties.cli.main import main
from weakties.insights.services.analytics import analytics_refresh
from weakties.people.models import ImportBatch, Tie
from weakties.people.services.interactions import interactions_import

pytestmark = pytest.mark.django_db

MBOX = """From - Mon Nov 02 09:00:00 2026
From: Jan van den Berg <jan.vandenberg@acme.nl>
To: "Mehmet Celik" <MEHMET.CELIK@example.com>, eva.smit@example.org
Cc: stranger@elsewhere.example
Subject: a secret subject that must not be kept
Date: Mon, 02 Nov 2026 09:00:00 +0100

The body is never read.

From - Tue Nov 03 10:00:00 2026
From: Mehmet Celik <mehmet.celik@example.com>
To: jan.vandenberg@acme.nl
Date: Tue, 03 Nov 2026 10:00:00 +0100

Reply.

From - Wed Nov 04 10:00:00 2026
From: nobody@elsewhere.example
To: jan.vandenberg@acme.nl
Date: Wed, 04 Nov 2026 10:00:00 +0100

Spam.
"""

ICS = "\r\n".join(
    [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//test//EN",
        "BEGIN:VEVENT",
        "UID:1@test",
        "DTSTAMP:20261101T080000Z",
        "DTSTART:20261110T130000Z",
        "SUMMARY:Private lunch",
        "ORGANIZER:mailto:eva.smit@example.org",
        "ATTENDEE;PARTSTAT=ACCEPTED:mailto:jan.vandenberg@acme.nl",
        "END:VEVENT",
        "END:VCALENDAR",
        "",
    ]
)


def _tie(email_part: str) -> Tie:
    return Tie.objects.get(employee__email="jan.vandenberg@acme.nl", email__icontains=email_part)


@pytest.fixture
def jan():
    acme()
    from tests.factories import employee

    return employee("jan.vandenberg@acme.nl")


def test_mbox_counts_messages_on_existing_ties_only(jan, tmp_path):
    path = tmp_path / "Inbox"
    path.write_text(MBOX)
    people_before = Tie.objects.count()
    report = interactions_import(path=path, owner=jan)
    assert report.ok and report.format == "mbox" and report.contacts == 3
    assert report.ties_updated == 2 and report.skipped == 1
    mehmet, eva = _tie("mehmet"), _tie("eva")
    assert (mehmet.interactions, mehmet.interactions_sent) == (2, 1)
    assert (eva.interactions, eva.interactions_sent) == (1, 1)
    assert mehmet.last_interaction == dt.date(2026, 11, 3)
    assert Tie.objects.count() == people_before  # nobody new from a mailbox
    batch = ImportBatch.objects.get(pk=report.batch)
    assert "secret" not in json.dumps(batch.errors) and batch.format == "mbox"
    assert mehmet.provenance.filter(batch=batch, line=1).exists()


def test_the_same_file_twice_changes_nothing(jan, tmp_path):
    path = tmp_path / "Inbox"
    path.write_text(MBOX)
    interactions_import(path=path, owner=jan)
    again = interactions_import(path=path, owner=jan)
    assert again.duplicate and _tie("mehmet").interactions == 2


def test_calendar_and_cli(jan, tmp_path, capsys):
    path = tmp_path / "agenda.ics"
    path.write_text(ICS)
    assert main(["import", str(path), "--owner", "jan.vandenberg@acme.nl", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["format"] == "ics" and report["ties_updated"] == 1
    eva = _tie("eva")
    assert (eva.interactions, eva.interactions_sent) == (1, 0)  # Eva organised it


def test_a_broken_mailbox_imports_nothing(jan, tmp_path, capsys, settings):
    settings.LANGUAGE_CODE = "en"
    path = tmp_path / "Inbox"
    path.write_text(MBOX.replace("Date: Tue, 03 Nov 2026 10:00:00 +0100", "Date: not a date"))
    assert main(["import", str(path), "--owner", "jan.vandenberg@acme.nl", "--format", "mbox"]) != 0
    err = capsys.readouterr().err
    assert "Inbox" in err and "line 13" in err and len(err.strip().splitlines()) == 1
    assert not Tie.objects.filter(interactions__gt=0).exists()


def test_interactions_raise_strength(jan, tmp_path):
    org = jan.organisation
    analytics_refresh(organisation=org)
    before = _tie("mehmet").measured.strength
    path = tmp_path / "Inbox"
    path.write_text(MBOX)
    interactions_import(path=path, owner=jan)
    analytics_refresh(organisation=org)
    assert _tie("mehmet").measured.strength > before


def test_web_upload_of_a_calendar(jan, client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.factories import login

    login(client, "jan.vandenberg@acme.nl")
    upload = SimpleUploadedFile("agenda.ics", ICS.encode(), content_type="text/calendar")
    response = client.post("/import/", {"file": upload, "consent": "on", "format": "auto"})
    assert response.status_code == 302
    assert client.get(response["Location"]).status_code == 200
    assert _tie("eva").interactions == 1
    assert ImportBatch.objects.filter(owner=jan, format="ics", status="done").exists()


def test_overlapping_exports_count_each_message_once_and_cc_is_not_a_conversation(jan, tmp_path):
    first = tmp_path / "Inbox"
    first.write_text(MBOX)
    interactions_import(path=first, owner=jan)
    # A later export holds the same three messages and one new one, from Mehmet, cc Eva.
    later = tmp_path / "All Mail"
    later.write_text(
        MBOX
        + """
From - Thu Nov 05 10:00:00 2026
From: mehmet.celik@example.com
To: jan.vandenberg@acme.nl
Cc: eva.smit@example.org
Date: Thu, 05 Nov 2026 10:00:00 +0100

Again.
"""
    )
    report = interactions_import(path=later, owner=jan)
    assert report.ok and not report.duplicate
    mehmet, eva = _tie("mehmet"), _tie("eva")
    assert (mehmet.interactions, mehmet.interactions_sent) == (3, 1)
    assert mehmet.last_interaction == dt.date(2026, 11, 5)
    assert eva.interactions == 1  # cc'd beside Jan on Mehmet's mail: not counted


def test_withdrawing_consent_forgets_the_fingerprints(jan, tmp_path):
    from weakties.people.models import InteractionSeen
    from weakties.people.services.consent import consent_withdraw

    path = tmp_path / "Inbox"
    path.write_text(MBOX)
    interactions_import(path=path, owner=jan)
    assert InteractionSeen.objects.filter(employee=jan).count() == 2
    consent_withdraw(employee=jan)
    assert not InteractionSeen.objects.filter(employee=jan).exists()
