"""Person names: canonical keys, display cleaning and similarity (invented people)."""

from __future__ import annotations

import pytest

from weakties.resolve import clean_first_name, clean_last_name, parse_name, person_name_key
from weakties.resolve.names import name_similarity


@pytest.mark.parametrize(
    ("first", "last"),
    [
        ("Jan", "van den Berg"),
        ("Jan van den", "Berg"),
        ("Jan van", "den Berg"),
        ("Jan", "Berg, van den"),
        ("Jan", "Berg van den"),
        ("jan", "Van Den Berg"),
        ("JAN", "VAN DEN BERG"),
        ("Jan", "van den Berg MSc"),
        ("ir. Jan", "van den Berg"),
        ("Jan", "Berg, van den, MBA"),
        ("Jan", "van den Berg \U0001f680"),
        ("", "Jan van den Berg"),
        ("Jan van den Berg", ""),
    ],
)
def test_particles_in_either_field_give_one_key(first: str, last: str) -> None:
    assert person_name_key(first, last) == "jan van den berg"


@pytest.mark.parametrize(
    ("first", "last", "key"),
    [
        ("Kees", "in 't Veld", "kees in t veld"),
        ("Kees in 't", "Veld", "kees in t veld"),
        ("Kees", "Veld, in \u2019t", "kees in t veld"),
        ("Els", "'t Hart", "els t hart"),
        ("Els", "ter Horst", "els ter horst"),
        ("Els ten", "Brink", "els ten brink"),
        ("Bram", "op de Beek", "bram op de beek"),
        ("Lieke", "van der Meer", "lieke van der meer"),
        ("Lieke", "Meer, van der", "lieke van der meer"),
        ("Anna", "von Essen", "anna von essen"),
        ("Marie", "du Pont", "marie du pont"),
        ("Pierre", "le Roux", "pierre le roux"),
        ("Sofia", "la Rosa", "sofia la rosa"),
        ("Bart", "De Smet", "bart de smet"),  # Flemish capitalised particle
        ("Jan-Willem", "Smit-de Vries", "jan willem smit de vries"),
    ],
)
def test_particles(first: str, last: str, key: str) -> None:
    assert person_name_key(first, last) == key


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (("Zoë", "Bakker"), ("Zoe", "Bakker")),
        (("Jörg", "Müller"), ("Jorg", "Muller")),
        (("Ayşe", "Çelik"), ("Ayse", "Celik")),
        (("Renée", "Öztürk"), ("Renee", "Ozturk")),
        (("Mehmet", "Yılmaz"), ("Mehmet", "Yilmaz")),
        (("Søren", "Kierkegaard"), ("Soren", "Kierkegaard")),
        (("Hélène", "D\u2019Hondt"), ("Helene", "D'Hondt")),
    ],
)
def test_diacritics_do_not_matter(a: tuple[str, str], b: tuple[str, str]) -> None:
    assert person_name_key(*a) == person_name_key(*b)


@pytest.mark.parametrize(
    ("last", "clean"),
    [
        ("de Vries MSc", "de Vries"),
        ("de Vries M.Sc.", "de Vries"),
        ("Jansen, MBA", "Jansen"),
        ("Jansen, MBA, PhD", "Jansen"),
        ("Smit \U0001f680", "Smit"),
        ("Smit \u2728\ufe0f", "Smit"),
        ("Bakker PhD", "Bakker"),
        ("Peters (he/him)", "Peters"),
        ("Peters (zij/haar)", "Peters"),
        ("dr. Peters", "Peters"),
        ("Visser | Recruiter at Acme", "Visser"),
        ("Mulder #OpenToWork", "Mulder"),
        ("de Jong MA", "de Jong"),
        ("Hendriks Jr.", "Hendriks"),
        ("Berg, van den", "van den Berg"),
        ("Müller", "Müller"),
        ("  van  der   Meer ", "van der Meer"),
        ("Ma", "Ma"),  # a surname, not a credential
        ("", ""),
    ],
)
def test_clean_last_name(last: str, clean: str) -> None:
    assert clean_last_name(last) == clean


@pytest.mark.parametrize(
    ("first", "clean"),
    [
        ("ir. Jan", "Jan"),
        ("Dr. Anna", "Anna"),
        ("drs. ing. Kees", "Kees"),
        ("mr. Els", "Els"),
        ("Zoë \u2728", "Zoë"),
        ("Jan-Willem", "Jan-Willem"),
    ],
)
def test_clean_first_name(first: str, clean: str) -> None:
    assert clean_first_name(first) == clean


@pytest.mark.parametrize(
    ("first", "last"),
    [
        ("Kees", "de Vries MSc"),
        ("Kees", "de Vries, MBA"),
        ("drs. Kees", "de Vries"),
        ("Kees", "de Vries \U0001f680"),
        ("Kees", "de Vries (he/him)"),
        ("Kees", "DE VRIES PhD"),
    ],
)
def test_credentials_and_emoji_do_not_change_the_key(first: str, last: str) -> None:
    assert person_name_key(first, last) == "kees de vries"


def test_key_is_lowercase_single_spaced() -> None:
    key = person_name_key("  Anne-Marie ", " VAN   'T  Hek  ")
    assert key == "anne marie van t hek"


def test_parse_name_parts() -> None:
    parts = parse_name("Jan Pieter van der", "Meer")
    assert parts.given == "jan pieter"
    assert parts.particles == "van der"
    assert parts.core == "meer"
    assert parts.compact == "janpietervandermeer"
    full = parse_name("", "Jan Pieter van der Meer")
    assert (full.given, full.particles, full.core) == ("jan pieter", "van der", "meer")


def test_similarity() -> None:
    same = name_similarity(parse_name("Jan-Willem", "Smit"), parse_name("Jan Willem", "Smit"))
    assert same == 1.0
    glued = name_similarity(parse_name("Jan", "Vandenberg"), parse_name("Jan", "van den Berg"))
    assert glued == 1.0
    abbreviated = name_similarity(parse_name("Jan", "v.d. Berg"), parse_name("Jan", "van der Berg"))
    assert abbreviated == 0.99
    typo = name_similarity(parse_name("Pieter", "Hendriks"), parse_name("Pieter", "Hendrkis"))
    assert 0.92 <= typo < 0.99
    other = name_similarity(parse_name("Anna", "de Jong"), parse_name("Anne", "de Jong"))
    assert other < 0.92
    assert name_similarity(parse_name("Jan", "Smit"), parse_name("Piet", "Smit")) < 0.8
