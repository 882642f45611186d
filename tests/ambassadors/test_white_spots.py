"""Targets and white spots: which departments have a path into the companies and sectors wanted.

Acme: Jan (Sales) knows people at Stripe, Bakker Logistiek, Rabobank and Coolblue; Sophie (HR)
at Stripe and Gemeente Utrecht; Management (Anna) and Engineering (Tom) share nothing.
"""

from __future__ import annotations

import importlib

import pytest
from django.utils import translation

from weakties.accounts.models import Employee
from weakties.ambassadors.models import Target
from weakties.ambassadors.selectors import white_spots
from weakties.ambassadors.services.targets import target_add, target_remove
from weakties.core.errors import ServiceError
from weakties.people.services.consent import consent_withdraw

from .conftest import ANNA, JAN, login

pytestmark = pytest.mark.django_db

ws_module = importlib.import_module("weakties.ambassadors.selectors.white_spots")


def reached(org) -> dict[str, set[str]]:
    spots = white_spots(organisation=org)
    names = [t["name"] for t in spots["targets"]]
    return {
        d["department"]: {n for n, hit in zip(names, d["reached"], strict=True) if hit}
        for d in spots["departments"]
    }


@pytest.fixture(params=["small", "large"])
def way(request, monkeypatch):
    """Both ways of answering a target: from the company side, and per department from the employees'."""
    if request.param == "large":
        monkeypatch.setattr(ws_module, "SMALL", 0)
    return request.param


def test_companies_and_sectors_by_any_spelling_and_language(org):
    stripe = target_add(organisation=org, kind="company", name="Stripe, Inc.")
    assert target_add(organisation=org, kind="company", name="stripe") == stripe
    assert target_add(organisation=org, kind="sector", name="Overheid").key == "overheid"
    assert target_add(organisation=org, kind="sector", name="healthcare").key == "zorg"
    assert target_add(organisation=org, kind="sector", name="Zorg").key == "zorg"
    with translation.override("en"), pytest.raises(ServiceError, match="Unknown sector 'bakeries'"):
        target_add(organisation=org, kind="sector", name="bakeries")
    with pytest.raises(ServiceError):
        target_add(organisation=org, kind="company", name="   ")
    assert Target.objects.filter(organisation=org).count() == 3


def test_departments_without_any_path_are_white_spots(org, way):
    for kind, name in (("company", "Stripe"), ("company", "Coolblue"), ("sector", "overheid")):
        target_add(organisation=org, kind=kind, name=name)
    spots = white_spots(organisation=org)
    assert [t["name"] for t in spots["targets"]] == ["Coolblue", "Stripe", "overheid"]
    assert reached(org) == {
        "Sales": {"Stripe", "Coolblue"},
        "HR": {"Stripe", "overheid"},
        "Management": set(),
        "Engineering": set(),
    }
    rows = {d["department"]: d for d in spots["departments"]}
    assert spots["white_spots"] == 2
    assert rows["Management"]["white_spot"] and rows["Engineering"]["white_spot"]
    assert not rows["Sales"]["white_spot"]
    assert rows["Sales"]["members"] == 1 and rows["Sales"]["sharing"] == 1
    assert [d["white_spot"] for d in spots["departments"]] == [True, True, False, False]


def test_a_withdrawal_opens_a_white_spot_at_once(org, way):
    target_add(organisation=org, kind="company", name="Coolblue")
    assert reached(org)["Sales"] == {"Coolblue"}
    consent_withdraw(employee=Employee.objects.get(email=JAN))
    assert reached(org)["Sales"] == set()
    assert white_spots(organisation=org)["white_spots"] == 4


def test_without_targets_nothing_is_a_white_spot(org):
    spots = white_spots(organisation=org)
    assert spots["targets"] == [] and spots["white_spots"] == 0
    assert len(spots["departments"]) == 4


def test_another_organisations_targets_and_ties_do_not_count(org, globex, way):
    target_add(organisation=globex, kind="company", name="Stripe")
    spots = white_spots(organisation=globex)
    assert spots["white_spots"] == 2  # Globex's people share nothing; Acme's ties are not theirs
    assert white_spots(organisation=org)["targets"] == []


def test_targets_are_removed_by_their_own_organisation_only(org, globex):
    target = target_add(organisation=org, kind="company", name="Stripe")
    with pytest.raises(ServiceError):
        target_remove(organisation=globex, target_id=target.pk)
    target_remove(organisation=org, target_id=target.pk)
    assert not Target.objects.exists()


def test_the_targets_page_adds_removes_and_shows_the_matrix(org, client):
    login(client, ANNA, role="admin")
    assert (
        client.post("/ambassadors/targets/", {"kind": "company", "name": "Stripe"}).status_code
        == 302
    )
    bad = client.post("/ambassadors/targets/", {"kind": "sector", "name": "bakkerijen"})
    assert bad.status_code == 200 and "bakkerijen" in bad.content.decode()
    part = client.get("/ambassadors/targets/white-spots/").content.decode()
    sales = part.split('data-department="Sales"')[1].split("</tr>")[0]
    assert 'data-hit="1"' in sales
    assert 'data-department="Engineering" class="white-spot"' in part
    assert 'data-department="Sales" class="white-spot"' not in part
    target = Target.objects.get()
    assert client.post(f"/ambassadors/targets/{target.pk}/delete/").status_code == 302
    assert not Target.objects.exists()


def test_sector_names_come_in_the_readers_language(org):
    target_add(organisation=org, kind="sector", name="zorg")
    with translation.override("en"):
        assert white_spots(organisation=org)["targets"][0]["name"] == "healthcare"
    with translation.override("nl"):
        assert white_spots(organisation=org)["targets"][0]["name"] == "zorg"
