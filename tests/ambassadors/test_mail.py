"""The campaign's emails, read back from a real SMTP server: language, working links, no contact details.

And a mail server that cannot be reached: the page that starts the campaign
does not fail, the campaign says so, and the task tries again later.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.test import override_settings
from django.utils import timezone

from tests.smtp import free_port, smtp_server
from weakties.ambassadors.mail import read_token
from weakties.ambassadors.models import Campaign, Invitation
from weakties.ambassadors.services.campaigns import campaign_create, campaign_remind
from weakties.ambassadors.tasks import retry_delay, send_campaign_mail

from .conftest import ANNA, CONTACT_DETAILS, TOM, days_ago, login

pytestmark = pytest.mark.django_db

LINK = re.compile(r"http://localhost:8000(/ambassadors/i/[^\s/]+/)")


def link_in(message) -> str:
    found = LINK.search(message.body)
    assert found, message.body
    return found.group(1)


def test_each_colleague_gets_the_invitation_in_their_own_language(org, smtp, client):
    campaign_create(
        organisation=org, scope="all", message="Samen bereiken we meer.", actor_label="test"
    )
    smtp.wait_for(2)
    anna, tom = smtp.to(ANNA)[0], smtp.to(TOM)[0]
    # Anna has no language of her own: the site's default, Dutch. Tom chose English.
    assert anna.subject == "Acme BV nodigt je uit om ambassadeur te worden"
    assert anna.body.startswith("Beste Anna,")
    assert "Samen bereiken we meer." in anna.body
    assert tom.subject == "Acme BV invites you to become an ambassador"
    assert tom.body.startswith("Dear Tom,")
    assert "withdraw at any time" in tom.body
    for message in (anna, tom):
        assert message.message["From"] == "weakties@localhost"
        for detail in CONTACT_DETAILS:
            assert detail.lower() not in message.body.lower()
    # The link opens the employee's own page without a login, in their language.
    page = client.get(link_in(tom))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Tom, will you be an ambassador for Acme BV?" in text
    assert "Anna" not in text.split("<main", 1)[1].split(">", 1)[1].split("</main>")[0]
    assert (
        "Anna, wil je ambassadeur zijn voor Acme BV?" in client.get(link_in(anna)).content.decode()
    )
    assert Invitation.objects.get(employee__email=TOM).opened_at is not None


def test_the_reminder_reads_as_one_and_carries_a_link_to_the_same_invitation(org, smtp):
    campaign = campaign_create(organisation=org, scope="all", actor_label="test").campaign
    first = link_in(smtp.wait_for(2) and smtp.to(TOM)[0])
    campaign.invitations.update(sent_at=days_ago(8))
    smtp.clear()
    campaign_remind(campaign=campaign)
    smtp.wait_for(2)
    reminder = smtp.to(TOM)[0]
    assert reminder.subject == "Reminder: will you help Acme BV as an ambassador?"
    assert "A short reminder" in reminder.body
    # signed anew when sent (its validity counts from the reminder), for the same invitation
    first_invitation = read_token(first.rstrip("/").rsplit("/", 1)[1])
    assert first_invitation is not None and first_invitation.employee.email == TOM
    assert read_token(link_in(reminder).rstrip("/").rsplit("/", 1)[1]) == first_invitation
    assert smtp.to(ANNA)[0].subject.startswith("Herinnering")


def test_a_forged_or_foreign_link_is_not_found(org, smtp, client):
    campaign_create(organisation=org, scope="all", actor_label="test")
    path = link_in(smtp.wait_for(1)[0])
    token = path.split("/")[-2]
    forged = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    assert client.get(f"/ambassadors/i/{forged}/").status_code == 404
    with override_settings(SECRET_KEY="another-secret-key-of-enough-length-0123456789"):
        assert client.get(path).status_code == 404


@override_settings(WEAKTIES_INVITE_LINK_DAYS=30)
def test_the_link_stops_working_after_the_setting(org, smtp, client):
    from django.core import signing

    campaign_create(organisation=org, scope="all", actor_label="test")
    invitation = Invitation.objects.get(employee__email=TOM)
    old = timezone.now() - dt.timedelta(days=31)

    class Then(signing.TimestampSigner):
        def timestamp(self):
            return signing.b62_encode(int(old.timestamp()))

    token = signing.dumps(
        {"i": invitation.pk, "e": invitation.employee_id},
        salt="weakties.ambassadors.invitation",
    )
    assert client.get(f"/ambassadors/i/{token}/").status_code == 200
    stale = Then(salt="weakties.ambassadors.invitation").sign_object(
        {"i": invitation.pk, "e": invitation.employee_id}
    )
    assert client.get(f"/ambassadors/i/{stale}/").status_code == 404


def test_a_refused_address_does_not_stop_the_others(org, smtp):
    smtp.refuse.add(ANNA)
    campaign = campaign_create(organisation=org, scope="all", actor_label="test").campaign
    assert [m.rcpt_tos for m in smtp.wait_for(1)] == [[TOM]]
    anna = campaign.invitations.get(employee__email=ANNA)
    assert anna.refused_at is not None and anna.sent_at is None
    campaign.refresh_from_db()
    assert campaign.send_error == ""


def _down():
    """Django's mail pointed at a port where no server listens."""
    return override_settings(
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=free_port(),
        EMAIL_TIMEOUT=2,
    )


