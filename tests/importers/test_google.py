"""Google Contacts CSV, old ("Google CSV", UTF-16) and new."""

from __future__ import annotations

from weakties.importers import parse_bytes

NEW_HEADER = (
    "First Name,Middle Name,Last Name,Organization Name,Organization Title,"
    "Organization Department,E-mail 1 - Label,E-mail 1 - Value,Website 1 - Label,"
    "Website 1 - Value\n"
)


def test_old_google_csv_in_utf16_le_with_bom(sample):
    data = sample("google_old_utf16.csv")
    assert data[:2] == b"\xff\xfe"
    result = parse_bytes(data, file="contacts.csv")
    assert (result.format, result.encoding) == ("google", "utf-16-le")
    assert result.errors == []
    assert [c.line for c in result.records] == [2, 3, 4]
    assert all(c.source == "google" and c.connected_on is None for c in result.records)


def test_multi_values_joined_with_triple_colons_are_split(sample):
    femke = parse_bytes(sample("google_old_utf16.csv"), file="contacts.csv").records[0]
    assert femke.emails == ("femke.dewit@example.nl", "femke@home.example")
    assert femke.phones == ("+31 6 55544433", "+31 30 1234567")


def test_linkedin_website_becomes_linkedin_url(sample):
    femke = parse_bytes(sample("google_old_utf16.csv"), file="contacts.csv").records[0]
    assert femke.linkedin_url == "https://www.linkedin.com/in/femkedewit"
    assert (femke.company, femke.position, femke.department) == ("Rabobank", "Data-analist", "Risk")


def test_name_is_split_when_given_and_family_are_empty(sample):
    femke = parse_bytes(sample("google_old_utf16.csv"), file="contacts.csv").records[0]
    assert (femke.first_name, femke.last_name) == ("Femke", "de Wit")


def test_additional_name_particles_join_the_last_name(sample):
    result = parse_bytes(sample("google_old_utf16.csv"), file="contacts.csv")
    hendrik = result.records[2]
    assert (hendrik.first_name, hendrik.last_name) == ("Hendrik", "van der Linden")


def test_empty_contacts_are_skipped_and_line_counts_multiline_notes(sample):
    result = parse_bytes(sample("google_old_utf16.csv"), file="contacts.csv")
    assert result.skipped == 1
    assert result.records[1].first_name == "Zoë"


def test_new_google_export(sample):
    result = parse_bytes(sample("google_new.csv"), file="contacts.csv")
    assert result.format == "google"
    lieke, thomas = result.records
    assert (lieke.line, lieke.first_name, lieke.last_name) == (2, "Lieke", "van den Broek")
    assert lieke.emails == ("lieke.vandenbroek@example.nl", "lieke@home.example")
    assert lieke.linkedin_url == "https://www.linkedin.com/in/liekevandenbroek"
    assert (lieke.company, lieke.position, lieke.department) == (
        "Albert Heijn",
        "Category Manager",
        "Inkoop",
    )
    assert (thomas.line, thomas.last_name, thomas.phones) == (3, "Müller", ("+49 89 1234",))
    assert result.skipped == 1


def test_non_linkedin_website_is_not_taken_as_linkedin_url():
    data = NEW_HEADER + "Ann,,Lee,,,,Work,ann@x.nl,Home,https://ann.example\n"
    contact = parse_bytes(data.encode(), file="g.csv").records[0]
    assert contact.linkedin_url == ""
    assert contact.emails == ("ann@x.nl",)


def test_bomless_utf16_google_export_is_decoded():
    text = NEW_HEADER + "Ann,,de Groot,,,,Work,ann@x.nl,,\n"
    result = parse_bytes(text.encode("utf-16-le"), file="g.csv")
    assert (result.format, result.encoding) == ("google", "utf-16-le")
    assert result.records[0].last_name == "de Groot"
