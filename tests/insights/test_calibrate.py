"""`weakties analyze --calibrate [--json]`: fitted weights, AUC and outcomes, or the prior and why."""

from __future__ import annotations

import json

import pytest

from tests.factories import acme
from weakties.cli.main import main
from weakties.people.models import Tie, TieRank

pytestmark = pytest.mark.django_db


def test_with_too_few_outcomes_the_hand_weights_stay_and_it_says_so(capsys):
    acme()
    assert main(["analyze", "--calibrate", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)["calibration"]
    assert out["fitted"] is False and out["reason"] in ("too_few_outcomes", "too_few_of_one_kind")
    assert out["weights"] == out["prior"] and out["prior"]["recency"] == 4.0
    assert {"weights", "auc", "outcomes", "positives", "calibration"} <= set(out)
    assert main(["analyze", "--calibrate"]) == 0
    text = " ".join(capsys.readouterr().out.split())
    assert "hand weights stay" in text or "handgewichten blijven" in text


def test_accepted_and_declined_introductions_are_outcomes_and_the_fit_is_reported(capsys):
    acme()
    ties = list(Tie.objects.order_by("id").values_list("id", flat=True))
    for k, pk in enumerate(ties):
        Tie.objects.filter(pk=pk).update(intros_accepted=k + 1, intros_declined=len(ties) - k)
    sharing = set(TieRank.objects.values_list("tie_id", flat=True))  # sharing employees' ties
    assert sharing
    assert main(["analyze", "--calibrate", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)["calibration"]
    assert out["outcomes"] == (len(ties) + 1) * len(sharing)
    assert out["positives"] == sum(k + 1 for k, pk in enumerate(ties) if pk in sharing)
    assert out["fitted"] is True and 0.0 <= out["auc"] <= 1.0
    assert sum(out["weights"].values()) == pytest.approx(sum(out["prior"].values()))
    assert main(["analyze", "--calibrate"]) == 0
    text = " ".join(capsys.readouterr().out.split())
    assert "AUC" in text and str(out["outcomes"]) in text
