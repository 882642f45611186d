"""Insights pages: dashboard, employee insights, ego map, introduction search, permissions."""

from __future__ import annotations

import json

import pytest
from django.test import override_settings
from django.utils import translation

from tests.factories import acme, employee, login
from weakties.core.progress import CacheProgress, clear_progress, read_progress
from weakties.demo.organisation import build_demo
from weakties.insights.services.analytics import analytics_refresh

pytestmark = pytest.mark.django_db


@pytest.fixture
def analysed():
    organisation, _ = build_demo(employees=20, seed=3)
    analytics_refresh(organisation=organisation)
    return organisation


def _admin_email(organisation):
    return organisation.employees.order_by("id").first().email


def test_dashboard_shows_charts_risk_and_brokers_to_admins(client, analysed):
    login(client, _admin_email(analysed), role="admin")
    page = client.get("/insights/")
    assert page.status_code == 200
    html = page.content.decode()
    for chart in ("cov-sector", "cov-region", "cov-company", "growth", "tiers", "types"):
        assert f'id="{chart}"' in html
    assert 'id="key-person-risk"' in html and 'id="brokers"' in html
    sector = json.loads(
        html.split('id="cov-sector" type="application/json">')[1].split("</script>")[0]
    )
    assert sector["values"] and min(sector["values"]) >= 5
    assert "chart.umd.min.js" in html


def test_dashboard_is_for_admins_only(client, analysed):
    emails = list(analysed.employees.order_by("id").values_list("email", flat=True))
    login(client, emails[1])
    assert client.get("/insights/").status_code == 403
    assert client.post("/insights/refresh/").status_code == 403


def test_refresh_runs_the_analysis(client):
    org = acme()
    login(client, "anna.devries@acme.nl", role="admin")
    assert "no-analysis" in client.get("/insights/").content.decode()
    response = client.post("/insights/refresh/")  # the test task backend runs it at once
    assert response.status_code == 302
    assert "no-analysis" not in client.get("/insights/").content.decode()
    assert org.analysis_runs.filter(status="done").count() == 1


def test_employee_page_shows_type_diversity_and_map_to_the_owner(client, analysed):
    owner = analysed.employees.order_by("-id").first()
    login(client, owner.email)
    html = client.get(f"/employees/{owner.pk}/").content.decode()
    assert 'id="typology"' in html and 'id="diversity"' in html and 'id="ego-map"' in html
    assert "sigma.min.js" in html and "graphology.umd.min.js" in html
    ego = client.get(f"/insights/ego/{owner.pk}/").json()
    assert ego["nodes"][0]["key"] == "ego" and len(ego["nodes"]) == ego["shown"] + 1
    assert ego["shown"] <= ego["total"]
    assert "email" not in json.dumps(ego["nodes"][1])


def test_colleagues_see_neither_insights_nor_map(client, analysed):
    staff = list(analysed.employees.order_by("id"))
    other, me = staff[-1], staff[-2]
    login(client, me.email)
    html = client.get(f"/employees/{other.pk}/").content.decode()
    assert 'id="typology"' not in html and 'id="ego-map"' not in html
    assert client.get(f"/insights/ego/{other.pk}/").status_code == 403


def test_homophily_warning_is_shown_in_dutch(client):
    from weakties.insights.models import EmployeeInsight

    org = acme()
    analytics_refresh(organisation=org)
    jan = EmployeeInsight.objects.get(employee__email="jan.vandenberg@acme.nl")
    jan.homophily = (
        "Most of your contacts are people like you. A network of people just like you "
        "yields less: ask a colleague to introduce you to someone different."
    )
    jan.save()
    login(client, "jan.vandenberg@acme.nl")
    client.post("/i18n/setlang/", {"language": "nl", "next": "/"})
    html = client.get(f"/employees/{jan.employee_id}/").content.decode()
    assert 'id="homophily"' in html
    assert "Most of your contacts" not in html  # translated


def test_intro_search_ranks_with_reasons(client):
    acme()
    login(client, "tom.jansen@acme.nl")
    page = client.get(
        "/insights/intro/", {"target": "company", "query": "Stripe, Inc.", "purpose": "job"}
    )
    html = page.content.decode()
    assert page.status_code == 200 and html.count('class="intro"') == 2
    assert "Zo" in html and 'class="why"' in html
    partial = client.get(
        "/insights/intro/",
        {"target": "role", "query": "x", "purpose": "job"},
        headers={"HX-Request": "true"},
    )
    assert "<html" not in partial.content.decode() and "error" in partial.content.decode()


