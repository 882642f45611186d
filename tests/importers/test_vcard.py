"""vCard 2.1, 3.0 and 4.0."""

from __future__ import annotations

from weakties.importers import parse_bytes

CARD = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:{name}\r\nEMAIL:{email}\r\nEND:VCARD\r\n"


def test_vcard21_quoted_printable_with_soft_line_break(sample):
    result = parse_bytes(sample("vcard21_qp.vcf"), file="contacts.vcf")
    assert result.format == "vcard"
    assert result.errors == []
    zoe = result.records[0]
    assert (zoe.line, zoe.first_name, zoe.last_name) == (1, "Zoë", "Müller")
    assert (zoe.company, zoe.department) == ("Café de Zwaan B.V.", "Keuken en bediening")
    assert zoe.position == "Chef-kok"
    assert zoe.phones == ("+31 6 12345678", "+31 20 1234567")
    assert zoe.emails == ("zoe@cafedezwaan.example.nl",)


def test_vcard21_latin1_charset_and_base64_photo(sample):
    renee = parse_bytes(sample("vcard21_qp.vcf"), file="contacts.vcf").records[1]
    assert (renee.line, renee.first_name, renee.last_name) == (15, "Renée", "Citroën")
    assert renee.emails == ("renee.citroen@example.be",)


def test_fn_only_card_is_split_with_particles(sample):
    jan = parse_bytes(sample("vcard21_qp.vcf"), file="contacts.vcf").records[2]
    assert (jan.line, jan.first_name, jan.last_name) == (24, "Jan", "van den Berg")
    assert jan.phones == ("020-1234567",)


def test_apple_vcard30_item_url_with_linkedin_label_and_escaped_colon(sample):
    result = parse_bytes(sample("vcard30_apple.vcf"), file="Kees.vcf")
    kees, els = result.records
    assert (kees.first_name, kees.last_name) == ("Kees", "'t Hart")
    assert kees.linkedin_url == "https://www.linkedin.com/in/keesthart"
    assert (kees.company, kees.department, kees.position) == (
        "Hart & Partners",
        "Advies",
        "Partner",
    )
    assert kees.emails == ("kees@hartpartners.example.nl",)
    assert els.line == 15
    assert els.linkedin_url == "https://be.linkedin.com/in/elsjansen"
    assert els.company == "Jansen, Peeters & Co"


def test_vcard40_socialprofile_and_tel_uri(sample):
    sophie = parse_bytes(sample("vcard40_social.vcf"), file="s.vcf").records[0]
    assert (sophie.first_name, sophie.last_name) == ("Sophie", "de Wit")
    assert sophie.linkedin_url == "https://www.linkedin.com/in/sophiedewit"
    assert sophie.phones == ("+32-470-123456",)
    assert (sophie.company, sophie.department) == ("Universiteit Gent", "Vakgroep Informatica")


def test_card_cut_off_before_end_is_a_row_error_on_its_begin_line():
    data = CARD.format(name="Ann Lee", email="ann@x.nl") + "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Bo"
    result = parse_bytes(data.encode(), file="cut.vcf")
    assert [c.last_name for c in result.records] == ["Lee"]
    assert [e.line for e in result.errors] == [6]
    assert "END:VCARD" in result.errors[0].message and "cut off" in result.errors[0].message


def test_missing_end_before_next_begin_reports_the_first_card():
    data = "BEGIN:VCARD\nVERSION:3.0\nFN:A B\n" + CARD.format(name="C D", email="c@x.nl")
    result = parse_bytes(data.encode(), file="x.vcf")
    assert [e.line for e in result.errors] == [1]
    assert [(c.line, c.last_name) for c in result.records] == [(4, "D")]


def test_card_vobject_cannot_read_is_a_row_error_and_others_still_parse():
    bad_base64 = "BEGIN:VCARD\nVERSION:3.0\nFN;ENCODING=b:@@@x\nEND:VCARD\n"
    unclosed = "BEGIN:VCARD\nVERSION:3.0\nBEGIN:X-GROUP\nFN:Q\nEND:VCARD\n"
    data = CARD.format(name="Ann Lee", email="ann@x.nl") + bad_base64 + unclosed
    result = parse_bytes(data.encode(), file="x.vcf")
    assert [c.last_name for c in result.records] == ["Lee"]
    assert [e.line for e in result.errors] == [6, 10]
    assert all("cannot be read" in e.message for e in result.errors)
    assert "line 6" in result.errors[0].message


