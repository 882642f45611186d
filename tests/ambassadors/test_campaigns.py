"""Invitation campaigns: who is invited, who is left alone, and the one reminder."""

from __future__ import annotations

import pytest
from django.test import override_settings
from django.utils import translation

from weakties.accounts.models import Employee
from weakties.ambassadors.models import Campaign, Decline, Invitation
from weakties.ambassadors.services.answers import invitation_consent, invitation_decline
from weakties.ambassadors.services.campaigns import campaign_create, campaign_remind
from weakties.core.errors import ServiceError
from weakties.people.services.consent import consent_give, consent_withdraw

from .conftest import ANNA, JAN, SOPHIE, TOM, days_ago

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    """Messages in English here; the Dutch ones are read back in test_mail and the CLI tests."""
    with translation.override("en"):
        yield


def invite(org, **kwargs):
    return campaign_create(organisation=org, actor_label="test", **kwargs)


def age(campaign: Campaign, days: float) -> None:
    """Pretend the campaign's invitations were made and sent ``days`` ago."""
    campaign.invitations.update(created_at=days_ago(days), sent_at=days_ago(days))


def test_inviting_everyone_leaves_out_those_who_already_share(org, smtp):
    result = invite(org, scope="all")
    assert result.as_dict() == {"invited": 2, "skipped": 0, "already_sharing": 2}
    assert sorted(result.invited) == [ANNA, TOM]
    assert sorted(result.already_sharing) == [JAN, SOPHIE]
    assert sorted(i.employee.email for i in result.campaign.invitations.all()) == [ANNA, TOM]
    assert sorted(r for m in smtp.wait_for(2) for r in m.rcpt_tos) == [ANNA, TOM]


def test_inviting_a_department_invites_its_members_only(org, smtp):
    result = invite(org, scope="department", department="engineering")  # any case
    assert result.as_dict() == {"invited": 1, "skipped": 0, "already_sharing": 0}
    assert result.invited == [TOM]
    assert result.campaign.department == "engineering"


def test_an_unknown_department_is_refused(org):
    with pytest.raises(ServiceError, match="no department named 'Marketing'"):
        invite(org, scope="department", department="Marketing")
    assert not Campaign.objects.exists()


def test_a_list_of_addresses_reports_strangers_as_skipped(org, globex, smtp):
    Employee.objects.filter(email=TOM).update(active=False)
    result = invite(
        org,
        scope="emails",
        emails=[
            "Anna.deVries@ACME.nl, nobody@acme.nl",
            "hank.scorpio@globex.com\njan.vandenberg@acme.nl; tom.jansen@acme.nl",
        ],
    )
    assert result.as_dict() == {"invited": 1, "skipped": 3, "already_sharing": 1}
    assert result.invited == [ANNA]
    assert result.skipped == [
        ("nobody@acme.nl", "unknown"),
        ("hank.scorpio@globex.com", "unknown"),  # another organisation's employee
        ("tom.jansen@acme.nl", "inactive"),
    ]
    assert [m.rcpt_tos for m in smtp.wait_for(1)] == [[ANNA]]


def test_an_empty_list_is_refused(org):
    with pytest.raises(ServiceError, match="no email address"):
        invite(org, scope="emails", emails=["no addresses here"])


def test_nobody_left_to_invite_stores_no_campaign(org, smtp):
    consent_give(employee=Employee.objects.get(email=TOM), via="cli")
    result = invite(org, scope="emails", emails=[TOM, JAN])
    assert result.as_dict() == {"invited": 0, "skipped": 0, "already_sharing": 2}
    assert result.campaign is None
    assert not Campaign.objects.exists()
    assert smtp.messages == []


