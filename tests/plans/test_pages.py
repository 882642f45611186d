"""The plan pages as a signed-in employee sees them: start, goal, ticks (htmx), message, reminders."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from tests.factories import employee
from weakties.plans.models import Goal, Plan, Tick
from weakties.plans.services.plans import plan_set

from .conftest import EVA_EMAIL, JAN, MEHMET_EMAIL, MEHMET_PHONE, SECRETS, TOM, login_as

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english(settings):
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


def test_without_a_plan_the_page_asks_for_a_goal_and_starts_one(client, orgs):
    login_as(client, TOM)
    page = client.get(reverse("plans:index")).content.decode()
    assert "What do you want to reach?" in page and 'name="goal"' in page
    response = client.post(
        reverse("plans:goal"),
        {"goal": "new_job", "targets": "Rabobank\nStripe", "reminders": "monthly"},
    )
    assert response.status_code == 302 and response["Location"] == reverse("plans:index")
    plan = Plan.objects.get(employee__email=TOM, active=True)
    assert (plan.goal, plan.targets, plan.reminders) == (
        "new_job",
        ["Rabobank", "Stripe"],
        "monthly",
    )


def test_the_goal_form_says_what_is_wrong(client, orgs):
    login_as(client, TOM)
    response = client.post(reverse("plans:goal"), {"goal": "fame", "reminders": "weekly"})
    assert response.status_code == 200 and "Select a valid choice" in response.content.decode()
    many = ",".join(f"company {i}" for i in range(11))
    response = client.post(
        reverse("plans:goal"), {"goal": "new_job", "targets": many, "reminders": "weekly"}
    )
    assert "at most 10 targets" in response.content.decode()


def test_the_plan_page_shows_four_stages_progress_and_my_own_contacts_details(client, orgs):
    login_as(client, JAN)
    plan_set(employee=employee(JAN), goal=Goal.CUSTOMERS, targets=["Coolblue", "Bakker Logistiek"])
    page = client.get(reverse("plans:index")).content.decode()
    for n in ("stage-1", "stage-2", "stage-3", "stage-4"):
        assert f'id="{n}"' in page
    assert "1 of 8 steps done" in page and 'role="progressbar"' in page
    assert f"mailto:{EVA_EMAIL}" in page and MEHMET_PHONE in page
    assert MEHMET_EMAIL.casefold() in page.casefold()
    assert 'id="connection-message"' in page and "Hello [name]," in page
    assert reverse("expertise:profile") in page


def test_a_colleagues_contact_shows_without_details_with_a_button_to_ask(client, orgs):
    login_as(client, TOM)
    plan_set(employee=employee(TOM), goal=Goal.NEW_JOB, targets=["Bakker Logistiek"])
    page = client.get(reverse("plans:index")).content.decode()
    assert "Mehmet Çelik" in page and "Planner" in page
    assert not any(secret.casefold() in page.casefold() for secret in SECRETS)
    person = employee(JAN).ties.get(person__last_name="Çelik").person_id
    ask = f"{reverse('introductions:new')}?via=jan.vandenberg%40acme.nl&amp;person={person}"
    assert ask in page and "Ask Jan van den Berg for an introduction" in page
    # The link leads to the introductions app's form for exactly that contact.
    form = client.get(ask.replace("&amp;", "&"))
    assert form.status_code == 200 and "Mehmet" in form.content.decode()


def test_ticking_with_htmx_returns_the_step_and_the_progress(client, orgs):
    login_as(client, TOM)
    plan = plan_set(employee=employee(TOM), goal=Goal.NEW_JOB)
    url = reverse("plans:tick", args=["helpers"])
    response = client.post(url, {"done": "1"}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert response.status_code == 200 and 'id="step-helpers"' in html
    assert 'hx-swap-oob="true"' in html and "2 of 8 steps done" in html
    assert Tick.objects.filter(plan=plan, step="helpers").exists()
    client.post(url, {"done": "0"}, headers={"HX-Request": "true"})
    assert not Tick.objects.filter(plan=plan, step="helpers").exists()


def test_ticking_without_htmx_redirects_and_a_bad_step_says_why(client, orgs):
    login_as(client, TOM)
    plan_set(employee=employee(TOM), goal=Goal.NEW_JOB)
    assert client.post(reverse("plans:tick", args=["thanks"])).status_code == 302
    page = client.post(reverse("plans:tick", args=["nope"]), follow=True).content.decode()
    assert "no step nope" in page
    assert client.get(reverse("plans:tick", args=["thanks"])).status_code == 405


def test_my_message_is_saved_and_the_draft_comes_in_either_language(client, orgs):
    login_as(client, TOM)
    plan = plan_set(employee=employee(TOM), goal=Goal.KNOWLEDGE, targets=["data engineering"])
    nl = client.get(reverse("plans:index") + "?draft=nl").content.decode()
    assert "Hallo [naam]," in nl
    response = client.post(
        reverse("plans:message"),
        {"message": "Hi! Glad to connect."},
        headers={"HX-Request": "true"},
    )
    assert "Saved." in response.content.decode()
    plan.refresh_from_db()
    assert plan.message == "Hi! Glad to connect."
    assert "Hi! Glad to connect." in client.get(reverse("plans:index")).content.decode()


def test_the_reminder_setting_is_saved(client, orgs):
    login_as(client, TOM)
    plan = plan_set(employee=employee(TOM), goal=Goal.NEW_JOB)
    client.post(reverse("plans:reminders"), {"reminders": "never"})
    plan.refresh_from_db()
    assert plan.reminders == "never"


def test_changing_the_goal_keeps_the_old_plan_in_the_history(client, orgs):
    login_as(client, TOM)
    plan_set(employee=employee(TOM), goal=Goal.NEW_JOB, targets=["Stripe"])
    form = client.get(reverse("plans:goal")).content.decode()
    assert "Stripe" in form and "checked" in form
    client.post(
        reverse("plans:goal"), {"goal": "customers", "targets": "Stripe", "reminders": "weekly"}
    )
    page = client.get(reverse("plans:index")).content.decode()
    assert "1 earlier plan" in page and "A new job" in page


def test_the_navigation_links_to_my_plan(client, orgs):
    login_as(client, TOM)
    page = client.get(reverse("dashboard")).content.decode()
    assert f'href="{reverse("plans:index")}"' in page and "My plan" in page


def test_the_page_in_dutch(client, orgs, settings):
    settings.LANGUAGE_CODE = "nl"
    login_as(client, TOM)
    plan_set(employee=employee(TOM), goal=Goal.NEW_JOB, targets=["Rabobank"])
    with translation.override("nl"):
        page = client.get(
            reverse("plans:index"), headers={"Accept-Language": "nl"}
        ).content.decode()
    assert "Mijn netwerkplan" in page and "1 van 8 stappen gedaan" in page
    assert "Vraag Jan van den Berg om een introductie" in page
