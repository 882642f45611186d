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
