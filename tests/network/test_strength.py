"""Tie strength: the documented formula, evidence, tiers, dormancy and mutual connections."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from weakties.network import (
    FEATURES,
    RATINGS,
    TIERS,
    NetworkSnapshot,
    StrengthWeights,
    colleagues_knowing,
    tie_strength,
    tier_of,
)

HYP = settings(max_examples=100, deadline=None)


def evidence_by_hand(cfg: StrengthWeights, **features: float) -> tuple[float, int]:
    """Share of the total weight known, and the number of known features of weight > 0."""
    weight = {
        "duration": cfg.duration,
        "sources": cfg.multiplexity,
        "mutual": cfg.mutual,
        "interactions": cfg.interactions,
        "recency": cfg.recency,
        "reciprocity": cfg.reciprocity,
        "rating": cfg.rating,
    }
    known = [n for n, v in features.items() if v is not None and not math.isnan(v) and weight[n]]
    return sum(weight[n] for n in known) / sum(weight.values()), len(known)


def by_hand(cfg: StrengthWeights, **features: float) -> float:
    """The module docstring's formula for one tie, written out plainly."""
    score = {
        "duration": lambda d: d / (d + cfg.duration_half),
        "sources": lambda s: (min(max(s, 1), cfg.max_sources) - 1) / (cfg.max_sources - 1),
        "mutual": lambda k: k / (k + cfg.mutual_half),
        "interactions": lambda c: c / (c + cfg.interactions_half),
        "recency": lambda r: 0.5 ** (r / cfg.recency_half_life),
        "reciprocity": lambda x: min(max(x, 0.0), 1.0),
        "rating": lambda r: min(max(r, 0), 2) / 2,
    }
    weight = {
        "duration": cfg.duration,
        "sources": cfg.multiplexity,
        "mutual": cfg.mutual,
        "interactions": cfg.interactions,
        "recency": cfg.recency,
        "reciprocity": cfg.reciprocity,
        "rating": cfg.rating,
    }
    num = den = 0.0
    for name, value in features.items():
        if value is None or math.isnan(value):
            continue
        num += weight[name] * score[name](value)
        den += weight[name]
    return num / den if den else math.nan


ARG = {
    "duration": "duration_days",
    "sources": "sources",
    "mutual": "mutual",
    "interactions": "interactions",
    "recency": "recency_days",
    "reciprocity": "reciprocity",
    "rating": "rating",
}


def test_hand_worked_tie_with_every_feature():
    ts = tie_strength(
        duration_days=[730],  # 0.5
        sources=[2],  # 0.5
        mutual=[5],  # 0.5
        interactions=[12],  # 0.5
        recency_days=[180],  # 0.5
        reciprocity=[0.5],
        rating=[RATINGS["somewhat"]],  # 0.5
    )
    assert ts.strength[0] == pytest.approx(0.5, abs=1e-12)
    assert ts.labels() == ["moderate"]
    for name, f in ts.features.items():
        assert f[0] == pytest.approx(0.5, abs=1e-12), name


def test_missing_features_are_left_out_and_weights_renormalised():
    # only the rating is known for tie 0: strength is the rating's score alone
    ts = tie_strength(duration_days=[np.nan, 730], rating=[2, np.nan])
    assert ts.strength.tolist() == [1.0, 0.5]


def test_nothing_known_gives_nan_and_unknown_tier():
    ts = tie_strength(duration_days=[np.nan], sources=[np.nan])
    assert math.isnan(ts.strength[0])
    assert ts.tier.tolist() == [-1] and ts.labels() == ["unknown"]


def test_recency_weighs_most_by_default_then_the_own_rating():
    # Gilbert & Karahalios (2009): days since the last communication is the strongest predictor
    cfg = StrengthWeights()
    others = [getattr(cfg, f) for f in FEATURES if f != "recency"]
    assert cfg.recency > max(others)
    assert cfg.rating == max(others)
    # barely known but long, multiplex and embedded: the rating pulls it down hard
    ts = tie_strength(duration_days=[10_000], sources=[3], mutual=[100], rating=[0])
    assert ts.strength[0] == pytest.approx(
        by_hand(cfg, duration=10_000, sources=3, mutual=100, rating=0)
    )
    assert ts.strength[0] < 0.5
    # a recent exchange outweighs a "barely" rating
    ts = tie_strength(recency_days=[0], rating=[0])
    assert ts.strength[0] == pytest.approx(cfg.recency / (cfg.recency + cfg.rating))
    assert ts.strength[0] > 0.5


