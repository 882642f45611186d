"""Gould & Fernandez brokerage roles equal a brute-force count of open two-paths."""

from __future__ import annotations

import math
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


# -- Gould & Fernandez z-scores, as R sna's brokerage() computes them ------------------------


def test_role_order_is_snas():
    """sna's columns: w_I, w_O (itinerant = consultant), b_IO, b_OI, b_O."""
    assert ROLES == ("coordinator", "consultant", "representative", "gatekeeper", "liaison")


def test_hand_worked_z_scores():
    """The example above, worked by hand with sna's formulas.

    N = 6, m = 10 directed ties, d = 10/30 = 1/3, so a = d^2(1-d) = 2/27 and
    b = d^3(1-d)^3 = 8/729.  Groups: Sales 3, IT 2, HR 1.  Broker 1 (Sales):

    * coordinator: E = a*2*1 = 4/27, V = E(1-a) + 0 = 100/729; raw 2: z = 5;
    * consultant: E = a*(2*1 + 1*0) = 4/27, V = 100/729; raw 0: z = -0.4;
    * representative = gatekeeper: E = a*3*2 = 4/9,
      V = E(1-a) + 2*(2*C(3,2) + 3*C(2,2))*b = 300/729 + 144/729 = 444/729;
      raw 2: z = (14/9) / (sqrt(444)/27) = 42/sqrt(444);
    * liaison: E = a*(3^2 - (2^2 + 1^2)) = 8/27,
      V = E(1-a) + 4*(2*C(1,2) + 1*C(2,2))*b = 200/729 + 32/729 = 232/729;
      raw 0: z = -8/sqrt(232);
    * total: E = a*5*4 = 40/27, V = 1000/729 + 2*5*4*3*b = 1960/729;
      raw 6: z = 122/sqrt(1960).
    """
    snap = NetworkSnapshot.from_edges(
        np.arange(6),
        [],
        [0, 1, 1, 3, 3],
        [1, 2, 3, 4, 5],
        employee_groups={"department": ([0, 0, 0, 1, 1, 2], ["Sales", "IT", "HR"])},
    )
    r = brokerage(snap, "department")
    want_e = [4 / 27, 4 / 27, 4 / 9, 4 / 9, 8 / 27]
    want_v = [100 / 729, 100 / 729, 444 / 729, 444 / 729, 232 / 729]
    np.testing.assert_allclose(r.expected[1], want_e, rtol=1e-12)
    np.testing.assert_allclose(r.sd[1] ** 2, want_v, rtol=1e-12)
    z = r.z_dict(1)
    assert z["coordinator"] == pytest.approx(5.0, rel=1e-12)
    assert z["consultant"] == pytest.approx(-0.4, rel=1e-12)
    assert z["representative"] == pytest.approx(42 / math.sqrt(444), rel=1e-12)
    assert z["gatekeeper"] == pytest.approx(42 / math.sqrt(444), rel=1e-12)
    assert z["liaison"] == pytest.approx(-8 / math.sqrt(232), rel=1e-12)
    assert r.total_z[1] == pytest.approx(122 / math.sqrt(1960), rel=1e-12)
    # HR (one member): no coordinator is possible, E = V = 0, so z is undefined.
    assert r.expected[5, 0] == 0 and r.z_dict(5)["coordinator"] is None
    # Counting unordered pairs halves counts and standard deviations: same z.
    pairs = brokerage(snap, "department", ordered=False)
    np.testing.assert_allclose(pairs.z, r.z, equal_nan=True)


def sna_brokerage_moments(A: np.ndarray, cl: list[int]) -> tuple[np.ndarray, np.ndarray]:
    """R sna's brokerage() expectations and sds, transcribed loop by loop (R/models.R)."""
    N = len(cl)
    m = int(A.sum())
    d = m / (N * (N - 1))
    clid = sorted(set(cl))
    n = np.array([cl.count(c) for c in clid], dtype=float)
    a, b = d**2 * (1 - d), d**3 * (1 - d) ** 3
    ebr = np.zeros((len(clid), 5))
    vbr = np.zeros((len(clid), 5))
    for i in range(len(clid)):
        o = np.delete(n, i)
        ebr[i, 0] = a * (n[i] - 1) * (n[i] - 2)
        vbr[i, 0] = ebr[i, 0] * (1 - a) + 2 * (n[i] - 1) * (n[i] - 2) * (n[i] - 3) * b
        ebr[i, 1] = a * np.sum(o * (o - 1))
        vbr[i, 1] = ebr[i, 1] * (1 - a) + 2 * np.sum(o * (o - 1) * (o - 2)) * b
        ebr[i, 2] = a * (N - n[i]) * (n[i] - 1)
        vbr[i, 2] = (
            ebr[i, 2] * (1 - a)
            + 2
            * ((n[i] - 1) * math.comb(int(N - n[i]), 2) + (N - n[i]) * math.comb(int(n[i] - 1), 2))
            * b
        )
        ebr[i, 3], vbr[i, 3] = ebr[i, 2], vbr[i, 2]
        ebr[i, 4] = a * (np.sum(np.outer(o, o)) - np.sum(o**2))
        vbr[i, 4] = ebr[i, 4] * (1 - a) + 4 * sum(
            x * math.comb(int(N - x - n[i]), 2) * b for x in o
        )
    rows = [clid.index(c) for c in cl]
    return ebr[rows], np.sqrt(vbr[rows])


@settings(max_examples=100, deadline=None)
@given(grouped_graphs())
def test_z_scores_equal_a_transcription_of_sna_when_every_group_is_known(data):
    snap, g = data
    g = np.abs(g)  # every group known: sna's setting
    if snap.n_nodes < 2:
        return
    r = brokerage(snap, g)
    A = (snap.to_scipy().toarray() > 0).astype(int)
    e, sd = sna_brokerage_moments(A, g.tolist())
    # sna's columns w_I, w_O, b_IO, b_OI, b_O are ROLES in order
    np.testing.assert_allclose(r.expected, e, rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(r.sd, sd, rtol=1e-12, atol=1e-12)
    raw = np.stack([getattr(r, role) for role in ROLES], axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        z = np.where(sd > 0, (raw - e) / np.where(sd > 0, sd, 1), np.nan)
    np.testing.assert_allclose(r.z, z, rtol=1e-12, atol=1e-12, equal_nan=True)
