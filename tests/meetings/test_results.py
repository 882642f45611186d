"""Results: placements, redundancies prevented, vacancies filled, time to fill; small groups hidden."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from weakties.core.errors import ServiceError
from weakties.meetings.models import Match
from weakties.meetings.selectors import federation_results, organisation_results
from weakties.meetings.services.help_requests import help_request_add
from weakties.meetings.services.meetings import meeting_create
from weakties.meetings.services.proposals import match_set_stage
from weakties.meetings.services.public import public_results_switch

from .conftest import in_days, login_as

pytestmark = pytest.mark.django_db


@pytest.fixture
def placed(network):
    """24 meat inspectors surplus at LNV; 12 placed at Rijkswaterstaat as road inspectors, 20 days after the vacancy came in."""
    meeting = meeting_create(federation=network, date=in_days(30), schedule=False)
    surplus = help_request_add(
        meeting=meeting,
        org="Ministerie LNV",
        kind="surplus",
        title="Vleesinspecteur",
        count=24,
        email="eva.kok@lnv.nl",
    )
    vacancy = help_request_add(
        meeting=meeting, org="Rijkswaterstaat", kind="vacancy", title="Weginspecteur", count=30
    )
    vacancy.created_at = timezone.now() - dt.timedelta(days=20)
    vacancy.save()
    candidate = help_request_add(
        meeting=meeting, org="Ministerie LNV", kind="candidate", title="Beleidsadviseur Jan"
    )
    work = help_request_add(
        meeting=meeting, org="Rijkswaterstaat", kind="work-experience", title="Stage wegbeheer"
    )
    big = Match.objects.create(
        meeting=meeting, supply=surplus, demand=vacancy, score=0.8, why="Both inspect"
    )
    small = Match.objects.create(
        meeting=meeting, supply=candidate, demand=work, score=0.3, why="Region"
    )
    match_set_stage(big, stage="contacted")
    match_set_stage(big, stage="placed", placed=12)
    match_set_stage(small, stage="placed")
    return meeting


def test_federation_figures(placed):
    r = federation_results(placed.federation)
    assert r["placements"] == 13
    assert r["redundancies_prevented"] == 12
    assert r["vacancies_filled"] == 1  # the work-experience place is not a vacancy
    assert r["time_to_fill_days"] == 10.0  # median of 20 (vacancy) and 0 (same-day work experience)
    assert r["requests"] == 4 and r["requests_by_kind"]["surplus"] == 1
    assert r["pipeline"]["placed"] == 2
    assert r["by_meeting"] == [
        {
            "meeting": placed.pk,
            "date": placed.date.isoformat(),
            "placements": 13,
            "prevented": 12,
            "requests": 4,
        }
    ]


def test_public_figures_hide_groups_under_five(placed):
    r = federation_results(placed.federation, public=True)
    assert r["placements"] == 13 and r["redundancies_prevented"] == 12
    rows = {o["organisation"]: o for o in r["organisations"]}
    assert rows["Ministerie LNV"]["placed_from"] == 13
    assert rows["Rijkswaterstaat"]["placed_from"] == 0
    # One candidate placed: a group of one identifies a person.
    Match.objects.filter(supply__kind="surplus").update(placed=3)
    r = federation_results(placed.federation, public=True)
    assert (
        r["placements"] is None
        and r["redundancies_prevented"] is None
        and r["time_to_fill_days"] is None
    )


def test_members_see_their_own_organisation_in_full(placed):
    from weakties.accounts.models import Organisation

    Match.objects.filter(supply__kind="surplus").update(placed=3)
    lnv = Organisation.objects.get(name="Ministerie LNV")
    rows = {
        o["organisation"]: o
        for o in federation_results(placed.federation, viewer_org=lnv.pk)["organisations"]
    }
    assert rows["Ministerie LNV"]["placed_from"] == 4
    assert rows["Rijkswaterstaat"]["placed_into"] is None


def test_organisation_figures(placed):
    from weakties.accounts.models import Organisation

    lnv = organisation_results(Organisation.objects.get(name="Ministerie LNV"))
    assert (
        lnv["placed_elsewhere"] == 13
        and lnv["redundancies_prevented"] == 12
        and lnv["hired_through_network"] == 0
    )
    rws = organisation_results(Organisation.objects.get(name="Rijkswaterstaat"))
    assert (
        rws["hired_through_network"] == 13
        and rws["vacancies_filled"] == 1
        and rws["time_to_fill_days"] == 10.0
    )


def test_pipeline_rules(placed, settings):
    settings.LANGUAGE_CODE = "en"  # the error wording is English below
    m = Match.objects.get(supply__kind="surplus")
    with pytest.raises(ServiceError, match="at most 24"):
        match_set_stage(m, stage="placed", placed=25)
    with pytest.raises(ServiceError, match="stage must be"):
        match_set_stage(m, stage="hired")
    match_set_stage(m, stage="closed")
    m.refresh_from_db()
    assert m.placed == 0 and m.placed_at is None


def test_public_page_needs_no_login_and_shows_no_personal_data(client, placed):
    published = public_results_switch(placed.federation, on=True, actor=None)
    html = client.get(reverse("meetings:public_results", args=[published.token])).content.decode()
    assert 'data-key="placements">13<' in html and 'data-key="redundancies_prevented">12<' in html
    for private in ("Beleidsadviseur Jan", "Vleesinspecteur", "eva.kok", "Eva", "Smets"):
        assert private not in html
    assert "chart.umd.min.js" in html


def test_members_results_page(client, placed):
    login_as(client, "kees.dijk@rws.nl")
    html = client.get(reverse("meetings:results", args=[placed.federation_id])).content.decode()
    assert 'data-key="vacancies_filled">1<' in html and 'id="per-meeting"' in html
