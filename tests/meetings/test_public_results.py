"""Issue 12, attack: the public results page was open to anyone at a sequential address.

It is published only when the coordinator switches it on, under an address
nobody can guess, with groups smaller than five hidden; the old address is gone.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.meetings.conftest import in_days, login_as
from weakties.accounts.models import AuditEvent
from weakties.meetings.models import PublicResults
from weakties.meetings.services.help_requests import help_request_add
from weakties.meetings.services.meetings import meeting_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def requests_made(network):
    meeting = meeting_create(federation=network, date=in_days(30), schedule=False)
    for title in ("Vleesinspecteur", "Beleidsadviseur"):
        help_request_add(
            meeting=meeting, org="Ministerie LNV", kind="surplus", title=title, count=3
        )
    return network


def _switch(client, federation, value: str):
    return client.post(reverse("meetings:public_switch", args=[federation.pk]), {"public": value})


def test_the_old_sequential_address_is_gone(client, requests_made):
    f = requests_made
    assert client.get(f"/federations/{f.pk}/public/").status_code == 404
    assert client.get(f"/federations/{f.pk + 1}/public/").status_code == 404


def test_nothing_is_public_until_the_coordinator_switches_it_on(client, requests_made):
    f = requests_made
    assert not PublicResults.objects.exists()
    assert client.get(reverse("meetings:public_results", args=["t" + "a" * 32])).status_code == 404
    # A representative who is not the coordinator cannot publish.
    login_as(client, "myriam.roo@rws.nl")
    page = client.get(reverse("meetings:federation", args=[f.pk])).content.decode()
    assert 'id="public-link"' not in page and 'id="public-switch"' not in page
    assert _switch(client, f, "on").status_code == 403
    assert not PublicResults.objects.exists()


def test_the_coordinator_publishes_under_an_unguessable_address_and_takes_it_down(
    client, requests_made
):
    f = requests_made
    login_as(client, "ad.smets@lnv.nl")
    assert _switch(client, f, "on").status_code == 302
    published = PublicResults.objects.get(federation=f)
    assert len(published.token) >= 30 and str(f.pk) != published.token
    page = client.get(reverse("meetings:federation", args=[f.pk])).content.decode()
    address = reverse("meetings:public_results", args=[published.token])
    assert address in page and 'id="public-address"' in page
    assert AuditEvent.objects.filter(action="federation.public_on").count() == 1

    client.logout()
    html = client.get(address).content.decode()
    assert "Vleesinspecteur" not in html
    # LNV's two requests are a group smaller than five: hidden, like the total.
    assert 'data-key="requests">< 5<' in html
    assert '<td>Ministerie LNV</td><td class="num">< 5</td>' in html
    assert '"requests": 2' not in html  # nor in the chart's data

    login_as(client, "ad.smets@lnv.nl")
    assert _switch(client, f, "off").status_code == 302
    client.logout()
    assert client.get(address).status_code == 404
    assert AuditEvent.objects.filter(action="federation.public_off").count() == 1
    # Publishing again gives a new address; the old one stays dead.
    login_as(client, "ad.smets@lnv.nl")
    _switch(client, f, "on")
    assert PublicResults.objects.get(federation=f).token != published.token
