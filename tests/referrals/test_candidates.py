"""Referral candidates: the matching engine × the purpose-aware tie ranking (job: moderately weak first)."""

from __future__ import annotations

import pytest

from weakties.accounts.models import Employee
from weakties.people.services.consent import consent_withdraw
from weakties.referrals.models import Suggestion, Vacancy
from weakties.referrals.selectors import candidate_rows
from weakties.referrals.services.candidates import candidates_refresh
from weakties.referrals.services.tie_table import block, tie_table_load
from weakties.referrals.services.vacancies import vacancy_create

from .conftest import JAN, SECRETS

pytestmark = pytest.mark.django_db


@pytest.fixture
def python(orgs):
    brouwer, _kiwi = orgs
    return vacancy_create(
        organisation=brouwer,
        title="Python developer",
        description="Backend in Python en Django voor onze webshop",
        location="Utrecht",
        level="medior",
    )


def _names(vacancy: Vacancy) -> list[tuple[str, str]]:
    return [(r["contact"]["name"], r["employee"]) for r in candidate_rows(vacancy)]


def test_a_contact_known_by_two_colleagues_comes_through_the_moderately_weak_tie(python):
    candidates_refresh(vacancies=[python])
    rows = _names(python)
    assert ("Lars Visser", "emma.engineer@brouwer.nl") in rows
    assert ("Lars Visser", JAN) not in rows  # one line per contact: Jan's tie to Lars is strong


def test_moderately_weak_ties_rank_before_strong_ones_for_a_job(python):
    candidates_refresh(vacancies=[python])
    rows = candidate_rows(python)
    names = [r["contact"]["name"] for r in rows]
    # Lars and Noor are both Python developers; Emma knows Lars moderately weakly, Noor strongly.
    assert names.index("Lars Visser") < names.index("Noor Bakker")
    lars, noor = rows[names.index("Lars Visser")], rows[names.index("Noor Bakker")]
    assert lars["score"] > noor["score"]
    assert lars["match"] == pytest.approx(noor["match"])
    assert "Rajkumar" in lars["why"]
    # Fleur (senior software engineer) fits less well by position, but through a moderately weak
    # tie she still ranks above Noor, whom only a strong tie reaches.
    assert names.index("Fleur de Wit") < names.index("Noor Bakker")


def test_unrelated_positions_and_colleagues_are_not_candidates(python):
    candidates_refresh(vacancies=[python])
    names = [name for name, _who in _names(python)]
    assert "Kees Smit" not in names  # a store manager
    assert not any("Brouwer" in r["contact"]["company"] for r in candidate_rows(python))


def test_other_organisations_networks_never_count(python):
    candidates_refresh(vacancies=[python])
    assert "Piet Kiwi" not in [name for name, _who in _names(python)]


def test_candidates_carry_no_contact_details(python):
    candidates_refresh(vacancies=[python])
    rows = candidate_rows(python)
    assert rows
    text = repr(rows)
    for secret in SECRETS:
        assert secret not in text
    assert set(rows[0]["contact"]) == {"id", "name", "company", "position"}


def test_a_withdrawn_consent_takes_the_colleagues_suggestions_away(python):
    candidates_refresh(vacancies=[python])
    assert Suggestion.objects.filter(vacancy=python, employee__email=JAN).exists()
    consent_withdraw(employee=Employee.objects.get(email=JAN))
    assert not Suggestion.objects.filter(vacancy=python, employee__email=JAN).exists()
    candidates_refresh(vacancies=[python])
    assert JAN not in [who for _name, who in _names(python)]


def test_an_employee_who_left_is_not_suggested(python):
    Employee.objects.filter(email=JAN).update(active=False)
    table = tie_table_load(organisation=python.organisation)
    table.read(range(len(table.positions)))
    jan = Employee.objects.get(email=JAN)
    assert jan.pk not in set(table.employee.tolist())


def test_closed_vacancies_get_no_candidates(python):
    python.status = "closed"
    python.save()
    assert candidates_refresh(vacancies=[python])[python.pk] == []


def test_blocking_finds_positions_of_the_same_family_without_shared_words(orgs):
    brouwer, _kiwi = orgs
    vacancy = vacancy_create(organisation=brouwer, title="Softwareontwikkelaar")
    from weakties.referrals.services.candidates import as_request

    table = tie_table_load(organisation=brouwer)
    found = {table.positions[c] for c in block(table, as_request(vacancy)).tolist()}
    assert "Python developer" in found
    assert "Bedrijfsleider" not in found


def test_many_vacancies_read_the_ties_once(orgs):
    brouwer, _kiwi = orgs
    vacancies = [
        vacancy_create(organisation=brouwer, title=title)
        for title in ("Python developer", "Software engineer", "Verpleegkundige")
    ]
    found = candidates_refresh(vacancies=vacancies)
    assert set(found) == {v.pk for v in vacancies}
    assert found[vacancies[0].pk] and found[vacancies[1].pk]
    assert found[vacancies[2].pk] == []
