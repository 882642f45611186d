"""Downloads of the insights pages: tables as CSV/Excel, networks as GEXF/GraphML for Gephi.

* ``/insights/export.csv|xlsx``: every employee's network position (the
  brokers table; administrators);
* ``/insights/intro/export.csv|xlsx``: the who-can-introduce results of the
  page's search (any employee, as the page);
* ``/insights/network/export.gexf|graphml``: the internal network, employees
  and who is tied to whom inside the organisation, built as the analysis
  builds it (:func:`weakties.network.internal.internal_network`; administrators);
* ``/insights/ego/<pk>/export.gexf|graphml``: an employee's own network, the
  employee and their contacts with name, company, strength and tier; for that
  employee alone.

No graph file holds an email address or a phone number.  The XML is written
with the standard library (no networkx in the app).
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.text import slugify
from django.utils.translation import gettext as _

from weakties.accounts.access import current_employee
from weakties.accounts.models import Employee, Organisation
from weakties.accounts.rules import is_org_admin
from weakties.core.errors import ServiceError
from weakties.core.tables_out import table_response
from weakties.insights.forms import IntroForm
from weakties.insights.models import BROKERS_FIRST, EmployeeInsight
from weakties.insights.selectors import ROLE_TEXT, TIER_TEXT, TYPE_TEXT, stored_run
from weakties.insights.services.introductions import introductions
from weakties.people.models import Tie

__all__ = ["Graph", "gexf_bytes", "graphml_bytes", "internal_graph", "ego_graph"]

#: The most introduction suggestions a download holds.
MAX_SUGGESTIONS = 1000

# ---------------------------------------------------------------- graphs (pure)


@dataclass
class Graph:
    """An undirected graph with typed node attributes: what GEXF and GraphML both hold."""

    #: attribute name -> "string" | "double" | "integer"
    attributes: dict[str, str] = field(default_factory=dict)
    #: (id, label, {attribute: value})
    nodes: list[tuple[str, str, dict[str, Any]]] = field(default_factory=list)
    #: (source, target, weight)
    edges: list[tuple[str, str, float]] = field(default_factory=list)


# Characters XML 1.0 cannot hold at all (an imported name may carry them).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _text(value: Any) -> str:
    return _NOT_XML.sub("", str(value))


def _xml(root: ET.Element) -> bytes:
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def gexf_bytes(graph: Graph, *, description: str = "") -> bytes:
    """The graph as GEXF 1.2 (Gephi's own format)."""
    root = ET.Element("gexf", {"xmlns": "http://www.gexf.net/1.2draft", "version": "1.2"})
    meta = ET.SubElement(root, "meta", {"lastmodifieddate": dt.date.today().isoformat()})
    ET.SubElement(meta, "creator").text = "weakties"
    ET.SubElement(meta, "description").text = _text(description)
    g = ET.SubElement(root, "graph", {"mode": "static", "defaultedgetype": "undirected"})
    attrs = ET.SubElement(g, "attributes", {"class": "node"})
    ids = {name: str(k) for k, name in enumerate(graph.attributes)}
    for name, kind in graph.attributes.items():
        ET.SubElement(attrs, "attribute", {"id": ids[name], "title": name, "type": kind})
    nodes = ET.SubElement(g, "nodes")
    for node_id, label, values in graph.nodes:
        node = ET.SubElement(nodes, "node", {"id": node_id, "label": _text(label)})
        given = [(k, v) for k, v in values.items() if v is not None and k in ids]
        if given:
            att = ET.SubElement(node, "attvalues")
            for k, v in given:
                ET.SubElement(att, "attvalue", {"for": ids[k], "value": _text(v)})
    edges = ET.SubElement(g, "edges")
    for n, (a, b, w) in enumerate(graph.edges):
        ET.SubElement(
            edges, "edge", {"id": str(n), "source": a, "target": b, "weight": repr(float(w))}
        )
    return _xml(root)


def graphml_bytes(graph: Graph) -> bytes:
    """The graph as GraphML (Gephi, yEd, Cytoscape, networkx)."""
    root = ET.Element("graphml", {"xmlns": "http://graphml.graphdrawing.org/xmlns"})
    ET.SubElement(
        root, "key", {"id": "d0", "for": "node", "attr.name": "label", "attr.type": "string"}
    )
    keys = {name: f"d{k + 1}" for k, name in enumerate(graph.attributes)}
    for name, kind in graph.attributes.items():
        kind = {"integer": "int"}.get(kind, kind)
        spec = {"id": keys[name], "for": "node", "attr.name": name, "attr.type": kind}
        ET.SubElement(root, "key", spec)
    ET.SubElement(
        root, "key", {"id": "w", "for": "edge", "attr.name": "weight", "attr.type": "double"}
    )
    g = ET.SubElement(root, "graph", {"id": "G", "edgedefault": "undirected"})
    for node_id, label, values in graph.nodes:
        node = ET.SubElement(g, "node", {"id": node_id})
        ET.SubElement(node, "data", {"key": "d0"}).text = _text(label)
        for k, v in values.items():
            if v is not None and k in keys:
                ET.SubElement(node, "data", {"key": keys[k]}).text = _text(v)
    for a, b, w in graph.edges:
        edge = ET.SubElement(g, "edge", {"source": a, "target": b})
        ET.SubElement(edge, "data", {"key": "w"}).text = repr(float(w))
    return _xml(root)


# ---------------------------------------------------------------- graphs (reads)


def internal_graph(*, organisation: Organisation) -> Graph:
    """Employees and their ties inside the organisation, as the analysis builds them.

    Colleague ties from imports, manager lines and shared departments
    (:func:`weakties.network.internal.internal_network` with the analysis'
    defaults); each employee with department, job title, location and, from
    the latest analysis, betweenness, constraint and type.
    """
    # The network package loads numpy and scipy: only when a graph is asked for.
    from weakties.insights.services.snapshots import load_network
    from weakties.network.analysis import AnalysisConfig
    from weakties.network.internal import internal_network

    data = load_network(organisation=organisation)
    cfg = AnalysisConfig(organisation_name=organisation.name)
    department = cfg.department_attribute if cfg.department_ties else None
    net = internal_network(data.snapshot, data.manager, department=department)
    run = stored_run(organisation=organisation)
    figures = {
        i.employee_id: i
        for i in (
            EmployeeInsight.objects.filter(run=run).only(
                "employee_id", "betweenness", "constraint", "type"
            )
            if run
            else []
        )
    }
    graph = Graph(
        attributes={
            "department": "string",
            "job_title": "string",
            "location": "string",
            "betweenness": "double",
            "constraint": "double",
            "type": "string",
        }
    )
    for e in data.employees:
        name = " ".join(p for p in (e["first_name"], e["last_name"]) if p) or _("employee")
        ins = figures.get(e["id"])
        graph.nodes.append(
            (
                f"e{e['id']}",
                name,
                {
                    "department": e["department"] or None,
                    "job_title": e["job_title"] or None,
                    "location": e["location"] or None,
                    "betweenness": ins.betweenness if ins else None,
                    "constraint": ins.constraint if ins else None,
                    "type": _(TYPE_TEXT.get(ins.type, (ins.type, ""))[0]) if ins else None,
                },
            )
        )
    ids = [f"e{e['id']}" for e in data.employees]
    for a, b, w in zip(
        net.edge_src.tolist(), net.edge_dst.tolist(), net.edge_weight.tolist(), strict=True
    ):
        graph.edges.append((ids[a], ids[b], float(w)))
    return graph


def ego_graph(*, employee: Employee) -> Graph:
    """The employee and every contact: name, company, strength and tier; no contact details."""
    graph = Graph(attributes={"company": "string", "strength": "double", "tier": "string"})
    graph.nodes.append(
        ("ego", employee.full_name or _("me"), {"company": employee.organisation.name})
    )
    rows = (
        Tie.objects.filter(employee=employee)
        .order_by("id")
        .values_list(
            "person_id",
            "person__first_name",
            "person__last_name",
            "person__company__name",
            "measured__strength",
            "measured__tier",
        )
    )
    seen: set[int] = set()
    for person_id, first, last, company, strength, tier in rows.iterator(chunk_size=2000):
        if person_id in seen:
            continue
        seen.add(person_id)
        key = f"p{person_id}"
        name = " ".join(p for p in (first, last) if p) or _("unknown")
        tier_label = _(TIER_TEXT[tier]) if tier in TIER_TEXT else None
        values = {"company": company, "strength": strength, "tier": tier_label}
        graph.nodes.append((key, name, values))
        graph.edges.append(("ego", key, strength if strength is not None else 0.0))
    return graph


# ---------------------------------------------------------------- views

GRAPH_FORMATS = {
    "gexf": ("application/gexf+xml", gexf_bytes),
    "graphml": ("application/graphml+xml", graphml_bytes),
}


def _graph_response(graph: Graph, fmt: str, *, name: str) -> HttpResponse:
    if fmt not in GRAPH_FORMATS:
        raise Http404(fmt)
    content_type, write = GRAPH_FORMATS[fmt]
    response = HttpResponse(write(graph), content_type=content_type)
    filename = f"{slugify(name) or 'network'}-{dt.date.today().isoformat()}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _admin_employee(request) -> Employee:
    me = current_employee(request)
    if not is_org_admin(request.user, me.organisation):
        raise PermissionDenied(_("Only administrators see the organisation's network analytics."))
    return me


@login_required
def network_graph(request, fmt: str):
    """The internal network for Gephi (administrators)."""
    me = _admin_employee(request)
    if fmt not in GRAPH_FORMATS:
        raise Http404(fmt)
    return _graph_response(internal_graph(organisation=me.organisation), fmt, name=_("network"))


@login_required
def ego_graph_view(request, pk: int, fmt: str):
    """An employee's own network for Gephi: theirs alone (an admin sees the map, not the file)."""
    me = current_employee(request)
    person = get_object_or_404(Employee, pk=pk, organisation=me.organisation)
    if person.pk != me.pk:
        raise PermissionDenied(_("Only this colleague can download their own network."))
    return _graph_response(ego_graph(employee=person), fmt, name=_("my-network"))


@login_required
def brokers(request, fmt: str):
    """Every employee's network position from the latest analysis (administrators)."""
    me = _admin_employee(request)
    run = stored_run(organisation=me.organisation)
    rows: list[list[Any]] = [
        [_("Employee"), _("Department"), _("Ties"), _("Constraint"), _("Effective size")]
        + [_("Efficiency"), _("Betweenness"), _("Only they know"), _("Roles"), _("Type")]
    ]
    insights = (
        EmployeeInsight.objects.filter(run=run)
        .select_related("employee")
        .defer("diversity", "type_why", "homophily", "tiers")
        .order_by(*BROKERS_FIRST)
        if run
        else []
    )
    for i in insights:
        e = i.employee
        roles = ", ".join(
            f"{_(ROLE_TEXT.get(k, k))} {v}" for k, v in sorted((i.roles or {}).items()) if v
        )
        rows.append(
            [
                e.full_name or e.email,
                e.department,
                i.degree,
                None if i.constraint is None else round(i.constraint, 4),
                None if i.effective_size is None else round(i.effective_size, 3),
                None if i.efficiency is None else round(i.efficiency, 4),
                None if i.betweenness is None else round(i.betweenness, 3),
                i.unique_reach,
                roles,
                _(TYPE_TEXT.get(i.type, (i.type, ""))[0]),
            ]
        )
    return table_response(rows, fmt, name=_("network-positions"))


@login_required
def intro(request, fmt: str):
    """The who-can-introduce results of the page's search (the same form; every suggestion)."""
    me = current_employee(request)
    form = IntroForm(request.GET)
    if not form.is_valid():
        raise Http404(_("Search first, then download."))
    d = form.cleaned_data
    try:
        page = introductions(
            organisation=me.organisation,
            purpose=d["purpose"],
            limit=MAX_SUGGESTIONS,
            actor=request.user,
            **{d["target"]: d["query"]},
        )
    except ServiceError as exc:
        raise Http404(str(exc)) from exc
    names = {
        e.email: e.full_name or e.email
        for e in Employee.objects.filter(
            organisation=me.organisation, email__in={r["introducer"] for r in page.rows}
        ).only("email", "first_name", "last_name")
    }
    rows: list[list[Any]] = [
        [_("Colleague"), _("Contact"), _("Position"), _("Company"), _("Tie")]
        + [_("Strength"), _("Score"), _("Why")]
    ]
    for r in page.rows:
        c = r["contact"]
        tier = _(TIER_TEXT[r["tier"]]) if r["tier"] in TIER_TEXT else r["tier"]
        rows.append(
            [
                names.get(r["introducer"], r["introducer"]),
                c["name"],
                c["position"],
                c["company"],
                tier,
                r["strength"],
                r["score"],
                r.get("why", ""),
            ]
        )
    return table_response(rows, fmt, name=_("introducers"))
