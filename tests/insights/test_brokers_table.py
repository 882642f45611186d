"""The brokers table shows only what tells people apart, in plain words (issue 11)."""

from __future__ import annotations

import re
from types import SimpleNamespace

import pytest
from django.utils import translation

from tests.factories import login
from weakties.demo.organisation import build_demo
from weakties.insights.brokers import broker_table
from weakties.insights.models import EmployeeInsight
from weakties.insights.services.analytics import analytics_refresh


def _insight(name, constraint, effective_size, betweenness, roles, hierarchy=None, roles_z=None):
    return SimpleNamespace(
        employee=name,
        roles_z=roles_z or {},
        constraint=constraint,
        hierarchy=hierarchy,
        effective_size=effective_size,
        betweenness=betweenness,
        roles=roles,
        type="",
    )


def test_equal_measures_are_hidden_and_gatekeeper_equal_to_representative_is_one_role():
    rows = [
        _insight("Ann", 0.0011, 120.0, 3.0, {"gatekeeper": 4, "representative": 4, "liaison": 1}),
        _insight("Bob", 0.0009, 80.0, 3.0, {"gatekeeper": 2, "representative": 2, "liaison": 1}),
    ]
    with translation.override("en"):
        table = broker_table(rows, str)
    assert [c.key for c in table["columns"]] == ["effective_size"]
    assert table["hidden"] == ["Closed circle", "Between colleagues"]
    # Liaison 1 for both says nothing; gatekeeper = representative is one plain role.
    assert table["rows"][0]["roles"] == [("links their department with others", 4)]
    assert table["rows"][1]["values"] == [(80.0, 1)]
    with translation.override("nl"):
        table = broker_table(rows, str)
    assert table["rows"][0]["roles"] == [("verbindt de eigen afdeling met andere", 4)]
    assert table["hidden"] == ["Gesloten kring", "Tussen collega's"]


def test_hierarchy_is_a_column_with_a_plain_explanation_when_it_differs():
    rows = [
        _insight("Ann", 0.30, 12.0, 5.0, {}, hierarchy=0.02),
        _insight("Bob", 0.10, 30.0, 1.0, {}, hierarchy=1.0),
    ]
    with translation.override("en"):
        table = broker_table(rows, str)
    keys = [c.key for c in table["columns"]]
    assert keys == ["effective_size", "constraint", "hierarchy", "betweenness"]
    column = table["columns"][2]
    assert column.label == "One dominant contact" and "one contact" in column.help
    assert table["rows"][1]["values"][2] == (1.0, 2)
    with translation.override("nl"):
        table = broker_table(rows, str)
    assert table["columns"][2].label == "Eén dominant contact"
    assert "één contact" in table["columns"][2].help
    same = [
        _insight(n, c, e, b, {}, hierarchy=0.5)
        for n, c, e, b in (("A", 0.1, 1.0, 1.0), ("B", 0.2, 2.0, 2.0))
    ]
    with translation.override("en"):
        assert "One dominant contact" in broker_table(same, str)["hidden"]


def test_measures_and_roles_that_differ_are_all_shown():
    rows = [
        _insight("Ann", 0.30, 12.0, 5.0, {"gatekeeper": 4, "representative": 1}),
        _insight("Bob", 0.10, 30.0, 1.0, {"gatekeeper": 0, "representative": 3}),
    ]
    with translation.override("en"):
        table = broker_table(rows, str)
    assert [c.key for c in table["columns"]] == ["effective_size", "constraint", "betweenness"]
    assert table["hidden"] == []
    assert table["rows"][0]["roles"] == [
        ("brings outsiders into their department", 4),
        ("speaks for their department to others", 1),
    ]


@pytest.mark.django_db
def test_the_page_shows_no_column_that_is_the_same_for_everyone(client):
    organisation, _ = build_demo(employees=20, seed=3)
    analytics_refresh(organisation=organisation)
    login(client, organisation.employees.order_by("id").first().email, role="admin")
    html = client.get("/insights/", HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    table = html.split('id="broker-table"')[1].split("</table>")[0]
    rows = re.findall(r"<tr><td><a.*?</tr>", table)
    assert len(rows) >= 2
    columns = list(
        zip(*(re.findall(r'<td class="num">([^<]*)</td>', row) for row in rows), strict=True)
    )
    assert columns, "at least one measure tells these people apart"
    for column in columns:
        assert len(set(column)) > 1, column
    insights = EmployeeInsight.objects.exclude(constraint__isnull=True)
    if len({round(i.constraint, 3) for i in insights}) == 1:
        assert 'data-measure="constraint"' not in table and "Gesloten kring" in html
    assert "gatekeeper" not in table and "representative" not in table


def test_roles_in_a_row_are_ranked_by_z_score_not_by_count():
    rows = [
        _insight(
            "Ann",
            0.3,
            12.0,
            5.0,
            {"coordinator": 40, "gatekeeper": 4, "representative": 1, "liaison": 2},
            roles_z={"coordinator": -0.5, "gatekeeper": 3.0, "representative": 0.2, "liaison": 1.0},
        ),
        _insight("Bob", 0.1, 30.0, 1.0, {"coordinator": 2, "gatekeeper": 0, "representative": 3}),
    ]
    with translation.override("en"):
        table = broker_table(rows, str)
    assert table["rows"][0]["roles"] == [
        ("brings outsiders into their department", 4),
        ("links two other departments", 2),
        ("speaks for their department to others", 1),
        ("links colleagues within their department", 40),
    ]
    assert "above chance" in table["roles_ranked"]
    # Without z-scores (an older run) the roles keep their fixed order.
    assert [n for _, n in table["rows"][1]["roles"]] == [2, 3]
    with translation.override("nl"):
        assert "boven toeval" in broker_table(rows, str)["roles_ranked"]
