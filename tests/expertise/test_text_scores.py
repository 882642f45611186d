"""The finder's text match, scored by the database, against a reference computed here.

The database sends only the best ``10 × limit`` (at least 50) matches of a
query; every other colleague scores at most the last one read.  These tests
make that cut matter: 150 colleagues hold the same words, many with equal
scores, some have left (still in the index) and the searcher is left out,
and the hits must be exactly those that scoring every colleague's profile
here gives (:func:`reference`, the finder's definition written plainly).
"""

from __future__ import annotations

import math

import pytest

from weakties.accounts.models import Employee
from weakties.accounts.services.organisations import organisation_create
from weakties.expertise.models import IndexState, ProfileTerm
from weakties.expertise.selectors.finder import expertise_search
from weakties.expertise.services.index import index_ensure
from weakties.expertise.services.profiles import profile_update
from weakties.expertise.terms import FIELD_WEIGHT, query_terms
from weakties.people.services.directory import directory_import

pytestmark = pytest.mark.django_db

TITLES = ("Planner", "Senior planner", "Logistiek planner", "Inkoper")
DEPARTMENTS = ("Planning", "Logistiek", "Inkoop")


@pytest.fixture
def planners(tmp_path):
    org = organisation_create(name="Planners BV")
    rows = ["email,first_name,last_name,department,job_title,location,manager_email"]
    rows += [
        f"p{i:03d}@planners.nl,P,{i:03d},{DEPARTMENTS[i % 3]},{TITLES[i % 4]},Breda,"
        for i in range(150)
    ]
    (tmp_path / "d.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    assert directory_import(path=tmp_path / "d.csv", organisation=org).ok
    staff = list(Employee.objects.filter(organisation=org).order_by("pk"))
    for i, e in enumerate(staff[::7]):
        profile_update(employee=e, skills=["planning", "python"][: 1 + i % 2])
    for e in staff[3::11]:
        profile_update(employee=e, focus_topics=["logistiek"])
    index_ensure(organisation=org)
    return org, staff


def reference(org, query: str, limit: int, exclude: int | None = None) -> list[tuple[int, float]]:
    """``(employee, score)`` of the hits: every active colleague's match, scored here."""
    return [(e, round(min(score, 1.0), 4)) for e, score in exact(org, query, limit, exclude)]


def exact(org, query: str, limit: int, exclude: int | None = None) -> list[tuple[int, float]]:
    """:func:`reference` with the scores as summed here (not rounded)."""
    terms = query_terms(query)
    holders: dict[str, dict[int, float]] = {}
    for e, term, field in ProfileTerm.objects.filter(organisation=org, term__in=terms).values_list(
        "employee_id", "term", "field"
    ):
        weight = FIELD_WEIGHT.get(field, 0.5)
        holders.setdefault(term, {})
        holders[term][e] = max(holders[term].get(e, 0.0), weight)
    n = max(IndexState.objects.get(organisation=org).employees, 1)
    idf = {t: math.log(1 + n / len(h)) for t, h in holders.items()}
    total = sum(idf.values())
    scores: dict[int, float] = {}
    for t, h in holders.items():
        for e, weight in h.items():
            scores[e] = scores.get(e, 0.0) + weight * idf[t] / total
    active = dict(
        Employee.objects.filter(organisation=org, active=True).values_list("pk", "last_name")
    )
    ranked = sorted(
        (e for e in scores if e in active and e != exclude), key=lambda e: (-scores[e], e)
    )[:limit]
    ranked.sort(key=lambda e: (-scores[e], f"P {active[e]}", e))
    return [(e, scores[e]) for e in ranked]


def found(org, query: str, limit: int, searcher=None) -> list[tuple[int, float]]:
    hits = expertise_search(organisation=org, query=query, limit=limit, searcher=searcher)
    return [(h.employee["id"], h.as_dict()["score"]) for h in hits]


QUERIES = ("planner", "senior planner", "planning python", "logistiek", "inkoper planning")


@pytest.mark.parametrize("query", QUERIES)
@pytest.mark.parametrize("limit", [1, 3, 20])
def test_the_hits_are_the_best_matches_of_every_colleague(planners, query, limit):
    org, _staff = planners
    assert found(org, query, limit) == reference(org, query, limit)


def test_the_scores_are_the_sums_rounded_to_12_decimals(planners):
    """Each hit's text score is its exact sum rounded to 12 decimals: half a unit off at most."""
    org, _staff = planners
    for query in QUERIES:
        hits = expertise_search(organisation=org, query=query, limit=20)
        expected = exact(org, query, 20)
        assert [h.employee["id"] for h in hits] == [e for e, _score in expected]
        for hit, (_e, score) in zip(hits, expected, strict=True):
            assert abs(hit.text - score) <= 0.5e-12 + 1e-15, (query, hit.text, score)
            assert hit.text == round(hit.text, 12)


@pytest.mark.parametrize("query", QUERIES)
def test_colleagues_who_left_and_the_searcher_do_not_hide_the_next_best(planners, query):
    """The best matches read first have all left: the search reads on and finds the rest."""
    org, staff = planners
    # they leave without a directory import: the index still holds them
    Employee.objects.filter(pk__in=[e.pk for e in staff[:90]]).update(active=False)
    searcher = staff[95]
    for limit in (1, 5):
        expected = reference(org, query, limit, exclude=searcher.pk)
        assert expected, "the reference finds someone"
        assert found(org, query, limit, searcher=searcher) == expected


def test_a_word_everyone_holds_ranks_the_rarer_field_first(planners):
    """'planner' is in 112 job titles; the colleagues with the skill 'planning' come first."""
    org, staff = planners
    hits = found(org, "planning", 5)
    skilled = set(
        ProfileTerm.objects.filter(organisation=org, field="skill").values_list(
            "employee_id", flat=True
        )
    )
    assert hits and all(e in skilled for e, _score in hits)
    assert hits == reference(org, "planning", 5)


def test_equal_matches_summed_in_another_order_tie_and_rank_by_name(tmp_path):
    """Two colleagues hold the same three equally rare words, two of them in swapped fields.

    Added in the query's term order their scores are one unit in the last place apart
    (checked here); rounded to 12 decimals they are equal, and equal scores rank by name.
    Unrounded, the second by name would come first.
    """
    org = organisation_create(name="Ties BV")
    rows = ["email,first_name,last_name,department,job_title,location,manager_email"]
    rows += [
        "zed@ties.nl,Zed,Xander,Zorblat,Vantor,Breda,",  # vantor: title, zorblat: department
        "aaron@ties.nl,Aaron,Young,Vantor,Zorblat,Breda,",  # the other way round
        "c@ties.nl,Cas,Other,Sales,Verkoper,Breda,",
        "d@ties.nl,Dirk,Other,Sales,Verkoper,Breda,",
    ]
    (tmp_path / "d.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    assert directory_import(path=tmp_path / "d.csv", organisation=org).ok
    zed, aaron = (Employee.objects.get(email=e) for e in ("zed@ties.nl", "aaron@ties.nl"))
    for e in (zed, aaron):
        profile_update(employee=e, skills=["quimex"])
    index_ensure(organisation=org)
    query = "quimex vantor zorblat"
    assert sorted(query_terms(query)) == ["quimex", "vantor", "zorblat"]
    # the precondition: the two sums differ before rounding (weights in the terms' order)
    idf = math.log(1 + 4 / 2)
    share = idf / (idf + idf + idf)
    zed_sum = 1.0 * share + FIELD_WEIGHT["title"] * share + FIELD_WEIGHT["department"] * share
    aaron_sum = 1.0 * share + FIELD_WEIGHT["department"] * share + FIELD_WEIGHT["title"] * share
    assert zed_sum > aaron_sum and round(zed_sum, 12) == round(aaron_sum, 12)
    hits = expertise_search(organisation=org, query=query)
    assert [h.employee["id"] for h in hits] == [aaron.pk, zed.pk]
    assert hits[0].score == hits[1].score == round(zed_sum, 12)
