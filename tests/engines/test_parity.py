"""Parity (issue 14): the same generated organisation through both engines, the same numbers.

One test body runs on every engine (the ``engine`` fixture is parametrised, as splink's
backend decorator does) and compares with :mod:`weakties.network`, the analytics the app
runs in-process: exact for counts and ids, 1e-9 for floats. So the Spark results equal the
embedded engine's because both equal the same reference.

The organisation is generated and analysed once per test session (its database rows rolled
back afterwards); Spark starts once per session (``spark.sql.shuffle.partitions=2``, no UI).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from weakties.engines.compute import compute, results_folder
from weakties.engines.dialects import read_table
from weakties.engines.manifest import RESULT_TABLES, read_manifest, table_path

pytestmark = pytest.mark.django_db

FLOAT = 1e-9


@pytest.fixture(scope="module")
def generated(rolled_back, export_snapshot):
    """A generated organisation's snapshot on disk, and the reference numbers of network/."""
    from weakties.demo.organisation import build_demo
    from weakties.insights.services.figures import growth_by_year
    from weakties.insights.services.snapshots import load_network
    from weakties.network import coverage, employee_reach

    reference = {}
    with rolled_back():
        organisation, _ = build_demo(employees=16, seed=5)
        folder = export_snapshot("generated", organisation=organisation.name)
        data = load_network(organisation=organisation)
        snap = data.snapshot
        reach = employee_reach(snap, employees=data.sharing)
        reference["employees"] = snap.employee_ids.tolist()
        reference["reach"] = reach
        reference["person_ids"] = snap.person_ids
        reference["coverage"] = {
            name: coverage(snap, name, employees=data.sharing)
            for name in ("company", "sector", "region")
        }
        reference["snapshot"] = snap
        reference["growth"] = growth_by_year(data)
    return folder, reference


@pytest.fixture(scope="module")
def computed(generated, on_engine):
    """Results per engine, computed once each, in a copy of the snapshot."""
    done: dict[str, Path] = {}

    def results(engine: str) -> Path:
        if engine not in done:
            with on_engine(engine, generated[0]) as (dialect, folder):
                compute(folder, dialect)
            done[engine] = results_folder(folder)
        return done[engine]

    return results


@pytest.fixture
def engine(engine_name, computed):
    """The results folder of each engine: the same test body runs on both."""
    return engine_name, computed(engine_name)


def _table(folder: Path, name: str) -> dict:
    return read_table(table_path(folder, name)).to_pydict()


def test_reach_and_unique_reach_equal_the_in_process_analytics(engine, generated):
    _name, results = engine
    _, ref = generated
    rows = _table(results, "employee_reach")
    order = np.argsort(rows["employee_id"])
    assert np.asarray(rows["employee_id"])[order].tolist() == ref["employees"]
    assert np.asarray(rows["reach"])[order].tolist() == ref["reach"].reach.tolist()
    assert np.asarray(rows["unique_reach"])[order].tolist() == ref["reach"].unique_reach.tolist()
    assert sum(rows["unique_reach"]) > 0 and max(rows["reach"]) > 0
    summary = _table(results, "summary")
    assert summary["people_reached"] == [ref["reach"].people_reached]


def test_embeddedness_is_the_other_employees_who_know_the_person(engine, generated):
    _name, results = engine
    _, ref = generated
    known_by = dict(zip(ref["person_ids"].tolist(), ref["reach"].known_by.tolist(), strict=True))
    ties = _table(results, "tie_embeddedness")
    assert ties["tie_id"] == sorted(ties["tie_id"]) and len(ties["tie_id"]) > 0
    expected = [known_by[p] - 1 for p in ties["person_id"]]
    assert ties["embeddedness"] == expected
    assert max(expected) > 0  # some contacts are shared, or the test proves little
    # Per employee, the mean over their ties (a float: 1e-9).
    means: dict[int, list[int]] = {}
    for e, k in zip(ties["employee_id"], expected, strict=True):
        means.setdefault(e, []).append(k)
    rows = _table(results, "employee_reach")
    for e, mean in zip(rows["employee_id"], rows["mean_embeddedness"], strict=True):
        if e in means:
            assert mean == pytest.approx(float(np.mean(means[e])), abs=FLOAT)
        else:
            assert mean is None


@pytest.mark.parametrize("attribute", ["company", "sector", "region"])
def test_coverage_equals_the_in_process_analytics(engine, generated, attribute):
    _name, results = engine
    _, ref = generated
    cov = ref["coverage"][attribute]
    expected = sorted(
        (label, int(p), int(e))
        for label, p, e in zip(cov.labels, cov.people, cov.employees, strict=True)
        if p > 0
    )
    rows = _table(results, "coverage")
    got = sorted(
        (label, p, e)
        for a, label, p, e in zip(
            rows["attribute"], rows["label"], rows["people"], rows["employees"], strict=True
        )
        if a == attribute
    )
    assert got == expected and len(got) > 1
    reached = ref["reach"].people_reached
    for a, p, share in zip(rows["attribute"], rows["people"], rows["share"], strict=True):
        if a == attribute:
            assert share == pytest.approx(p / reached, abs=FLOAT)
    summary = _table(results, "summary")
    assert summary[f"unknown_{attribute}"] == [cov.unknown]


def test_growth_by_year_equals_the_in_process_analytics(engine, generated):
    _name, results = engine
    _, ref = generated
    rows = _table(results, "growth")
    got = [{"year": y, "people": p} for y, p in zip(rows["year"], rows["people"], strict=True)]
    assert got == ref["growth"] and len(got) > 1
    assert (
        got[-1]["people"] == ref["reach"].people_reached
    )  # every tie is dated, at worst by import


def test_the_results_manifest_names_the_engine_and_the_snapshot(engine, generated):
    name, results = engine
    manifest = read_manifest(results, kind="weakties-results")
    snapshot = read_manifest(generated[0])
    assert manifest.engine.startswith(name)
    assert manifest.fingerprint == snapshot.fingerprint
    assert set(manifest.tables) == set(RESULT_TABLES)


@pytest.mark.slow
def test_both_engines_give_identical_tables(computed):
    for table in RESULT_TABLES:
        a = read_table(table_path(computed("embedded"), table))
        b = read_table(table_path(computed("spark"), table))
        key = a.column_names[0] if table != "coverage" else None
        if key:
            a, b = a.sort_by(key), b.sort_by(key)
        else:
            a = a.sort_by([("attribute", "ascending"), ("category", "ascending")])
            b = b.sort_by([("attribute", "ascending"), ("category", "ascending")])
        assert a.column_names == b.column_names, table
        for column in a.column_names:
            left, right = a.column(column).to_pylist(), b.column(column).to_pylist()
            if a.schema.field(column).type == "double":
                assert np.allclose(
                    np.array(left, dtype=float),
                    np.array(right, dtype=float),
                    atol=FLOAT,
                    equal_nan=True,
                ), (table, column)
            else:
                assert left == right, (table, column)
