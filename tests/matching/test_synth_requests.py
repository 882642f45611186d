"""The synthetic help-request generator: seeded, varied, valid."""

from collections import Counter

from weakties.matching import DEMAND_KINDS, SUPPLY_KINDS
from weakties.synth.requests import generate_requests


def test_same_seed_gives_the_same_requests():
    assert generate_requests(candidates=20, vacancies=10, seed=3) == generate_requests(
        candidates=20, vacancies=10, seed=3
    )
    assert generate_requests(candidates=20, seed=3) != generate_requests(candidates=20, seed=4)


def test_counts_kinds_and_ids():
    rs = generate_requests(
        candidates=30, surplus=5, vacancies=20, work_experience=2, seed=1, first_id=100
    )
    assert Counter(r.kind for r in rs) == {
        "candidate": 30,
        "surplus": 5,
        "vacancy": 20,
        "work-experience": 2,
    }
    assert [r.id for r in rs] == list(range(100, 157))
    assert {r.kind for r in rs} <= set(SUPPLY_KINDS + DEMAND_KINDS)


def test_requests_are_realistic_and_mixed_language():
    rs = generate_requests(candidates=400, surplus=50, vacancies=200, seed=2)
    assert all(r.title and r.text and r.org for r in rs)
    english = sum(
        1 for r in rs if " the " in r.text or "looking" in r.text or "experience" in r.text.lower()
    )
    assert 0.1 < english / len(rs) < 0.5
    assert all(r.date is not None and r.count >= 2 for r in rs if r.kind == "surplus")
    assert sum(1 for r in rs if not r.region) > 0
    assert len({r.region for r in rs}) > 50
