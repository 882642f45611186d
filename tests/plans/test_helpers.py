"""Who can help (step 2): the goal's purpose, the ranking with a reason per line, and privacy."""

from __future__ import annotations

import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from tests.factories import employee
from weakties.expertise.models import Profile
from weakties.plans.helpers import helpers, purpose_of
from weakties.plans.models import Goal
from weakties.plans.services.area import area_fresh
from weakties.plans.services.plans import plan_set

from .conftest import EVA_EMAIL, JAN, MEHMET_EMAIL, MEHMET_PHONE, SECRETS, SOPHIE, TOM

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    """Reasons are asserted in English here."""
    with translation.override("en"):
        yield


def _helpers(email: str, goal: str, targets: list[str]) -> list[dict]:
    plan = plan_set(employee=employee(email), goal=goal, targets=targets)
    return helpers(plan=area_fresh(plan=plan))


@pytest.mark.parametrize(
    ("goal", "purpose"),
    [
        (Goal.NEW_JOB, "job"),
        (Goal.NEW_DIRECTION, "job"),
        (Goal.KNOWLEDGE, "info"),
        (Goal.PROMOTION, "info"),
        (Goal.CUSTOMERS, "sales"),
    ],
)
def test_each_goal_ranks_for_its_purpose(goal, purpose):
    assert purpose_of(goal) == purpose


def test_a_job_goal_picks_the_moderately_weak_tie_customers_the_strong_one(orgs):
    """Jan (0.30) and Sophie (0.90) both know Zoë at Stripe: the goal decides whom Tom asks."""
    job = [h for h in _helpers(TOM, Goal.NEW_JOB, ["Stripe"]) if h["via"] == "introduction"]
    sales = [h for h in _helpers(TOM, Goal.CUSTOMERS, ["Stripe"]) if h["via"] == "introduction"]
    assert [h["introducer"]["email"] for h in job] == [JAN]
    assert [h["introducer"]["email"] for h in sales] == [SOPHIE]
    assert job[0]["person"]["name"].startswith("Zo") and job[0]["target"] == "Stripe"
    assert "one of your target companies" in job[0]["why"]
    assert "Rajkumar" in job[0]["why"]
    assert "vouch" in sales[0]["why"]


def test_every_line_has_a_reason_and_a_rank(orgs):
    rows = _helpers(SOPHIE, Goal.NEW_JOB, ["Rabobank", "Stripe"])
    assert [h["rank"] for h in rows] == list(range(1, len(rows) + 1))
    assert rows and all(h["why"].strip() for h in rows)
    # People in the target area come before Sophie's other contacts.
    in_area = [bool(h["target"]) for h in rows]
    assert in_area == sorted(in_area, reverse=True)


def test_own_contacts_come_with_their_details_colleagues_contacts_without(orgs):
    mine = _helpers(JAN, Goal.CUSTOMERS, ["Coolblue", "Bakker Logistiek"])
    own = {h["person"]["name"]: h["person"] for h in mine if h["via"] == "own"}
    assert own["Eva Smit"]["email"] == EVA_EMAIL
    assert own["Mehmet Çelik"]["phone"] == MEHMET_PHONE
    assert own["Mehmet Çelik"]["email"].casefold() == MEHMET_EMAIL.casefold()
    theirs = _helpers(TOM, Goal.NEW_JOB, ["Coolblue", "Bakker Logistiek"])
    via = [h for h in theirs if h["via"] == "introduction"]
    assert {h["person"]["name"] for h in via} == {"Eva Smit", "Mehmet Çelik"}
    assert all(set(h["person"]) == {"id", "name", "company", "position"} for h in via)
    text = json.dumps(theirs).casefold()
    assert not any(secret.casefold() in text for secret in SECRETS)


def test_a_contact_i_know_myself_is_not_offered_as_an_introduction(orgs):
    rows = _helpers(SOPHIE, Goal.NEW_JOB, ["Stripe"])
    zoe = [h for h in rows if h["person"]["name"].startswith("Zo")]
    assert [h["via"] for h in zoe] == ["own"]


def test_a_sector_target_searches_the_sectors_best_known_companies(orgs):
    """Rabobank is in finance: Jan can introduce Tom; Globex's Rabobank contact never shows."""
    rows = _helpers(TOM, Goal.NEW_DIRECTION, ["financial services"])
    via = [h for h in rows if h["via"] == "introduction"]
    assert [(h["person"]["name"], h["introducer"]["email"]) for h in via] == [
        ("Lotte van Dijk", JAN)
    ]
    assert "one of your target sectors" in via[0]["why"]
    assert "Visser" not in json.dumps(rows)


def test_a_topic_finds_my_contacts_by_position_and_colleagues_by_profile(orgs):
    Profile.objects.create(
        employee=employee("sam.sales@acme.nl"), skills="Supply chain planner, logistiek"
    )
    rows = _helpers(JAN, Goal.KNOWLEDGE, ["planners"])  # stemmed: planner = planners
    own = [h for h in rows if h["via"] == "own" and h["target"]]
    assert [h["person"]["name"] for h in own] == ["Mehmet Çelik"]
    assert "matches your topic" in own[0]["why"]
    colleagues = [h for h in rows if h["via"] == "colleague"]
    assert [h["colleague"]["email"] for h in colleagues] == ["sam.sales@acme.nl"]
    assert "needs no introduction" in colleagues[0]["why"]


def test_without_targets_my_own_network_is_ranked_for_the_goal(orgs):
    rows = _helpers(JAN, Goal.NEW_JOB, [])
    assert rows and {h["via"] for h in rows} == {"own"}
    # Job leads: the moderately weak ties (0.28, 0.30) above the untested ones only if they fit better.
    scores = [h["score"] for h in rows]
    assert scores == sorted(scores, reverse=True)
    assert "Outside your target area" not in " ".join(h["why"] for h in rows)


def test_every_read_of_the_ties_index_is_bounded(orgs):
    """No query reads TieRank unbounded: a LIMIT, a count off an index range, or a list of ids."""
    for email in (TOM, JAN):
        plan = area_fresh(
            plan=plan_set(
                employee=employee(email),
                goal=Goal.NEW_JOB,
                targets=["Stripe", "finance", "planner"],
            )
        )
        with CaptureQueriesContext(connection) as queries:
            rows = helpers(plan=plan)
        assert rows
        reads = [q["sql"] for q in queries if "tierank" in q["sql"].lower()]
        assert reads
        for sql in reads:
            upper = sql.upper()
            by_ids = re.search(r'"TIE_ID" IN \(\d', upper) is not None
            assert "LIMIT" in upper or "COUNT(" in upper or by_ids, sql
