"""Diversity: entropy and E-I index against brute-force counts; the homophily message."""

from __future__ import annotations

import math
from collections import Counter

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from weakties.network import (
    HOMOPHILY_MESSAGES,
    NetworkSnapshot,
    contact_entropy,
    ei_expected,
    ei_index,
    group_ei_index,
    homophily_message,
)

HYP = settings(max_examples=100, deadline=None)


@st.composite
def organisations(draw):
    E = draw(st.integers(1, 5))
    P = draw(st.integers(0, 14))
    K = draw(st.integers(1, 4))
    sector = draw(st.lists(st.integers(-1, K - 1), min_size=P, max_size=P))
    m = draw(st.integers(0, 45))
    node = st.integers(0, E + P - 1)
    src = draw(st.lists(node, min_size=m, max_size=m))
    dst = draw(st.lists(node, min_size=m, max_size=m))
    snap = NetworkSnapshot.from_edges(
        np.arange(E),
        np.arange(100, 100 + P),
        src,
        dst,
        person_groups={"sector": (sector, [f"s{k}" for k in range(K)])},
    )
    return snap, K


@HYP
@given(organisations())
def test_entropy_equals_shannon_over_the_contacts_sectors(org):
    snap, K = org
    E = snap.n_employees
    sector = snap.person_groups["sector"].codes
    d = contact_entropy(snap, "sector")
    for e in range(E):
        people = [int(j) - E for j in snap.neighbors(e) if j >= E]
        known = [int(sector[p]) for p in people if sector[p] >= 0]
        counts = Counter(known)
        n = len(known)
        H = -sum(c / n * math.log2(c / n) for c in counts.values()) if n else 0.0
        assert d.entropy[e] == pytest.approx(H, abs=1e-12)
        assert d.known[e] == n
        assert d.unknown[e] == len(people) - n
        assert d.categories[e] == len(counts)
        ceiling = math.log2(min(K, n)) if n else 0.0
        if ceiling > 0:
            assert d.normalized[e] == pytest.approx(H / ceiling, abs=1e-12)
            assert 0.0 <= d.normalized[e] <= 1.0 + 1e-12
        else:
            assert math.isnan(d.normalized[e])


def test_even_spread_is_one_and_one_sector_is_zero():
    # employee 0: one contact in each of 4 sectors; employee 1: 3 contacts all ICT
    sector = [0, 1, 2, 3, 0, 0, 0]
    snap = NetworkSnapshot.from_edges(
        [1, 2],
        np.arange(100, 107),
        [0, 0, 0, 0, 1, 1, 1],
        [2, 3, 4, 5, 6, 7, 8],
        person_groups={"sector": (sector, ["ICT", "Care", "Retail", "Energy"])},
    )
    d = contact_entropy(snap, "sector")
    assert d.entropy.tolist() == [2.0, 0.0]
    assert d.normalized.tolist() == [1.0, 0.0]


def test_entropy_ignores_colleagues():
    snap = NetworkSnapshot.from_edges(
        [1, 2], [10, 11], [0, 0, 0], [1, 2, 3], person_groups={"sector": ([0, 1], ["a", "b"])}
    )
    d = contact_entropy(snap, "sector")
    assert d.known[0] == 2 and d.entropy[0] == 1.0


@HYP
@given(organisations(), st.data())
def test_ei_index_equals_counting_ties_in_and_out(org, data):
    snap, _ = org
    n = snap.n_nodes
    codes = np.asarray(data.draw(st.lists(st.integers(-1, 2), min_size=n, max_size=n)))
    ei = ei_index(snap, codes)
    A = snap.to_scipy().toarray() > 0
    for v in range(n):
        if codes[v] < 0:
            internal = external = 0
        else:
            internal = sum(1 for u in range(n) if A[v, u] and codes[u] == codes[v])
            external = sum(
                1 for u in range(n) if A[v, u] and codes[u] >= 0 and codes[u] != codes[v]
            )
        assert ei.internal[v] == internal and ei.external[v] == external
        if internal + external:
            assert ei.index[v] == pytest.approx((external - internal) / (external + internal))
        else:
            assert math.isnan(ei.index[v])
    g = group_ei_index(snap, codes)
    ties = [(a, b) for a, b in zip(snap.edge_src, snap.edge_dst, strict=True)]
    known = [(a, b) for a, b in ties if codes[a] >= 0 and codes[b] >= 0]
    ext = sum(1 for a, b in known if codes[a] != codes[b])
    internal_ties = len(known) - ext
    if known:
        assert g.overall == pytest.approx((ext - internal_ties) / len(known))
    else:
        assert math.isnan(g.overall)
    for k in range(g.index.size):
        members = codes == k
        assert g.external[k] == ei.external[members].sum()
        assert g.internal[k] == ei.internal[members].sum()


