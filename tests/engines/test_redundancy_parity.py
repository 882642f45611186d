"""Redundancy under the same-company rule on both engines (issue 14): the in-process numbers.

The reference is :func:`weakties.network.structural_holes` (unweighted, with
``company_fallback="company"``) over the organisation's in-process network
(:func:`~weakties.insights.services.snapshots.load_network`): Burt's (1992) constraint and
hierarchy, Borgatti's (1997) effective size, and the same on the observed ties only. The
engines must give them per employee: exact counts and ids, floats within 1e-9. One test body
runs on each engine.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from weakties.engines.compute import compute, results_folder
from weakties.engines.dialects import read_table
from weakties.engines.manifest import table_path

pytestmark = pytest.mark.django_db

FLOAT = 1e-9


@pytest.fixture(scope="module")
def generated(rolled_back, export_snapshot):
    """A generated organisation's snapshot, and structural_holes of its in-process network."""
    from weakties.demo.organisation import build_demo
    from weakties.insights.services.snapshots import load_network
    from weakties.network import structural_holes

    with rolled_back():
        organisation, _ = build_demo(employees=16, seed=7)
        folder = export_snapshot("redundancy", organisation=organisation.name)
        snap = load_network(organisation=organisation).snapshot
        holes = structural_holes(snap, weighted=False, company_fallback="company")
    return folder, snap, holes


@pytest.fixture
def rows(engine_name, generated, on_engine):
    """The ``employee_redundancy`` table each engine computes, as columns."""
    with on_engine(engine_name, generated[0]) as (dialect, folder):
        compute(folder, dialect)
    return read_table(table_path(results_folder(folder), "employee_redundancy")).to_pydict()


def _close(got: list, expected: np.ndarray) -> bool:
    """Equal within 1e-9, NULL where the reference is NaN (an employee without ties)."""
    return len(got) == expected.size and all(
        (g is None and math.isnan(x)) or (g is not None and abs(g - x) <= FLOAT)
        for g, x in zip(got, expected.tolist(), strict=True)
    )


def test_redundancy_under_the_same_company_rule_equals_structural_holes(rows, generated):
    _, snap, holes = generated
    E = snap.n_employees
    company = holes.company
    assert rows["employee_id"] == snap.employee_ids.tolist()
    assert rows["contacts"] == snap.degree()[:E].tolist()
    assert rows["alter_ties"] == holes.alter_ties[:E].tolist()
    assert rows["implied_pairs"] == company.implied_pairs[:E].tolist()
    assert _close(rows["constraint_company"], company.constraint[:E])
    assert _close(rows["effective_size_company"], company.effective_size[:E])
    assert _close(rows["efficiency_company"], company.efficiency[:E])
    assert _close(rows["hierarchy_company"], company.hierarchy[:E])
    assert _close(rows["constraint_observed"], holes.constraint[:E])
    assert _close(rows["effective_size_observed"], holes.effective_size[:E])
    assert _close(rows["efficiency_observed"], holes.efficiency[:E])
    # The data exercise both parts of the rule, or the test proves little.
    assert sum(rows["implied_pairs"]) > 0 and sum(rows["alter_ties"]) > 0
    # The rule moves every measure: fewer non-redundant contacts, another constraint.
    pairs = zip(rows["effective_size_company"], rows["effective_size_observed"], strict=True)
    assert max(b - a for a, b in pairs if a is not None) > 1
    pairs = zip(rows["constraint_company"], rows["constraint_observed"], strict=True)
    assert max(abs(a - b) for a, b in pairs if a is not None) > 0.005
