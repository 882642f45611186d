"""The job-lead fit: Rajkumar et al.'s inverted U over mutual connections, weaker intensity better."""

from __future__ import annotations

import math

import numpy as np
import pytest

from weakties.network.job_leads import (
    MUTUAL_PEAK,
    intensity_fit,
    job_score,
    mutual_fit,
    mutual_peak,
)


def test_the_inverted_u_peaks_at_the_documented_value_near_ten():
    m = np.arange(0, 200)
    fit = mutual_fit(m)
    assert MUTUAL_PEAK == 10.0
    assert int(m[fit.argmax()]) == 10 and fit.max() == pytest.approx(1.0)
    peak = int(fit.argmax())
    assert np.all(np.diff(fit[: peak + 1]) > 0) and np.all(np.diff(fit[peak:]) < 0)


def test_the_peak_scales_with_how_complete_the_data_is():
    assert mutual_peak(1.0) == 10.0
    assert mutual_peak(0.4) == pytest.approx(4.0)
    assert mutual_peak(0.0) == 1.0  # never below one mutual connection
    assert mutual_peak(2.0) == 10.0
    fit = mutual_fit(np.arange(0, 30), peak=mutual_peak(0.4))
    assert int(fit.argmax()) == 4
    with pytest.raises(ValueError, match="completeness"):
        mutual_peak(float("nan"))


def test_weaker_intensity_is_better_for_job_leads_monotonically():
    s = np.linspace(0, 1, 11)
    fit = intensity_fit(s)
    assert np.all(np.diff(fit) < 0)
    assert fit[0] == 1.0 and fit[-1] == pytest.approx(0.5)
    assert intensity_fit([math.nan])[0] == pytest.approx(0.75)  # unknown: the middle


def test_job_score_is_the_product_written_out():
    m, s = 4, 0.3
    want = math.exp(-0.5 * (math.log((m + 1) / 11)) ** 2) * (1 - 0.5 * s)
    assert job_score([m], [s])[0] == pytest.approx(want)
    with pytest.raises(ValueError, match="mutual has 2 values"):
        job_score([1, 2], [0.1])
