"""An employee's network page and ego map show the strongest ties first, a page at a time (issue 9)."""

from __future__ import annotations

import pytest
from django.core.paginator import Paginator
from django.urls import reverse

from tests.factories import login
from weakties.demo.organisation import build_demo
from weakties.insights.selectors import ego_network
from weakties.insights.services.analytics import analytics_refresh
from weakties.people.models import Tie, TieRank
from weakties.people.selectors.network import strongest_ties

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
    first_row = table.split("<tbody>")[1].split("</tr>")[0]
    best = max(s for s in _strengths(owner).values() if s is not None)
    strongest = Tie.objects.filter(employee=owner, measured__strength=best).select_related("person")
    assert any(t.person.name in first_row for t in strongest)


def test_pages_of_the_network_hold_every_tie_once_strongest_first(owner):
    ranks = TieRank.objects.filter(employee=owner).order_by("tie_id")
    unmeasured = [r.tie_id for r in ranks[:7]]
    TieRank.objects.filter(tie_id__in=unmeasured).update(strength=None, tier="")
    ties = strongest_ties(employee=owner)
    pages = Paginator(ties, 50)
    seen = [t for n in pages.page_range for t in pages.page(n).object_list]
    assert pages.count == Tie.objects.filter(employee=owner).count() == len(seen)
    assert len({t.id for t in seen}) == len(seen)
    strengths = [t.measured.strength for t in seen]
    measured = [s for s in strengths if s is not None]
    assert measured == sorted(measured, reverse=True)
    assert [t.id for t in seen[-7:]] == unmeasured  # not measured yet: last, oldest first


def test_a_search_in_the_network_finds_by_company(owner):
    company = Tie.objects.filter(employee=owner, person__company__isnull=False).first()
    name = company.person.company.name
    found = list(strongest_ties(employee=owner, q=name.lower()))
    assert found and all(
        name.lower() in (t.person.company.name or "").lower()
        or name.lower() in t.person.name.lower()
        or name.lower() in (t.person.position or "").lower()
        for t in found
    )
