"""The emails of introduction requests, read back from a real SMTP server.

weakties sends no notice email itself: ``notify()`` stores the notice and the
notifications app emails it at once or in the digest. Checked here: several
requests to one introducer arrive as one digest email, each email is in its
reader's language with working links, and no email carries the contact's
email or phone, not even the introducer's.
"""

from __future__ import annotations

import pytest
from django.utils import timezone

from tests.factories import employee
from weakties.introductions.services.answers import (
    introduction_answer,
    introduction_mark_sent,
    introduction_outcome,
)
from weakties.notifications.services.delivery import digests_send
from weakties.notifications.services.preferences import preference_set
from weakties.people.models import Tie

from .conftest import MEHMET_EMAIL, ask

pytestmark = pytest.mark.django_db

JAN, TOM, SAM = "jan.vandenberg@acme.nl", "tom.jansen@acme.nl", "sam.sales@acme.nl"
BASE = "https://weakties.example.org"


@pytest.fixture(autouse=True)
def base_url(settings):
    settings.WEAKTIES_BASE_URL = BASE


def no_contact_details(text: str) -> bool:
    return MEHMET_EMAIL not in text.lower() and "12345678" not in text and "zoe" not in text.lower()


def test_requests_to_one_introducer_come_as_one_digest_in_their_language(smtp, mehmet):
    preference_set(employee=employee(JAN), digest="daily", language="en")
    zoe = Tie.objects.get(employee__email=JAN, person__first_name__startswith="Zo").person
    first = ask(TOM, person=mehmet, questions=["How do you plan the peak?"])
    second = ask(SAM, person=zoe, reason="A sales lead", questions=["Who buys payments?"])
    assert digests_send(now=timezone.now()) == {"sent": 1, "notices": 2, "failed": 0}
    (mail,) = smtp.wait_for(1)
    assert mail.rcpt_tos == [JAN]
    body = mail.body
    assert "Tom Jansen asks you for an introduction to Mehmet Çelik" in body
    assert "Sam Sales asks you for an introduction to Zoë Peeters" in body
    assert "How do you plan the peak?" in body and "Who buys payments?" in body
    assert (
        f"{BASE}/introductions/{first.pk}/" in body and f"{BASE}/introductions/{second.pk}/" in body
    )
    assert MEHMET_EMAIL not in body.lower() and "12345678" not in body  # not even to the introducer


def test_the_requester_hears_each_step_at_once_in_dutch_without_contact_details(
    smtp, mehmet, django_capture_on_commit_callbacks
):
    preference_set(employee=employee(TOM), digest="immediate", language="nl")
    r = ask(person=mehmet)
    with django_capture_on_commit_callbacks(execute=True):
        introduction_answer(r, actor=employee(JAN), answer="accept")
    with django_capture_on_commit_callbacks(execute=True):
        introduction_mark_sent(r, actor=employee(JAN))
    with django_capture_on_commit_callbacks(execute=True):
        introduction_outcome(r, actor=employee(TOM), outcome="met")
    mails = smtp.wait_for(3)
    assert all(m.rcpt_tos == [TOM] for m in mails)
    text = "\n".join(m.subject + "\n" + m.body for m in mails)
    assert "heeft je verzoek om een introductie bij Mehmet Çelik geaccepteerd" in text
    assert "Jan van den Berg heeft je voorgesteld aan Mehmet Çelik" in text
    assert "Bedank Jan van den Berg voor de introductie" in text
    assert f"{BASE}/introductions/{r.pk}/" in text
    assert MEHMET_EMAIL not in text.lower() and "12345678" not in text


def test_a_decline_reason_reaches_the_requester_in_english(
    smtp, mehmet, django_capture_on_commit_callbacks
):
    preference_set(employee=employee(TOM), digest="immediate", language="en")
    r = ask(person=mehmet)
    with django_capture_on_commit_callbacks(execute=True):
        introduction_answer(r, actor=employee(JAN), answer="decline", reason="We lost touch")
    (mail,) = smtp.wait_for(1)
    assert mail.subject.strip().startswith("Jan van den Berg declined your request")
    assert "Their reason: We lost touch" in mail.body
    assert MEHMET_EMAIL not in mail.body.lower()
