"""Calibration over several kinds of outcome: counted per kind, one intercept per kind."""

from __future__ import annotations

import numpy as np
import pytest

from weakties.network.calibration import calibrate, simulate_outcomes

TOLERANCE = 0.35  # as in test_calibration: over four standard errors at these sizes


def _pooled(*parts: tuple[str, dict[str, np.ndarray], np.ndarray]):
    """Concatenate ``(source, scores, outcomes)`` sets into one."""
    names = parts[0][1].keys()
    scores = {k: np.concatenate([p[1][k] for p in parts]) for k in names}
    y = np.concatenate([p[2] for p in parts])
    source = np.concatenate([np.full(p[2].size, p[0], dtype=object) for p in parts])
    return scores, y, source


def test_outcomes_are_counted_per_kind_and_each_kind_gets_its_intercept():
    truth = {"recency": 3.0, "interactions": 1.0}
    intros = simulate_outcomes(truth, n=12_000, intercept=-1.0, seed=11)
    referrals = simulate_outcomes(truth, n=12_000, intercept=-3.5, seed=12)
    scores, y, source = _pooled(("introductions", *intros), ("referrals", *referrals))
    fit = calibrate(scores, y, source=source, seed=1)
    assert fit.sources == {
        "introductions": {"outcomes": 12_000, "positives": int(intros[1].sum())},
        "referrals": {"outcomes": 12_000, "positives": int(referrals[1].sum())},
    }
    assert fit.source_intercepts["introductions"] == pytest.approx(-1.0, abs=TOLERANCE)
    assert fit.source_intercepts["referrals"] == pytest.approx(-3.5, abs=TOLERANCE)
    assert fit.intercept == fit.source_intercepts["introductions"]  # the first kind's
    for name, beta in truth.items():
        assert fit.coefficients[name] == pytest.approx(beta, abs=TOLERANCE), name
    assert set(fit.auc_by_source) == {"introductions", "referrals"}
    assert all(0.6 < auc < 0.9 for auc in fit.auc_by_source.values())
    out = fit.as_dict()
    assert out["sources"] == fit.sources and set(out["source_intercepts"]) == set(fit.sources)


def test_a_kind_base_rate_is_not_taken_for_a_feature_weight():
    # introductions are accepted 3 times in 4 and go through recent ties; referrals end in a
    # hire 1 time in 6 and go through old ties.  Within each kind recency says nothing.
    rng = np.random.default_rng(5)
    recency = np.concatenate([rng.uniform(0.5, 1.0, 4000), rng.uniform(0.0, 0.5, 4000)])
    y = np.concatenate([rng.random(4000) < 0.75, rng.random(4000) < 1 / 6]).astype(float)
    source = np.array(["introductions"] * 4000 + ["referrals"] * 4000, dtype=object)
    pooled = calibrate({"recency": recency}, y, seed=5)  # without the kinds: a spurious weight
    assert pooled.coefficients["recency"] > 3.0
    fit = calibrate({"recency": recency}, y, source=source, seed=5)
    assert fit.coefficients["recency"] == pytest.approx(0.0, abs=0.5)
    assert fit.auc_by_source["referrals"] == pytest.approx(0.5, abs=0.06)


def test_when_only_referrals_carry_signal_the_fit_finds_it_there():
    intros = simulate_outcomes({"recency": 0.0}, n=6000, intercept=0.5, seed=21)
    referrals = simulate_outcomes({"recency": 4.0}, n=6000, intercept=-2.5, seed=22)
    scores, y, source = _pooled(("introductions", *intros), ("referrals", *referrals))
    fit = calibrate(scores, y, source=source, seed=2)
    # the shared weight is between the two kinds' (0 and 4), and clearly above 0
    assert 1.0 < fit.coefficients["recency"] < 4.0
    assert fit.auc_by_source["introductions"] == pytest.approx(0.5, abs=0.05)
    assert fit.auc_by_source["referrals"] > 0.68
    # referrals alone recover the weight they were drawn from
    alone = calibrate(*referrals, source=["referrals"] * 6000, seed=2)
    assert alone.coefficients["recency"] == pytest.approx(4.0, abs=TOLERANCE)
    assert alone.source_intercepts == {}  # one kind: one intercept, as before


def test_a_kind_with_one_class_only_has_no_auc_of_its_own():
    intros = simulate_outcomes({"recency": 3.0}, n=2000, intercept=-1.5, seed=31)
    hired = ({"recency": np.linspace(0, 1, 40)}, np.ones(40))
    scores, y, source = _pooled(("introductions", *intros), ("referrals", *hired))
    fit = calibrate(scores, y, source=source, seed=3)
    assert fit.auc_by_source["referrals"] is None
    assert fit.auc_by_source["introductions"] > 0.6
    assert fit.sources["referrals"] == {"outcomes": 40, "positives": 40}


def test_too_few_outcomes_of_all_kinds_together_keep_the_hand_weights_and_are_counted():
    scores, y = simulate_outcomes({"recency": 3.0}, n=49, seed=1)
    source = ["referrals"] * 20 + ["introductions"] * 29
    fit = calibrate(scores, y, source=source)
    assert not fit.fitted and fit.reason == "too_few_outcomes" and fit.weights == fit.prior
    assert fit.sources["referrals"]["outcomes"] == 20
    assert fit.sources["introductions"]["outcomes"] == 29
    with pytest.raises(ValueError, match="sources for"):
        calibrate(scores, y, source=source[:-1])
