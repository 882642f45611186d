"""`weakties analyze --calibrate` learns from referrals linked to the referrer's tie.

Jan (who shares his network) gets 800 more contacts, each last mailed a known
number of days ago, and refers each of them once.  Whether a referral ended
well (interview or better) or not (not hired, no response) is drawn from a
known logistic model of the tie's recency score.  Nothing else carries an
outcome, so the fit must find the weight in the referrals alone.
"""

from __future__ import annotations

import datetime as dt
import json

import numpy as np
import pytest

from tests.factories import acme, employee
from weakties.cli.main import main
from weakties.insights.services.calibration import calibration_fit as fit_outcomes
from weakties.network.calibration import calibrate
from weakties.people.models import Person, Tie
from weakties.referrals.models import Referral, Stage, Vacancy
from weakties.referrals.selectors import referral_outcomes

pytestmark = pytest.mark.django_db

#: The model the referral outcomes are drawn from: logit = INTERCEPT + WEIGHT * recency score.
INTERCEPT, WEIGHT = -2.0, 4.0
N = 800
HALF_LIFE = 180.0  # StrengthWeights.recency_half_life
GOOD = (Stage.HIRED, Stage.OFFER, Stage.INTERVIEW)


def _people(n: int, tag: str) -> list[Person]:
    return Person.objects.bulk_create(
        Person(first_name=f"Kandidaat{tag}{k}", last_name="Test") for k in range(n)
    )


def _referrals(org, today: dt.date, n: int = N, seed: int = 7):
    """Jan's ``n`` new ties and one ended referral on each; the recency scores and outcomes."""
    rng = np.random.default_rng(seed)
    jan = employee("jan.vandenberg@acme.nl")
    days = rng.integers(0, 900, size=n)
    ties = Tie.objects.bulk_create(
        Tie(
            employee=jan,
            person=p,
            sources=["outlook"],
            last_interaction=today - dt.timedelta(days=int(d)),
        )
        for p, d in zip(_people(n, "r"), days.tolist(), strict=True)
    )
    score = 0.5 ** (days / HALF_LIFE)
    y = (rng.random(n) < 1 / (1 + np.exp(-(INTERCEPT + WEIGHT * score)))).astype(float)
    vacancy = Vacancy.objects.create(organisation=org, title="Python developer")
    Referral.objects.bulk_create(
        _referral(vacancy, jan, tie, good=bool(good), k=k, today=today)
        for k, (tie, good) in enumerate(zip(ties, y.tolist(), strict=True))
    )
    return vacancy, score, y


def calibration_fit(*, organisation, today):
    """The calibration with the referrals, as ``weakties analyze --calibrate`` runs it."""
    more = [referral_outcomes(organisation=organisation, today=today)]
    return fit_outcomes(organisation=organisation, today=today, more=more)


def _referral(vacancy, referrer, tie, *, good: bool, k: int, today: dt.date, **extra):
    if good:
        stage, valid_until = GOOD[k % 3], today
    elif k % 3 == 0:  # no response: still referred after its validity
        stage, valid_until = Stage.REFERRED, today - dt.timedelta(days=1)
    elif k % 3 == 1:  # contacted, and nothing after its validity
        stage, valid_until = Stage.CONTACTED, today - dt.timedelta(days=1)
    else:
        stage, valid_until = Stage.NOT_HIRED, today
    fields = {
        "vacancy": vacancy,
        "referrer": referrer,
        "name": "Cas Kandidaat",
        "email": f"cas{k}@example.org",
        "email_digest": f"{k:040d}",
        "stage": stage,
        "valid_until": valid_until,
        "tie": tie,
    }
    return Referral(**(fields | extra))


def _left_out_extras(org, vacancy, today: dt.date) -> None:
    """7 referrals of people the referrer has no tie with, 2 through a network not shared,
    3 still in progress."""
    jan, not_sharing = employee("jan.vandenberg@acme.nl"), _not_sharing(org)
    hidden = Tie.objects.bulk_create(Tie(employee=not_sharing, person=p) for p in _people(2, "h"))
    rows = [_referral(vacancy, jan, None, good=True, k=1000 + k, today=today) for k in range(7)]
    rows += [
        _referral(vacancy, not_sharing, t, good=True, k=2000 + k, today=today)
        for k, t in enumerate(hidden)
    ]
    open_ties = Tie.objects.filter(employee=jan).order_by("pk")[:3]
    rows += [
        _referral(vacancy, jan, t, good=True, k=3000 + k, today=today, stage=stage)
        for k, (t, stage) in enumerate(
            zip(open_ties, (Stage.REFERRED, Stage.CONTACTED, Stage.REFERRED), strict=True)
        )
    ]
    Referral.objects.bulk_create(rows)


