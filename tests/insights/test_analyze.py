"""`weakties analyze` on a generated organisation: what is stored matches the database."""

from __future__ import annotations

import json
from collections import Counter

import pytest

from tests.factories import acme, employee
from weakties.accounts.models import Employee
from weakties.cli.main import main
from weakties.demo.organisation import build_demo
from weakties.insights.models import AnalysisRun, EmployeeInsight
from weakties.insights.services.analytics import analytics_refresh, employee_rows, latest_run
from weakties.network import TIERS
from weakties.people.models import Tie
from weakties.people.services.consent import consent_withdraw

pytestmark = pytest.mark.django_db

BROKER_KEYS = {
    "employee",
    "degree",
    "constraint",
    "effective_size",
    "efficiency",
    "betweenness",
    "roles",
    "unique_reach",
    "type",
}
ROLE_KEYS = {"coordinator", "gatekeeper", "representative", "consultant", "liaison"}


@pytest.fixture
def demo():
    organisation, _ = build_demo(employees=20, seed=3)
    return organisation


def test_analyze_stores_strength_on_every_tie_and_one_insight_per_employee(demo):
    run = analytics_refresh(organisation=demo)
    assert run.status == AnalysisRun.Status.DONE
    ties = Tie.objects.filter(employee__organisation=demo)
    assert ties.exists() and not ties.filter(measured__strength__isnull=True).exists()
    # a tier, or "unknown" where the strength rests on too little evidence (issue 13)
    assert set(ties.values_list("measured__tier", flat=True)) <= {*TIERS, "unknown"}
    assert not ties.filter(measured__evidence__isnull=True).exists()
    assert not ties.filter(measured__job_score__isnull=True).exists()
    assert not ties.filter(measured__mutual_connections__isnull=True).exists()
    assert set(run.figures["tiers"]) == {*TIERS, "unknown"}
    assert all(0.0 <= s <= 1.0 for s in ties.values_list("measured__strength", flat=True))
    assert (
        EmployeeInsight.objects.filter(run=run).count()
        == Employee.objects.filter(organisation=demo, active=True).count()
    )
    # tiers per employee add up to that employee's ties
    for ins in EmployeeInsight.objects.filter(run=run).select_related("employee")[:5]:
        assert sum(ins.tiers.values()) == Tie.objects.filter(employee=ins.employee).count()


def test_unique_reach_matches_a_brute_force_count(demo):
    run = analytics_refresh(organisation=demo)
    colleagues = set(Employee.objects.filter(organisation=demo).values_list("person_id", flat=True))
    known_by = Counter()
    owners = {}
    for emp_id, person_id in Tie.objects.filter(employee__organisation=demo).values_list(
        "employee_id", "person_id"
    ):
        if person_id in colleagues:
            continue
        known_by[person_id] += 1
        owners.setdefault(emp_id, set()).add(person_id)
    for ins in EmployeeInsight.objects.filter(run=run):
        people = owners.get(ins.employee_id, set())
        assert ins.reach == len(people)
        assert ins.unique_reach == sum(1 for p in people if known_by[p] == 1)
    assert run.figures["people_reached"] == len(known_by)


def test_brokers_json_contract(demo, capsys):
    assert main(["analyze", "--org", demo.name, "--json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["employees"] == 20 and sum(summary["tiers"].values()) > 0
    assert main(["brokers", "--org", demo.name, "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert len(rows) == 20
    for row in rows:
        assert BROKER_KEYS <= set(row)
        assert set(row["roles"]) == ROLE_KEYS
        assert row["type"] in {"t_shaper", "butterfly", "lone_star", "emerging", "unplaced"}
    # best brokers first: most brokerage against its expectation (Gould & Fernandez's total z),
    # then lowest constraint where no z-score is known (issue 13)
    zs = [r["brokerage_z"] for r in rows]
    known = [z for z in zs if z is not None]
    assert known and known == sorted(known, reverse=True) and zs[: len(known)] == known
    assert all(r["brokerage_z"] is None or r["roles_z"] for r in rows)
    rest = [r["constraint"] for r in rows[len(known) :] if r["constraint"] is not None]
    assert rest == sorted(rest)


def test_brokers_before_analyze_is_a_one_line_error(capsys):
    acme()
    assert main(["brokers", "--json"]) != 0
    err = capsys.readouterr().err
    assert "weakties analyze" in err and len(err.strip().splitlines()) == 1


def test_withdrawn_consent_leaves_the_analysis(demo):
    first = analytics_refresh(organisation=demo)
    leaver = (
        EmployeeInsight.objects.filter(run=first, reach__gt=0).order_by("-reach").first().employee
    )
    consent_withdraw(employee=leaver)
    second = analytics_refresh(organisation=demo)
    assert latest_run(organisation=demo) == second
    ins = EmployeeInsight.objects.get(run=second, employee=leaver)
    assert ins.reach == 0 and ins.unique_reach == 0
    assert second.figures["employees_sharing"] == first.figures["employees_sharing"] - 1
    assert second.figures["people_reached"] < first.figures["people_reached"]


def test_an_employee_who_never_consented_is_not_counted_as_sharing():
    """acme(): Jan and Sophie consented (they imported); Pieter and Eva never did."""
    org = acme()
    from weakties.accounts.models import Consent

    never = Employee.objects.filter(organisation=org).exclude(
        pk__in=Consent.objects.values("employee")
    )
    assert never.count() >= 1
    run = analytics_refresh(organisation=org)
    assert run.figures["employees_sharing"] == (
        Employee.objects.filter(organisation=org, active=True).count() - never.count()
    )


def test_structural_holes_fallback_and_observed_numbers_are_both_kept():
    org = acme()
    run = analytics_refresh(organisation=org)
    rows = {r["employee"]: r for r in employee_rows(run=run)}
    jan = rows["jan.vandenberg@acme.nl"]
    # Jan's contacts: Zoë (Stripe), and others, and colleague Sophie who knows Zoë too:
    # a real contact-contact tie, so the observed numbers are shown next to the fallback.
    assert jan["constraint"] is not None and 0 < jan["constraint"] <= 1
    assert "observed" in jan and jan["observed"]["effective_size"] is not None
    tom = rows["tom.jansen@acme.nl"]  # shares nothing
    assert tom["degree"] == 0 or tom["unique_reach"] == 0
    assert employee("tom.jansen@acme.nl").insights.get(run=run).reach == 0


def test_strength_weights_from_settings_and_the_command_line(capsys, settings):
    settings.LANGUAGE_CODE = "en"  # the error wording is English below
    from weakties.people.models import TieRank

    org = acme()
    assert main(["analyze", "--json"]) == 0
    capsys.readouterr()
    default = dict(TieRank.objects.filter(organisation=org).values_list("tie_id", "strength"))
    settings.WEAKTIES_STRENGTH_WEIGHTS = "duration_half=30"
    assert main(["analyze", "--json"]) == 0
    capsys.readouterr()
    shorter = dict(TieRank.objects.filter(organisation=org).values_list("tie_id", "strength"))
    assert any(shorter[t] > default[t] for t in default)  # old ties count as long sooner
    assert main(["analyze", "--weight", "nonsense=1"]) != 0
    assert "unknown tie-strength weight nonsense" in capsys.readouterr().err
    assert main(["analyze", "--weight", "rating"]) != 0
    assert "NAME=VALUE" in capsys.readouterr().err