def test_a_long_linkedin_tie_with_nothing_else_known_gets_no_tier():
    # issue 13: ten years on LinkedIn, one source, no mutual connection seen
    ts = tie_strength(duration_days=[3650], sources=[1], mutual=[0])
    assert ts.strength[0] == pytest.approx(
        by_hand(StrengthWeights(), duration=3650, sources=1, mutual=0)
    )
    assert ts.evidence[0] == pytest.approx(3 / 13)
    assert ts.labels() == ["unknown"]


def test_one_feature_never_decides_a_tier():
    ts = tie_strength(rating=[2, 2], recency_days=[np.nan, 10])
    assert ts.strength[0] == 1.0 and ts.known.tolist() == [1, 2]
    assert ts.labels() == ["unknown", "strong"]


def test_evidence_is_the_share_of_the_weight_known():
    cfg = StrengthWeights()
    ts = tie_strength(
        duration_days=[100, np.nan, np.nan],
        rating=[1, 2, np.nan],
        recency_days=[5, 5, np.nan],
        sources=[1, 1, 1],
    )
    total = cfg.total_weight()
    assert ts.evidence.tolist() == pytest.approx(
        [(1 + 3 + 4 + 1) / total, (3 + 4 + 1) / total, 1 / total]
    )
    assert ts.known.tolist() == [4, 3, 1]
    assert ts.labels()[2] == "unknown"


def test_the_evidence_needed_for_a_tier_is_configurable():
    loose = StrengthWeights(min_evidence=0.0, min_features=1)
    ts = tie_strength(duration_days=[3650], weights=loose)
    assert ts.labels() == ["strong"]
    with pytest.raises(ValueError, match="min_evidence"):
        StrengthWeights(min_evidence=1.5)


def test_configurable_weights_change_the_result():
    plain = tie_strength(duration_days=[3650], rating=[0])
    no_rating = tie_strength(duration_days=[3650], rating=[0], weights=StrengthWeights(rating=0.0))
    assert no_rating.known.tolist() == [1]  # a feature of weight 0 is no evidence
    assert plain.strength[0] < 0.3
    assert no_rating.strength[0] == pytest.approx(3650 / (3650 + 730))


def test_long_silence_makes_any_tie_dormant():
    cfg = StrengthWeights()
    ts = tie_strength(rating=[2, 2], recency_days=[cfg.dormant_after_days + 1, 10])
    assert ts.strength[0] > cfg.weak  # the strength itself stays
    assert ts.labels() == ["dormant", "strong"]


def test_tier_boundaries_are_inclusive():
    cfg = StrengthWeights()
    s = [cfg.strong, np.nextafter(cfg.strong, 0), cfg.moderate, cfg.weak, 0.0, np.nan]
    assert [TIERS[t] if t >= 0 else "unknown" for t in tier_of(s)] == [
        "strong",
        "moderate",
        "moderate",
        "weak",
        "dormant",
        "unknown",
    ]


def test_tier_thresholds_are_configurable():
    cfg = StrengthWeights(strong=0.9, moderate=0.5, weak=0.1)
    assert tier_of([0.8, 0.4, 0.05], cfg).tolist() == [1, 2, 3]


@pytest.mark.parametrize(
    "kwargs, match",
    [
        ({}, "at least one feature"),
        ({"sources": [1, 2], "rating": [1]}, "rating has 1 values"),
        ({"duration_days": [-1]}, "duration must be >= 0"),
    ],
)
def test_bad_inputs_are_refused_with_a_reason(kwargs, match):
    with pytest.raises(ValueError, match=match):
        tie_strength(**kwargs)


