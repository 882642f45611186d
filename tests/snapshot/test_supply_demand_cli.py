"""``weakties snapshot match DIR --federation NAME``: an employer network's demand on the engine.

A federation of Acme BV and a generated organisation, its snapshot, and help requests at one of
its meetings: vacancies and a work-experience place still open, and requests that are no
demand (a question, surplus staff), closed (an outcome recorded) or of another federation. The
command must give, per open request, the counts of
:func:`weakties.engines.supply_demand.supply_demand_candidates` over exactly that open demand,
and name no contact. The engine's parity with the matcher is
``tests/engines/test_supply_demand_parity.py``; here only the embedded engine runs.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from collections import Counter

import pyarrow.parquet as pq
import pytest
from django.utils import timezone, translation

from tests.factories import acme
from weakties.cli.main import main
from weakties.engines.dialects import dialect_for, read_table
from weakties.engines.supply_demand import supply_demand_candidates
from weakties.meetings.models import HelpRequest
from weakties.meetings.services.federations import federation_create
from weakties.meetings.services.help_requests import help_request_add
from weakties.meetings.services.meetings import meeting_create
from weakties.meetings.services.proposals import to_request
from weakties.snapshots.services.export import snapshot_export, snapshot_scope

pytestmark = pytest.mark.django_db

FIXED = ["Verpleegkundige", "Software ontwikkelaar", "Beleidsmedewerker"]


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def _meeting(name: str):
    day = timezone.localdate() + dt.timedelta(days=30)
    return meeting_create(federation=name, date=day, schedule=False)


def _common_positions(folder, n: int) -> list[str]:
    """The positions most often held by people in the snapshot (so that vacancies find some)."""
    people = pq.read_table(folder / "people.parquet", columns=["position"]).column("position")
    named = Counter(p for p in people.to_pylist() if p and p.strip())
    return [p for p, _ in named.most_common(n)]


@pytest.fixture
def network(tmp_path):
    """The snapshot folder of "Regio" (Acme BV, Demo BV) and its open demand's requests."""
    from weakties.demo.organisation import build_demo

    org = acme()
    demo, _ = build_demo(employees=12, seed=3)
    federation_create(name="Regio", members=[org.name, demo.name])
    federation_create(name="Elders", members=[org.name])
    folder = tmp_path / "regio"
    snapshot_export(directory=folder, scope=snapshot_scope(federation="Regio"))
    meeting = _meeting("Regio")
    titles = [*_common_positions(folder, 3), *FIXED]
    open_demand = [
        help_request_add(meeting=meeting, org=(org, demo)[k % 2], kind="vacancy", title=title)
        for k, title in enumerate(titles)
    ]
    open_demand.append(
        help_request_add(meeting=meeting, org=org, kind="work-experience", title=titles[0])
    )
    open_demand.append(help_request_add(meeting=meeting, org=demo, kind="vacancy", title="Xyzzy"))
    help_request_add(meeting=meeting, org=org, kind="question", title=titles[0])
    help_request_add(meeting=meeting, org=demo, kind="surplus", title=titles[1])
    closed = help_request_add(meeting=meeting, org=org, kind="vacancy", title=titles[1])
    HelpRequest.objects.filter(pk=closed.pk).update(outcome="match")
    help_request_add(meeting=_meeting("Elders"), org=org, kind="vacancy", title=titles[0])
    return folder, open_demand


def _match(capsys, *argv: str) -> dict:
    assert main(["snapshot", "match", *argv, "--json"]) == 0, capsys.readouterr().err
    return json.loads(capsys.readouterr().out)


def test_match_counts_the_engines_candidates_of_the_open_demand(network, tmp_path, capsys):
    folder, open_demand = network
    reference = tmp_path / "reference"
    shutil.copytree(folder, reference)
    dialect = dialect_for("embedded")
    try:
        path = supply_demand_candidates(reference, dialect, [to_request(r) for r in open_demand])
    finally:
        dialect.close()
    expected = Counter(read_table(path).column("request_id").to_pylist())
    people = len(set(read_table(path).column("person_id").to_pylist()))

    out = _match(capsys, str(folder), "--federation", "regio")
    assert set(out) == {
        "action",
        "federation",
        "engine",
        "least",
        "path",
        "requests",
        "candidates",
        "contacts",
    }
    assert (out["action"], out["federation"], out["engine"], out["least"]) == (
        "match",
        "Regio",
        "embedded",
        "related",
    )
    # Exactly the open demand of this federation, in order, each with the engine's count.
    assert [q["id"] for q in out["requests"]] == [r.pk for r in open_demand]
    assert {q["id"]: q["candidates"] for q in out["requests"]} == {
        r.pk: expected.get(r.pk, 0) for r in open_demand
    }
    assert out["candidates"] == sum(expected.values()) > 0
    assert out["contacts"] == people > 0
    assert out["requests"][-1]["candidates"] == 0  # "Xyzzy" names no occupation
    assert {q["kind"] for q in out["requests"]} == {"vacancy", "work-experience"}
    # Counts and request titles only: no contact is named, the table holds ids.
    assert all(
        set(q) == {"id", "organisation", "kind", "title", "candidates"} for q in out["requests"]
    )
    written = pq.read_table(out["path"])
    assert written.column_names == ["request_id", "person_id", "link", "occupation", "knowers"]
    assert written.num_rows == out["candidates"]

    closer = _match(capsys, str(folder), "--federation", "Regio", "--least", "synonym")
    assert 0 < closer["candidates"] < out["candidates"]
    assert set(pq.read_table(closer["path"]).column("link").to_pylist()) == {"synonym"}


def test_match_speaks_dutch(network, capsys):
    folder, open_demand = network
    with translation.override("nl"):
        assert main(["snapshot", "match", str(folder), "--federation", "Regio"]) == 0
    out = " ".join(capsys.readouterr().out.split())  # as the console wrapped it, unwrapped
    assert "werkervaringsplek" in out and "kandidaten" in out and "doorgerekend met embedded" in out
    assert f"{len(open_demand)} open vacatures en werkervaringsplekken van Regio" in out


def _damage(folder):
    path = folder / "ties.parquet"
    path.write_bytes(path.read_bytes()[:-40] + b"\0" * 40)


@pytest.mark.parametrize(
    ("argv", "says"),
    [
        (["--federation", "Nowhere"], "no federation named 'Nowhere'"),
        (["--federation", "Elders"], "is a snapshot of Regio, not of the employer network Elders"),
        (["--org", "Acme BV"], "match needs --federation NAME"),
        (["--federation", "Regio", "--damage"], "ties.parquet: its contents differ"),
    ],
)
def test_a_refusal_is_one_line_and_writes_nothing(network, capsys, argv, says):
    folder, _ = network
    if "--damage" in argv:
        argv = argv[:-1]
        _damage(folder)
    assert main(["snapshot", "match", str(folder), *argv]) != 0
    captured = capsys.readouterr()
    assert says in captured.err
    assert len(captured.err.strip().splitlines()) == 1
    assert not (folder / "supply_demand").exists()


def test_a_snapshot_of_an_organisation_is_refused(network, tmp_path, capsys):
    folder = tmp_path / "acme"
    snapshot_export(directory=folder, scope=snapshot_scope(organisation="Acme BV"))
    assert main(["snapshot", "match", str(folder), "--federation", "Regio"]) == 1
    assert "is a snapshot of Acme BV, not of the employer network Regio" in capsys.readouterr().err
