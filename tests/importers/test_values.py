"""Names with Dutch particles, multi-value cells and LinkedIn URLs."""

from __future__ import annotations

import pytest

from weakties.importers.values import (
    is_email,
    is_linkedin_url,
    last_with_particles,
    split_full_name,
    split_multi,
    unescape_url,
)


@pytest.mark.parametrize(
    ("name", "first", "last"),
    [
        ("Jan van den Berg", "Jan", "van den Berg"),
        ("Anna de Vries", "Anna", "de Vries"),
        ("Kees 't Hart", "Kees", "'t Hart"),
        ("Zoë Müller", "Zoë", "Müller"),
        ("Mary Ann Smith", "Mary Ann", "Smith"),
        ("drs. Jan ter Horst", "Jan", "ter Horst"),
        ("Berg, Jan van den", "Jan", "van den Berg"),
        ("Jan Jansen, MBA", "Jan", "Jansen"),
        ("Madonna", "Madonna", ""),
        ("  ", "", ""),
    ],
)
def test_split_full_name(name, first, last):
    assert split_full_name(name) == (first, last)


def test_particle_middle_names_move_to_the_last_name_others_are_dropped():
    assert last_with_particles("van den", "Berg") == "van den Berg"
    assert last_with_particles("van den", "van den Berg") == "van den Berg"
    assert last_with_particles("Fitzgerald", "Kennedy") == "Kennedy"


def test_split_multi_handles_google_and_semicolon_lists():
    assert split_multi("a@x.nl ::: b@y.nl") == ["a@x.nl", "b@y.nl"]
    assert split_multi("a@x.nl; b@y.nl;") == ["a@x.nl", "b@y.nl"]
    assert split_multi(" ") == []


def test_linkedin_urls_and_email_shapes():
    assert is_linkedin_url("https://NL.LinkedIn.com/in/jan")
    assert not is_linkedin_url("https://www.linkedin.com/company/acme")
    assert unescape_url("https\\://www.linkedin.com/in/x") == "https://www.linkedin.com/in/x"
    assert is_email("Jan.de.Vries@Example.NL")
    assert not is_email("jan@localhost") and not is_email("jan de vries@x.nl")
