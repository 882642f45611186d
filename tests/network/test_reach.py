"""Reach, unique reach, coverage and growth equal brute-force set counting."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from weakties.network import NetworkSnapshot, coverage, employee_reach, reach_growth

HYP = settings(max_examples=100, deadline=None)


@st.composite
def organisations(draw):
    """A random organisation: employees, people with a sector, ties of any kind."""
    E = draw(st.integers(1, 6))
    P = draw(st.integers(0, 12))
    n_sectors = draw(st.integers(1, 3))
    sector = draw(st.lists(st.integers(-1, n_sectors - 1), min_size=P, max_size=P))
    m = draw(st.integers(0, 40))
    node = st.integers(0, E + P - 1)
    src = draw(st.lists(node, min_size=m, max_size=m))
    dst = draw(st.lists(node, min_size=m, max_size=m))
    snap = NetworkSnapshot.from_edges(
        np.arange(E),
        np.arange(100, 100 + P),
        src,
        dst,
        person_groups={"sector": (sector, [f"s{k}" for k in range(n_sectors)])},
    )
    considered = draw(st.lists(st.booleans(), min_size=E, max_size=E))
    return snap, np.asarray(considered, dtype=bool)


def contacts_of(snap: NetworkSnapshot) -> dict[int, set[int]]:
    """Employee -> set of person indices they are tied to (built from the tie list)."""
    E = snap.n_employees
    out: dict[int, set[int]] = {e: set() for e in range(E)}
    for a, b in zip(snap.edge_src.tolist(), snap.edge_dst.tolist(), strict=True):
        if a < E <= b:
            out[a].add(b - E)
    return out


@HYP
@given(organisations())
def test_reach_and_unique_reach_equal_set_counting(org):
    snap, considered = org
    contacts = contacts_of(snap)
    r = employee_reach(snap, employees=considered)
    counted = [e for e in contacts if considered[e]]
    union = set().union(*(contacts[e] for e in counted)) if counted else set()
    assert r.people_reached == len(union)
    for e in range(snap.n_employees):
        if not considered[e]:
            assert r.reach[e] == 0 and r.unique_reach[e] == 0
            continue
        others = set().union(*(contacts[x] for x in counted if x != e))
        assert r.reach[e] == len(contacts[e])
        assert r.unique_reach[e] == len(contacts[e] - others)
    for p in range(snap.n_people):
        assert r.known_by[p] == sum(p in contacts[e] for e in counted)


@HYP
@given(organisations())
def test_index_list_and_mask_select_the_same_employees(org):
    snap, considered = org
    a = employee_reach(snap, employees=considered)
    b = employee_reach(snap, employees=np.flatnonzero(considered))
    np.testing.assert_array_equal(a.unique_reach, b.unique_reach)
    np.testing.assert_array_equal(a.known_by, b.known_by)


def test_ties_between_employees_and_between_people_are_not_reach():
    # employees 0, 1; people 2, 3: ties 0-1 (colleagues) and 2-3 (people)
    snap = NetworkSnapshot.from_edges([1, 2], [10, 11], [0, 2, 0], [1, 3, 2])
    r = employee_reach(snap)
    assert r.reach.tolist() == [1, 0]
    assert r.people_reached == 1


def test_unique_reach_is_what_leaves_with_the_employee():
    snap = NetworkSnapshot.from_edges([1, 2, 3], [10, 11, 12, 13], [0, 0, 0, 1, 2], [3, 4, 5, 5, 6])
    r = employee_reach(snap)
    assert r.unique_reach.tolist() == [2, 0, 1]
    without_0 = employee_reach(snap, employees=[1, 2])
    assert r.people_reached - without_0.people_reached == r.unique_reach[0]


def test_bad_mask_length_is_refused():
    snap = NetworkSnapshot.from_edges([1, 2], [10], [0], [2])
    with pytest.raises(ValueError, match="3 entries for 2 employees"):
        employee_reach(snap, employees=np.ones(3, dtype=bool))


@HYP
@given(organisations())
def test_coverage_counts_people_and_employees_per_sector(org):
    snap, considered = org
    contacts = contacts_of(snap)
    sector = snap.person_groups["sector"].codes
    c = coverage(snap, "sector", employees=considered)
    counted = [e for e in contacts if considered[e]]
    reached = set().union(*(contacts[e] for e in counted)) if counted else set()
    for k, _label in enumerate(c.labels):
        assert c.people[k] == sum(1 for p in reached if sector[p] == k)
        assert c.employees[k] == sum(1 for e in counted if any(sector[p] == k for p in contacts[e]))
    assert c.unknown == sum(1 for p in reached if sector[p] < 0)
    assert c.categories_covered == int(np.count_nonzero(c.people))


def test_coverage_top_hides_small_groups_and_breaks_ties_by_order():
    sector = [0] * 6 + [1] * 6 + [2] * 2
    P = len(sector)
    snap = NetworkSnapshot.from_edges(
        [1],
        np.arange(100, 100 + P),
        [0] * P,
        np.arange(1, P + 1),
        person_groups={"sector": (sector, ["ICT", "Care", "Retail"])},
    )
    c = coverage(snap, "sector")
    assert c.top(10) == [("ICT", 6), ("Care", 6), ("Retail", 2)]
    assert c.top(10, min_people=5) == [("ICT", 6), ("Care", 6)]
    assert c.top(1) == [("ICT", 6)]


def test_coverage_needs_a_person_attribute():
    snap = NetworkSnapshot.from_edges([1], [10], [0], [1])
    with pytest.raises(KeyError, match="sector"):
        coverage(snap, "sector")


@HYP
@given(organisations(), st.data())
def test_growth_counts_people_by_their_first_dated_tie(org, data):
    snap, considered = org
    E = snap.n_employees
    days = data.draw(
        st.lists(
            st.one_of(st.just(np.nan), st.integers(0, 30).map(float)),
            min_size=snap.n_edges,
            max_size=snap.n_edges,
        )
    )
    at = [0.0, 5.0, 10.0, 20.0, 31.0]
    g = reach_growth(snap, days, at, employees=considered)
    first: dict[int, float] = {}
    undated: set[int] = set()
    for k, (a, b) in enumerate(zip(snap.edge_src.tolist(), snap.edge_dst.tolist(), strict=True)):
        if a < E <= b and considered[a]:
            if np.isnan(days[k]):
                undated.add(b)
            else:
                first[b] = min(first.get(b, np.inf), days[k])
    assert g.people.tolist() == [sum(1 for d in first.values() if d <= t) for t in at]
    assert g.undated == len(undated - set(first))
    assert np.all(np.diff(g.people) >= 0)


def test_growth_with_dates_aggregated_from_input_rows():
    # the same tie imported twice, with different dates: the earliest counts
    snap = NetworkSnapshot.from_edges([1], [10, 11], [0, 0, 0], [1, 1, 2])
    day = snap.aggregate_ties([8.0, 3.0, 6.0], "min")
    g = reach_growth(snap, day, [2, 3, 6])
    assert g.people.tolist() == [0, 1, 2]
    with pytest.raises(ValueError, match="tie days"):
        reach_growth(snap, [1.0], [0])