def test_ei_index_against_krackhardt_and_stern_worked_example():
    # two groups of 3; each group fully tied inside (3 ties each) and 1 tie across
    src = [0, 0, 1, 3, 3, 4, 2]
    dst = [1, 2, 2, 4, 5, 5, 3]
    snap = NetworkSnapshot.from_edges(range(6), [], src, dst)
    codes = np.array([0, 0, 0, 1, 1, 1])
    g = group_ei_index(snap, codes)
    assert g.overall == pytest.approx((1 - 6) / 7)
    # group 0: internal ties counted per member 6, external 1
    assert g.internal.tolist() == [6, 6] and g.external.tolist() == [1, 1]
    assert g.index.tolist() == pytest.approx([-5 / 7, -5 / 7])


def test_shared_codes_compare_an_employee_with_their_contacts():
    snap = NetworkSnapshot.from_edges(
        [1, 2],
        [10, 11, 12],
        [0, 0, 0, 1],
        [2, 3, 4, 4],
        employee_groups={"function": ([0, 1], ["Sales", "IT"])},
        person_groups={"function": ([0, 1, -1], [" sales", "Finance"])},
    )
    codes, labels = snap.shared_codes("function", "function")
    assert labels == ("Sales", "IT", "Finance")
    ei = ei_index(snap, codes)
    assert ei.internal[0] == 1 and ei.external[0] == 1  # one Sales contact, one Finance
    assert math.isnan(ei.index[1])  # their one contact's function is unknown


def test_codes_must_cover_every_node():
    snap = NetworkSnapshot.from_edges([1, 2], [], [0], [1])
    with pytest.raises(ValueError, match="3 codes for 2 nodes"):
        ei_index(snap, [0, 0, 1])


@pytest.mark.parametrize(
    "ei, entropy, attribute, contacts, expected",
    [
        (-0.8, 0.9, "sector", 40, ("sector", "alike")),
        (-0.5, 0.9, "region", 40, ("region", "alike")),  # the threshold itself counts
        (0.2, 0.3, "company", 40, ("company", "narrow")),
        (np.nan, 0.1, "function", 40, ("function", "narrow")),
        (-0.9, 0.1, "hobby", 40, ("*", "alike")),  # unknown attribute: generic text
        (-0.9, 0.9, "department", None, ("department", "alike")),
        (0.0, 0.9, "sector", 40, None),
        (np.nan, np.nan, "sector", 40, None),
        (-1.0, 0.0, "sector", 9, None),  # too few contacts to judge
    ],
)
def test_homophily_message_names_the_finding(ei, entropy, attribute, contacts, expected):
    got = homophily_message(ei, entropy, attribute=attribute, contacts=contacts)
    assert got == (None if expected is None else HOMOPHILY_MESSAGES[expected])


def test_every_message_says_what_to_do():
    for key, text in HOMOPHILY_MESSAGES.items():
        assert text.endswith("."), key
        assert ":" in text or "would" in text, key  # a finding, then what to do


# -- E-I against random mixing (issue 13) ------------------------------------------------


def test_ei_expected_is_krackhardt_and_sterns_value_and_the_permutation_p_is_hypergeometric():
    """N = 41 people of known group: ego and 29 others in A, 11 in B.

    Expected E-I for a member of A: 1 - 2 (30 - 1)/(41 - 1) = -0.45.  Ego
    knows 10 people, all in A (E-I -1).  Shuffling the labels draws the 10
    contacts' labels from all 41, so the number alike is hypergeometric
    (41, 30, 10): P(all 10 alike) = C(30,10)/C(41,10).
    """
    from math import comb

    n = 41
    codes = np.array([0] * 30 + [1] * 11)
    snap = NetworkSnapshot.from_edges(np.arange(n), [], [0] * 10, np.arange(1, 11))
    r = ei_expected(snap, codes, nodes=1, permutations=4999, seed=7)
    assert r.expected[0] == pytest.approx(1 - 2 * 29 / 40, abs=1e-12)
    assert r.index[0] == -1.0 and r.difference[0] == pytest.approx(-0.55)
    exact = comb(30, 10) / comb(41, 10)
    assert r.p[0] == pytest.approx(exact, abs=0.01)
    assert np.isnan(r.p[1:]).all()  # only the first node tested
    again = ei_expected(snap, codes, nodes=1, permutations=4999, seed=7)
    assert again.p[0] == r.p[0]  # seeded


def test_homophily_message_uses_expectation_and_significance():
    # Large and significant: warned.
    assert homophily_message(-0.9, 0.9, attribute="sector", contacts=40, expected=-0.1, p=0.001)
    # Below the old cut-off but as chance gives it (a large group): not warned.
    assert (
        homophily_message(-0.9, 0.9, attribute="sector", contacts=40, expected=-0.85, p=0.001)
        is None
    )
    # Large but not significant: not warned.
    assert (
        homophily_message(-0.6, 0.9, attribute="sector", contacts=40, expected=0.0, p=0.2) is None
    )
