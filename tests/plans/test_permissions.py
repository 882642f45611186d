"""Every page and API route of plans, walked with every role of two organisations.

Nobody sees another's plan: not a colleague, not an admin, not another
organisation, not a superuser.  Each user's writes reach their own plan only,
and contact details appear only for their owner.
"""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from tests.factories import employee
from weakties.accounts.models import Employee
from weakties.plans.models import Plan, Tick
from weakties.plans.services.plans import plan_message_save, plan_set

from .conftest import (
    ACME_ROLES,
    EVA_EMAIL,
    GLOBEX_ROLES,
    JAN,
    LOTTE_EMAIL,
    LOTTE_PHONE,
    MEHMET_EMAIL,
    MEHMET_PHONE,
    ROLES,
    bearer,
    login_as,
)

pytestmark = pytest.mark.django_db

GLOBEX_SALES = GLOBEX_ROLES["sales"]
JAN_MESSAGE = "Jan-private-message-4711"
GLOBEX_MESSAGE = "Globex-private-message-0815"
#: What each owner's plan holds that nobody else may see.
OWNED = {
    JAN: (JAN_MESSAGE, MEHMET_EMAIL, MEHMET_PHONE, EVA_EMAIL),
    GLOBEX_SALES: (GLOBEX_MESSAGE, LOTTE_EMAIL, LOTTE_PHONE),
}
PEOPLE = [("acme", role, email) for role, email in ACME_ROLES.items()] + [
    ("globex", role, email) for role, email in GLOBEX_ROLES.items()
]


@pytest.fixture
def plans(orgs):
    """Jan's and Globex's sales person's plans, with their own contacts and a private message."""
    jan = plan_set(
        employee=employee(JAN), goal="customers", targets=["Coolblue", "Bakker Logistiek"]
    )
    plan_message_save(employee=employee(JAN), message=JAN_MESSAGE)
    globex = plan_set(employee=employee(GLOBEX_SALES), goal="new_job", targets=["Rabobank"])
    plan_message_save(employee=employee(GLOBEX_SALES), message=GLOBEX_MESSAGE)
    return jan, globex


def _forbidden(email: str) -> list[str]:
    return [s.casefold() for owner, secrets in OWNED.items() if owner != email for s in secrets]


def _leaks(text: str, email: str) -> list[str]:
    low = text.casefold()
    return [s for s in _forbidden(email) if s in low]


def _unchanged(plans) -> None:
    for plan, message in zip(plans, (JAN_MESSAGE, GLOBEX_MESSAGE), strict=True):
        plan.refresh_from_db()
        assert plan.active and plan.message == message
        assert not Tick.objects.filter(plan=plan).exists()


@pytest.mark.parametrize(("org", "role", "email"), PEOPLE)
def test_pages_show_and_change_only_my_own_plan(client, plans, org, role, email):
    login_as(client, email)
    pages = [client.get(reverse("plans:index")), client.get(reverse("plans:goal"))]
    assert [p.status_code for p in pages] == [200, 200]
    assert not _leaks("".join(p.content.decode() for p in pages), email)
    goal = client.post(
        reverse("plans:goal"),
        {"goal": "knowledge", "targets": "Coolblue, Rabobank", "reminders": "weekly"},
    )
    assert goal.status_code == 302
    tick = client.post(
        reverse("plans:tick", args=["helpers"]), {"done": "1"}, headers={"HX-Request": "true"}
    )
    assert tick.status_code == 200
    client.post(reverse("plans:message"), {"message": f"mine {email}"})
    client.post(reverse("plans:reminders"), {"reminders": "monthly"})
    page = client.get(reverse("plans:index")).content.decode()
    assert f"mine {email}" in page and not _leaks(page, email)
    mine = Plan.objects.get(
        employee__email=email, employee__organisation__name__startswith=org.title()[:4], active=True
    )
    assert mine.goal == "knowledge" and mine.reminders == "monthly"
    assert Tick.objects.filter(plan=mine, step="helpers").exists()
    if email not in OWNED:
        _unchanged(plans)


@pytest.mark.parametrize(("org", "role", "email"), PEOPLE)
def test_api_shows_and_changes_only_my_own_plan(client, plans, org, role, email):
    headers = bearer(email)
    got = client.get("/api/plan", headers=headers)
    assert got.status_code == (200 if email in OWNED else 404)
    assert not _leaks(got.content.decode(), email)
    put = client.put(
        "/api/plan",
        json.dumps({"goal": "promotion", "targets": ["Coolblue", "Rabobank"]}),
        content_type="application/json",
        headers=headers,
    )
    assert put.status_code == 200 and not _leaks(put.content.decode(), email)
    tick = client.post("/api/plan/steps/helpers/tick", headers=headers)
    assert tick.status_code == 200 and tick.json()["progress"]["done"] == 2
    if email not in OWNED:
        _unchanged(plans)


def test_anonymous_visitors_are_sent_to_sign_in_and_the_api_wants_a_token(client, plans):
    for url in (reverse("plans:index"), reverse("plans:goal")):
        response = client.get(url)
        assert response.status_code == 302 and "/login/" in response["Location"]
    for url in (
        reverse("plans:tick", args=["helpers"]),
        reverse("plans:message"),
        reverse("plans:reminders"),
    ):
        assert client.post(url).status_code == 302
    assert client.get("/api/plan").status_code == 401
    assert client.post("/api/plan/steps/helpers/tick").status_code == 401
    _unchanged(plans)


def test_a_superuser_who_is_no_employee_has_no_plan_and_sees_none(client, plans, root):
    client.force_login(root)
    assert client.get(reverse("plans:index")).status_code == 403
    assert client.post(reverse("plans:tick", args=["helpers"])).status_code == 403
    from weakties.accounts.models import ApiToken

    _, key = ApiToken.issue(root, "root")
    assert client.get("/api/plan", headers={"Authorization": f"Bearer {key}"}).status_code == 403
    _unchanged(plans)


def test_a_former_employee_is_refused_everywhere(client, plans):
    headers = bearer(JAN)
    login_as(client, JAN)
    Employee.objects.filter(email=JAN).update(active=False)
    assert client.get(reverse("plans:index")).status_code == 403
    assert client.post(reverse("plans:message"), {"message": "x"}).status_code == 403
    assert client.get("/api/plan", headers=headers).status_code == 403
    plans[0].refresh_from_db()
    assert plans[0].message == JAN_MESSAGE


@pytest.mark.parametrize("role", ROLES)
def test_every_role_may_follow_a_plan(plans, role):
    from weakties.plans.rules import may_have_plan, may_see_plan

    me = employee(ACME_ROLES[role])
    assert may_have_plan(me)
    assert may_see_plan(me, plans[0]) == (me.email == JAN)
    assert not may_see_plan(employee(GLOBEX_ROLES[role]), plans[0])
