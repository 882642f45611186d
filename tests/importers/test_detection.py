"""Format detection and the check of an explicitly chosen format."""

from __future__ import annotations

import pytest

from weakties.importers import FORMATS, ImportFileError, detect_format, parse_bytes
from weakties.importers.registry import scores

SAMPLES = [
    ("linkedin_notes_preamble.csv", "linkedin"),
    ("linkedin_no_url.csv", "linkedin"),
    ("linkedin_excel_semicolon.csv", "linkedin"),
    ("linkedin_nl_months.csv", "linkedin"),
    ("google_old_utf16.csv", "google"),
    ("google_new.csv", "google"),
    ("outlook_nl_cp1252.csv", "outlook"),
    ("outlook_en_cp1252.csv", "outlook"),
    ("vcard21_qp.vcf", "vcard"),
    ("vcard30_apple.vcf", "vcard"),
    ("vcard40_social.vcf", "vcard"),
    ("directory_en.csv", "directory"),
    ("directory_nl.csv", "directory"),
]


def test_formats_tuple_is_the_published_one():
    assert FORMATS == ("linkedin", "google", "outlook", "vcard", "directory")


@pytest.mark.parametrize(("name", "expected"), SAMPLES)
def test_every_sample_is_detected_as_its_format(sample, name, expected):
    data = sample(name)
    assert detect_format(data, file=name) == expected
    assert parse_bytes(data, file=name).format == expected
    assert parse_bytes(data, file=name, format=expected).format == expected


def test_explicit_format_that_is_plainly_another_kind_is_refused_by_name(sample):
    with pytest.raises(ImportFileError) as info:
        parse_bytes(sample("google_old_utf16.csv"), file="contacts.csv", format="linkedin")
    assert info.value.message.startswith(
        "this looks like a Google Contacts export, not a LinkedIn Connections.csv"
    )
    assert str(info.value).startswith("contacts.csv: ")


@pytest.mark.parametrize(
    ("name", "chosen"),
    [
        ("outlook_nl_cp1252.csv", "directory"),
        ("linkedin_no_url.csv", "directory"),
        ("directory_en.csv", "outlook"),
        ("vcard30_apple.vcf", "google"),
        ("linkedin_notes_preamble.csv", "vcard"),
    ],
)
def test_explicit_wrong_format_is_refused(sample, name, chosen):
    with pytest.raises(ImportFileError, match="this looks like"):
        parse_bytes(sample(name), file=name, format=chosen)


def test_unknown_format_name_is_an_import_file_error():
    with pytest.raises(ImportFileError, match="unknown format 'excel'"):
        parse_bytes(b"a,b\n", file="x.csv", format="excel")


INVOICES = b"invoice,date,amount,customer email\n2024-001,2024-01-02,100.00,a@b.nl\n"


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (INVOICES, "this does not look like a contacts export"),
        (b'{"contacts": [{"name": "Jan"}]}', "JSON"),
        (b"<!DOCTYPE html><html><body>LinkedIn</body></html>", "HTML"),
        (b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n", "calendar"),
        (b"Dit is gewoon een brief.\nMet vriendelijke groet,\nJan\n", "does not look like"),
    ],
)
def test_wrong_kind_of_text_file_is_refused_with_what_is_expected(data, kind):
    with pytest.raises(ImportFileError) as info:
        parse_bytes(data, file="upload.dat")
    message = str(info.value)
    assert message.startswith("upload.dat: ")
    assert kind in message
    assert "does not look like a contacts export: expected a LinkedIn Connections.csv" in message
    assert "a vCard (.vcf) or an HR directory CSV" in message


def test_invoice_csv_message_quotes_its_first_line():
    with pytest.raises(ImportFileError, match="invoice,date,amount"):
        detect_format(INVOICES, file="facturen.csv")


def test_linkedin_with_url_and_email_is_not_mistaken_for_a_directory():
    data = b"First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    assert detect_format(data, file="Connections.csv") == "linkedin"


def test_plain_name_and_email_list_is_a_directory():
    data = b"Email,First Name,Last Name\nann@x.nl,Ann,Lee\n"
    assert detect_format(data, file="team.csv") == "directory"


def test_linkedin_headers_without_spaces_are_never_a_directory():
    head = "FirstName,LastName,EmailAddress,Company,Position,ConnectedOn\nJan,Jansen,j@x.nl,A,B,04-May-22\n"
    assert scores(head)["directory"] == 0.0
    assert scores(head)["linkedin"] == 1.0
