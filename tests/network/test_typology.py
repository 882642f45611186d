"""Typology: ranks, axes, thresholds and each placement's explanation."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.stats import percentileofscore

from weakties.network import TYPES, TypologyConfig, seniority_from_title, typology
from weakties.network.typology import percentile_rank, scaled

HYP = settings(max_examples=100, deadline=None)


@HYP
@given(st.lists(st.one_of(st.just(math.nan), st.integers(0, 6).map(float)), max_size=30))
def test_percentile_rank_is_the_mean_of_weak_and_strict_percentiles(values):
    got = percentile_rank(values)
    known = [v for v in values if not math.isnan(v)]
    for k, v in enumerate(values):
        if math.isnan(v):
            assert math.isnan(got[k])
        else:
            # (rank - 0.5) / n with average ranks == mean of "<" and "<=" shares
            below = sum(x < v for x in known) / len(known)
            at_or_below = sum(x <= v for x in known) / len(known)
            assert got[k] == pytest.approx((below + at_or_below) / 2)
            assert got[k] == pytest.approx(percentileofscore(known, v, kind="mean") / 100)


def test_four_quadrants_by_hand():
    t = typology(
        skills=[10, 1, 8, 0],
        seniority=[0.85, 0.2, 0.7, 0.2],
        efficiency=[0.8, 0.9, 0.2, 0.3],
        diversity=[0.9, 0.8, 0.2, 0.1],
    )
    assert t.labels() == ["t_shaper", "butterfly", "lone_star", "emerging"]
    # depth of employee 0: skills 10/SKILLS_FULL = 1, seniority 0.85, on fixed scales
    assert t.depth[0] == pytest.approx((1.0 + 0.85) / 2)
    assert t.breadth[1] == pytest.approx((0.9 + 0.8) / 2)
    assert (t.depth_threshold, t.breadth_threshold) == (0.5, 0.5)


def test_a_type_does_not_depend_on_who_else_is_in_the_organisation():
    """Fixed scales: the same person gets the same type among experts or among juniors
    (the old median split made half of any organisation 'broad' by construction)."""
    me = dict(skills=4, seniority=0.7, efficiency=0.6, diversity=0.7)
    crowds = [
        dict(skills=20, seniority=1.0, efficiency=0.95, diversity=0.95),
        dict(skills=0, seniority=0.0, efficiency=0.1, diversity=0.1),
    ]
    placed = set()
    for crowd in crowds:
        columns = {k: [me[k]] + [crowd[k]] * 9 for k in me}
        t = typology(**columns)
        placed.add((t.labels()[0], round(float(t.depth[0]), 9), round(float(t.breadth[0]), 9)))
    assert len(placed) == 1 and next(iter(placed))[0] == "t_shaper"
    everyone_broad = typology(skills=[5] * 8, efficiency=[0.9] * 8, diversity=[0.8] * 8)
    assert set(everyone_broad.labels()) == {"t_shaper"}  # no quota of types


@HYP
@given(
    st.integers(2, 25).flatmap(
        lambda n: st.tuples(
            *[
                st.lists(st.one_of(st.just(math.nan), st.floats(0, 30)), min_size=n, max_size=n)
                for _ in range(5)
            ]
        )
    ),
    st.floats(0.1, 0.9),
)
def test_type_follows_from_axis_scores_and_thresholds(inputs, cut):
    skills, seniority, endorsements, efficiency, diversity = inputs
    cfg = TypologyConfig(depth_threshold=cut, breadth_threshold=cut)
    t = typology(
        skills=skills,
        seniority=seniority,
        endorsements=endorsements,
        efficiency=efficiency,
        diversity=diversity,
        config=cfg,
    )
    for k in range(len(skills)):
        d = [
            scaled(name, [x[k]])[0]
            for name, x in (
                ("skills", skills),
                ("seniority", seniority),
                ("endorsements", endorsements),
            )
        ]
        b = [
            scaled(name, [x[k]])[0]
            for name, x in (("efficiency", efficiency), ("diversity", diversity))
        ]
        d = [x for x in d if not math.isnan(x)]
        b = [x for x in b if not math.isnan(x)]
        if not d or not b:
            assert t.type[k] == -1 and t.labels()[k] == "unplaced"
            continue
        assert t.depth[k] == pytest.approx(sum(d) / len(d))
        assert t.breadth[k] == pytest.approx(sum(b) / len(b))
        assert 0.0 <= t.depth[k] <= 1.0 and 0.0 <= t.breadth[k] <= 1.0
        deep = t.depth[k] >= cut
        broad = t.breadth[k] >= cut
        want = {(True, True): "t_shaper", (False, True): "butterfly"}.get((deep, broad))
        want = want or ("lone_star" if deep else "emerging")
        assert TYPES[t.type[k]] == want
        why = t.explain(k)
        assert why["type"] == want and why["model"] == "weakties"
        assert why["depth_high"] == deep and why["breadth_high"] == broad


def test_weights_choose_what_counts():
    only_skills = TypologyConfig(
        depth_weights={"skills": 1.0, "seniority": 0.0, "endorsements": 0.0}
    )
    t = typology(
        skills=[10, 1, 5], seniority=[0.0, 1.0, 0.5], diversity=[0.5, 0.5, 0.5], config=only_skills
    )
    assert t.depth.tolist() == pytest.approx([1.0, 0.1, 0.5])
    both = typology(skills=[10, 1, 5], seniority=[0.0, 1.0, 0.5], diversity=[0.5] * 3)
    assert both.depth.tolist() == pytest.approx([0.5, 0.55, 0.5])


def test_explanation_names_inputs_scores_ranks_and_what_is_missing():
    t = typology(skills=[3, 9], seniority=[np.nan, 0.7], efficiency=[0.8, 0.1])
    why = t.explain(0)
    assert why["inputs"] == {"skills": 3.0, "seniority": None, "efficiency": 0.8}
    assert why["scores"] == {"skills": 0.3, "seniority": None, "efficiency": 0.8}
    assert why["ranks"]["skills"] == 0.25 and why["ranks"]["efficiency"] == 0.75
    assert why["missing"] == ["seniority"]
    assert why["strongest"] == "efficiency" and why["weakest"] == "skills"
    assert why["type"] == "butterfly"
    assert set(why) >= {"depth", "breadth", "depth_threshold", "breadth_threshold"}


def test_mismatched_lengths_and_no_inputs_are_refused():
    with pytest.raises(ValueError, match="same employees"):
        typology(skills=[1, 2], diversity=[0.5])
    with pytest.raises(ValueError, match="same employees"):
        typology()


def test_only_depth_known_leaves_everyone_unplaced():
    t = typology(skills=[1, 2, 3])
    assert t.labels() == ["unplaced"] * 3
    assert t.explain(0)["type"] == "unplaced"


@pytest.mark.parametrize(
    "title, score",
    [
        ("CEO", 1.0),
        ("Directeur Operations", 1.0),
        ("Vice President Sales", 1.0),
        ("Hoofd Inkoop", 0.85),
        ("Team Lead Platform", 0.85),
        ("Senior Data Engineer", 0.7),
        ("Sr. Accountant", 0.7),
        ("Medior ontwikkelaar", 0.4),
        ("Junior consultant", 0.7),  # the highest level that matches wins
        ("Junior developer", 0.2),
        ("Stagiair marketing", 0.0),
        ("Accountant", 0.4),
        ("", math.nan),
        (None, math.nan),
        ("   ", math.nan),
    ],
)
def test_seniority_from_title(title, score):
    got = seniority_from_title(title)
    assert (math.isnan(got) and math.isnan(score)) or got == score


def test_every_type_has_a_plain_meaning_in_its_explanation():
    from weakties.network import TYPE_MEANINGS

    t = typology(skills=[1, 9, 5, np.nan], diversity=[0.9, 0.1, 0.5, 0.5])
    for k in range(4):
        why = t.explain(k)
        assert why["meaning"] == TYPE_MEANINGS[why["type"]]
        if why["type"] != "unplaced":
            label = why["meaning"].split(":")[0].lower().replace("-", "_").replace(" ", "_")
            assert label == why["type"]
