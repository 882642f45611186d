"""The dashboard opens with a next step, per role (issue 11).

Everyone: "who can introduce me to …", a search that submits to the
introductions page.  An admin also: how far the invitations got, and the
state of the analysis with its refresh button.
"""

from __future__ import annotations

import datetime as dt
import re
from html import unescape
from urllib.parse import urlencode

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import acme, employee, login
from weakties.accounts.models import Role
from weakties.ambassadors.services.campaigns import campaign_create
from weakties.insights.models import AnalysisRun
from weakties.insights.services.analytics import analytics_refresh

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english(settings):
    settings.LANGUAGE_CODE = "en"


def _dashboard(client) -> str:
    return client.get(reverse("dashboard")).content.decode()


def _search_form(html: str) -> dict[str, str]:
    """The next step's form as a browser would submit it: its action and its fields' values."""
    form = re.search(
        r'<form method="get" action="([^"]+)"[^>]*id="intro-search".*?</form>', html, re.S
    )
    assert form, "no 'who can introduce me' search on the dashboard"
    fields = {"action": form.group(1)}
    for name, value in re.findall(r'<input[^>]*name="(\w+)"[^>]*value="([^"]*)"', form.group(0)):
        fields[name] = value
    first_option = re.search(r'<select name="target"[^>]*><option value="(\w+)"', form.group(0))
    assert first_option
    fields["target"] = first_option.group(1)
    return fields


@pytest.mark.parametrize("role", [Role.EMPLOYEE, Role.SALES, Role.RECRUITER, Role.REPRESENTATIVE])
def test_everyone_starts_with_who_can_introduce_me_and_it_finds_introducers(client, role):
    acme()
    login(client, "tom.jansen@acme.nl", role=role)
    html = _dashboard(client)
    assert "Who can introduce me to …" in html
    fields = _search_form(html)
    assert fields["action"] == reverse("insights:intro")
    assert fields["target"] == "company" and fields["purpose"] == "info"
    assert 'id="admin-state"' not in html and "Refresh the analysis" not in html
    # Tom shares nothing yet: the dashboard also invites him to.
    assert 'id="share-yours"' in html

    # Typing a company and pressing Search lands on the introducers.
    query = {k: v for k, v in fields.items() if k != "action"} | {"query": "Stripe, Inc."}
    page = client.get(f"{fields['action']}?{urlencode(query)}")
    assert page.status_code == 200
    assert unescape(page.content.decode()).count('class="intro"') == 2


def test_a_colleague_who_shares_is_not_asked_to_share(client):
    acme()
    login(client, "jan.vandenberg@acme.nl")
    assert 'id="share-yours"' not in _dashboard(client)


def test_an_admin_sees_the_state_of_the_invitations_and_the_analysis(client):
    org = acme()
    login(client, "anna.devries@acme.nl", role=Role.ADMIN)
    html = _dashboard(client)
    assert 'id="intro-search"' in html
    state = html[html.index('id="invitations-state"') :]
    assert "2 of 4 colleagues share their network." in state
    assert "No invitation campaign yet." in state
    assert reverse("ambassadors:index") in state and "Invite colleagues" in state
    analysis = html[html.index('id="analysis-state"') :]
    assert "There is no analysis yet" in analysis
    assert f'action="{reverse("insights:refresh")}"' in analysis
    assert "Analyse the network now" in analysis

    # An invitation campaign: its funnel is on the dashboard.
    result = campaign_create(organisation=org, scope="all", actor_label="test")
    assert len(result.invited) == 2  # Anna and Tom do not share yet
    html = _dashboard(client)
    assert 'data-key="invited">2<' in html and 'data-key="imported">0<' in html
    assert "Latest campaign" in html

    # After the analysis: when, how long ago, and the refresh button.
    analytics_refresh(organisation=org)
    analysis = _dashboard(client)
    analysis = analysis[analysis.index('id="analysis-state"') :]
    assert "Last analysed" in analysis and "(just now)" in analysis
    assert "Nothing changed since" in analysis and "Refresh the analysis" in analysis
    AnalysisRun.objects.filter(organisation=org).update(
        finished_at=timezone.now() - dt.timedelta(hours=3, minutes=5)
    )
    assert "(3\xa0hours, 5\xa0minutes ago)" in _dashboard(client)

    # The refresh button works from the dashboard (htmx: it answers with the progress).
    response = client.post(reverse("insights:refresh"), headers={"HX-Request": "true"})
    assert response.status_code == 200 and "<html" not in response.content.decode()


def test_the_dashboard_in_dutch(client, settings):
    settings.LANGUAGE_CODE = "nl"
    acme()
    login(client, "anna.devries@acme.nl", role=Role.ADMIN)
    html = unescape(_dashboard(client))
    for text in (
        "Wie kan mij voorstellen aan …",
        "Uitnodigingen",
        "2 van de 4 collega's delen hun netwerk.",
        "Analyseer het netwerk nu",
    ):
        assert text in html, text
    assert employee("anna.devries@acme.nl").role == Role.ADMIN
