"""``weakties snapshot introducers DIR --list ID`` (issue 14): a target list on an engine.

The engine's candidates per target agree with what ``weakties targets`` (the app's coverage of
a target list, read from the database) says: as many colleagues who can introduce, the same
number of people known there, and the same strong ties.
"""

from __future__ import annotations

import json
from collections import defaultdict

import pytest
from django.utils import translation

from tests.factories import acme, employee
from weakties.cli.main import main
from weakties.core.errors import ServiceError
from weakties.engines.dialects import read_table
from weakties.expertise.selectors.coverage import coverage, specs_of
from weakties.expertise.services.target_lists import target_lines, target_list_create
from weakties.insights.services.analytics import analytics_refresh
from weakties.meetings.services.federations import federation_create
from weakties.snapshots.services.engine import snapshot_introducers
from weakties.snapshots.services.export import snapshot_export, snapshot_scope

pytestmark = pytest.mark.django_db

LIST = (
    "Stripe, Inc.\n"
    "Rabobank\n"
    "ASML\n"
    "https://www.linkedin.com/in/zoe-peeters-1a2b3c\n"
    "https://www.linkedin.com/in/nobody-known\n"
    "No Such Company BV\n"
)


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def target_list():
    org = acme()
    analytics_refresh(organisation=org)
    return target_list_create(
        owner=employee("jan.vandenberg@acme.nl"), name="Prospects", lines=target_lines(text=LIST)
    )


def test_the_engines_candidates_agree_with_the_apps_coverage(target_list, tmp_path, capsys):
    folder = tmp_path / "snap"
    snapshot_export(directory=folder, scope=snapshot_scope(organisation="Acme BV"))
    assert (
        main(["snapshot", "introducers", str(folder), "--list", str(target_list.pk), "--json"]) == 0
    )
    out = json.loads(capsys.readouterr().out)
    rows = read_table(folder / "introducers" / "introducers.parquet").to_pylist()
    assert out["rows"] == len(rows) > 0
    per: dict[int, list[dict]] = defaultdict(list)
    for row in rows:
        per[row["target_id"]].append(row)
    app = coverage(organisation=target_list.organisation, targets=specs_of(target_list))
    checked = 0
    for target in app["targets"]:
        mine = per.get(target["id"], [])
        assert len(mine) == target["introducers"], target["name"]
        if target["kind"] == "company":
            assert sum(r["people"] for r in mine) == target["people"], target["name"]
            assert sum(r["strong_ties"] for r in mine) == target["strong"], target["name"]
        else:
            assert (1 if mine else 0) == target["people"], target["name"]
        assert {p["employee"]["id"] for p in target["paths"]} <= {r["employee_id"] for r in mine}
        checked += bool(mine)
    assert checked >= 2  # companies and a person that colleagues know
    assert not per.get(app["targets"][-1]["id"])  # the unknown company: nobody


def test_a_list_of_another_organisation_is_refused(target_list, tmp_path):
    from weakties.demo.organisation import build_demo

    demo, _ = build_demo(employees=6, seed=2)
    folder = tmp_path / "demo"
    snapshot_export(directory=folder, scope=snapshot_scope(organisation=demo.name))
    with pytest.raises(ServiceError, match="does not cover"):
        snapshot_introducers(directory=folder, target_list=target_list.pk)
    federation_create(name="Randstad", members=[demo.name, "Acme BV"])
    both = tmp_path / "both"
    snapshot_export(directory=both, scope=snapshot_scope(federation="Randstad"))
    _path, rows = snapshot_introducers(directory=both, target_list=target_list.pk)
    assert rows > 0


def test_an_unknown_list_is_refused(target_list, tmp_path):
    folder = tmp_path / "snap"
    snapshot_export(directory=folder, scope=snapshot_scope(organisation="Acme BV"))
    with pytest.raises(ServiceError, match="no target list 999"):
        snapshot_introducers(directory=folder, target_list=999)