def test_a_second_campaign_soon_after_is_no_second_reminder(org, smtp):
    first = invite(org, scope="all").campaign
    again = invite(org, scope="all")
    assert again.as_dict() == {"invited": 0, "skipped": 2, "already_sharing": 2}
    assert set(again.skipped) == {(ANNA, "recently_invited"), (TOM, "recently_invited")}
    age(first, 8)
    assert invite(org, scope="all").as_dict()["invited"] == 2


def test_the_reminder_goes_once_and_not_too_soon(org, smtp):
    campaign = invite(org, scope="all").campaign
    smtp.wait_for(2)
    smtp.clear()
    with pytest.raises(ServiceError, match="can go out from"):
        campaign_remind(campaign=campaign)
    age(campaign, 6.9)
    with pytest.raises(ServiceError, match="can go out from"):
        campaign_remind(campaign=campaign)
    age(campaign, 7.1)
    result = campaign_remind(campaign=campaign)
    assert result.as_dict() == {"invited": 2, "skipped": 0, "already_sharing": 0}
    reminders = smtp.wait_for(2)
    assert sorted(r for m in reminders for r in m.rcpt_tos) == [ANNA, TOM]
    assert all("Reminder" in m.subject or "Herinnering" in m.subject for m in reminders)
    with pytest.raises(ServiceError, match="there is only one"):
        campaign_remind(campaign=campaign)
    assert len(smtp.messages) == 2


@override_settings(WEAKTIES_INVITE_REMINDER_DAYS=2)
def test_the_reminder_interval_is_a_setting(org, smtp):
    campaign = invite(org, scope="all").campaign
    age(campaign, 1.5)
    with pytest.raises(ServiceError, match="2 days after"):
        campaign_remind(campaign=campaign)
    age(campaign, 2.1)
    assert campaign_remind(campaign=campaign).as_dict()["invited"] == 2


def test_who_answered_gets_no_reminder(org, smtp):
    campaign = invite(org, scope="all").campaign
    anna = campaign.invitations.get(employee__email=ANNA)
    tom = campaign.invitations.get(employee__email=TOM)
    invitation_consent(invitation=anna)
    invitation_decline(invitation=tom, reason="Not now")
    age(campaign, 8)
    smtp.wait_for(2)
    smtp.clear()
    result = campaign_remind(campaign=campaign)
    assert result.as_dict() == {"invited": 0, "skipped": 1, "already_sharing": 1}
    assert result.skipped == [(TOM, "answered")]
    assert smtp.messages == []


def test_declining_is_never_nagged_until_they_come_back(org, smtp):
    campaign = invite(org, scope="emails", emails=[TOM]).campaign
    decline = invitation_decline(invitation=campaign.invitations.get(), reason="Geen tijd")
    assert Decline.objects.get().reason == "Geen tijd"
    assert decline.invitation.campaign == campaign
    age(campaign, 30)
    later = invite(org, scope="all")
    assert (TOM, "declined") in later.skipped
    assert TOM not in later.invited
    # He comes back himself (consents on the import page), then withdraws: a later campaign may ask.
    tom = Employee.objects.get(email=TOM)
    consent_give(employee=tom, via="web")
    assert invite(org, scope="emails", emails=[TOM]).as_dict()["already_sharing"] == 1
    consent_withdraw(employee=tom)
    assert invite(org, scope="emails", emails=[TOM]).invited == [TOM]


def test_one_who_shares_cannot_decline(org, smtp):
    campaign = invite(org, scope="all").campaign
    anna = campaign.invitations.get(employee__email=ANNA)
    invitation_consent(invitation=anna)
    with pytest.raises(ServiceError, match="withdraw"):
        invitation_decline(invitation=anna)
    assert not Decline.objects.exists()


def test_every_campaign_is_audited(org, smtp):
    from weakties.accounts.models import AuditEvent

    campaign = invite(org, scope="all").campaign
    event = AuditEvent.objects.get(action="ambassadors.invite")
    assert event.detail["campaign"] == campaign.pk
    assert event.detail["invited"] == 2
    assert Invitation.objects.count() == 2
