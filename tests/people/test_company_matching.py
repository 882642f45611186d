"""A company is found by its exact name, by the start of its name, or by a name alike (issue 11)."""

from __future__ import annotations

import json

import pytest

from tests.factories import acme
from weakties.cli.main import main
from weakties.insights.services.introductions import introductions
from weakties.people.models import Company
from weakties.people.selectors.ranked_ties import companies_matching
from weakties.people.selectors.who_knows import who_knows

pytestmark = pytest.mark.django_db


@pytest.fixture
def org():
    return acme()


def _names(found):
    return [name for _pk, name in found]


def test_the_exact_company_comes_alone(org):
    stripe = Company.objects.get(key="stripe")
    assert companies_matching("Stripe, Inc.") == [(stripe.pk, stripe.name)]


@pytest.mark.parametrize(
    ("asked", "meant"), [("Strip", "stripe"), ("rabo", "rabobank"), ("Stirpe", "stripe")]
)
def test_a_prefix_or_a_typo_finds_the_company(org, asked, meant):
    found = companies_matching(asked)
    assert found, asked
    assert Company.objects.get(pk=found[0][0]).key == meant


def test_nonsense_finds_nothing(org):
    assert companies_matching("Zzyzx Qwv") == []
    assert who_knows(company="Zzyzx Qwv").total == 0


def test_searches_by_a_prefix_say_which_company_they_matched(org):
    page = who_knows(company="Strip")
    assert page.total == 2 and {r["matched"] for r in page.rows} == {
        Company.objects.get(key="stripe").name
    }
    intro = introductions(organisation=org, company="Strip", purpose="job")
    assert intro.rows and all("Stripe" in r["matched"] for r in intro.rows)


def test_the_cli_finds_a_company_by_the_start_of_its_name(org, capsys):
    assert main(["who-knows", "--company", "Strip", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert {r["employee"] for r in rows} == {"jan.vandenberg@acme.nl", "sophie.bakker@acme.nl"}
    assert main(["intro", "--company", "Strip", "--json"]) == 0
    assert all("Stripe" in r["matched"] for r in json.loads(capsys.readouterr().out))
