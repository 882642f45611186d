"""Gould & Fernandez brokerage roles equal a brute-force count of open two-paths."""

from __future__ import annotations

from collections import Counter

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from weakties.network import ROLES, NetworkSnapshot, brokerage


def brute_force(snap: NetworkSnapshot, g: np.ndarray) -> dict[str, Counter]:
    """Every directed two-path a -> b -> c with a, c not tied, classified by groups."""
    A = snap.to_scipy().toarray() > 0
    n = snap.n_nodes
    counts = {role: Counter() for role in ROLES}
    for b in range(n):
        for a in range(n):
            for c in range(n):
                if len({a, b, c}) < 3 or not (A[a, b] and A[b, c]) or A[a, c]:
                    continue
                if min(g[a], g[b], g[c]) < 0:
                    continue
                if g[a] == g[b] == g[c]:
                    role = "coordinator"
                elif g[b] == g[c]:
                    role = "gatekeeper"
                elif g[a] == g[b]:
                    role = "representative"
                elif g[a] == g[c]:
                    role = "consultant"
                else:
                    role = "liaison"
                counts[role][b] += 1
    return counts


def test_hand_worked_example():
    """Sales: 0, 1, 2; IT: 3, 4; HR: 5.

    Ties 0-1, 1-2, 1-3, 3-4, 3-5.  Broker 1 (Sales) has contacts 0, 2 (Sales)
    and 3 (IT): open pairs {0, 2} (coordinator x2), {0, 3} and {2, 3}
    (each one gatekeeper and one representative path).  Broker 3 (IT) has
    contacts 1 (Sales), 4 (IT), 5 (HR): {1, 4} and {4, 5} are mixed
    (gatekeeper + representative each), {1, 5} is a liaison pair (x2).
    """
    snap = NetworkSnapshot.from_edges(
        np.arange(6),
        [],
        [0, 1, 1, 3, 3],
        [1, 2, 3, 4, 5],
        employee_groups={"department": ([0, 0, 0, 1, 1, 2], ["Sales", "IT", "HR"])},
    )
    r = brokerage(snap, "department")
    assert r.as_dict(1) == {
        "coordinator": 2,
        "gatekeeper": 2,
        "representative": 2,
        "consultant": 0,
        "liaison": 0,
    }
    assert r.as_dict(3) == {
        "coordinator": 0,
        "gatekeeper": 2,
        "representative": 2,
        "consultant": 0,
        "liaison": 2,
    }
    assert r.total[[0, 2, 4, 5]].tolist() == [0, 0, 0, 0]
    pairs = brokerage(snap, "department", ordered=False)
    assert pairs.coordinator[1] == 1 and pairs.liaison[3] == 1 and pairs.gatekeeper[3] == 2


def test_consultant_links_two_people_of_another_group():
    snap = NetworkSnapshot.from_edges(
        [1, 2, 3], [], [0, 1], [1, 2], employee_groups={"department": ([0, 1, 0], ["A", "B"])}
    )
    assert brokerage(snap).as_dict(1)["consultant"] == 2


def test_closed_triads_broker_nothing():
    snap = NetworkSnapshot.from_edges(
        [1, 2, 3], [], [0, 1, 2], [1, 2, 0], employee_groups={"department": ([0, 1, 2], "ABC")}
    )
    assert brokerage(snap).total.tolist() == [0, 0, 0]


@st.composite
def grouped_graphs(draw):
    n = draw(st.integers(1, 12))
    groups = draw(st.lists(st.integers(-1, 3), min_size=n, max_size=n))
    m = draw(st.integers(0, 35))
    node = st.integers(0, n - 1)
    src = draw(st.lists(node, min_size=m, max_size=m))
    dst = draw(st.lists(node, min_size=m, max_size=m))
    snap = NetworkSnapshot.from_edges(
        np.arange(n), [], src, dst, employee_groups={"department": (groups, "ABCD")}
    )
    return snap, np.asarray(groups)


@settings(max_examples=200, deadline=None)
@given(grouped_graphs())
def test_roles_equal_brute_force_on_random_graphs(data):
    snap, g = data
    r = brokerage(snap, "department")
    expected = brute_force(snap, g)
    for role in ROLES:
        got = getattr(r, role)
        assert got.tolist() == [expected[role][b] for b in range(snap.n_nodes)], role
    # undirected ties: every mixed open pair is one gatekeeper and one representative path
    np.testing.assert_array_equal(r.gatekeeper, r.representative)


def test_group_codes_can_be_given_as_an_array():
    snap = NetworkSnapshot.from_edges([1, 2, 3], [], [0, 1], [1, 2])
    assert brokerage(snap, np.array([0, 1, 0])).consultant.tolist() == [0, 2, 0]
    with pytest.raises(ValueError, match="3 nodes"):
        brokerage(snap, np.array([0, 1]))
