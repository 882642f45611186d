"""An employee's network page and ego map show the strongest ties first (issue 9)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.factories import login
from weakties.demo.organisation import build_demo
from weakties.insights.selectors import ego_network
from weakties.insights.services.analytics import analytics_refresh
from weakties.people.models import Tie, TieRank

pytestmark = pytest.mark.django_db


@pytest.fixture
def owner():
    organisation, _ = build_demo(employees=20, seed=3)
    run = analytics_refresh(organisation=organisation)
    return run.employees.order_by("-degree", "employee_id").first().employee


def _strengths(employee) -> dict[str, float | None]:
    return {
        f"p{person}": strength
        for person, strength in TieRank.objects.filter(employee=employee).values_list(
            "person_id", "strength"
        )
    }


def test_the_ego_map_shows_the_strongest_ties(owner):
    strengths = _strengths(owner)
    shown = ego_network(employee=owner, limit=25)
    keys = {n["key"] for n in shown["nodes"]} - {"ego"}
    assert len(keys) == shown["shown"] == 25 and shown["total"] == len(strengths)
    weakest_shown = min(strengths[k] for k in keys)
    assert all(s <= weakest_shown for k, s in strengths.items() if k not in keys)


def test_ties_not_analysed_yet_come_after_the_measured_ones(owner):
    strengths = _strengths(owner)
    measured = list(strengths)[:5]
    TieRank.objects.filter(employee=owner).exclude(
        person_id__in=[int(k[1:]) for k in measured]
    ).update(strength=None, tier="")
    shown = ego_network(employee=owner, limit=len(strengths))
    keys = [n["key"] for n in shown["nodes"] if n["key"] != "ego"]
    assert set(keys) == set(strengths)  # every tie, measured or not
    few = ego_network(employee=owner, limit=5)
    assert {n["key"] for n in few["nodes"]} - {"ego"} == set(measured)


def test_the_network_page_lists_the_strongest_first(client, owner):
    if owner.user_id:  # the demo gives some employees a login
        client.force_login(owner.user)
    else:
        login(client, owner.email)
    html = client.get(reverse("employee", args=[owner.pk])).content.decode()
    table = html.split('id="network"')[1].split("</table>")[0]
    strongest = (
        Tie.objects.filter(employee=owner)
        .select_related("person")
        .order_by("-measured__strength", "person__last_name", "person__first_name", "id")
        .first()
    )
    first_row = table.split("<tbody>")[1].split("</tr>")[0]
    assert strongest.person.name in first_row
