"""Starting an employer network from the web and inviting a member organisation (issue 11)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.factories import acme, employee, login
from tests.smtp import smtp_server
from weakties.accounts.models import AuditEvent, Employee, Federation, Role
from weakties.accounts.services.organisations import organisation_create
from weakties.meetings.models import Delegate, FederationInvitation
from weakties.people.models import Person

pytestmark = pytest.mark.django_db


@pytest.fixture
def smtp():
    with smtp_server() as inbox, inbox.django():
        yield inbox


@pytest.fixture
def orgs():
    acme(networks=False)
    other = organisation_create(name="Other BV", domain="other.nl")
    Employee.objects.create(
        organisation=other,
        person=Person.objects.create(first_name="Olga", last_name="Other"),
        email="olga@other.nl",
        first_name="Olga",
        role=Role.ADMIN,
    )
    return other


def test_only_an_admin_starts_a_network_walked_by_every_role_of_both_organisations(client, orgs):
    url = reverse("meetings:federation_new")
    assert reverse("login") in client.get(url)["Location"]
    login(client, "tom.jansen@acme.nl")
    olga_client = type(client)()
    login(olga_client, "olga@other.nl")
    for role in Role.values:
        Employee.objects.filter(email__in=["tom.jansen@acme.nl", "olga@other.nl"]).update(role=role)
        for c in (client, olga_client):
            got = c.get(url)
            posted = c.post(url, {"name": f"Net {role}", "coordinator": ""})
            expected = 200 if role == Role.ADMIN else 403
            assert got.status_code == expected and posted.status_code == expected, role
            if role != Role.ADMIN:
                assert b"federation-new-link" not in c.get(reverse("meetings:index")).content
    assert not Federation.objects.exists()
    # Another organisation's employee is no coordinator to choose.
    Employee.objects.filter(email="tom.jansen@acme.nl").update(role=Role.ADMIN)
    olga = Employee.objects.get(email="olga@other.nl")
    answer = client.post(url, {"name": "Regio", "coordinator": olga.pk})
    assert answer.status_code == 200 and not Federation.objects.exists()


def test_admin_starts_a_network_and_its_coordinator_invites_an_organisation(client, orgs, smtp):
    anna = login(client, "anna.devries@acme.nl", role=Role.ADMIN)
    index = client.get(reverse("meetings:index")).content.decode()
    assert 'id="federation-new-link"' in index
    page = client.get(reverse("meetings:federation_new")).content.decode()
    assert "Nieuw werkgeversnetwerk" in page
    done = client.post(
        reverse("meetings:federation_new"),
        {"name": "  Regio   Utrecht ", "coordinator": anna.pk},
        follow=True,
    )
    federation = Federation.objects.get()
    assert federation.name == "Regio Utrecht"
    assert list(federation.members.values_list("name", flat=True)) == ["Acme BV"]
    assert Delegate.objects.filter(
        federation=federation, employee=anna, role="coordinator"
    ).exists()
    assert done.redirect_chain[-1][0] == reverse("meetings:federation", args=[federation.pk])
    assert 'id="invite"' in done.content.decode()
    assert AuditEvent.objects.filter(action="federation_created", actor=anna.user).exists()
    # The same name again is refused on the form, in Dutch.
    again = client.post(
        reverse("meetings:federation_new"), {"name": "regio utrecht", "coordinator": anna.pk}
    )
    assert again.status_code == 200 and "bestaat al" in again.content.decode()
    # The coordinator invites Other BV; its admin gets the invitation over SMTP.
    other = orgs
    client.post(reverse("meetings:invite", args=[federation.pk]), {"organisation": other.name})
    invitation = FederationInvitation.objects.get(federation=federation, organisation=other)
    assert invitation.status == FederationInvitation.Status.OPEN
    (mail,) = smtp.wait_for(1)
    assert mail.rcpt_tos == ["olga@other.nl"] and "Regio Utrecht" in mail.subject


def test_a_colleague_can_be_the_coordinator(client, orgs):
    login(client, "anna.devries@acme.nl", role=Role.ADMIN)
    sophie = employee("sophie.bakker@acme.nl")
    client.post(reverse("meetings:federation_new"), {"name": "HR-kring", "coordinator": sophie.pk})
    federation = Federation.objects.get(name="HR-kring")
    assert Delegate.objects.get(federation=federation).employee == sophie
