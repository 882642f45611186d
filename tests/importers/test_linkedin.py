"""LinkedIn Connections.csv, as LinkedIn and Excel write it."""

from __future__ import annotations

from datetime import date

from weakties.importers import Contact, parse_bytes

HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"


def test_record_after_three_line_notes_preamble_starts_on_line_5(sample):
    result = parse_bytes(sample("linkedin_notes_preamble.csv"), file="Connections.csv")
    assert result.format == "linkedin"
    assert result.errors == []
    first = result.records[0]
    assert first == Contact(
        line=5,
        source="linkedin",
        first_name="Jan",
        last_name="van den Berg",
        emails=("jan.vandenberg@example.nl",),
        linkedin_url="https://www.linkedin.com/in/janvandenberg",
        company="Gemeente Utrecht",
        position="Beleidsadviseur",
        connected_on=date(2026, 2, 7),
    )


def test_diacritics_and_quoted_commas_survive(sample):
    result = parse_bytes(sample("linkedin_notes_preamble.csv"), file="Connections.csv")
    zoe = result.records[1]
    assert (zoe.first_name, zoe.last_name, zoe.line) == ("Zoë", "Müller", 6)
    assert zoe.company == "Müller & Zonen B.V."
    assert zoe.position == "Head of Sales, Benelux"
    assert zoe.emails == ()


def test_record_after_multiline_quoted_field_has_its_physical_line(sample):
    result = parse_bytes(sample("linkedin_notes_preamble.csv"), file="Connections.csv")
    by_last = {c.last_name: c for c in result.records}
    assert by_last["'t Hart"].line == 8  # the quoted Position spans lines 8-9
    assert by_last["'t Hart"].position == "Adviseur\nDuurzaamheid"
    assert by_last["de Vries"].line == 10


def test_blank_hidden_members_are_skipped_and_counted(sample):
    result = parse_bytes(sample("linkedin_notes_preamble.csv"), file="Connections.csv")
    assert result.skipped == 2
    assert len(result.records) == 4
    assert all(c.first_name or c.last_name for c in result.records)


def test_older_export_without_url_column(sample):
    result = parse_bytes(sample("linkedin_no_url.csv"), file="Connections.csv")
    assert result.format == "linkedin"
    assert [(c.line, c.last_name, c.linkedin_url) for c in result.records] == [
        (2, "de Jong", ""),
        (3, "Bakker", ""),
    ]
    assert result.records[1].emails == ("sanne.bakker@example.com",)
    assert result.records[0].connected_on == date(2019, 5, 5)


def test_dutch_locale_month_abbreviations(sample):
    result = parse_bytes(sample("linkedin_nl_months.csv"), file="Connections.csv")
    assert [c.connected_on for c in result.records] == [
        date(2026, 3, 7),
        date(2026, 5, 7),
        date(2026, 10, 7),
    ]


def test_excel_resave_with_semicolons_cp1252_crlf_and_numeric_dates(sample):
    data = sample("linkedin_excel_semicolon.csv")
    assert b"\r\n" in data and "Müller".encode("cp1252") in data
    result = parse_bytes(data, file="Connections.csv")
    assert (result.format, result.encoding, result.delimiter) == ("linkedin", "cp1252", ";")
    assert result.errors == []
    assert [c.line for c in result.records] == [5, 6, 7, 8]
    assert result.records[0].first_name == "Jürgen"
    assert result.records[0].company == "Café de Zwaan"
    assert result.records[1].company == "Bakker; Zonen & Co"
    # 16.09.2021, 16-09-2021, 2021-09-16 and 9/16/2021 are all the same day
    assert {c.connected_on for c in result.records} == {date(2021, 9, 16)}
    assert result.skipped == 1


def test_unparseable_date_is_a_warning_naming_value_and_expected_form_and_the_contact_stays():
    data = (HEADER + "Jan,Jansen,,,,,gisteren\nPiet,Puk,,,,,07 Feb 2026\n").encode()
    result = parse_bytes(data, file="Connections.csv")
    assert result.errors == []
    (warning,) = result.warnings
    assert warning.line == 2
    assert "'gisteren'" in warning.message
    assert "07 Feb 2026" in warning.message
    assert [(c.last_name, c.connected_on) for c in result.records] == [
        ("Jansen", None),
        ("Puk", date(2026, 2, 7)),
    ]


