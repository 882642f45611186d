"""The funnel (invited → opened → consented → imported), the landing page's answers, and sync status."""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from tests.factories import DATA
from weakties.accounts.models import Consent, Employee
from weakties.ambassadors.mail import invitation_token, read_token
from weakties.ambassadors.models import Invitation
from weakties.ambassadors.selectors import campaign_funnel, sync_rows, sync_summary
from weakties.ambassadors.services.campaigns import campaign_create
from weakties.people.models import ImportBatch
from weakties.people.services.consent import consent_give

from .conftest import ANNA, JAN, SOPHIE, TOM, days_ago, login

pytestmark = pytest.mark.django_db


def funnel(campaign) -> dict[str, int]:
    f = campaign_funnel(campaign=campaign)
    return {k: f[k] for k in ("invited", "opened", "consented", "imported", "declined")}


@pytest.fixture
def campaign(org, smtp):
    return campaign_create(organisation=org, scope="all", actor_label="test").campaign


def page_of(invitation: Invitation) -> str:
    return f"/ambassadors/i/{invitation_token(invitation)}/"


def upload(name: str = "jan_Connections.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile("Connections.csv", (DATA / name).read_bytes(), "text/csv")


def test_the_funnel_follows_open_consent_and_import(campaign, client):
    tom = campaign.invitations.get(employee__email=TOM)
    anna = campaign.invitations.get(employee__email=ANNA)
    assert funnel(campaign) == {
        "invited": 2,
        "opened": 0,
        "consented": 0,
        "imported": 0,
        "declined": 0,
    }
    assert client.get(page_of(tom)).status_code == 200
    client.get(page_of(tom))  # a second visit counts once
    assert funnel(campaign)["opened"] == 1
    # Consent without a file: consented, not imported.
    response = client.post(page_of(tom) + "consent/", {"consent": "on", "format": "auto"})
    assert response.status_code == 302
    assert Employee.objects.get(email=TOM).has_consent()
    assert funnel(campaign) == {
        "invited": 2,
        "opened": 1,
        "consented": 1,
        "imported": 0,
        "declined": 0,
    }
    # Anna consents and imports a file at once (the import page's service; tasks run at once here).
    response = client.post(
        page_of(anna) + "consent/", {"consent": "on", "format": "auto", "file": upload()}
    )
    assert response.status_code == 302
    batch = ImportBatch.objects.get(owner__email=ANNA)
    # The link's token is signed with the time: compare the invitation it names, not the string.
    match = re.fullmatch(r"/ambassadors/i/([^/]+)/imports/(\d+)/(#.*)?", response["Location"])
    assert match and read_token(match[1]) == anna and int(match[2]) == batch.pk
    assert batch.status == "done" and batch.ties_created == 4
    assert funnel(campaign) == {
        "invited": 2,
        "opened": 2,
        "consented": 2,
        "imported": 1,
        "declined": 0,
    }
    status = client.get(page_of(anna) + f"imports/{batch.pk}/").content.decode()
    assert 'data-status="done"' in status and 'data-key="ties_created">4<' in status
    # Consent given elsewhere (the import page) counts too; a withdrawal takes it out again.
    client.post(page_of(anna) + "withdraw/")
    assert funnel(campaign) == {
        "invited": 2,
        "opened": 2,
        "consented": 1,
        "imported": 0,
        "declined": 0,
    }


def test_without_the_box_ticked_nothing_is_shared(campaign, client):
    tom = campaign.invitations.get(employee__email=TOM)
    response = client.post(page_of(tom) + "consent/", {"format": "auto", "file": upload()})
    assert response.status_code == 400
    assert "Tick the box to agree first." in response.content.decode()
    assert not Employee.objects.get(email=TOM).has_consent()
    assert not ImportBatch.objects.filter(owner__email=TOM).exists()


def test_a_declined_invitation_shows_as_declined_and_the_page_says_so(campaign, client):
    tom = campaign.invitations.get(employee__email=TOM)
    response = client.post(page_of(tom) + "decline/", {"reason": "Te druk"}, follow=True)
    assert 'id="state-declined"' in response.content.decode()
    assert "will not ask you again" in response.content.decode()
    assert funnel(campaign)["declined"] == 1
    assert funnel(campaign)["opened"] == 1
    # He may still come back: the page keeps its consent form.
    assert 'id="consent-form"' in response.content.decode()


def test_someone_signed_in_as_another_colleague_cannot_answer(campaign, client):
    login(client, JAN)
    tom = campaign.invitations.get(employee__email=TOM)
    page = client.get(page_of(tom))
    assert page.status_code == 403 and "Tom" not in page.content.decode()
    assert Invitation.objects.get(pk=tom.pk).opened_at is None
    assert client.post(page_of(tom) + "consent/", {"consent": "on"}).status_code == 403
    assert client.post(page_of(tom) + "decline/").status_code == 403
    assert client.post(page_of(tom) + "withdraw/").status_code == 403
    assert not Employee.objects.get(email=TOM).has_consent()


def test_the_invitee_signed_in_answers_their_own(campaign, client):
    login(client, TOM)
    tom = campaign.invitations.get(employee__email=TOM)
    assert client.post(page_of(tom) + "consent/", {"consent": "on"}).status_code == 302
    assert Employee.objects.get(email=TOM).has_consent()


def test_a_link_of_someone_who_left_is_not_found(campaign, client):
    tom = campaign.invitations.get(employee__email=TOM)
    Employee.objects.filter(email=TOM).update(active=False)
    assert client.get(page_of(tom)).status_code == 404


def test_an_import_of_someone_else_is_not_shown_through_a_link(campaign, client):
    tom = campaign.invitations.get(employee__email=TOM)
    jans = ImportBatch.objects.filter(owner__email=JAN).first()
    assert client.get(page_of(tom) + f"imports/{jans.pk}/").status_code == 404


def test_sync_status_marks_old_imports_stale(org):
    jan_batches = ImportBatch.objects.filter(owner__email=JAN)
    jan_batches.update(finished_at=days_ago(400))
    summary = sync_summary(organisation=org)
    assert summary == {"employees": 4, "sharing": 2, "stale": 1, "never": 0, "stale_days": 365}
    stale = list(sync_rows(organisation=org, status="stale"))
    assert [e.email for e in stale] == [JAN]
    assert {e.email for e in sync_rows(organisation=org, status="not_sharing")} == {ANNA, TOM}
    consent_give(employee=Employee.objects.get(email=TOM), via="web")
    assert [e.email for e in sync_rows(organisation=org, status="never")] == [TOM]
    with override_settings(WEAKTIES_IMPORT_STALE_DAYS=500):
        assert sync_summary(organisation=org)["stale"] == 0
    assert [e.email for e in sync_rows(organisation=org, q="hr")] == [SOPHIE]


def test_the_sync_page_shows_stale_files(org, client):
    ImportBatch.objects.filter(owner__email=JAN, file_name="jan_contacts.vcf").update(
        finished_at=days_ago(400)
    )
    ImportBatch.objects.filter(owner__email=JAN, file_name="jan_Connections.csv").update(
        finished_at=days_ago(10)
    )
    login(client, ANNA, role="admin")
    page = client.get("/ambassadors/sync/").content.decode()
    jan_row = page.split(f'data-employee="{JAN}"')[1].split("</tr>")[0]
    assert 'data-file="jan_contacts.vcf" data-stale="1"' in jan_row
    assert 'data-file="jan_Connections.csv" data-stale="0"' in jan_row  # the recent one
    stale = client.get("/ambassadors/sync/?status=stale").content.decode()
    assert f'data-employee="{SOPHIE}"' not in stale and f'data-employee="{JAN}"' not in stale
    ImportBatch.objects.filter(owner__email=JAN).update(finished_at=days_ago(400))
    stale = client.get("/ambassadors/sync/?status=stale").content.decode()
    assert f'data-employee="{JAN}"' in stale


def test_the_campaign_page_shows_the_funnel_and_each_invitee(campaign, client):
    tom = campaign.invitations.get(employee__email=TOM)
    client.post(page_of(tom) + "consent/", {"consent": "on"})
    login(client, ANNA, role="admin")
    page = client.get(f"/ambassadors/campaigns/{campaign.pk}/").content.decode()
    assert 'data-key="invited">2<' in page and 'data-key="consented">1<' in page
    row = page.split(f'data-employee="{TOM}"')[1].split("</tr>")[0]
    assert 'data-answer="consented"' in row
    index = client.get("/ambassadors/").content.decode()
    assert f'"funnel-{campaign.pk}"' in index  # the chart's data
    assert '"values": [2, 1, 1, 0]' in index


def test_the_summary_counts_what_the_rows_show(org, globex):
    """One pass over the employees (joins, not a sub-select per employee): the same counts as
    the annotated rows, with a consent given twice, a failed import, a colleague who left and
    another organisation's employees."""
    tom = Employee.objects.get(email=TOM)
    consent_give(employee=tom, via="web")
    Consent.objects.create(employee=tom, via="cli")  # a second open consent: counted once
    ImportBatch.objects.create(
        organisation=org, owner=tom, file_name="broken.csv", status=ImportBatch.Status.FAILED
    )
    Employee.objects.filter(email=ANNA).update(active=False)
    ImportBatch.objects.filter(owner__email=JAN).update(finished_at=days_ago(400))
    rows = list(sync_rows(organisation=org))
    cutoff = days_ago(365)
    expected = {
        "employees": len(rows),
        "sharing": sum(r.sharing for r in rows),
        "stale": sum(bool(r.sharing and r.last_import and r.last_import < cutoff) for r in rows),
        "never": sum(bool(r.sharing and r.last_import is None) for r in rows),
        "stale_days": 365,
    }
    assert expected == {"employees": 3, "sharing": 3, "stale": 1, "never": 1, "stale_days": 365}
    assert sync_summary(organisation=org) == expected
