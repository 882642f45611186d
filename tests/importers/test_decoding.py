"""Encodings as exported by real tools."""

from __future__ import annotations

import codecs

import pytest

from weakties.importers import parse_bytes
from weakties.importers.decoding import decode

TEXT = "First Name,Last Name,Connected On\nZoë,Müller,07 Feb 2026\n"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8-sig"),
        (codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), "utf-16-le"),
        (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "utf-16-be"),
        (TEXT.encode("utf-16-le"), "utf-16-le"),
        (TEXT.encode("utf-16-be"), "utf-16-be"),
        (TEXT.encode("cp1252"), "cp1252"),
        (TEXT.encode("utf-32"), "utf-32"),
    ],
)
def test_each_encoding_gives_the_same_contact(data, encoding):
    result = parse_bytes(data, file="Connections.csv")
    assert result.encoding == encoding
    contact = result.records[0]
    assert (contact.first_name, contact.last_name, contact.line) == ("Zoë", "Müller", 2)


def test_bom_never_reaches_the_first_column_name():
    decoded = decode(codecs.BOM_UTF8 + b"email\n", "x.csv")
    assert decoded.text == "email\n"


def test_cp1252_smart_quotes_and_euro_are_read():
    decoded = decode("“Zoë” – 5 €\n".encode("cp1252"), "x.csv")
    assert (decoded.encoding, decoded.text) == ("cp1252", "“Zoë” – 5 €\n")


def test_undefined_cp1252_bytes_do_not_break_decoding():
    decoded = decode(b"caf\xe9 \x81\x8d\n", "x.csv")
    assert decoded.text.startswith("café")


def test_a_utf8_file_with_stray_windows_1252_bytes_is_read_per_byte():
    data = (
        "First Name;Last Name;Company;Connected On\nZoë;Müller;Café;07 Feb 2026\n".encode()
        + "Jörg;Schäfer;".encode("cp1252")
        + "Universitätsklinik;07 Feb 2026\n".encode()
        + "Ana;Çelik;Çelik Bouw;07 Feb 2026\n".encode()
    )
    decoded = decode(data, "Connections.csv")
    assert decoded.encoding == "utf-8+cp1252"
    assert decoded.stray_lines == (3,)
    assert "Zoë;Müller;Café" in decoded.text
    assert "Jörg;Schäfer;Universitätsklinik" in decoded.text
    assert "Ana;Çelik;Çelik Bouw" in decoded.text


def test_eight_bit_text_whose_letters_form_a_utf8_pair_by_chance_stays_one_charset():
    # Windows-1251 "Ві" is C2 B3: valid UTF-8 (³) once, among many bytes that are not.
    data = "FN:Віталій Коваленко\nN:Коваленко;Віталій\n".encode("cp1251")
    decoded = decode(data, "c.vcf")
    assert (decoded.encoding, decoded.stray_lines) == ("cp1252", ())
    assert decoded.text == data.decode("cp1252")


def test_a_windows_1252_file_stays_windows_1252():
    decoded = decode("Zoë;Müller;Café\nJörg;Schäfer;Bäckerei\n".encode("cp1252"), "c.csv")
    assert (decoded.encoding, decoded.stray_lines) == ("cp1252", ())
    assert decoded.text == "Zoë;Müller;Café\nJörg;Schäfer;Bäckerei\n"


def test_stray_lines_become_warnings_and_the_file_is_imported():
    data = TEXT.encode() + "Jörg,Schäfer,07 Feb 2026\n".encode("cp1252")
    result = parse_bytes(data, file="Connections.csv")
    assert result.errors == []
    assert [(c.first_name, c.last_name) for c in result.records] == [
        ("Zoë", "Müller"),
        ("Jörg", "Schäfer"),
    ]
    assert [(w.line, w.message.template[:40]) for w in result.warnings] == [
        (3, "line {line} holds characters that are no")
    ]
