"""notify(): the stored notice in the reader's language, and its email at once, in a digest, or never.

Every email is read back from a real SMTP server (``tests/smtp.py``).
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy

from weakties.notifications.models import Notice, Preference
from weakties.notifications.schedule import period_start
from weakties.notifications.services.delivery import digests_send
from weakties.notifications.services.notify import notify
from weakties.notifications.services.preferences import preference_set
from weakties.notifications.tasks import send_notice_email
from weakties.people.models import Tie

from .conftest import BASE, employee

pytestmark = pytest.mark.django_db

#: Strings of this app's catalogue, so the test sees the Dutch translation.
SUBJECT = gettext_lazy("Notification settings")
BODY = gettext_lazy("Mark all read")


def tell(person, n: int = 1, *, link: str = "/introductions/12/", subject=SUBJECT, body=BODY):
    return [
        notify(employee=person, kind="test", subject=subject, body=body, link=link)
        for _ in range(n)
    ]


def test_notify_stores_subject_and_text_in_each_readers_language(acme, settings):
    settings.LANGUAGE_CODE = "nl"
    jan, sophie, tom = (
        employee(f"{e}@acme.nl") for e in ("jan.vandenberg", "sophie.bakker", "tom.jansen")
    )
    preference_set(employee=jan, language="en")
    preference_set(employee=sophie, language="nl")
    (for_jan,), (for_sophie,), (for_tom,) = tell(jan), tell(sophie), tell(tom)
    assert (for_jan.subject, for_jan.body) == ("Notification settings", "Mark all read")
    assert (for_sophie.subject, for_sophie.body) == (
        "Meldingsinstellingen",
        "Alles als gelezen markeren",
    )
    # No remembered language: the site's default.
    assert for_tom.subject == "Meldingsinstellingen"
    assert Notice.objects.get(pk=for_jan.pk).link == "/introductions/12/"


def test_immediate_email_goes_after_commit_in_the_readers_language_with_absolute_links(
    acme, smtp, base_url, django_capture_on_commit_callbacks
):
    jan, sophie = employee("jan.vandenberg@acme.nl"), employee("sophie.bakker@acme.nl")
    preference_set(employee=jan, digest="immediate", language="en")
    preference_set(employee=sophie, digest="immediate", language="nl")
    with django_capture_on_commit_callbacks(execute=True):
        (for_jan,) = tell(jan, body="Sophie Bakker asks you to introduce her to Zoë Peeters.")
        (for_sophie,) = tell(sophie, link="/referrals/3/")
        assert smtp.messages == []  # nothing leaves before the commit
    smtp.wait_for(2)
    (to_jan,), (to_sophie,) = smtp.to(jan.email), smtp.to(sophie.email)
    assert to_jan.subject == "Notification settings"
    assert to_jan.body.startswith("Dear Jan,")
    assert "Sophie Bakker asks you to introduce her to Zoë Peeters." in to_jan.body
    assert f"{BASE}/introductions/12/" in to_jan.body
    assert f"{BASE}/notifications/settings/" in to_jan.body
    assert "Change how often" in to_jan.body
    assert to_sophie.subject == "Meldingsinstellingen"
    assert to_sophie.body.startswith("Beste Sophie,")
    assert f"{BASE}/referrals/3/" in to_sophie.body
    assert "Al je meldingen:" in to_sophie.body
    for notice in (for_jan, for_sophie):
        notice.refresh_from_db()
        assert notice.emailed_at is not None
    # The task again (a retry, a second worker): nobody gets it twice; the digest skips it too.
    assert send_notice_email.call(for_jan.pk)["sent"] is False
    assert digests_send()["sent"] == 0
    assert len(smtp.messages) == 2


def test_a_notice_in_a_transaction_that_rolls_back_is_never_emailed(
    acme, smtp, django_capture_on_commit_callbacks
):
    jan = employee("jan.vandenberg@acme.nl")
    preference_set(employee=jan, digest="immediate")
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(RuntimeError), transaction.atomic():
            tell(jan)
            raise RuntimeError("the use case failed")
    assert not Notice.objects.filter(employee=jan).exists()
    assert smtp.messages == []


def test_never_keeps_notices_in_the_app_only(acme, smtp, django_capture_on_commit_callbacks):
    tom = employee("tom.jansen@acme.nl")
    preference_set(employee=tom, digest="never")
    with django_capture_on_commit_callbacks(execute=True):
        tell(tom, 2)
    assert digests_send() == {"sent": 0, "notices": 0, "failed": 0}
    assert smtp.messages == []
    assert Notice.objects.filter(employee=tom, emailed_at__isnull=True).count() == 2


def test_daily_digest_bundles_three_notices_into_one_email_once(acme, smtp, base_url):
    jan = employee("jan.vandenberg@acme.nl")  # no preference stored: the default, daily
    assert not Preference.objects.filter(employee=jan).exists()
    links = ["/introductions/1/", "/introductions/2/", "/referrals/7/"]
    notices = [
        notify(
            employee=jan,
            kind="intro.requested",
            subject=f"Request {i}",
            body=f"Question {i}",
            link=link,
        )
        for i, link in enumerate(links, 1)
    ]
    now = timezone.now()
    assert digests_send(now=now) == {"sent": 1, "notices": 3, "failed": 0}
    (mail,) = smtp.wait_for(1)
    assert mail.rcpt_tos == [jan.email]
    assert mail.subject == "weakties: 3 nieuwe meldingen"  # the site's default language, nl
    body = mail.body
    assert body.index("1. Request 1") < body.index("2. Request 2") < body.index("3. Request 3")
    for link in links:
        assert f"{BASE}{link}" in body
    assert "Question 2" in body
    for n in notices:
        n.refresh_from_db()
        assert n.emailed_at is not None
    assert Preference.objects.get(employee=jan).last_digest_at == now

    # Run again, and a new notice in the same period: nothing more today.
    notify(employee=jan, kind="intro.requested", subject="Request 4")
    assert digests_send(now=now + dt.timedelta(seconds=1))["sent"] == 0
    assert len(smtp.messages) == 1
    # The next period has only the new one.
    tomorrow = period_start("daily", now) + dt.timedelta(days=1, minutes=1)
    assert digests_send(now=tomorrow) == {"sent": 1, "notices": 1, "failed": 0}
    second = smtp.wait_for(2)[1]
    assert "Request 4" in second.body and "Request 1" not in second.body
    assert second.subject == "weakties: 1 nieuwe melding"


def test_weekly_digest_goes_once_a_week_and_skips_what_was_read(acme, smtp):
    sophie = employee("sophie.bakker@acme.nl")
    preference_set(employee=sophie, digest="weekly", language="en")
    first, read, third = tell(sophie, 3)
    read.read_at = timezone.now()
    read.save()
    now = timezone.now()
    assert digests_send(now=now) == {"sent": 1, "notices": 2, "failed": 0}
    tell(sophie)
    assert digests_send(now=now + dt.timedelta(seconds=1))["sent"] == 0
    next_week = period_start("weekly", now) + dt.timedelta(days=7, minutes=1)
    assert next_week.weekday() == 0 and timezone.localtime(next_week).hour == 7
    assert digests_send(now=next_week)["notices"] == 1
    mails = smtp.wait_for(2)
    assert [m.subject for m in mails] == [
        "weakties: 2 new notifications",
        "weakties: 1 new notification",
    ]
    assert "one email a week at most" in mails[0].body
    read.refresh_from_db()
    assert read.emailed_at is None  # read in the app: never emailed


def test_immediate_notice_that_every_retry_missed_goes_with_the_digest_run(acme, smtp):
    tom = employee("tom.jansen@acme.nl")
    preference_set(employee=tom, digest="immediate", language="en")
    (missed,) = tell(tom)  # its task never ran (no commit in this test): as if every try failed
    assert digests_send()["sent"] == 0  # too early: the retries may still send it
    later = timezone.now() + dt.timedelta(hours=1)
    assert digests_send(now=later) == {"sent": 1, "notices": 1, "failed": 0}
    (mail,) = smtp.wait_for(1)
    assert "could not be emailed earlier" in mail.body
    missed.refresh_from_db()
    assert missed.emailed_at is not None


def test_emails_never_carry_the_contact_details_of_external_people(
    acme, smtp, base_url, django_capture_on_commit_callbacks
):
    """Sophie asks Jan for an introduction to his contact: she gets the news, never the address."""
    jan, sophie = employee("jan.vandenberg@acme.nl"), employee("sophie.bakker@acme.nl")
    ties = list(
        Tie.objects.filter(employee=jan).exclude(email="").select_related("person__company")
    )
    assert ties, "Jan's vCard has contacts with email addresses"
    details = {t.email for t in ties} | {
        t.phone for t in Tie.objects.filter(employee=jan) if t.phone
    }
    preference_set(employee=sophie, digest="immediate")
    with django_capture_on_commit_callbacks(execute=True):
        for tie in ties:
            notify(
                employee=sophie,
                kind="intro.accepted",
                subject=f"Jan introduces you to {tie.person.name}",
                body=f"{tie.person.name} ({tie.person.company or ''}) — Jan writes from his own mailbox.",
                link="/introductions/5/",
            )
    tell(jan, 2)
    digests_send()
    received = smtp.wait_for(len(ties) + 1)
    assert len(received) == len(ties) + 1
    for mail in received:
        text = mail.message.as_string()
        assert not any(d and d in text for d in details), mail.subject
