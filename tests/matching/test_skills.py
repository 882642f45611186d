"""Skill names to canonical ids: synonyms across languages, spelling variants, free text."""

from weakties.matching.skills import canonical_skill, skill_set, skills_in_text


def test_driving_licence_in_dutch_and_english_is_one_skill():
    names = ["Rijbewijs B", "rijbewijs-B", "B-rijbewijs", "driving licence", "Driver's license"]
    assert {canonical_skill(n) for n in names} == {"driving licence b"}


def test_food_safety_synonyms():
    assert canonical_skill("voedselveiligheid") == canonical_skill("Food safety")
    assert canonical_skill("HACCP") == "haccp"


def test_spelling_mistakes_are_forgiven():
    assert canonical_skill("voedselveiligheidd") == canonical_skill("voedselveiligheid")


def test_unknown_skills_still_match_each_other():
    a, b = canonical_skill("Mastodon-beheer"), canonical_skill("mastodon beheer")
    assert a == b and a.startswith("~")


def test_empty_skill_is_ignored():
    assert canonical_skill("  ") == ""
    assert skill_set(("", "HACCP")) == {"haccp": "HACCP"}


def test_skills_are_found_in_free_text():
    found = dict(skills_in_text("Je hebt je VCA, rijbewijs B en ervaring met Power BI."))
    assert {"vca", "driving licence b", "bi tools"} <= set(found)


def test_ambiguous_short_names_are_not_taken_from_text():
    assert "big registration" not in dict(skills_in_text("A big team in a big city"))


def test_every_skill_name_means_one_skill():
    from weakties.matching import catalogue
    from weakties.matching.skills import _key

    seen: dict[tuple[str, ...], str] = {}
    for skill in catalogue.skills():
        for label in skill.labels_nl + skill.labels_en:
            assert seen.setdefault(_key(label), skill.id) == skill.id, label
    assert len(catalogue.skills()) >= 140
