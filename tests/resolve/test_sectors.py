"""Sector, region and function read from company names and job titles."""

from __future__ import annotations

import pytest

from weakties.resolve.functions import FUNCTIONS, function_of
from weakties.resolve.sectors import SECTORS, region_of, sector_of


@pytest.mark.parametrize(
    ("name", "sector", "region"),
    [
        ("Gemeente Utrecht", "overheid", "Utrecht"),
        ("Stripe, Inc.", "it", ""),
        ("ABN AMRO Bank N.V.", "finance", ""),
        ("Thuiszorg Amersfoort", "zorg", "Utrecht"),
        ("Transportbedrijf De Vries", "logistiek", ""),
        ("Port of Antwerp-Bruges", "logistiek", "Antwerpen"),
        ("UZ Gent", "zorg", "Gent"),
        ("KU Leuven", "onderwijs", "Brussel"),
        ("Ingenieursbureau Jansen", "zakelijke dienstverlening", ""),
        ("Bouwbedrijf 's-Hertogenbosch", "bouw", "Eindhoven"),
        ("Acme", "", ""),
        ("", "", ""),
    ],
)
def test_sector_and_region_from_the_name(name, sector, region):
    assert sector_of(name) == sector
    assert region_of(name) == region


def test_known_employer_by_domain_and_no_false_friends():
    assert sector_of("Holding X", "rabobank.nl") == "finance"
    assert sector_of("Nsure BV") == ""  # "NS" only as a whole word
    assert sector_of("Gemeente Utrecht") != "zorg"  # "UMC Utrecht" is not "Utrecht"
    assert {sector_of(n) for n in ("Gemeente Gouda", "Zorggroep Noord", "Bakkerij Jansen")} <= set(
        SECTORS
    )


@pytest.mark.parametrize(
    ("title", "family"),
    [
        ("Senior Software Engineer", "it"),
        ("HR-adviseur", "hr"),
        ("Accountmanager", "sales"),
        ("Beleidsmedewerker", "policy"),
        ("Verpleegkundige", "care"),
        ("IT-manager", "it"),
        ("Directeur", "management"),
        ("Bakker", ""),
        ("", ""),
    ],
)
def test_function_family_of_a_title(title, family):
    assert function_of(title) == family
    assert family == "" or family in FUNCTIONS
