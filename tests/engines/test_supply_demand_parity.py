"""Supply ↔ demand candidates of an employer network on both engines (issue 14).

A federation's snapshot (Acme BV and a generated organisation) and a list of vacancies: the
engines must give, per vacancy, exactly the contacts whose occupation the matcher links to it
(:func:`weakties.matching.taxonomy.occupation_similarity` > 0, the occupation component of
:func:`weakties.matching.match_contacts`), with the same score and link, and how many sharing
employees know each. The reference is computed here in Python over the people the members'
sharing employees know. One test body runs on each engine.
"""

from __future__ import annotations

from collections import Counter

import pyarrow.parquet as pq
import pytest

from weakties.engines.dialects import read_table
from weakties.matching import Request
from weakties.matching.taxonomy import occupation_similarity, read_title

pytestmark = pytest.mark.django_db

FIXED = ["Verpleegkundige", "Weginspecteur", "Software ontwikkelaar", "Beleidsmedewerker"]


@pytest.fixture(scope="module")
def generated(rolled_back, export_snapshot):
    """The federation's snapshot folder."""
    from tests.factories import acme
    from weakties.demo.organisation import build_demo
    from weakties.meetings.services.federations import federation_create

    with rolled_back():
        org = acme()
        demo, _ = build_demo(employees=16, seed=3)
        federation_create(name="Regio", members=[org.name, demo.name])
        folder = export_snapshot("supply_demand", federation="Regio")
    return folder


def _contacts(folder) -> tuple[dict[int, str], Counter]:
    """Position and knowers of every person a sharing employee knows outside the staff."""
    employees = pq.read_table(folder / "employees.parquet").to_pydict()
    sharing = {e for e, s in zip(employees["id"], employees["sharing"], strict=True) if s}
    ties = pq.read_table(folder / "ties.parquet").to_pydict()
    knowers = Counter(
        p
        for e, p, c in zip(ties["employee_id"], ties["person_id"], ties["colleague"], strict=True)
        if e in sharing and not c
    )
    people = pq.read_table(folder / "people.parquet").to_pydict()
    position = {
        i: p
        for i, p in zip(people["id"], people["position"], strict=True)
        if i in knowers and p is not None
    }
    return position, knowers


def _demand(positions: dict[int, str]) -> list[Request]:
    named = Counter(p for p in positions.values() if p.strip())
    common = [p for p, _ in named.most_common(4)]
    titles = [*common, *FIXED, "Xyzzy plugh"]
    out = [Request(id=10 + k, org="Acme BV", kind="vacancy", title=t) for k, t in enumerate(titles)]
    out.append(Request(id=99, org="Acme BV", kind="question", title=FIXED[0]))  # not demand
    return out


def test_candidates_are_the_contacts_the_matcher_links_by_occupation(
    engine_name, generated, on_engine
):
    from weakties.engines.supply_demand import supply_demand_candidates

    with on_engine(engine_name, generated) as (dialect, folder):
        positions, knowers = _contacts(folder)
        demand = _demand(positions)
        path = supply_demand_candidates(folder, dialect, demand)
        rows = read_table(path).to_pylist()
        close = read_table(supply_demand_candidates(folder, dialect, demand, least="family"))
    got = {(r["request_id"], r["person_id"]): r for r in rows}
    assert len(got) == len(rows)  # one row per pair
    expected = {}
    for d in demand:
        if d.kind != "vacancy":
            continue
        wanted = read_title(d.title, d.text)
        for person, position in positions.items():
            score, link, _family, _shared = occupation_similarity(read_title(position), wanted)
            if score > 0:
                expected[(d.id, person)] = (link, score, knowers[person])
    assert {k: (r["link"], r["occupation"], r["knowers"]) for k, r in got.items()} == expected
    # The data exercise every link, and the request of another kind is left out.
    assert {link for link, _, _ in expected.values()} == {"synonym", "family", "related"}
    nothing = next(d.id for d in demand if d.title == "Xyzzy plugh")
    assert not any(k[0] in (99, nothing) for k in got)
    assert max(knowers[k[1]] for k in got) > 1
    # Only the closer links when asked: the same pairs less the related families.
    closer = {(r["request_id"], r["person_id"]) for r in close.to_pylist()}
    assert closer == {k for k, (link, _, _) in expected.items() if link != "related"}
    with pytest.raises(ValueError, match="least must be one of"):
        supply_demand_candidates(folder, dialect, demand, least="cousin")