def test_empty_connected_on_is_none_not_an_error():
    result = parse_bytes((HEADER + "Jan,Jansen,,,,,\n").encode(), file="c.csv")
    assert result.errors == []
    assert result.records[0].connected_on is None


def test_month_first_dates_are_recognised_from_the_file():
    rows = "A,B,,,,,2/3/2021\nC,D,,,,,12/31/2021\n"
    result = parse_bytes((HEADER + rows).encode(), file="c.csv")
    assert [c.connected_on for c in result.records] == [date(2021, 2, 3), date(2021, 12, 31)]


def test_ambiguous_numeric_dates_default_to_day_first():
    result = parse_bytes((HEADER + "A,B,,,,,02/03/2021\n").encode(), file="c.csv")
    assert result.records[0].connected_on == date(2021, 3, 2)


def test_header_found_by_name_whatever_the_column_order():
    data = "Connected On,Company,Last Name,First Name\n07 Feb 2026,Acme,de Vries,Anna\n"
    result = parse_bytes(data.encode(), file="c.csv")
    assert result.format == "linkedin"
    contact = result.records[0]
    assert (contact.first_name, contact.last_name, contact.company) == ("Anna", "de Vries", "Acme")


def test_values_are_stripped_and_joined_emails_split():
    data = HEADER + " Jan , Jansen ,, a@x.nl; b@y.nl ,  Acme  ,,07 Feb 2026\n"
    contact = parse_bytes(data.encode(), file="c.csv").records[0]
    assert (contact.first_name, contact.last_name, contact.company) == ("Jan", "Jansen", "Acme")
    assert contact.emails == ("a@x.nl", "b@y.nl")


def test_short_row_is_a_row_error_with_its_line():
    data = HEADER + "Jan,Jansen,,,,,07 Feb 2026\nPiet,Puk,https://www.linkedin.com/in/p\n"
    result = parse_bytes(data.encode(), file="Connections.csv")
    assert [e.line for e in result.errors] == [3]
    assert "3 fields" in result.errors[0].message and "7" in result.errors[0].message


def test_row_errors_are_capped_at_100_plus_a_summary():
    rows = "".join(f"P{i},Q,,,,,07 Feb 2026,x\n" for i in range(250))  # one field too many
    result = parse_bytes((HEADER + rows).encode(), file="c.csv")
    assert len(result.errors) == 101
    assert result.errors[0].line == 2
    assert "150 more" in result.errors[-1].message


def test_warnings_are_capped_at_100_plus_a_summary_and_do_not_reject_the_file():
    rows = "".join(f"P{i},Q,,,,,nodate\n" for i in range(250))
    result = parse_bytes((HEADER + rows).encode(), file="c.csv")
    assert (result.errors, len(result.records)) == ([], 250)
    assert len(result.warnings) == 101
    assert result.warnings[-1].message == (
        "… and 150 more rows with warnings (only the first 100 are listed)."
    )


def test_headers_without_spaces_are_linkedin_not_a_directory():
    data = (
        b"FirstName,LastName,EmailAddress,Company,Position,ConnectedOn\n"
        b"Jan,Jansen,jan@example.nl,Acme,CEO,04-May-22\n"
    )
    for format in ("auto", "linkedin"):
        result = parse_bytes(data, file="Connections.csv", format=format)
        assert result.format == "linkedin"
        assert [(c.emails, c.company, c.connected_on) for c in result.records] == [
            (("jan@example.nl",), "Acme", date(2022, 5, 4))
        ]


def test_an_email_cell_without_an_address_is_left_out_with_a_warning():
    data = (HEADER + "Jan,Jansen,,Ñ,,,07 Feb 2026\nPiet,Puk,,p@x.nl; nope,,,07 Feb 2026\n").encode()
    result = parse_bytes(data, file="c.csv")
    assert [c.emails for c in result.records] == [(), ("p@x.nl",)]
    assert [(w.line, w.message.values["value"]) for w in result.warnings] == [
        (2, "'Ñ'"),
        (3, "'nope'"),
    ]


def test_old_mac_excel_with_carriage_return_line_endings():
    data = b"First Name;Last Name;Connected On\rJan;de Vries;07 Feb 2026\rPiet;Puk;08.02.2026\r"
    result = parse_bytes(data, file="Connections.csv")
    assert result.delimiter == ";"
    assert [(c.line, c.last_name, c.connected_on) for c in result.records] == [
        (2, "de Vries", date(2026, 2, 7)),
        (3, "Puk", date(2026, 2, 8)),
    ]