def test_only_the_owner_rates_a_tie_and_the_rating_feeds_strength(client):
    from weakties.people.models import Tie

    org = acme()
    tie = Tie.objects.filter(employee__email="jan.vandenberg@acme.nl").order_by("id").first()
    login(client, "sophie.bakker@acme.nl")
    assert client.post(f"/ties/{tie.pk}/rating/", {"rating": "well"}).status_code == 400
    client.logout()
    login(client, "jan.vandenberg@acme.nl")
    assert client.post(f"/ties/{tie.pk}/rating/", {"rating": "nonsense"}).status_code == 400
    response = client.post(
        f"/ties/{tie.pk}/rating/", {"rating": "barely"}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 200 and 'value="barely" selected' in response.content.decode()
    analytics_refresh(organisation=org)
    barely = Tie.objects.get(pk=tie.pk).measured.strength
    client.post(f"/ties/{tie.pk}/rating/", {"rating": "well"})
    analytics_refresh(organisation=org)
    assert Tie.objects.get(pk=tie.pk).rating == "well"
    assert Tie.objects.get(pk=tie.pk).measured.strength > barely


def test_intro_page_groups_per_colleague_and_pages_on(client, tmp_path):
    """Jan knows four people at Globex, Sophie one: two colleagues, five suggestions, in pages of 3."""
    from weakties.people.services.network_import.importer import NetworkImporter

    acme()
    for owner, people in (("jan.vandenberg@acme.nl", range(4)), ("sophie.bakker@acme.nl", [9])):
        path = tmp_path / f"{owner}.csv"
        rows = ["First Name,Last Name,URL,Email Address,Company,Position,Connected On"]
        rows += [
            f"Person,Number{i},https://www.linkedin.com/in/globex-{i},,Globex,Engineer,01 Jan 2015"
            for i in people
        ]
        path.write_text("\n".join(rows) + "\n", encoding="utf-8")
        assert NetworkImporter().import_file(path=path, owner=employee(owner)).ok
    login(client, "tom.jansen@acme.nl")
    query = {"target": "company", "query": "Globex", "purpose": "job", "limit": 3}
    with translation.override("en"):
        html = client.get("/insights/intro/", query, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert html.count('class="intro"') == 3 and "The best 3 of 5 suggestions" in html
    assert html.count('class="introducer"') <= 2 and "cursor=3" in html
    jan_group = html.split('class="introducer"')[1]
    assert "jan.vandenberg@acme.nl" in jan_group and "knows 3 fitting contacts" in jan_group
    rest = client.get("/insights/intro/", {**query, "cursor": "3"}).content.decode()
    assert rest.count('class="intro"') == 2 and "cursor=" not in rest.split("intro-results")[-1]
    shown = {n for n in ("Number0", "Number1", "Number2", "Number3", "Number9") if n in html + rest}
    assert len(shown) == 5


def test_the_type_shows_where_one_stands_on_both_axes_in_dutch_too(client, analysed):
    """Issue 13: the typology's two axes with their numbers, on fixed scales; in Dutch the
    SVG coordinates stay numbers ("50.0", never "50,0", which would put the dot in a corner)."""
    import re

    from weakties.insights.models import EmployeeInsight

    owner = analysed.employees.order_by("-id").first()
    why = EmployeeInsight.objects.filter(employee=owner).latest("id").type_why
    assert why["model"] == "weakties" and why["depth_threshold"] == 0.5
    login(client, owner.email)
    html = client.get(f"/employees/{owner.pk}/", HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    circle = re.search(r'<circle cx="([^"]+)" cy="([^"]+)"', html)
    assert circle, "the dot on the depth x breadth square"
    x, y = (float(v) for v in circle.groups())
    assert x == pytest.approx(100 * why["breadth"], abs=0.1)
    assert y == pytest.approx(100 * (1 - why["depth"]), abs=0.1)
    assert "Senioriteit van de functietitel" in html or "Spreiding over" in html
    assert "eigen model van weakties" in html and "Hansen & von Oetinger" in html


def test_the_diversity_table_shows_the_e_i_index_by_chance_and_its_p(client, analysed):
    """Issue 13: each E-I index next to its expectation under random mixing and the
    permutation test's p, the two figures the 'alike' warning rests on."""
    from weakties.insights.models import EmployeeInsight

    owner = analysed.employees.order_by("-id").first()
    ins = EmployeeInsight.objects.filter(employee=owner).latest("id")
    known = {k: d for k, d in ins.diversity.items() if d.get("ei_expected") is not None}
    assert known, "the analysis stores the expected E-I index"
    login(client, owner.email)
    html = client.get(f"/employees/{owner.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "By chance" in html
    d = next(iter(known.values()))
    assert f"{d['ei_expected']:.2f}" in html


def test_the_refresh_status_asks_again_until_the_analysis_is_done(client):
    """Queued and working: the status asks again; done: it stops asking (it asked every 2 s,
    for as long as the page stayed open); a new refresh forgets the last run's "done"."""
    org = acme()
    login(client, "anna.devries@acme.nl", role="admin")
    progress = CacheProgress(f"analytics-{org.id}")
    clear_progress(progress.name)  # the cache outlives a test's database

    def status() -> str:
        return client.get("/insights/refresh/status/").content.decode()

    assert 'hx-trigger="load delay:2s"' in status()  # queued
    progress("brokers", 3, 10)
    assert 'hx-trigger="every 1s"' in status() and "<progress" in status()
    progress("store", 1, 1)
    done = status()
    assert 'class="ok"' in done and "hx-get" not in done and "hx-trigger" not in done
    # Refreshed again, and queued (a backend that keeps the task): "queued", asking again.
    tasks = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    with override_settings(TASKS=tasks):
        answer = client.post("/insights/refresh/", headers={"HX-Request": "true"})
    html = answer.content.decode()
    assert read_progress(f"analytics-{org.id}") is None
    assert 'class="ok"' not in html and 'hx-trigger="load delay:2s"' in html
