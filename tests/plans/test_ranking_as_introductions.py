"""The plan's own contacts rank exactly as "who can introduce me to …" ranks the same ties.

Job leads and information by the job score ``weakties analyze`` stores on
``TieRank`` (Rajkumar et al. 2022), not the old bump on the strength scale;
sales by strength; a tie not analysed yet with the provisional strength and
tier of ``weakties.people.strength``, not a tier from its age alone.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.urls import reverse
from django.utils import translation

from tests.factories import employee
from weakties.accounts.models import Employee
from weakties.cli.main import main
from weakties.insights.services.introductions import introductions
from weakties.network.job_leads import job_score
from weakties.people.models import Tie, TieRank
from weakties.people.strength import provisional_tiers, strength_weights
from weakties.plans.helpers import helpers
from weakties.plans.models import Goal
from weakties.plans.services.area import area_fresh
from weakties.plans.services.plans import plan_set

from .conftest import JAN, SOPHIE, bearer, login_as

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def _ranks(owner: str, company: str):
    ranks = TieRank.objects.filter(employee__email=owner, person__company__name__startswith=company)
    assert ranks.count() == 1
    return ranks


def _measure(owner: str, company: str, *, strength: float, tier: str, mutual: int) -> None:
    """Store what an analysis finds, the job score from its function (peak ten)."""
    _ranks(owner, company).update(
        strength=strength,
        tier=tier,
        mutual_connections=mutual,
        job_score=float(job_score([mutual], [strength])[0]),
    )


def _unanalysed(owner: str, company: str) -> None:
    _ranks(owner, company).update(
        strength=None, tier="", mutual_connections=None, job_score=None, evidence=None
    )


def _own(goal: str, targets: list[str], *, today: dt.date | None = None) -> list[dict]:
    plan = area_fresh(plan=plan_set(employee=employee(JAN), goal=goal, targets=targets))
    return [h for h in helpers(plan=plan, today=today) if h["via"] == "own"]


@pytest.fixture
def circles(orgs):
    """Jan's moderately weak tie to Zoë (Stripe) sits in a circle of 60 mutual connections; his
    strong tie to Lotte (Rabobank) has ten, the peak.  The old bump on the strength scale put
    Zoë's 0.3 far ahead; the job score puts Lotte ahead."""
    _measure(JAN, "Stripe", strength=0.30, tier="weak", mutual=60)
    _measure(JAN, "Rabobank", strength=0.90, tier="strong", mutual=10)
    return orgs


def test_who_can_help_puts_the_better_job_score_first(circles):
    names = [h["person"]["name"] for h in _own(Goal.NEW_JOB, ["Stripe", "Rabobank"])]
    assert names.index("Lotte van Dijk") < names.index("Zoë Peeters")


def test_customers_still_rank_the_strongest_tie_first(circles):
    _measure(JAN, "Rabobank", strength=0.20, tier="weak", mutual=10)
    names = [h["person"]["name"] for h in _own(Goal.CUSTOMERS, ["Stripe", "Rabobank"])]
    assert names.index("Zoë Peeters") < names.index("Lotte van Dijk")


def test_plan_show_and_the_api_give_the_same_order(circles, capsys, client):
    plan_set(employee=employee(JAN), goal=Goal.NEW_JOB, targets=["Stripe", "Rabobank"])
    assert main(["plan", "show", "--as", JAN, "--json"]) == 0
    body = json.loads(capsys.readouterr().out)
    names = [h["person"]["name"] for h in body["helpers"] if h["via"] == "own"]
    assert names.index("Lotte van Dijk") < names.index("Zoë Peeters")
    api = client.get("/api/plan", headers=bearer(JAN)).json()
    names = [h["person"]["name"] for h in api["helpers"] if h["via"] == "own"]
    assert names.index("Lotte van Dijk") < names.index("Zoë Peeters")


@pytest.mark.parametrize("goal", [Goal.NEW_JOB, Goal.KNOWLEDGE, Goal.CUSTOMERS])
@pytest.mark.parametrize("state", ["analysed", "before the job score", "not analysed"])
def test_an_own_contact_scores_what_the_introductions_search_gives_the_same_tie(orgs, goal, state):
    """Jan's tie to Zoë at Stripe, in the plan and in Sophie's search for Stripe."""
    if state == "analysed":
        _measure(JAN, "Stripe", strength=0.30, tier="weak", mutual=4)
        _measure(SOPHIE, "Stripe", strength=0.90, tier="strong", mutual=4)
    elif state == "before the job score":  # an analysis stored strengths, none a job score
        _ranks(JAN, "Stripe").update(strength=0.45, tier="moderate")
        assert not TieRank.objects.filter(job_score__isnull=False).exists()
    else:
        _unanalysed(JAN, "Stripe")
    today = dt.date(2026, 6, 1)
    (mine,) = [h for h in _own(goal, ["Stripe"], today=today) if h["target"] == "Stripe"]
    purpose = {Goal.NEW_JOB: "job", Goal.KNOWLEDGE: "info", Goal.CUSTOMERS: "sales"}[goal]
    page = introductions(
        organisation=employee(JAN).organisation, company="Stripe", purpose=purpose, today=today
    )
    (theirs,) = [r for r in page.rows if r["introducer"] == JAN]
    assert theirs["contact"]["id"] == mine["person"]["id"]
    assert mine["score"] == pytest.approx(theirs["score"], abs=1e-4)
    assert mine["strength"] == pytest.approx(theirs["strength"], abs=1e-4)
    assert mine["tier"] == theirs["tier"]


def test_a_contact_not_analysed_yet_takes_its_tier_from_the_provisional_tiers(orgs, client):
    """Mehmet and Eva were imported and never analysed: their tier is not read off their age."""
    rows = _own(Goal.NEW_JOB, ["Coolblue", "Bakker Logistiek"])
    tiers = {h["person"]["name"]: h["tier"] for h in rows}
    for name, company in (("Mehmet Çelik", "Bakker Logistiek"), ("Eva Smit", "Coolblue")):
        tie = Tie.objects.get(employee__email=JAN, person__company__name__startswith=company)
        assert tie.measured.strength is None
        (expected,) = provisional_tiers(
            connected_on=[tie.connected_on],
            sources=[len(tie.sources)],
            today=dt.date.today(),
            weights=strength_weights(),
        )
        assert tiers[name] == expected == "unknown"
    eva = next(h for h in rows if h["person"]["name"] == "Eva Smit")
    assert "Too little is known of this tie to give it a tier" in eva["why"]
    Employee.objects.filter(email=JAN).update(language="en")
    login_as(client, JAN)
    page = client.get(reverse("plans:index")).content.decode()
    assert '<span class="tier tier-unknown">unknown strength</span>' in page
    Employee.objects.filter(email=JAN).update(language="nl")
    page = client.get(reverse("plans:index")).content.decode()
    assert '<span class="tier tier-unknown">sterkte onbekend</span>' in page
    api = client.get("/api/plan", headers=bearer(JAN)).json()
    assert {h["person"]["name"]: h["tier"] for h in api["helpers"]}["Eva Smit"] == "unknown"
