"""The gazetteer: reading free-text regions, distances, provinces, unknown regions."""

import pytest

from weakties.matching import catalogue
from weakties.matching.regions import NEUTRAL, compare_regions, distance_km, read_region


def names(text):
    return [catalogue.places()[i].name for i in read_region(text)]


def test_gazetteer_covers_both_countries():
    places = catalogue.places()
    provinces = {p.name for p in places if p.kind == "province"}
    assert len([p for p in provinces if catalogue.places()[0].country]) >= 21
    assert {"NL", "BE"} == {p.country for p in places}
    assert len([p for p in places if p.kind == "city"]) >= 120


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Den Haag", ["Den Haag"]),
        ("'s-Gravenhage", ["Den Haag"]),
        ("The Hague", ["Den Haag"]),
        ("Ghent", ["Gent"]),
        ("regio Utrecht e.o.", ["Utrecht"]),
        ("Den Bosch", ["'s-Hertogenbosch"]),
        ("Noord-Brabant", ["Noord-Brabant"]),
        ("Amsterdam of Utrecht", ["Amsterdam", "Utrecht"]),
        ("Leuven / Brussel", ["Leuven", "Brussel"]),
        ("Atlantis", []),
        ("", []),
    ],
)
def test_free_text_regions_are_read(text, expected):
    assert names(text) == expected


def test_distance_utrecht_amersfoort():
    m = compare_regions(read_region("Utrecht"), read_region("Amersfoort"))
    assert m.relation == "distance"
    assert 18 <= m.km <= 22
    assert 0.75 < m.score < 0.85
    assert distance_km(52.37, 4.90, 51.92, 4.48) == pytest.approx(
        57, abs=3
    )  # Amsterdam - Rotterdam


def test_score_falls_with_distance():
    near = compare_regions(read_region("Utrecht"), read_region("Zeist")).score
    mid = compare_regions(read_region("Utrecht"), read_region("Rotterdam")).score
    far = compare_regions(read_region("Utrecht"), read_region("Maastricht")).score
    assert 1.0 >= near > mid > far > 0.0


def test_city_inside_province_is_close():
    m = compare_regions(read_region("Eindhoven"), read_region("Noord-Brabant"))
    assert m.relation == "inside" and m.score > 0.9


def test_closest_of_several_places_counts():
    m = compare_regions(read_region("Maastricht / Utrecht"), read_region("Amersfoort"))
    assert m.demand_place == "Amersfoort" and m.supply_place == "Utrecht"


def test_unknown_region_is_neutral():
    m = compare_regions(read_region(""), read_region("Gent"))
    assert (m.score, m.relation) == (NEUTRAL, "unknown")


def test_nationwide_request_matches_its_country():
    assert compare_regions(read_region("landelijk"), read_region("Zwolle")).score == 0.8
    assert compare_regions(read_region("heel Nederland"), read_region("Gent")).score < 0.5
