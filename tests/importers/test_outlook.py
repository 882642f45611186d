"""Outlook contacts CSV, English and Dutch, as Outlook writes it."""

from __future__ import annotations

from weakties.importers import parse_bytes


def test_dutch_outlook_export_in_cp1252_with_every_field_quoted(sample):
    data = sample("outlook_nl_cp1252.csv")
    assert data.startswith(b'"Titel","Voornaam"') and b"\r\n" in data
    result = parse_bytes(data, file="contacten.csv")
    assert (result.format, result.encoding, result.delimiter) == ("outlook", "cp1252", ",")
    assert result.errors == []
    jan = result.records[0]
    assert jan.line == 2
    assert (jan.first_name, jan.last_name) == ("Jan", "van den Berg")
    assert (jan.company, jan.department, jan.position) == (
        "Gemeente 's-Hertogenbosch",
        "Ruimtelijke Ordening",
        "Projectleider",
    )
    assert jan.emails == ("jan.vandenberg@example.nl",)
    assert jan.phones == ("+31 6 12345678", "073 123 4567")
    assert jan.linkedin_url == "https://www.linkedin.com/in/janvandenberg"


def test_title_column_is_form_of_address_not_job_title(sample):
    result = parse_bytes(sample("outlook_nl_cp1252.csv"), file="contacten.csv")
    zoe = result.records[1]
    assert zoe.position == "Eigenaresse"
    assert "Mevr." not in (zoe.position, zoe.first_name, zoe.last_name)


def test_filler_values_never_become_data(sample):
    for name in ("outlook_nl_cp1252.csv", "outlook_en_cp1252.csv"):
        result = parse_bytes(sample(name), file=name)
        for contact in result.records:
            values = [contact.first_name, contact.last_name, contact.company, contact.position]
            values += [contact.department, *contact.emails, *contact.phones]
            for filler in ("0-0-00", "0/0/00", "Niet-gespecificeerd", "Unspecified", "Normaal"):
                assert filler not in values


def test_semicolon_joined_emails_are_split_and_line_follows_multiline_notes(sample):
    result = parse_bytes(sample("outlook_nl_cp1252.csv"), file="contacten.csv")
    zoe, piet = result.records[1], result.records[2]
    assert (zoe.line, zoe.first_name, zoe.last_name) == (3, "Zoë", "Müller")
    assert zoe.emails == ("zoe@cafethoekje.example.nl", "zoe.muller@example.com")
    assert piet.line == 6  # Zoë's three-line Notities occupy lines 3-5


def test_exchange_x500_address_is_dropped_and_display_name_used(sample):
    piet = parse_bytes(sample("outlook_nl_cp1252.csv"), file="c.csv").records[2]
    assert piet.emails == ("piet.pieters@example.nl",)
    assert (piet.first_name, piet.last_name) == ("Piet", "Pieters")


def test_row_with_only_filler_is_skipped(sample):
    result = parse_bytes(sample("outlook_nl_cp1252.csv"), file="c.csv")
    assert result.skipped == 1
    assert len(result.records) == 3


def test_english_outlook_export(sample):
    result = parse_bytes(sample("outlook_en_cp1252.csv"), file="contacts.csv")
    assert (result.format, result.encoding) == ("outlook", "cp1252")
    john, helene = result.records
    assert (john.first_name, john.last_name) == ("John", "Smith")  # middle name dropped
    assert (john.company, john.department, john.position) == ("Acme Ltd", "IT", "CTO")
    assert john.phones == ("+44 7700 900123", "+44 20 7946 0000")
    assert (helene.line, helene.first_name, helene.company) == (3, "Hélène", "Crème & Brûlée")
    assert helene.linkedin_url == ""  # a web page that is not LinkedIn
