"""Pages and `weakties reach` show the figures `weakties analyze` stored, not a live count (issue 9)."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from tests.factories import acme, employee, login
from weakties.cli.main import main
from weakties.demo.organisation import build_demo
from weakties.insights.selectors import dashboard_figures, reach_report
from weakties.insights.services.analytics import analytics_refresh
from weakties.people.models import Tie
from weakties.people.selectors.reach import organisation_reach, tie_sources_live
from weakties.people.services.consent import consent_withdraw

pytestmark = pytest.mark.django_db


@pytest.fixture
def analysed():
    organisation, _ = build_demo(employees=20, seed=3)
    analytics_refresh(organisation=organisation)
    return organisation


def _delete_ties(organisation, n: int) -> None:
    """Change the network after the analysis, as an import or an erasure would."""
    ids = (
        Tie.objects.filter(employee__organisation=organisation)
        .order_by("id")
        .values_list("id", flat=True)[:n]
    )
    Tie.objects.filter(id__in=list(ids)).delete()


def _groups(groups: list[dict]) -> list[tuple[str, int]]:
    return sorted((g["name"], g["people"]) for g in groups)


def test_the_analysis_stores_what_the_live_count_finds(analysed):
    live = organisation_reach(organisation=analysed, details=True)
    stored = reach_report(organisation=analysed, details=True)
    assert stored is not None
    figures = stored.figures
    assert set(figures) == set(live)
    for key in ("employees", "employees_sharing", "ties", "unique_people", "companies"):
        assert figures[key] == live[key], key
    for attribute in ("company", "sector", "region"):
        assert _groups(figures["coverage"][attribute]) == _groups(live["coverage"][attribute])
        counts = [g["people"] for g in figures["coverage"][attribute]]
        assert counts == sorted(counts, reverse=True)
    assert figures["coverage"]["unknown"] == live["coverage"]["unknown"]
    assert figures["coverage"]["hidden_groups"] == live["coverage"]["hidden_groups"]
    assert figures["unique_reach"] == live["unique_reach"]
    assert figures["growth"] == live["growth"]
    assert dashboard_figures(organisation=analysed)["sources"] == tie_sources_live(
        organisation=analysed
    )


def test_reach_json_reads_the_analysis_with_the_same_keys(analysed, capsys):
    live = organisation_reach(organisation=analysed, details=True)
    stored = analysed.analysis_runs.get().figures
    _delete_ties(analysed, 50)
    assert main(["reach", "--org", analysed.name, "--json"]) == 0
    out = capsys.readouterr()
    r = json.loads(out.out)
    assert set(r) == set(live)  # the keys stay exactly those of the live count
    assert r["ties"] == stored["ties"] == live["ties"]  # as analysed: the deleted ties still count
    assert r["unique_people"] == stored["people_reached"]
    assert organisation_reach(organisation=analysed)["ties"] == stored["ties"] - 50
    assert "`weakties analyze`" not in out.err  # no note: the figures are the analysis


def test_reach_before_any_analysis_counts_live_and_says_so(capsys):
    acme()
    assert main(["reach", "--json"]) == 0
    out = capsys.readouterr()
    assert json.loads(out.out)["unique_people"] == 5
    assert "`weakties analyze`" in out.err  # the note that it counted live


def test_dashboard_shows_the_analysed_figures_and_what_changed_since(client, analysed):
    stored = analysed.analysis_runs.get().figures
    _delete_ties(analysed, 50)
    someone = analysed.employees.filter(consents__withdrawn_at__isnull=True).last()
    consent_withdraw(employee=someone)
    login(client, analysed.employees.order_by("id").first().email)
    html = client.get(reverse("dashboard"), headers={"accept-language": "en"}).content.decode()
    assert f'data-key="ties">{stored["ties"]:,}<' in html
    assert f'data-key="unique_people">{stored["people_reached"]:,}<' in html
    assert f'data-key="employees_sharing">{stored["employees_sharing"]:,}<' in html
    companies = stored["coverage"]["company"]["categories_covered"]
    assert f'data-key="companies">{companies:,}<' in html
    assert "From the analysis of" in html and "1 consents given or withdrawn" in html
    for source, n in stored["sources"].items():
        assert f"<th>{source}</th>" in html and f">{n:,}<" in html


def test_dashboard_before_any_analysis_counts_live(client):
    acme()
    login(client, "tom.jansen@acme.nl")
    html = client.get(reverse("dashboard"), headers={"accept-language": "en"}).content.decode()
    assert 'data-key="unique_people">5<' in html and "no analysis yet" in html
    assert "<th>linkedin</th>" in html


def test_who_withdrew_leaves_the_key_person_risk_at_once(client, analysed):
    stored = reach_report(organisation=analysed, details=True)
    top = stored.figures["unique_reach"][0]["employee"]
    consent_withdraw(employee=employee(top))
    after = reach_report(organisation=analysed, details=True).figures["unique_reach"]
    assert after and top not in {row["employee"] for row in after}
    login(client, analysed.employees.exclude(email=top).order_by("id").first().email, role="admin")
    html = client.get(reverse("insights:overview")).content.decode()
    risk = html.split('id="key-person-risk"')[1].split("</section>")[0]
    assert employee(top).full_name not in risk


def test_insights_and_employee_page_read_the_analysis(client, analysed):
    run = analysed.analysis_runs.get()
    owner = run.employees.order_by("-degree", "employee_id").first().employee
    login(
        client, analysed.employees.exclude(pk=owner.pk).order_by("id").first().email, role="admin"
    )
    html = client.get(reverse("insights:overview")).content.decode()
    assert f">{run.figures['people_reached']:,}<".replace(",", ".") in html  # Dutch grouping
    page = client.get(reverse("employee", args=[owner.pk])).content.decode()
    assert 'id="typology"' in page


def test_api_reach_reads_the_analysis_and_keeps_key_people_for_admins(client, analysed):
    from django.contrib.auth import get_user_model

    from weakties.accounts.models import ApiToken

    stored = analysed.analysis_runs.get().figures
    _delete_ties(analysed, 50)
    headers = {}
    for role, e in (("admin", analysed.employees.order_by("id")[0]), ("employee", None)):
        e = e or analysed.employees.exclude(role="admin").exclude(user__isnull=False).first()
        e.user = e.user or get_user_model().objects.create_user(
            username=e.email, password="x-P4ss-x"
        )
        e.role = role
        e.save()
        headers[role] = {"Authorization": f"Bearer {ApiToken.issue(e.user, 'test')[1]}"}
    admin = client.get("/api/reach", headers=headers["admin"]).json()
    assert admin["ties"] == stored["ties"] and admin["unique_people"] == stored["people_reached"]
    assert admin["unique_reach"] and admin["growth"] == stored["growth_years"]
    assert client.get("/api/reach", headers=headers["employee"]).json()["unique_reach"] == []


def test_a_new_analysis_is_reported_at_once_though_the_last_one_is_kept_in_memory(analysed):
    """The stored reach is decoded once per analysis; the next analysis replaces it."""
    first = reach_report(organisation=analysed, details=True)
    assert reach_report(organisation=analysed, details=True).figures == first.figures
    _delete_ties(analysed, 200)
    analytics_refresh(organisation=analysed)
    second = reach_report(organisation=analysed, details=True)
    live = organisation_reach(organisation=analysed, details=True)
    assert second.figures["ties"] == live["ties"] != first.figures["ties"]
    assert _groups(second.figures["coverage"]["company"]) == _groups(live["coverage"]["company"])


def test_the_brokers_limit_is_the_best_rows_of_the_whole_list(analysed):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from weakties.insights.services.analytics import employee_rows, latest_run

    run = latest_run(organisation=analysed)
    every = employee_rows(run=run)
    with CaptureQueriesContext(connection) as queries:
        best = employee_rows(run=run, limit=5)
    assert best == every[:5]
    assert len(queries) == 1  # the columns shown, in one read: none loaded row by row