def _not_sharing(org):
    from weakties.accounts.models import Employee

    found = [
        e for e in Employee.objects.filter(organisation=org).order_by("pk") if not e.has_consent()
    ]
    assert found
    return found[0]


def test_referral_outcomes_alone_recover_a_known_weight():
    org = acme()
    today = dt.date.today()
    vacancy, score, y = _referrals(org, today)
    _left_out_extras(org, vacancy, today)
    fit = calibration_fit(organisation=org, today=today)
    assert fit.fitted and fit.sources["referrals"] == {
        "outcomes": N,
        "positives": int(y.sum()),
    }
    assert fit.sources["introductions"] == {"outcomes": 0, "positives": 0}
    assert fit.sources["ratings"] == {"outcomes": 0, "positives": 0}
    assert fit.outcomes == N
    # recency is the only feature that varies over these ties: the fit is the pure one's
    pure = calibrate({"recency": score}, y)
    assert fit.coefficients == pytest.approx(pure.coefficients, abs=1e-6)
    assert list(fit.coefficients) == ["recency"]
    # and it recovers the weight the outcomes were drawn from (standard error about 0.3)
    assert fit.coefficients["recency"] == pytest.approx(WEIGHT, abs=1.0)
    assert fit.intercept == pytest.approx(INTERCEPT, abs=0.6)
    assert fit.left_out == {
        "referrals_without_tie": 7,
        "referrals_not_shared": 2,
        "referrals_in_progress": 3,
    }


def test_a_referral_of_someone_without_a_tie_is_not_an_outcome():
    org = acme()
    today = dt.date.today()
    vacancy, _score, _y = _referrals(org, today, n=60)
    before = calibration_fit(organisation=org, today=today)
    jan = employee("jan.vandenberg@acme.nl")
    Referral.objects.bulk_create(
        _referral(vacancy, jan, None, good=k % 2 == 0, k=5000 + k, today=today) for k in range(40)
    )
    after = calibration_fit(organisation=org, today=today)
    assert after.outcomes == before.outcomes == 60
    assert after.sources == before.sources
    assert after.left_out["referrals_without_tie"] == 40 + before.left_out["referrals_without_tie"]
    assert after.coefficients == before.coefficients


def test_below_the_minimum_of_outcomes_referrals_keep_the_hand_weights():
    org = acme()
    today = dt.date.today()
    _referrals(org, today, n=30)
    fit = calibration_fit(organisation=org, today=today)
    assert not fit.fitted and fit.reason == "too_few_outcomes"
    assert fit.weights == fit.prior and fit.sources["referrals"]["outcomes"] == 30


def test_the_json_keeps_its_keys_and_adds_the_kinds_and_the_referrals_left_out(capsys):
    org = acme()
    today = dt.date.today()
    vacancy, _score, y = _referrals(org, today, n=300)
    _left_out_extras(org, vacancy, today)
    assert main(["analyze", "--calibrate", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)["calibration"]
    kept = {
        "fitted", "reason", "outcomes", "positives", "weights", "prior", "coefficients",
        "intercept", "auc", "brier", "calibration", "negative", "skipped",
    }  # fmt: skip
    added = {"sources", "source_intercepts", "auc_by_source", "left_out"}
    assert set(out) == kept | added
    assert out["fitted"] is True and out["outcomes"] == 300
    assert list(out["sources"]) == ["introductions", "ratings", "referrals"]
    assert out["sources"]["referrals"] == {"outcomes": 300, "positives": int(y.sum())}
    assert out["left_out"] == {
        "referrals_without_tie": 7,
        "referrals_not_shared": 2,
        "referrals_in_progress": 3,
    }
    assert set(out["auc_by_source"]) == {"referrals"} and out["auc_by_source"]["referrals"] > 0.6
    assert main(["analyze", "--calibrate"]) == 0
    text = " ".join(capsys.readouterr().out.split())
    positives = out["sources"]["referrals"]["positives"]
    assert f"300 ({positives} " in text  # the referrals' outcomes, and how many were positive
    assert "Referrals left out: 7 " in text or "Doorverwijzingen weggelaten: 7 " in text
