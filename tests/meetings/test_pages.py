"""The employer-network pages, and attempts to get past their rules."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlparse

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from weakties.accounts.models import AuditEvent, Employee
from weakties.meetings.mail import request_link
from weakties.meetings.models import FederationInvitation, HelpRequest, Meeting
from weakties.meetings.services.help_requests import help_request_add
from weakties.meetings.services.meetings import meeting_create
from weakties.meetings.services.public import public_results_switch

from .conftest import in_days, login_as

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting(network):
    return meeting_create(federation=network, date=in_days(30), place="Den Bosch", schedule=False)


@pytest.fixture
def requests_in(meeting):
    eva = Employee.objects.get(email="eva.kok@lnv.nl")
    piet = Employee.objects.get(email="piet.bos@lnv.nl")
    mine = help_request_add(
        meeting=meeting,
        org="Ministerie LNV",
        kind="surplus",
        title="Vleesinspecteur",
        count=24,
        requester=eva,
        source="web",
    )
    theirs = help_request_add(
        meeting=meeting,
        org="Ministerie LNV",
        kind="candidate",
        title="Geheime kandidaat",
        requester=piet,
        source="web",
    )
    rws = help_request_add(
        meeting=meeting,
        org="Rijkswaterstaat",
        kind="vacancy",
        title="Weginspecteur",
        count=30,
        email="myriam.roo@rws.nl",
    )
    return mine, theirs, rws


def test_pages_need_a_login_except_the_public_page_and_the_call_link(client, meeting):
    for url in (
        reverse("meetings:index"),
        reverse("meetings:federation", args=[meeting.federation_id]),
        reverse("meetings:meeting", args=[meeting.pk]),
        reverse("meetings:brief", args=[meeting.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 302 and "/login/" in response["Location"]
    published = public_results_switch(meeting.federation, on=True, actor=None)
    assert client.get(reverse("meetings:public_results", args=[published.token])).status_code == 200
    eva = Employee.objects.get(email="eva.kok@lnv.nl")
    assert client.get(urlparse(request_link(meeting, eva)).path).status_code == 200


def test_non_members_do_not_even_see_that_the_network_exists(client, meeting, requests_in):
    login_as(client, "sjaak.verweij@odbn.nl")
    assert "SAM" not in client.get(reverse("meetings:index")).content.decode()
    for name, pk in (
        ("federation", meeting.federation_id),
        ("results", meeting.federation_id),
        ("meeting", meeting.pk),
        ("brief", meeting.pk),
        ("brief_pdf", meeting.pk),
        ("ask", meeting.pk),
        ("import", meeting.pk),
    ):
        assert client.get(reverse(f"meetings:{name}", args=[pk])).status_code == 404, name
    assert client.get(reverse("meetings:outcome", args=[requests_in[0].pk])).status_code == 404


def test_a_colleague_sees_the_meeting_and_only_their_own_requests(client, meeting, requests_in):
    login_as(client, "eva.kok@lnv.nl")
    html = client.get(reverse("meetings:meeting", args=[meeting.pk])).content.decode()
    assert "Vleesinspecteur" in html
    assert "Geheime kandidaat" not in html and "Weginspecteur" not in html
    assert client.get(reverse("meetings:brief", args=[meeting.pk])).status_code == 403
    assert client.get(reverse("meetings:brief_pdf", args=[meeting.pk])).status_code == 403
    assert client.get(reverse("meetings:outcome", args=[requests_in[0].pk])).status_code == 403
    assert client.post(reverse("meetings:send_call", args=[meeting.pk])).status_code == 403
    assert (
        client.get(reverse("meetings:meeting_create", args=[meeting.federation_id])).status_code
        == 403
    )


def test_the_link_in_the_call_works_without_login_for_that_colleague_only(
    client, meeting, requests_in
):
    eva = Employee.objects.get(email="eva.kok@lnv.nl")
    url = urlparse(request_link(meeting, eva)).path
    html = client.get(url).content.decode()
    assert "Vleesinspecteur" in html and "Geheime kandidaat" not in html
    response = client.post(
        url,
        {
            "kind": "candidate",
            "organisation": eva.organisation_id,
            "title": "Keurmeester zoekt nieuwe stap",
            "count": 1,
            "skills": "HACCP, audit",
        },
    )
    assert response.status_code == 302
    made = HelpRequest.objects.get(title="Keurmeester zoekt nieuwe stap")
    assert (
        made.requester == eva
        and made.requester_email == "eva.kok@lnv.nl"
        and made.skills == ["HACCP", "audit"]
    )
    # Trying to speak for another organisation through the form.
    rws = Employee.objects.get(email="myriam.roo@rws.nl").organisation
    client.post(
        url, {"kind": "vacancy", "organisation": rws.pk, "title": "Nep-vacature", "count": 1}
    )
    assert not HelpRequest.objects.filter(title="Nep-vacature").exists()
    # A tampered token, or a token for another meeting.
    assert client.get(url[:-3] + "xx/").status_code == 404
    other = meeting_create(federation=meeting.federation, date=in_days(50), schedule=False)
    assert (
        client.get(url.replace(f"/meetings/{meeting.pk}/", f"/meetings/{other.pk}/")).status_code
        == 404
    )


def test_after_the_deadline_the_form_is_closed_for_colleagues(client, meeting):
    Meeting.objects.filter(pk=meeting.pk).update(deadline=dt.date.today() - dt.timedelta(days=1))
    meeting.refresh_from_db()
    eva = Employee.objects.get(email="eva.kok@lnv.nl")
    url = urlparse(request_link(meeting, eva)).path
    client.post(
        url,
        {"kind": "candidate", "organisation": eva.organisation_id, "title": "Te laat", "count": 1},
    )
    assert not HelpRequest.objects.filter(title="Te laat").exists()
    assert 'id="closed"' in client.get(url).content.decode()


def test_representatives_see_everything_but_record_outcomes_for_their_own_organisation(
    client, meeting, requests_in, smtp
):
    lnv_request, _, rws_request = requests_in
    login_as(client, "myriam.roo@rws.nl")
    html = client.get(reverse("meetings:meeting", args=[meeting.pk])).content.decode()
    assert "Geheime kandidaat" in html and "Weginspecteur" in html
    assert client.get(reverse("meetings:outcome", args=[lnv_request.pk])).status_code == 403
    assert (
        client.post(
            reverse("meetings:outcome", args=[lnv_request.pk]), {"outcome": "match"}
        ).status_code
        == 403
    )
    response = client.post(
        reverse("meetings:outcome", args=[rws_request.pk]),
        {"outcome": "introduction", "note": "Kennismaking met LNV", "next_step": "Bel Ad Smets"},
    )
    assert response.status_code == 302
    rws_request.refresh_from_db()
    assert rws_request.outcome == "introduction" and rws_request.feedback_sent_at is not None
    assert smtp.to("myriam.roo@rws.nl")
    assert AuditEvent.objects.filter(
        action="outcome_recorded", detail__request=rws_request.pk
    ).exists()


def test_the_coordinator_plans_a_meeting_and_invites(client, network, smtp):
    login_as(client, "ad.smets@lnv.nl")
    response = client.post(
        reverse("meetings:meeting_create", args=[network.pk]),
        {
            "date": in_days(45).isoformat(),
            "start_time": "09:30",
            "end_time": "12:00",
            "place": "Utrecht",
            "agenda": "Pitches",
            "call_days": 14,
        },
    )
    assert response.status_code == 302
    assert Meeting.objects.get(place="Utrecht").start_time == dt.time(9, 30)
    bad = client.post(
        reverse("meetings:meeting_create", args=[network.pk]),
        {"date": "2001-01-01", "start_time": "09:30", "end_time": "12:00", "call_days": 14},
    )
    assert bad.status_code == 200 and Meeting.objects.count() == 1
    odbn = Employee.objects.get(email="sjaak.verweij@odbn.nl").organisation
    client.post(reverse("meetings:invite", args=[network.pk]), {"organisation": odbn.name})
    assert FederationInvitation.objects.filter(organisation=odbn, status="open").exists()
    # A representative who is not the coordinator cannot invite.
    client.logout()
    login_as(client, "myriam.roo@rws.nl")
    assert (
        client.post(
            reverse("meetings:invite", args=[network.pk]), {"organisation": odbn.name}
        ).status_code
        == 403
    )


def test_only_an_admin_or_representative_of_the_invited_organisation_accepts(client, network):
    from weakties.meetings.services.federations import federation_invite

    inv = federation_invite(network, organisation="Omgevingsdienst Brabant Noord")
    url = reverse("meetings:invitation", args=[inv.token])
    login_as(client, "myriam.roo@rws.nl")  # another organisation
    assert client.post(url, {"answer": "accept"}).status_code == 404
    client.logout()
    sjaak = login_as(client, "sjaak.verweij@odbn.nl")
    assert client.post(url, {"answer": "accept"}).status_code == 403
    sjaak.role = "admin"
    sjaak.save()
    assert client.post(url, {"answer": "accept"}).status_code == 302
    assert network.members.filter(pk=sjaak.organisation_id).exists()
    assert network.delegates.filter(employee=sjaak, role="representative").exists()


def test_web_import_speaks_only_for_the_representatives_organisation(client, meeting):
    login_as(client, "myriam.roo@rws.nl")
    sheet = "soort;titel;organisatie\nvacature;Weginspecteur;\nboventallig;Vleesinspecteur;Ministerie LNV\n"
    response = client.post(
        reverse("meetings:import", args=[meeting.pk]),
        {"file": SimpleUploadedFile("hulpvragen.csv", sheet.encode())},
    )
    html = response.content.decode()
    assert response.status_code == 200 and "Ministerie LNV" in html
    assert not HelpRequest.objects.exists()
    sheet = "soort;titel;organisatie\nvacature;Weginspecteur;\n"
    response = client.post(
        reverse("meetings:import", args=[meeting.pk]),
        {"file": SimpleUploadedFile("hulpvragen.csv", sheet.encode())},
    )
    assert response.status_code == 302
    assert HelpRequest.objects.get().organisation.name == "Rijkswaterstaat"


def test_organisation_results_are_for_its_own_people(client, network):
    rws = Employee.objects.get(email="myriam.roo@rws.nl").organisation
    login_as(client, "eva.kok@lnv.nl")
    assert client.get(reverse("meetings:org_results", args=[rws.pk])).status_code == 404
    client.logout()
    login_as(client, "kees.dijk@rws.nl")
    html = client.get(reverse("meetings:org_results", args=[rws.pk])).content.decode()
    assert 'data-key="hired_through_network">0<' in html and 'id="by-kind"' in html


def test_invited_organisation_admins_are_emailed_the_link(client, network, smtp, settings):
    settings.LANGUAGE_CODE = "en"
    sjaak = Employee.objects.get(email="sjaak.verweij@odbn.nl")
    sjaak.role = "admin"
    sjaak.save()
    login_as(client, "ad.smets@lnv.nl")
    client.post(
        reverse("meetings:invite", args=[network.pk]), {"organisation": sjaak.organisation.name}
    )
    (mail,) = smtp.to("sjaak.verweij@odbn.nl")
    inv = FederationInvitation.objects.get()
    assert "SAM" in mail.subject and f"/federations/invitations/{inv.token}/" in mail.body
    assert len(smtp.messages) == 1  # only the admin, not every employee
    client.logout()
    login_as(client, "sjaak.verweij@odbn.nl")
    assert (
        f"/federations/invitations/{inv.token}/"
        in client.get(reverse("meetings:index")).content.decode()
    )


def test_coordinator_changes_a_meeting_others_cannot(client, meeting):
    url = reverse("meetings:meeting_edit", args=[meeting.pk])
    login_as(client, "myriam.roo@rws.nl")
    assert client.get(url).status_code == 403
    client.logout()
    login_as(client, "ad.smets@lnv.nl")
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "date": in_days(35).isoformat(),
            "start_time": "10:00",
            "end_time": "12:00",
            "place": "Utrecht",
            "call_days": 14,
        },
    )
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.date == in_days(35) and meeting.place == "Utrecht" and meeting.sequence == 1


def test_requesters_see_their_requests_on_the_overview(client, meeting, requests_in):
    login_as(client, "eva.kok@lnv.nl")
    html = client.get(reverse("meetings:index")).content.decode()
    assert "Vleesinspecteur" in html and "Geheime kandidaat" not in html
