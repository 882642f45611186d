"""GEXF and GraphML of the internal network and of an ego network, read back with networkx."""

from __future__ import annotations

import csv
import io

import networkx as nx
import pytest
from django.urls import reverse

from tests.factories import acme, employee, login
from weakties.accounts.models import Employee
from weakties.demo.organisation import build_demo
from weakties.insights.exports import Graph, gexf_bytes, graphml_bytes
from weakties.insights.services.analytics import analytics_refresh
from weakties.people.models import Person, Tie

pytestmark = pytest.mark.django_db

READ = {"gexf": nx.read_gexf, "graphml": nx.read_graphml}


@pytest.fixture(autouse=True)
def _english(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"


@pytest.fixture
def analysed():
    organisation, _ = build_demo(employees=20, seed=3)
    run = analytics_refresh(organisation=organisation)
    return organisation, run


def _read(response, fmt: str) -> nx.Graph:
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Disposition"].endswith(f'.{fmt}"')
    return READ[fmt](io.BytesIO(response.content))


def test_writers_round_trip_through_networkx():
    g = Graph(attributes={"company": "string", "strength": "double", "n": "integer"})
    g.nodes += [
        ("a", "Zoë <&> \x07O'Neill", {"company": "Acme & Co", "strength": 0.5, "n": 3}),
        ("b", "Bram", {"company": None, "strength": None, "n": None}),
        ("c", "Cas", {}),
    ]
    g.edges += [("a", "b", 0.25), ("a", "c", 1.0)]
    for fmt, write in (("gexf", gexf_bytes), ("graphml", graphml_bytes)):
        back = READ[fmt](io.BytesIO(write(g)))
        assert not back.is_directed()
        assert back.number_of_nodes() == 3 and back.number_of_edges() == 2
        a = back.nodes["a"]
        assert a["label"] == "Zoë <&> O'Neill"  # the bell is dropped: XML cannot hold it
        assert a["company"] == "Acme & Co" and a["strength"] == 0.5 and a["n"] == 3
        assert "company" not in back.nodes["b"]
        assert back.edges["a", "b"]["weight"] == 0.25


@pytest.mark.parametrize("fmt", ["gexf", "graphml"])
def test_internal_network_for_admins(client, analysed, fmt):
    organisation, run = analysed
    admin = login(client, organisation.employees.order_by("id").first().email, role="admin")
    g = _read(client.get(reverse("insights:network_export", args=[fmt])), fmt)
    employees = Employee.objects.filter(organisation=organisation, active=True)
    assert g.number_of_nodes() == employees.count()
    # The same ties the analysis counted inside the organisation.
    assert g.number_of_edges() == run.figures["internal_ties"] > 0
    me = g.nodes[f"e{admin.pk}"]
    assert me["label"] == admin.full_name and me["department"] == admin.department
    assert "betweenness" in me and "type" in me
    text = client.get(reverse("insights:network_export", args=[fmt])).content.decode()
    assert "@" not in text  # no email address of anyone


def test_internal_network_is_for_admins_only(client, analysed):
    organisation, _ = analysed
    login(client, organisation.employees.order_by("id")[1].email)
    assert client.get(reverse("insights:network_export", args=["gexf"])).status_code == 403


@pytest.mark.parametrize("fmt", ["gexf", "graphml"])
def test_ego_network_for_the_employee_without_contact_details(client, fmt):
    acme()
    jan = login(client, "jan.vandenberg@acme.nl")
    g = _read(client.get(reverse("insights:ego_export", args=[jan.pk, fmt])), fmt)
    people = Tie.objects.filter(employee=jan).values("person").distinct().count()
    assert g.number_of_nodes() == 1 + people and g.number_of_edges() == people
    assert g.degree("ego") == people
    mehmet = Person.objects.get(ties__employee=jan, first_name="Mehmet")
    node = g.nodes[f"p{mehmet.pk}"]
    assert node["label"] == "Mehmet Çelik" and node["company"] == mehmet.company.name
    raw = client.get(reverse("insights:ego_export", args=[jan.pk, fmt])).content.decode()
    assert "12345678" not in raw and "example.com" not in raw.lower() and "@" not in raw


def test_ego_network_is_the_employees_own(client):
    acme()
    jan = employee("jan.vandenberg@acme.nl")
    login(client, "anna.devries@acme.nl", role="admin")  # an admin sees the map, not the file
    assert client.get(reverse("insights:ego_export", args=[jan.pk, "gexf"])).status_code == 403
    assert client.get(reverse("insights:ego_export", args=[jan.pk, "pdf"])).status_code == 403
    client.logout()
    login(client, "jan.vandenberg@acme.nl")
    assert client.get(reverse("insights:ego_export", args=[jan.pk, "pdf"])).status_code == 404


def test_brokers_table_for_admins(client, analysed):
    organisation, run = analysed
    login(client, organisation.employees.order_by("id").first().email, role="admin")
    overview = client.get(reverse("insights:overview")).content.decode()
    assert f'href="{reverse("insights:export", args=["csv"])}"' in overview
    assert f'href="{reverse("insights:network_export", args=["graphml"])}"' in overview
    response = client.get(reverse("insights:export", args=["csv"]))
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"), newline="")))
    assert rows[0][:4] == ["Employee", "Department", "Ties", "Constraint"]
    assert len(rows) == 1 + run.employees.count()
    # best brokers first, as weakties brokers: total brokerage z, then lowest constraint
    from weakties.insights.models import BROKERS_FIRST

    ordered = run.employees.select_related("employee").order_by(*BROKERS_FIRST)
    assert [r[0] for r in rows[1:]] == [i.employee.full_name or i.employee.email for i in ordered]
    assert any(r[3] for r in rows[1:])
    client.logout()
    login(client, organisation.employees.order_by("id")[1].email)
    assert client.get(reverse("insights:export", args=["csv"])).status_code == 403


def test_intro_results_download(client):
    acme()
    login(client, "tom.jansen@acme.nl")
    query = {"target": "company", "query": "Stripe", "purpose": "info"}
    page = client.get(reverse("insights:intro"), query).content.decode()
    assert f'href="{reverse("insights:intro_export", args=["xlsx"])}?target=company' in page
    response = client.get(reverse("insights:intro_export", args=["csv"]), query)
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"), newline="")))
    assert rows[0][:3] == ["Colleague", "Contact", "Position"]
    assert len(rows) > 1 and all(r[3] == "Stripe" for r in rows[1:])
    for r in rows[1:]:
        assert r[1] in page  # the contacts the page shows
    assert "@" not in "".join(c for r in rows for c in r)
    assert client.get(reverse("insights:intro_export", args=["csv"])).status_code == 404
