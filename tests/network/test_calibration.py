"""Calibration: logistic regression recovers known weights from synthetic outcomes."""

from __future__ import annotations

import numpy as np
import pytest

from weakties.network import FEATURES, StrengthWeights
from weakties.network.calibration import calibrate, simulate_outcomes

#: Coefficients the synthetic outcomes are drawn from (log-odds per unit of score).
TRUE = {"recency": 3.0, "rating": 2.0, "interactions": 1.0, "duration": 0.5}
#: Recovery tolerance: each coefficient within 0.35 of the truth at 20,000 outcomes
#: (the standard errors there are about 0.06-0.08; 0.35 is over four of them).
TOLERANCE = 0.35


def test_known_coefficients_are_recovered_within_the_stated_tolerance():
    scores, y = simulate_outcomes(TRUE, n=20_000, intercept=-3.0, seed=3)
    fit = calibrate(scores, y, seed=3)
    assert fit.fitted and fit.reason == "fitted" and fit.outcomes == 20_000
    for name, beta in TRUE.items():
        assert fit.coefficients[name] == pytest.approx(beta, abs=TOLERANCE), name
    assert fit.intercept == pytest.approx(-3.0, abs=TOLERANCE)
    # the weights are the coefficients scaled to the prior's total weight: their ratios recovered
    total = StrengthWeights().total_weight()
    assert sum(fit.weights.values()) == pytest.approx(total)
    assert fit.weights["recency"] / fit.weights["rating"] == pytest.approx(1.5, rel=0.2)
    assert fit.weights["mutual"] == 0.0  # not among the scores: not fitted, weight 0
    assert 0.6 < fit.auc < 0.9
    # calibrated: the predicted and observed shares agree in every fifth
    for b in fit.calibration:
        assert b["predicted"] == pytest.approx(b["observed"], abs=0.03)


def test_recovery_survives_missing_features():
    scores, y = simulate_outcomes(TRUE, n=20_000, intercept=-3.0, missing=0.2, seed=4)
    fit = calibrate(scores, y, seed=4)
    # unknown scores are set to the mean, which biases each coefficient towards 0 a little
    for name, beta in TRUE.items():
        assert fit.coefficients[name] == pytest.approx(beta, abs=2 * TOLERANCE), name
    assert fit.coefficients["recency"] > fit.coefficients["rating"] > fit.coefficients["duration"]


def test_too_little_data_keeps_the_hand_weights_and_says_why():
    scores, y = simulate_outcomes(TRUE, n=30, seed=1)
    fit = calibrate(scores, y)
    prior = {name: getattr(StrengthWeights(), name) for name in FEATURES}
    assert not fit.fitted and fit.reason == "too_few_outcomes" and fit.weights == prior
    scores, y = simulate_outcomes(TRUE, n=500, intercept=-12.0, seed=1)  # almost no positives
    assert y.sum() < 10
    fit = calibrate(scores, y)
    assert not fit.fitted and fit.reason == "too_few_of_one_kind"
    assert fit.as_dict()["auc"] is None


def test_a_fixed_feature_keeps_its_prior_weight():
    scores, y = simulate_outcomes(TRUE, n=5_000, intercept=-3.0, seed=2)
    fit = calibrate(scores, y, fixed=("rating",), seed=2)
    assert "rating" not in fit.coefficients
    assert fit.weights["rating"] == StrengthWeights().rating
    assert sum(fit.weights.values()) == pytest.approx(StrengthWeights().total_weight())


def test_a_feature_that_lowers_the_odds_gets_weight_zero():
    scores, y = simulate_outcomes({"recency": 3.0, "duration": -2.0}, n=5_000, seed=5)
    fit = calibrate(scores, y, seed=5)
    assert fit.negative == ["duration"] and fit.weights["duration"] == 0.0


def test_bad_outcomes_are_refused():
    with pytest.raises(ValueError, match="0 or 1"):
        calibrate({"recency": np.zeros(3)}, [0, 1, 2])
    with pytest.raises(ValueError, match="unknown features"):
        calibrate({"charm": np.zeros(3)}, [0, 1, 1])
