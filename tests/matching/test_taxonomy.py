"""The occupation taxonomy: data integrity, synonyms across languages, compounds, families."""

import pytest

from weakties.matching import catalogue
from weakties.matching.taxonomy import (
    FAMILY_NAMES,
    RELATED_FAMILY,
    SAME_FAMILY,
    SAME_OCCUPATION,
    occupation_similarity,
    occupation_table,
    read_title,
)


def test_taxonomy_is_large_enough_and_consistent():
    occupations = catalogue.occupations()
    families = {f.id for f in catalogue.families()}
    assert len(families) >= 30
    assert len(occupations) >= 150
    labels = sum(len(o.labels_nl) + len(o.labels_en) for o in occupations)
    assert labels >= 1000
    assert families == set(FAMILY_NAMES)
    for occupation in occupations:
        assert occupation.family in families, occupation
        assert occupation.labels_nl and occupation.labels_en, occupation
    for family in catalogue.families():
        assert set(family.related) <= families, family


@pytest.mark.parametrize(
    ("dutch", "english"),
    [
        ("verpleegkundige", "nurse"),
        ("ontwikkelaar", "developer"),
        ("programmeur", "software engineer"),
        ("beleidsmedewerker", "policy advisor"),
        ("vleesinspecteur", "meat inspector"),
        ("wegeninspecteur", "road inspector"),
        ("magazijnmedewerker", "warehouse worker"),
        ("vrachtwagenchauffeur", "truck driver"),
    ],
)
def test_dutch_and_english_titles_name_the_same_occupation(dutch, english):
    score, code, _, _ = occupation_similarity(read_title(dutch), read_title(english))
    assert (score, code) == (SAME_OCCUPATION, "synonym")


def test_inspectors_are_one_family():
    for a, b in [
        ("Vleesinspecteur", "Wegeninspecteur"),
        ("Vleesinspecteur", "Toezichthouder"),
        ("Inspecteur", "Wegeninspecteur"),
    ]:
        score, code, family, _ = occupation_similarity(read_title(a), read_title(b))
        assert (score, code, family) == (SAME_FAMILY, "family", "inspection"), (a, b)


def test_unknown_compound_falls_back_to_its_head():
    profile = read_title("Brandveiligheidsinspecteur")
    assert profile.occupation_ids == {"inspector"}


def test_longest_label_wins_and_seniority_is_ignored():
    profile = read_title("Senior beleidsmedewerker ruimtelijke ordening")
    assert "policy advisor" in profile.occupation_ids
    assert {
        "policy",
        "environment",
    } <= profile.families  # "ruimtelijke ordening" is a family keyword


def test_family_keywords_place_a_title_without_an_occupation():
    assert read_title("Medewerker klantenservice").known
    assert "logistics" in read_title("Medewerker magazijn").families
    assert not read_title("Medewerker").known
    assert "logistics" in read_title("Medewerker", "werken in ons distributiecentrum").families


def test_related_families_score_lower_than_same_family():
    score, code, _, _ = occupation_similarity(
        read_title("Wijkverpleegkundige"), read_title("Huisarts")
    )
    assert (score, code) == (RELATED_FAMILY, "related")
    assert occupation_similarity(read_title("Kok"), read_title("Software engineer"))[0] == 0.0


def test_vectorised_table_equals_pairwise_similarity():
    titles = [
        "Vleesinspecteur",
        "Wegeninspecteur",
        "Nurse",
        "Verpleegkundige",
        "Kok",
        "Medewerker",
        "Huisarts",
    ]
    profiles = [read_title(t) for t in titles]
    table = occupation_table(profiles, profiles)
    for a, pa in enumerate(profiles):
        for b, pb in enumerate(profiles):
            assert table[a, b] == pytest.approx(occupation_similarity(pa, pb)[0])
