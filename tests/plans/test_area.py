"""The people with the most reach in the target area (step 3), counted in the background."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from tests.factories import employee
from weakties.expertise.models import Profile
from weakties.insights.services.analytics import analytics_refresh
from weakties.people.models import Company
from weakties.plans.models import Goal, Plan
from weakties.plans.selectors import reach_in_area
from weakties.plans.services.area import AREA_MAX_AGE
from weakties.plans.services.plans import plan_area_request, plan_set

from .conftest import JAN, SECRETS, SOPHIE, TOM

pytestmark = pytest.mark.django_db


def _plan(targets: list[str], email: str = TOM) -> Plan:
    return plan_set(employee=employee(email), goal=Goal.NEW_JOB, targets=targets)


def test_colleagues_are_ranked_by_the_people_they_know_in_the_target_area(orgs):
    plan = _plan(["Stripe", "Rabobank"])
    assert plan.area_at is not None  # counted when the targets were set
    reach = reach_in_area(plan=plan)
    assert [(c["email"], c["people"]) for c in reach] == [(JAN, 2), (SOPHIE, 1)]
    assert all(c["why"] for c in reach)
    assert not any(s.casefold() in str(reach).casefold() for s in SECRETS)


def test_my_own_ties_and_other_organisations_do_not_count(orgs):
    reach = reach_in_area(plan=_plan(["Stripe"], email=JAN))
    assert [c["email"] for c in reach] == [SOPHIE]
    assert all("globex" not in c["email"] for c in reach_in_area(plan=_plan(["Rabobank"])))


def test_a_sector_count_finds_the_companies_the_organisation_knows_best(orgs):
    plan = _plan(["finance"])
    rabobank = Company.objects.get(name="Rabobank").pk
    assert [row[:2] for row in plan.area["sector_companies"]] == [["finance", rabobank]]
    assert [c["email"] for c in reach_in_area(plan=plan)] == [JAN]


def test_a_topic_names_the_colleagues_who_know_it(orgs):
    Profile.objects.create(employee=employee("sam.sales@acme.nl"), focus_topics="Data engineering")
    reach = reach_in_area(plan=_plan(["data engineering"]))
    assert [c["email"] for c in reach] == ["sam.sales@acme.nl"]


def test_without_targets_the_widest_networks_from_the_last_analysis(orgs):
    assert reach_in_area(plan=_plan([])) == []  # no analysis yet
    analytics_refresh(organisation=orgs[0])
    reach = reach_in_area(plan=_plan([]))
    assert {c["email"] for c in reach} == {JAN, SOPHIE}
    assert reach[0]["people"] >= reach[-1]["people"] > 0


def test_a_count_is_asked_again_when_old_but_not_while_pending(orgs):
    plan = _plan(["Stripe"])
    now = timezone.now()
    assert plan_area_request(plan=plan, now=now) is False  # fresh
    # Asked a minute ago and not answered yet: not asked again.
    Plan.objects.filter(pk=plan.pk).update(
        area_at=None, area_requested_at=now - dt.timedelta(minutes=1)
    )
    plan.refresh_from_db()
    assert plan_area_request(plan=plan, now=now) is False
    # Still not answered after the retry time: asked again, and counted (tasks run at once here).
    assert plan_area_request(plan=plan, now=now + dt.timedelta(minutes=11)) is True
    plan.refresh_from_db()
    assert plan.area_at is not None and plan.area["reach"]
    # Old: counted again.
    later = plan.area_at + AREA_MAX_AGE + dt.timedelta(minutes=1)
    assert plan_area_request(plan=plan, now=later) is True


def test_other_targets_are_counted_at_once(orgs):
    plan = _plan(["Stripe"])
    plan = _plan(["Rabobank"])
    assert [c["email"] for c in reach_in_area(plan=plan)] == [JAN]
