"""Steps and progress: ticks, the steps done by themselves, goals and history, the message draft."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction
from django.utils import translation

from tests.factories import employee
from weakties.core.errors import ServiceError
from weakties.expertise.models import Profile
from weakties.introductions.services.requests import introduction_request
from weakties.people.models import Person
from weakties.plans.drafts import LINKEDIN_NOTE_LIMIT, draft_message
from weakties.plans.models import Goal, Plan, Reminders, Tick
from weakties.plans.selectors import plan_history, plan_state
from weakties.plans.services.plans import (
    plan_message_save,
    plan_reminders_set,
    plan_set,
    plan_tick,
)
from weakties.plans.steps import STEP_KEYS

from .conftest import JAN, TOM

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def _done(plan: Plan) -> dict[str, bool]:
    return {s["key"]: s["done"] for s in plan_state(plan=plan)["steps"]}


def test_a_new_plan_has_four_stages_and_eight_steps_the_goal_done(orgs):
    plan = plan_set(employee=employee(TOM), goal=Goal.NEW_JOB, targets=["Stripe"])
    state = plan_state(plan=plan)
    assert [s["key"] for s in state["steps"]] == list(STEP_KEYS)
    assert sorted({s["stage"] for s in state["steps"]}) == [1, 2, 3, 4]
    assert state["progress"] == {"done": 1, "total": 8, "percent": 12}
    assert state["next"] == "helpers"
    assert all(s["title"] for s in state["steps"])


def test_ticks_count_towards_progress_and_can_be_undone(orgs):
    tom = employee(TOM)
    plan = plan_set(employee=tom, goal=Goal.NEW_JOB)
    plan_tick(employee=tom, step_key="helpers")
    plan_tick(employee=tom, step_key="helpers")  # twice is once
    plan_tick(employee=tom, step_key="thanks")
    state = plan_state(plan=plan)
    assert state["progress"]["done"] == 3 and state["next"] == "profile"
    assert Tick.objects.filter(plan=plan).count() == 2
    plan_tick(employee=tom, step_key="thanks", done=False)
    assert plan_state(plan=plan)["progress"]["done"] == 2


@pytest.mark.parametrize(
    ("key", "message"), [("nope", "no step nope"), ("goal", "setting your goal")]
)
def test_a_step_that_cannot_be_ticked_says_why(orgs, key, message):
    tom = employee(TOM)
    plan_set(employee=tom, goal=Goal.NEW_JOB)
    with pytest.raises(ServiceError, match=message):
        plan_tick(employee=tom, step_key=key)


def test_ticking_without_a_plan_asks_for_a_goal_first(orgs):
    with pytest.raises(ServiceError, match="set a goal first"):
        plan_tick(employee=employee(TOM), step_key="helpers")


def test_profile_and_focus_are_done_by_themselves_when_the_profile_is_filled(orgs):
    tom = employee(TOM)
    plan = plan_set(employee=tom, goal=Goal.KNOWLEDGE)
    profile = Profile.objects.create(employee=tom, skills="Python, Django")
    assert not _done(plan)["profile"] and not _done(plan)["focus"]
    profile.blurb = "Software engineer who likes data."
    profile.save()
    assert _done(plan)["profile"] and not _done(plan)["focus"]
    profile.focus_topics = "data engineering"
    profile.save()
    steps = {s["key"]: s for s in plan_state(plan=plan)["steps"]}
    assert steps["focus"]["done"] and steps["focus"]["by_itself"] and not steps["focus"]["ticked"]


def test_asking_for_an_introduction_ticks_the_ask_step_by_itself(orgs):
    tom = employee(TOM)
    plan = plan_set(employee=tom, goal=Goal.NEW_JOB, targets=["Rabobank"])
    assert not _done(plan)["ask"]
    introduction_request(
        requester=tom,
        introducer=employee(JAN),
        person=Person.objects.get(last_name="van Dijk"),
        reason="I am looking at product roles at Rabobank.",
        questions=["What does a product owner there do in a week?"],
    )
    assert _done(plan)["ask"]


def test_another_goal_starts_a_new_plan_and_keeps_the_old_one(orgs):
    tom = employee(TOM)
    first = plan_set(employee=tom, goal=Goal.NEW_JOB, targets=["Stripe"])
    plan_tick(employee=tom, step_key="helpers")
    same = plan_set(employee=tom, goal=Goal.NEW_JOB, targets=["Stripe", "Rabobank"])
    assert same.pk == first.pk and _done(same)["helpers"]  # other targets keep the ticks
    second = plan_set(employee=tom, goal=Goal.CUSTOMERS)
    assert second.pk != first.pk and not _done(second)["helpers"]
    assert second.targets == ["Stripe", "Rabobank"]  # carried over unless given
    first.refresh_from_db()
    assert not first.active and first.closed_at is not None
    assert plan_history(employee=tom) == [first]
    assert Plan.objects.filter(employee=tom, active=True).count() == 1


def test_the_database_keeps_one_active_plan_per_employee(orgs):
    tom = employee(TOM)
    plan_set(employee=tom, goal=Goal.NEW_JOB)
    with pytest.raises(IntegrityError), transaction.atomic():
        Plan.objects.create(employee=tom, goal=Goal.KNOWLEDGE)


def test_targets_are_cleaned_and_at_most_ten(orgs):
    tom = employee(TOM)
    plan = plan_set(
        employee=tom, goal=Goal.NEW_JOB, targets=["Stripe, rabobank", " Rabobank ", "zorg\nIT"]
    )
    assert plan.targets == ["Stripe", "rabobank", "zorg", "IT"]
    with pytest.raises(ServiceError, match="at most 10"):
        plan_set(employee=tom, goal=Goal.NEW_JOB, targets=[f"company {i}" for i in range(11)])


def test_bad_goal_and_reminders_are_refused(orgs):
    tom = employee(TOM)
    with pytest.raises(ServiceError, match="goal must be one of"):
        plan_set(employee=tom, goal="fame")
    plan_set(employee=tom, goal=Goal.NEW_JOB)
    with pytest.raises(ServiceError, match="reminders must be one of"):
        plan_reminders_set(employee=tom, reminders="hourly")
    assert plan_reminders_set(employee=tom, reminders=Reminders.MONTHLY).reminders == "monthly"


def test_a_former_employee_has_no_plan(orgs):
    tom = employee(TOM)
    tom.active = False
    tom.save()
    with pytest.raises(ServiceError, match="active employee"):
        plan_set(employee=tom, goal=Goal.NEW_JOB)


@pytest.mark.parametrize(
    ("language", "hello", "who"),
    [
        ("en", "Hello [name],", "I am Tom, Software engineer at Acme BV."),
        ("nl", "Hallo [naam],", "Ik ben Tom, Software engineer bij Acme BV."),
    ],
)
def test_the_connection_request_draft_is_short_personal_and_in_either_language(
    orgs, language, hello, who
):
    plan = plan_set(employee=employee(TOM), goal=Goal.KNOWLEDGE, targets=["data engineering"])
    text = draft_message(plan=plan, language=language)
    assert text.startswith(hello) and who in text
    assert "data engineering" in text and "Tom Jansen" in text
    assert len(text) <= LINKEDIN_NOTE_LIMIT
    # No favour asked: no job, no meeting, no introduction.
    for word in ("job", "vacature", "meeting", "afspraak", "introduc"):
        assert word not in text.casefold()


def test_the_draft_speaks_the_employees_language_and_names_a_target_company(orgs):
    tom = employee(TOM)
    tom.language = "en"
    tom.save()
    plan = plan_set(employee=tom, goal=Goal.NEW_JOB, targets=["Rabobank"])
    with translation.override("nl"):
        text = draft_message(plan=plan)
    assert text.startswith("Hello [name],") and "the work at Rabobank" in text


def test_my_own_version_of_the_message_is_kept_and_emptying_it_brings_the_draft_back(orgs):
    tom = employee(TOM)
    plan_set(employee=tom, goal=Goal.NEW_JOB)
    assert (
        plan_message_save(employee=tom, message="  Hi, let's connect!  ").message
        == "Hi, let's connect!"
    )
    assert plan_message_save(employee=tom, message="").message == ""
    with pytest.raises(ServiceError, match="1,000"):
        plan_message_save(employee=tom, message="x" * 1001)
