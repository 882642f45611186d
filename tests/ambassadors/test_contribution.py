"""Each employee's own contribution: reach, introductions, referrals, material; nobody else's."""

from __future__ import annotations

import pytest

from tests.factories import employee
from weakties.ambassadors.selectors.contribution import contribution
from weakties.ambassadors.services.material import post_publish, share_mark
from weakties.insights.services.analytics import analytics_refresh
from weakties.introductions.services.answers import (
    introduction_answer,
    introduction_mark_sent,
    introduction_outcome,
)
from weakties.introductions.services.requests import introduction_request
from weakties.people.models import Tie
from weakties.referrals.services.referrals import referral_apply, referral_set_stage
from weakties.referrals.services.vacancies import vacancy_create

from .conftest import CONTACT_DETAILS, JAN, SOPHIE, TOM, bearer, login

pytestmark = pytest.mark.django_db


@pytest.fixture
def busy_jan(org, smtp):
    """Jan introduced Sophie to a contact (they met), referred a candidate who was hired, and shared a post."""
    jan, sophie = employee(JAN), employee(SOPHIE)
    analytics_refresh(organisation=org)
    person = (
        Tie.objects.filter(employee=jan, person__company__name__icontains="Rabobank").get().person
    )
    request = introduction_request(
        requester=sophie,
        introducer=jan,
        person=person,
        reason="Ik zoek een product owner voor ons team",
        questions=["Staat zij open voor een kop koffie?"],
    )
    introduction_answer(request, actor=jan, answer="accept")
    introduction_mark_sent(request, actor=jan)
    introduction_outcome(request, actor=sophie, outcome="met")
    vacancy = vacancy_create(organisation=org, title="Product owner")
    referral, _ = referral_apply(
        vacancy=vacancy, referrer=jan, name="Lotte van Dijk", email="lotte@example.net"
    )
    referral_set_stage(referral, stage="hired")
    post = post_publish(
        organisation=org, title_nl="Wij groeien", link="https://acme.nl", text_nl="Kom erbij!"
    )
    share_mark(post=post, employee=jan)
    return jan


def test_the_figures_of_an_active_ambassador(busy_jan):
    c = contribution(employee=busy_jan)
    assert c["sharing"] is True
    assert c["reach"] == 4 and 1 <= c["unique_reach"] < 4  # Zoë at Stripe: Sophie knows her too
    assert c["introductions"]["asked_of_me"] == 1
    assert c["introductions"]["introduced"] == 1
    assert c["introductions"]["outcomes"]["met"] == 1
    assert c["referrals"] == {
        "referrals": 1,
        "hired": 1,
        "stages": {
            "referred": 0,
            "contacted": 0,
            "interview": 0,
            "offer": 0,
            "hired": 1,
            "not_hired": 0,
        },
    }
    assert c["shared"] == 1 and c["shared_posts"][0]["title"] == "Wij groeien"
    sophie = contribution(employee=employee(SOPHIE))
    assert sophie["introductions"]["requested_by_me"] == 1
    assert sophie["introductions"]["introduced"] == 0
    assert sophie["referrals"]["referrals"] == 0 and sophie["shared"] == 0


def test_before_any_analysis_reach_is_unknown_not_zero(org):
    c = contribution(employee=employee(TOM))
    assert c["reach"] is None and c["unique_reach"] is None and c["sharing"] is False


def test_the_page_shows_only_ones_own_figures(busy_jan, client):
    login(client, JAN)
    page = client.get("/ambassadors/contribution/").content.decode()
    assert 'data-key="introduced">1<' in page and 'data-key="hired">1<' in page
    assert 'data-key="reach">4<' in page
    for detail in CONTACT_DETAILS:
        assert detail.lower() not in page.lower()
    assert "lotte@example.net" not in page  # the candidate's address is the recruiters' business
    client.logout()
    login(client, TOM)
    page = client.get("/ambassadors/contribution/").content.decode()
    assert 'data-key="introduced">0<' in page and 'id="not-sharing"' in page


def test_the_api_gives_the_callers_figures(busy_jan, client):
    body = client.get("/api/ambassadors/contribution", headers=bearer(JAN)).json()
    assert body["employee"] == JAN
    assert body["introductions"]["introduced"] == 1 and body["referrals"]["hired"] == 1
    assert body["reach"] == 4
    other = client.get("/api/ambassadors/contribution", headers=bearer(TOM)).json()
    assert other["employee"] == TOM and other["introductions"]["introduced"] == 0
