"""Who can introduce, for a whole target list, on both engines (issue 14): the in-process answer.

The reference is :func:`weakties.network.warm_introductions`, the candidate generator the app
ranks introductions with, run per target over the organisation's in-process network
(:func:`~weakties.insights.services.snapshots.load_network`), with the strong tier of the
database's tie ranks. The engines must give the same colleagues per target, exact, with the
same counts of people, ties and strong ties. One test body runs on each engine.
"""

from __future__ import annotations

from collections import defaultdict

import numpy as np
import pyarrow as pa
import pytest

from weakties.engines.dialects import read_table
from weakties.engines.introducers import who_can_introduce

pytestmark = pytest.mark.django_db


def _targets() -> list[tuple[int, str, str]]:
    """Six companies with most people, two known LinkedIn profiles, and two unknown targets."""
    from django.db.models import Count

    from weakties.people.models import Company, PersonIdentifier, Tie

    known = Tie.objects.filter(employee__consents__withdrawn_at__isnull=True)
    companies = (
        Company.objects.filter(people__in=known.values("person_id"))
        .annotate(n=Count("people", distinct=True))
        .order_by("-n", "id")
        .values_list("key", flat=True)[:6]
    )
    digests = (
        PersonIdentifier.objects.filter(
            kind="linkedin",
            person_id__in=known.values("person_id"),
            person__company__key__in=list(companies),
        )
        .order_by("person_id")
        .values_list("digest", flat=True)[:2]
    )
    rows = [("company", key) for key in companies] + [("person", d) for d in digests]
    rows += [("company", "no-such-company"), ("person", "0" * 64)]
    return [(i + 1, kind, key) for i, (kind, key) in enumerate(rows)]


def _reference(targets) -> dict[int, dict[int, tuple[int, int, int]]]:
    """``target → employee → (people, ties, strong ties)`` from warm_introductions."""
    from weakties.accounts.models import Organisation
    from weakties.insights.services.snapshots import load_network
    from weakties.network import warm_introductions
    from weakties.people.models import Person, PersonIdentifier, TieRank

    data = load_network(organisation=Organisation.objects.get(name="Demo BV"))
    snap = data.snapshot
    E = snap.n_employees
    node_of = {int(p): i for i, p in enumerate(snap.person_ids)}
    strong = set(
        TieRank.objects.filter(tier="strong").values_list("tie__employee_id", "tie__person_id")
    )
    out: dict[int, dict[int, tuple[int, int, int]]] = {}
    for target_id, kind, key in targets:
        if kind == "company":
            people = Person.objects.filter(company__key=key).values_list("id", flat=True)
        else:
            people = PersonIdentifier.objects.filter(kind="linkedin", digest=key).values_list(
                "person_id", flat=True
            )
        relevance = np.zeros(snap.n_people)
        for person in people:
            if person in node_of:
                relevance[node_of[person]] = 1.0
        found = warm_introductions(
            snap, relevance, np.full(snap.n_edges, np.nan), introducers=data.sharing
        )
        per: dict[int, set[int]] = defaultdict(set)
        for introducer, contact in zip(found.introducer, found.contact, strict=True):
            per[int(snap.employee_ids[introducer])].add(int(snap.person_ids[contact - E]))
        out[target_id] = {
            e: (len(ps), len(ps), sum((e, p) in strong for p in ps)) for e, ps in per.items()
        }
    return out


@pytest.fixture(scope="module")
def generated(rolled_back, export_snapshot):
    """A generated organisation's snapshot, its target list and the in-process answer."""
    from weakties.demo.organisation import build_demo
    from weakties.insights.services.analytics import analytics_refresh

    with rolled_back():
        organisation, _ = build_demo(employees=16, seed=5)
        analytics_refresh(organisation=organisation)  # the tiers of the ties
        folder = export_snapshot("introducers", organisation=organisation.name)
        targets = _targets()
        reference = _reference(targets)
    return folder, targets, reference


@pytest.fixture
def candidates(engine_name, generated, on_engine):
    """The engine's candidates for the target list, in a copy of the snapshot."""
    folder, targets, _reference = generated
    table = pa.table(
        {
            "target_id": [t[0] for t in targets],
            "kind": [t[1] for t in targets],
            "key": [t[2] for t in targets],
        }
    )
    with on_engine(engine_name, folder) as (dialect, copy):
        path = who_can_introduce(copy, dialect, table)
    return read_table(path).to_pylist()


def test_the_candidates_of_every_target_are_the_in_process_answer(candidates, generated):
    _folder, targets, reference = generated
    got: dict[int, dict[int, tuple[int, int, int]]] = {t[0]: {} for t in targets}
    for row in candidates:
        got[row["target_id"]][row["employee_id"]] = (
            row["people"],
            row["ties"],
            row["strong_ties"],
        )
    assert got == {t[0]: reference.get(t[0], {}) for t in targets}
    companies = [t[0] for t in targets if t[1] == "company" and t[2] != "no-such-company"]
    people = [t[0] for t in targets if t[1] == "person" and t[2] != "0" * 64]
    assert all(reference[t] for t in companies)  # each listed company has someone who knows it
    assert people and all(reference[t] for t in people)
    assert sum(len(reference[t]) for t in companies) > len(companies)  # several per company
    assert sum(s for per in reference.values() for _p, _t, s in per.values()) > 0  # strong ties
    assert not got[targets[-1][0]] and not got[targets[-2][0]]  # unknown targets: nobody


def test_an_unknown_target_kind_is_refused(generated, on_engine):
    folder, _targets, _reference = generated
    bad = pa.table({"target_id": [1], "kind": ["role"], "key": ["cto"]})
    with on_engine("embedded", folder) as (dialect, copy):
        with pytest.raises(ValueError, match="unknown target kinds"):
            who_can_introduce(copy, dialect, bad)