@pytest.mark.parametrize(
    "kwargs, match",
    [
        ({"rating": -1.0}, "rating must be >= 0"),
        ({"duration_half": float("nan")}, "duration_half"),
        ({"max_sources": 1}, "max_sources"),
        ({"weak": 0.5, "moderate": 0.4}, "thresholds"),
    ],
)
def test_bad_weights_are_refused(kwargs, match):
    with pytest.raises(ValueError, match=match):
        StrengthWeights(**kwargs)


def test_zero_scales_degenerate_to_indicators_without_warnings():
    cfg = StrengthWeights(duration_half=0, interactions_half=0, mutual_half=0)
    ts = tie_strength(duration_days=[0, 5], interactions=[0, 3], mutual=[0, 1], weights=cfg)
    assert ts.strength.tolist() == [0.0, 1.0]


maybe = st.one_of(st.just(math.nan), st.floats(0, 5000, allow_nan=False))


@HYP
@given(
    st.lists(
        st.fixed_dictionaries(
            {
                "duration": maybe,
                "sources": st.one_of(st.just(math.nan), st.integers(0, 6).map(float)),
                "mutual": st.one_of(st.just(math.nan), st.integers(0, 50).map(float)),
                "interactions": maybe,
                "recency": maybe,
                "reciprocity": st.one_of(st.just(math.nan), st.floats(0, 1)),
                "rating": st.one_of(st.just(math.nan), st.sampled_from([0.0, 1.0, 2.0])),
            }
        ),
        min_size=1,
        max_size=20,
    ),
    st.floats(0, 5),
    st.floats(0, 5),
)
def test_strength_equals_the_documented_formula_tie_by_tie(rows, w_rating, w_recency):
    cfg = StrengthWeights(rating=w_rating, recency=w_recency)
    arrays = {ARG[k]: [r[k] for r in rows] for k in rows[0]}
    ts = tie_strength(**arrays, weights=cfg)
    for k, row in enumerate(rows):
        want = by_hand(cfg, **row)
        if math.isnan(want):
            assert math.isnan(ts.strength[k])
        else:
            assert ts.strength[k] == pytest.approx(want, abs=1e-12)
            assert 0.0 <= ts.strength[k] <= 1.0
        evidence, known = evidence_by_hand(cfg, **row)
        assert ts.evidence[k] == pytest.approx(evidence, abs=1e-12)
        silent = not math.isnan(row["recency"]) and row["recency"] > cfg.dormant_after_days
        if silent:
            assert ts.tier[k] == TIERS.index("dormant")
        elif evidence < cfg.min_evidence - 1e-9 or known < cfg.min_features:
            assert ts.tier[k] == -1
        elif not math.isnan(want) and evidence > cfg.min_evidence + 1e-9:
            assert ts.tier[k] == tier_of([want], cfg)[0]


@HYP
@given(st.lists(st.floats(0, 1000), min_size=2, max_size=10))
def test_more_interactions_never_weaken_a_tie(counts):
    ts = tie_strength(interactions=sorted(counts), rating=[1] * len(counts))
    assert np.all(np.diff(ts.strength) >= -1e-15)


def test_colleagues_knowing_counts_other_employees_brute_force():
    rng = np.random.default_rng(7)
    E, P = 6, 9
    src = rng.integers(0, E, 40)
    dst = rng.integers(0, E + P, 40)
    snap = NetworkSnapshot.from_edges(np.arange(E), np.arange(100, 100 + P), src, dst)
    A = snap.to_scipy().toarray() > 0
    emp = snap.edge_src[snap.edge_src < E]
    con = snap.edge_dst[snap.edge_src < E]
    got = colleagues_knowing(snap, emp, con)
    for e, c, k in zip(emp, con, got, strict=True):
        others = sum(1 for x in range(E) if x != e and x != c and A[x, c])
        assert k == others


def test_colleagues_knowing_checks_lengths():
    snap = NetworkSnapshot.from_edges([1], [2], [0], [1])
    with pytest.raises(ValueError, match="differ in length"):
        colleagues_knowing(snap, [0], [1, 1])
