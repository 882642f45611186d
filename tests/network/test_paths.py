"""Warm introductions: relevance x fit, the inverted U, ranking and filters."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from weakties.network import (
    MUTUAL_PEAK,
    PURPOSES,
    NetworkSnapshot,
    StrengthPreference,
    strength_fit,
    warm_introductions,
)

HYP = settings(max_examples=80, deadline=None)


def test_inverted_u_peaks_at_the_moderately_weak_strength():
    s = np.linspace(0, 1, 101)
    for purpose in ("job", "info"):
        fit = strength_fit(s, PURPOSES[purpose])
        assert s[fit.argmax()] == pytest.approx(PURPOSES[purpose].peak)
        assert fit.max() == pytest.approx(1.0)
        peak = int(fit.argmax())
        assert np.all(np.diff(fit[: peak + 1]) > 0) and np.all(np.diff(fit[peak:]) < 0)


def test_sales_and_senior_roles_prefer_strong_ties():
    s = np.array([0.1, 0.5, 0.9])
    assert strength_fit(s, PURPOSES["sales"]).tolist() == pytest.approx([0.1, 0.5, 0.9])
    assert strength_fit(s, PURPOSES["senior"]).tolist() == pytest.approx([0.01, 0.25, 0.81])


def test_bad_preferences_are_refused():
    with pytest.raises(ValueError, match="width"):
        strength_fit([0.5], StrengthPreference("inverted_u", width=0))
    with pytest.raises(ValueError, match="shape"):
        strength_fit([0.5], StrengthPreference("flat"))  # type: ignore[arg-type]


@st.composite
def cases(draw):
    E = draw(st.integers(1, 5))
    P = draw(st.integers(1, 10))
    m = draw(st.integers(1, 35))
    src = draw(st.lists(st.integers(0, E + P - 1), min_size=m, max_size=m))
    dst = draw(st.lists(st.integers(0, E + P - 1), min_size=m, max_size=m))
    snap = NetworkSnapshot.from_edges(np.arange(E), np.arange(100, 100 + P), src, dst)
    rel = draw(st.lists(st.sampled_from([0.0, 0.2, 0.5, 1.0, math.nan]), min_size=P, max_size=P))
    strength = draw(
        st.lists(
            st.one_of(st.just(math.nan), st.floats(0, 1)),
            min_size=snap.n_edges,
            max_size=snap.n_edges,
        )
    )
    targets = draw(st.lists(st.integers(E, E + P - 1), max_size=2))
    allowed = draw(st.lists(st.booleans(), min_size=E, max_size=E))
    purpose = draw(st.sampled_from(sorted(PURPOSES)))
    return snap, rel, strength, targets, np.asarray(allowed, dtype=bool), purpose


@HYP
@given(cases())
def test_candidates_and_scores_equal_a_brute_force_enumeration(case):
    snap, rel, strength, targets, allowed, purpose = case
    E = snap.n_employees
    got = warm_introductions(
        snap, rel, strength, purpose=purpose, targets=targets, introducers=allowed
    )
    pref = PURPOSES[purpose]
    A = snap.to_scipy().toarray() > 0
    common = (A.astype(int) @ A.astype(int)) * A  # mutual connections, by matrix product
    relevance = {p: 0.0 if math.isnan(rel[p - E]) else rel[p - E] for p in range(E, snap.n_nodes)}
    relation = dict.fromkeys(relevance, 0)
    for p in relevance:
        if p not in targets and any(A[p, t] for t in targets):
            relevance[p] = max(relevance[p], 0.5)
            relation[p] = 1
    for t in targets:
        relevance[t], relation[t] = 1.0, 2
    want = {}
    for k, (a, b) in enumerate(zip(snap.edge_src.tolist(), snap.edge_dst.tolist(), strict=True)):
        if a < E <= b and allowed[a] and relevance[b] > 0:
            s = strength[k]
            if purpose in ("job", "info"):  # Rajkumar et al.: mutual connections x intensity
                m = common[a, b]
                u = math.exp(-0.5 * math.log((m + 1) / (MUTUAL_PEAK + 1)) ** 2)
                fit = u * (1 - 0.5 * (0.5 if math.isnan(s) else s))
            else:
                fit = float(strength_fit([0.25 if math.isnan(s) else s], pref)[0])
            want[(a, b)] = (relevance[b] * fit, k)
    assert len(got) == len(want)
    assert np.all(np.diff(got.score) <= 1e-15)  # best first
    for i in range(len(got)):
        key = (int(got.introducer[i]), int(got.contact[i]))
        score, tie = want[key]
        assert got.score[i] == pytest.approx(score)
        assert got.tie[i] == tie
        assert got.relation[i] == relation[key[1]]
        why = got.why(i)
        assert why["score"] == pytest.approx(round(score, 4))
        assert why["mutual_connections"] == common[key]
        if math.isnan(got.strength[i]) and purpose not in ("job", "info"):
            assert why["reason"] == "strength_unknown" and why["tier"] == "unknown"


@HYP
@given(cases(), st.integers(0, 5))
def test_best_per_contact_keeps_the_top_introducer_and_limit_truncates(case, limit):
    snap, rel, strength, targets, allowed, purpose = case
    full = warm_introductions(snap, rel, strength, purpose=purpose, targets=targets)
    best = warm_introductions(
        snap, rel, strength, purpose=purpose, targets=targets, best_per_contact=True
    )
    assert len(set(best.contact.tolist())) == len(best)
    for i, c in enumerate(best.contact.tolist()):
        first = int(np.flatnonzero(full.contact == c)[0])
        assert best.introducer[i] == full.introducer[first]
    cut = warm_introductions(snap, rel, strength, purpose=purpose, targets=targets, limit=limit)
    np.testing.assert_array_equal(cut.score, full.score[:limit])


def test_job_prefers_the_weakest_tie_at_equal_overlap_and_sales_the_strong_one():
    snap = NetworkSnapshot.from_edges([1, 2, 3], [50], [0, 1, 2], [3, 3, 3])
    strength = np.array([0.9, 0.3, 0.02])
    job = warm_introductions(snap, [1.0], strength, purpose="job", mutual=[2, 2, 2], mutual_peak=2)
    sales = warm_introductions(snap, [1.0], strength, purpose="sales")
    assert job.introducer.tolist() == [2, 1, 0]  # by intensity, the weakest helped most
    assert sales.introducer.tolist() == [0, 1, 2]
    assert [job.why(k)["reason"] for k in range(3)] == [
        "weak_tie_near_peak",
        "weak_tie_near_peak",
        "strong_tie_near_peak",
    ]
    assert [job.why(k)["intensity"] for k in range(3)] == ["weak", "weak", "strong"]
    assert [sales.why(k)["reason"] for k in range(3)] == [
        "strong_tie",
        "tie_weak_for_purpose",
        "tie_weak_for_purpose",
    ]


def test_job_follows_the_inverted_u_over_mutual_connections():
    # four colleagues know the contact with 0, 3, 10 and 40 mutual connections, equally weak ties
    snap = NetworkSnapshot.from_edges([1, 2, 3, 4], [50], [0, 1, 2, 3], [4, 4, 4, 4])
    got = warm_introductions(
        snap, [1.0], np.full(4, 0.2), purpose="job", mutual=[0, 3, 10, 40], mutual_peak=10
    )
    assert got.introducer.tolist() == [2, 1, 3, 0]  # the peak first, then by distance (log scale)
    positions = [got.why(k)["mutual_position"] for k in range(4)]
    assert positions == ["near_peak", "few", "many", "few"]
    assert [got.why(k)["mutual_connections"] for k in range(4)] == [10, 3, 40, 0]


def test_a_contact_who_knows_the_target_person_is_a_path():
    # employee 0 knows person 2, who knows the target person 3; employee 1 knows 3
    snap = NetworkSnapshot.from_edges([1, 2], [10, 11], [0, 2, 1], [2, 3, 3])
    s = np.array([0.3, 0.3, 0.3])
    got = warm_introductions(snap, [0.0, 0.0], s, targets=[3], purpose="job")
    assert got.contact.tolist() == [3, 2]
    assert [got.why(k)["relation"] for k in range(2)] == ["is_target", "knows_target"]
    assert got.relevance.tolist() == [1.0, 0.5]


def test_only_consenting_introducers_are_offered():
    snap = NetworkSnapshot.from_edges([1, 2], [10], [0, 1], [2, 2])
    got = warm_introductions(snap, [1.0], [0.5, 0.5], introducers=np.array([False, True]))
    assert got.introducer.tolist() == [1]
    got = warm_introductions(snap, [1.0], [0.5, 0.5], introducers=[0])
    assert got.introducer.tolist() == [0]


@pytest.mark.parametrize(
    "kwargs, match",
    [
        ({"purpose": "lunch"}, "purpose must be one of"),
        ({"relevance": [1.0, 1.0, 1.0, 1.0]}, "one per person"),
        ({"strength": [0.5]}, "strength has 1 values"),
        ({"introducers": np.ones(3, dtype=bool)}, "introducer mask"),
    ],
)
def test_bad_arguments_are_refused(kwargs, match):
    snap = NetworkSnapshot.from_edges([1, 2], [10], [0, 1], [2, 2])
    args = {"relevance": [1.0], "strength": [0.5, 0.5]} | kwargs
    with pytest.raises(ValueError, match=match):
        warm_introductions(snap, **args)