def test_a_mail_server_that_is_down_never_breaks_the_page(org, client):
    login(client, ANNA, role="admin")
    with _down():
        response = client.post("/ambassadors/", {"scope": "all", "message": ""})
    assert response.status_code == 302
    campaign = Campaign.objects.get()
    assert "ConnectionRefusedError" in campaign.send_error
    assert campaign.invitations.filter(sent_at__isnull=True).count() == 2
    page = client.get(f"/ambassadors/campaigns/{campaign.pk}/").content.decode()
    assert 'id="send-error"' in page
    # Once the server is back, "Send again" sends what was left, and only that.
    with smtp_server() as inbox, inbox.django():
        assert client.post(f"/ambassadors/campaigns/{campaign.pk}/send/").status_code == 302
        inbox.wait_for(2)
        assert sorted(r for m in inbox.messages for r in m.rcpt_tos) == [ANNA, TOM]
        client.post(f"/ambassadors/campaigns/{campaign.pk}/send/")
        assert len(inbox.messages) == 2
    campaign.refresh_from_db()
    assert campaign.send_error == ""


@override_settings(TASKS={"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}})
def test_the_task_tries_again_later_with_growing_waits(org):
    from django_tasks import default_task_backend

    result = campaign_create(organisation=org, scope="all", actor_label="test")
    queued = default_task_backend.results
    assert [(list(r.args), r.task.run_after) for r in queued] == [
        ([result.campaign.pk, "invitation", 1], None)
    ]
    with _down():
        outcome = send_campaign_mail.call(result.campaign.pk, "invitation", 1)
    assert outcome["sent"] == 0 and outcome["error"]
    retry = queued[-1]
    assert list(retry.args) == [result.campaign.pk, "invitation", 2]
    assert retry.task.run_after == pytest.approx(
        timezone.now() + retry_delay(1), abs=dt.timedelta(seconds=5)
    )
    assert retry_delay(1) == dt.timedelta(minutes=1) and retry_delay(4) == dt.timedelta(minutes=8)
    # The last try gives up: nothing more is queued.
    with override_settings(WEAKTIES_INVITE_SEND_ATTEMPTS=3), _down():
        send_campaign_mail.call(result.campaign.pk, "invitation", 3)
    assert list(queued[-1].args) == [result.campaign.pk, "invitation", 2]
    with smtp_server() as inbox, inbox.django():
        assert send_campaign_mail.call(*retry.args)["sent"] == 2
        assert len(inbox.wait_for(2)) == 2


def test_who_answered_while_the_server_was_down_gets_no_invitation_after_all(org, client):
    from weakties.accounts.models import Employee
    from weakties.people.services.consent import consent_give

    with _down():
        campaign = campaign_create(organisation=org, scope="all", actor_label="test").campaign
    consent_give(employee=Employee.objects.get(email=TOM), via="web")  # on the import page
    with smtp_server() as inbox, inbox.django():
        assert send_campaign_mail.call(campaign.pk, "invitation", 2)["sent"] == 1
        assert [m.rcpt_tos for m in inbox.wait_for(1)] == [[ANNA]]