def test_text_outside_cards_is_reported_with_its_line():
    data = CARD.format(name="Ann Lee", email="ann@x.nl") + "garbage here\n"
    result = parse_bytes(data.encode(), file="x.vcf")
    assert [e.line for e in result.errors] == [6]


def test_lowercase_begin_and_folded_fn():
    data = "begin:vcard\nversion:3.0\nfn:Marloes van\n  Leeuwen\nend:vcard\n"
    contact = parse_bytes(data.encode(), file="x.vcf").records[0]
    assert (contact.first_name, contact.last_name) == ("Marloes", "van Leeuwen")


def card(*lines: str) -> str:
    return "BEGIN:VCARD\r\n" + "".join(line + "\r\n" for line in lines) + "END:VCARD\r\n"


def test_kind_group_location_and_org_are_skipped_individual_is_a_person():
    data = (
        card("VERSION:4.0", "KIND:group", "FN:Buurtvereniging", "MEMBER:urn:uuid:1")
        + card("VERSION:4.0", "KIND:location", "FN:Vergaderzaal 3")
        + card("VERSION:4.0", "KIND:ORG", "FN:Acme", "ORG:Acme")
        + card("VERSION:4.0", "KIND:individual", "FN:Ann Lee", "ORG:Acme")
    )
    result = parse_bytes(data.encode(), file="x.vcf")
    assert [(c.full_name, c.company) for c in result.records] == [("Ann Lee", "Acme")]
    assert result.skipped == 3
    assert [w.message.values["name"] for w in result.warnings] == [
        "Buurtvereniging",
        "Vergaderzaal 3",
        "Acme",
    ]


def test_a_card_without_a_person_name_whose_name_is_its_organisation_is_skipped():
    data = card("VERSION:3.0", "N:;;;;", "FN:Garage Smit", "ORG:Garage Smit", "TEL:010-1234567")
    data += card("VERSION:3.0", "N:Smit;Piet;;;", "FN:Garage Smit", "ORG:Garage Smit")
    result = parse_bytes(data.encode(), file="x.vcf")
    assert [(c.line, c.first_name, c.last_name) for c in result.records] == [(8, "Piet", "Smit")]
    assert [(w.line, w.message.values["name"]) for w in result.warnings] == [(1, "Garage Smit")]


def test_an_unreadable_line_is_left_out_with_a_warning_when_the_card_has_a_name():
    data = card("VERSION:3.0", "FN:Ann Lee", "EMAIL;ENCODING=b:@@@", "EMAIL:ann@x.nl")
    result = parse_bytes(data.encode(), file="x.vcf")
    assert result.errors == []
    assert result.records[0].emails == ("ann@x.nl",)
    assert "has a line that cannot be read" in result.warnings[0].message


def test_an_8bit_property_with_its_own_charset_is_read_in_it():
    data = (
        b"BEGIN:VCARD\r\nVERSION:2.1\r\n"
        + "N;CHARSET=Windows-1251:Коваленко;Оксана\r\n".encode("cp1251")
        + "ORG;CHARSET=ISO-8859-7:Ελληνικά Ταχυδρομεία\r\n".encode("iso-8859-7")
        + b"END:VCARD\r\n"
    )
    contact = parse_bytes(data, file="x.vcf").records[0]
    assert (contact.first_name, contact.last_name) == ("Оксана", "Коваленко")
    assert contact.company == "Ελληνικά Ταχυδρομεία"


def test_an_unknown_charset_or_a_utf8_file_leaves_the_text_as_read():
    murks = card("VERSION:2.1", "N:Nüßlebaum;Sören", "LABEL;CHARSET=Murks;QUOTED-PRINTABLE:M=F6")
    contact = parse_bytes(murks.encode("cp1252"), file="x.vcf").records[0]
    assert (contact.first_name, contact.last_name) == ("Sören", "Nüßlebaum")
    utf8 = card("VERSION:2.1", "N:Коваленко;Оксана", "LABEL;CHARSET=Windows-1251:x")
    contact = parse_bytes(utf8.encode("utf-8"), file="x.vcf").records[0]
    assert (contact.first_name, contact.last_name) == ("Оксана", "Коваленко")


def test_emails_are_validated_and_a_mailto_scheme_dropped():
    data = card("VERSION:3.0", "FN:Ann Lee", "EMAIL:mailto:ann@x.nl", "EMAIL:Ñ", "EMAIL:ann")
    result = parse_bytes(data.encode(), file="x.vcf")
    assert result.records[0].emails == ("ann@x.nl",)
    assert [w.message.values["value"] for w in result.warnings] == ["'Ñ'", "'ann'"]
