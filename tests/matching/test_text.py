"""Folding, tokens, per-word Dutch/English stemming and Dutch compound splitting."""

from weakties.matching.text import compound_parts, split_compound, stem, terms, tokens


def test_tokens_fold_diacritics_and_keep_technical_words():
    assert tokens("Coördinator Café") == ("coordinator", "cafe")
    assert tokens("C# en .NET, node.js") == ("c#", "en", ".net", "node.js")


def test_hyphenated_words_become_separate_words():
    assert tokens("HR-adviseur") == ("hr", "adviseur")


def test_dutch_plurals_share_a_stem():
    assert stem("inspecteurs") == stem("inspecteur")
    assert stem("verpleegkundigen") == stem("verpleegkundige")
    assert stem("ontwikkelaars") == stem("ontwikkelaar")


def test_english_words_get_the_english_stemmer():
    assert stem("nurses") == stem("nurse") == "nurs"
    assert stem("developers") == stem("developer")


def test_snowball_dutch_does_not_overconflate_job_words():
    # The Porter Dutch stemmer keeps these apart (Snowball 3's "dutch" does not).
    assert stem("kwaliteit") != stem("kwaal")
    assert stem("gemeente").startswith("gemeent")


def test_compounds_split_on_known_heads():
    assert split_compound("vleesinspecteur") == ("vlees", "inspecteur")
    assert split_compound("wegeninspecteur") == ("weg", "inspecteur")
    assert split_compound("magazijnmedewerker") == ("magazijn", "medewerker")
    assert split_compound("beleidsmedewerker") == ("beleid", "medewerker")  # linking -s-


def test_known_simple_words_are_not_split():
    assert split_compound("medewerker") == ()
    assert split_compound("inspecteur") == ()
    assert split_compound("ab") == ()


def test_inflected_compounds_split_too():
    assert compound_parts("softwareontwikkelaars") == ("software", "ontwikkelaar")
    assert compound_parts("vleesinspecteurs") == ("vlees", "inspecteur")


def test_vleesinspecteur_and_wegeninspecteur_share_a_term():
    assert "inspecteur" in set(terms("Vleesinspecteur")) & set(terms("Wegeninspecteur"))


def test_terms_drop_stopwords_and_empty_text():
    assert terms("") == ()
    assert "de" not in terms("de inspecteur van het jaar")
