"""The layout's rules, checked on the real import graph (grimp reads every ``import``,
also those inside functions):

* the pure layers import no Django, and none of the Django apps;
* no circle of imports between modules of ``weakties``;
* each app's use cases live in that app: ``weakties.services`` is gone for good.

A newcomer who breaks a rule gets the offending chain of imports in the message.
"""

from __future__ import annotations

import importlib.util

import grimp
import networkx as nx
import pytest

PURE = ("importers", "resolve", "network", "matching", "synth", "engines")
#: Everything that is Django: the framework, its add-ons, and our apps and edges.
DJANGO_SIDE = (
    "django",
    "ninja",
    "django_tasks",
    "django_htmx",
    "weakties.core",
    "weakties.accounts",
    "weakties.people",
    "weakties.insights",
    "weakties.meetings",
    "weakties.demo",
    "weakties.snapshots",
    "weakties.web",
    "weakties.api",
    "weakties.cli",
    "weakties.site",
)


@pytest.fixture(scope="module")
def graph() -> grimp.ImportGraph:
    return grimp.build_graph("weakties", include_external_packages=True, cache_dir=None)


def _modules(graph: grimp.ImportGraph) -> list[str]:
    return sorted(m for m in graph.modules if m.startswith("weakties") and ".migrations" not in m)


@pytest.mark.parametrize("layer", PURE)
def test_pure_layers_import_no_django(graph, layer):
    chains = []
    for other in DJANGO_SIDE:
        if other not in graph.modules:
            continue
        chain = graph.find_shortest_chain(
            importer=f"weakties.{layer}", imported=other, as_packages=True
        )
        if chain:
            chains.append(" → ".join(chain))
    assert not chains, f"weakties.{layer} must not import Django: " + "; ".join(chains)


def _cycles(graph: grimp.ImportGraph, modules: list[str]) -> list[list[str]]:
    """Groups of modules that import each other, directly or through others (strongly connected)."""
    inside = set(modules)
    directed = nx.DiGraph()
    directed.add_nodes_from(modules)
    for module in modules:
        for imported in graph.find_modules_directly_imported_by(module):
            if imported in inside:
                directed.add_edge(module, imported)
    return sorted(sorted(c) for c in nx.strongly_connected_components(directed) if len(c) > 1)


def test_no_circle_of_imports_between_modules(graph):
    cycles = _cycles(graph, _modules(graph))
    described = []
    for cycle in cycles:
        chain = graph.find_shortest_chain(importer=cycle[0], imported=cycle[1]) or []
        back = graph.find_shortest_chain(importer=cycle[1], imported=cycle[0]) or []
        described.append(f"{cycle}: {' → '.join(chain)} and back {' → '.join(back)}")
    assert not cycles, "circles of imports:\n" + "\n".join(described)


def test_the_cycle_finder_sees_a_circle():
    """Guard the guard: a graph with a circle is reported."""
    g = grimp.ImportGraph()
    for name in ("a", "b", "c", "d"):
        g.add_module(name)
    g.add_import(importer="a", imported="b")
    g.add_import(importer="b", imported="c")
    g.add_import(importer="c", imported="a")
    g.add_import(importer="c", imported="d")
    assert _cycles(g, ["a", "b", "c", "d"]) == [["a", "b", "c"]]


#: The apps from the bottom up (docs/architecture.md); apps on one level do not import each other.
LEVELS = (
    ("core",),
    ("accounts",),
    ("people", "notifications"),
    ("insights", "meetings"),
    ("introductions", "referrals", "expertise"),
    ("ambassadors", "plans", "snapshots"),  # snapshots read expertise's target lists
    ("minimisation",),
    ("privacy", "auditlog"),  # erasing a person also erases minimisation's digests of them
    ("web", "api", "cli", "demo", "site"),
)


def _upward_imports(graph: grimp.ImportGraph) -> list[str]:
    found = []
    for level, apps in enumerate(LEVELS):
        higher = [app for above in LEVELS[level + 1 :] for app in above]
        if level < len(LEVELS) - 1:
            higher += [other for other in apps]  # the same level: independent
        for app in apps:
            for other in higher:
                if other == app:
                    continue
                chain = graph.find_shortest_chain(
                    importer=f"weakties.{app}", imported=f"weakties.{other}", as_packages=True
                )
                if chain:
                    found.append(" → ".join(chain))
    return found


def test_apps_import_only_apps_below_them(graph):
    found = _upward_imports(graph)
    assert not found, "an app imports one above it (or beside it):\n" + "\n".join(found)


def test_use_cases_live_in_their_app():
    assert importlib.util.find_spec("weakties.services") is None
