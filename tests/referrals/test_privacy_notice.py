""" "Is this something for your contact?": the forward text carries the Art. 14 notice (issue 12)."""

from __future__ import annotations

import pytest

from weakties.accounts.models import Employee
from weakties.referrals.services.asks import forward_text
from weakties.referrals.services.vacancies import vacancy_create

from .conftest import BROUWER

EMMA = BROUWER["employee"]

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "notice"),
    [
        ("en", "Brouwer Software BV uses weakties to see which colleague knows whom"),
        ("nl", "Brouwer Software BV gebruikt weakties om te zien welke collega wie kent"),
    ],
)
def test_the_forward_text_names_the_controller_and_links_the_privacy_page(
    orgs, settings, language, notice
):
    settings.WEAKTIES_BASE_URL = "https://weakties.brouwer.example"
    brouwer, _kiwi = orgs
    vacancy = vacancy_create(
        organisation=brouwer,
        title="Python developer",
        actor=Employee.objects.get(email=BROUWER["recruiter"]),
    )
    emma = Employee.objects.get(email=EMMA)
    emma.language = language
    emma.save()
    text = forward_text(vacancy, emma)
    assert notice in text["body"]
    assert text["privacy"] == "https://weakties.brouwer.example/privacy/"
    assert text["body"].rstrip().endswith(text["privacy"])
    assert "keeps nothing" not in text["body"] and "bewaart niets" not in text["body"]
