"""Real exports that failed before issue 11, and a corpus of vCards that must keep working.

The files are written by ``tests/data/exports/make_exports.py`` (invented people, the
structure and bytes of the public exports named there).  Each class test says what a
new organisation meets on day one; the corpus pins every file's exact contacts.
"""

from __future__ import annotations

import importlib.util
from datetime import date
from pathlib import Path

import pytest

from weakties.importers import detect_format, parse_bytes, parse_path

EXPORTS = Path(__file__).resolve().parents[1] / "data" / "exports"

_spec = importlib.util.spec_from_file_location("make_exports", EXPORTS / "make_exports.py")
assert _spec is not None and _spec.loader is not None
make_exports = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(make_exports)


def parse(name: str, format: str = "auto"):
    return parse_path(EXPORTS / name, format=format)


@pytest.mark.parametrize("name", sorted(make_exports.SAMPLES))
def test_committed_export_matches_generator(name):
    assert (EXPORTS / name).read_bytes() == make_exports.SAMPLES[name](), (
        f"{name} is stale; run python tests/data/exports/make_exports.py"
    )


# -- 1. Excel's d-mmm-yy dates ------------------------------------------------------------------


def test_excel_resave_with_day_month_name_year_dates_imports_every_contact():
    result = parse("classes/linkedin_excel_dmonyy.csv")
    assert (result.format, result.errors, result.warnings, result.skipped) == (
        "linkedin",
        [],
        [],
        1,
    )
    assert [(c.line, c.last_name, c.connected_on) for c in result.records] == [
        (2, "Verbeek", date(2022, 9, 9)),
        (3, "de Jong", date(2022, 9, 8)),
        (4, "Smits", date(2022, 5, 4)),
        (6, "Mulder", date(2009, 10, 30)),
        (7, "Bos", date(2023, 3, 7)),  # a Dutch month: 7-mrt-23
        (8, "Visser", date(2021, 12, 31)),
    ]


def test_a_date_that_cannot_be_read_leaves_the_contact_without_a_date_and_warns():
    data = (
        b"First Name,Last Name,Company,Connected On\n"
        b"An,Aalders,Acme,gisteren\n"
        b"Bo,Bakker,Acme,9-Sep-22\n"
        b"Cor,Claes,Acme,31 Foo 2020\n"
    )
    result = parse_bytes(data, file="Connections.csv")
    assert result.errors == []
    assert [(c.last_name, c.connected_on) for c in result.records] == [
        ("Aalders", None),
        ("Bakker", date(2022, 9, 9)),
        ("Claes", None),
    ]
    assert [w.line for w in result.warnings] == [2, 4]
    assert result.warnings[0].message == (
        "line 2: Connected On 'gisteren' is not a date; expected a date such as 07 Feb 2026, "
        "07 mrt 2026, 16.09.2021 or 2021-09-16; the contact is imported without the date."
    )


# -- 2. the 2018 export's "1/8/18, 6:14 PM" ------------------------------------------------------


def test_2018_export_with_times_is_read_month_first_and_drops_a_member_id_as_email():
    result = parse("classes/linkedin_2018_us.csv")
    dates = [c.connected_on for c in result.records]
    assert dates == [
        date(2018, 1, 8),
        date(2018, 4, 4),
        date(2017, 11, 17),
        date(2015, 7, 21),
        date(2018, 8, 3),
        date(2018, 10, 18),
    ]
    assert max(dates) <= date(2018, 11, 4)  # the export was made on 4 Nov 2018
    assert result.records[4].emails == ()
    assert [(w.line, str(w.message)) for w in result.warnings] == [
        (6, "line 6: 'urn:li:member:664293716' is not an e-mail address; it was left out.")
    ]


# -- 3. 8-bit vCard 2.1 with CHARSET on one property ---------------------------------------------


def test_ansi_vcards_use_the_charset_each_card_declares():
    result = parse("classes/vcard21_ansi_charsets.vcf")
    assert (result.encoding, result.errors, result.warnings) == ("cp1252", [], [])
    assert [(c.line, c.first_name, c.last_name, c.company) for c in result.records] == [
        (1, "Оксана", "Коваленко", ""),
        (8, "Νίκος", "Παππάς", "Ελληνικά Ταχυδρομεία"),
        (16, "Jürgen", "Weiß", ""),  # no charset declared: Windows-1252 stays
    ]


# -- 4. organisation cards -----------------------------------------------------------------------


def test_organisation_and_group_cards_are_skipped_with_their_names():
    result = parse("classes/vcard_organisations.vcf")
    assert result.errors == []
    assert [(c.line, c.full_name, c.company) for c in result.records] == [
        (38, "Marieke van Houten", "Bakkerij Van Houten")  # X-ABShowAs:COMPANY with a name
    ]
    assert result.skipped == 3
    assert [(w.line, w.message.values["name"]) for w in result.warnings] == [
        (1, "Zonnepark Noord B.V."),
        (9, "Bakkerij Van Houten"),
        (30, "Vrijwilligers"),
    ]
    assert "not a person; it was skipped" in result.warnings[0].message


# -- 5. a stray byte in a UTF-8 file -------------------------------------------------------------


def test_stray_windows_1252_bytes_do_not_garble_the_utf8_names_around_them():
    result = parse("classes/linkedin_utf8_stray_bytes.csv")
    assert (result.format, result.encoding, result.errors) == ("linkedin", "utf-8+cp1252", [])
    assert [(c.first_name, c.last_name, c.company, c.position) for c in result.records] == [
        ("Søren", "Dahl-Iversen", "Leapwork", "Developer trainee"),
        ("Louise", "Raaskou Jørgensen", "Academic Work", "Consultant"),
        ("Raphael", "Heinz", "Universitätsklinikum St Pölten", "Analytiker"),
        ("Katja", "Bauer", "Synergy GmbH", "Geschäftsführerin"),
        ("Zoë", "Müller", "Café de Zwaan", "Eigenaar"),
        ("Gökhan", "Çelik", "Çelik Bouw", "Directeur"),
    ]
    assert [w.line for w in result.warnings] == [3, 4, 5]
    assert "read as Windows-1252" in result.warnings[0].message


# -- 6. lines the importer does not need ---------------------------------------------------------


def test_a_bare_n_line_beside_a_good_fn_does_not_reject_the_card():
    result = parse("classes/vcard_bare_n.vcf")
    assert (result.errors, result.warnings) == ([], [])
    assert [(c.first_name, c.last_name) for c in result.records] == [("Jan", "de Boer")]


def test_group_prefix_on_begin_and_end_is_a_card():
    result = parse("classes/vcard_grouped_begin.vcf")
    assert result.errors == []
    assert [(c.line, c.first_name, c.last_name, c.emails) for c in result.records] == [
        (1, "Jan", "de Boer", ("jan.deboer@example.nl",))
    ]


# -- 7. headers without spaces -------------------------------------------------------------------


def test_headers_without_spaces_are_linkedin_detected_and_chosen():
    data = (EXPORTS / "classes/linkedin_no_spaces.csv").read_bytes()
    assert detect_format(data, file="Connections.csv") == "linkedin"
    for format in ("auto", "linkedin"):
        result = parse("classes/linkedin_no_spaces.csv", format=format)
        assert (result.format, result.errors, result.skipped) == ("linkedin", [], 1)
        assert [(c.last_name, c.emails, c.connected_on) for c in result.records] == [
            ("Willems, PhD", (), date(2022, 5, 4)),
            ("El Amrani", ("noor.elamrani@example.nl",), date(2022, 5, 3)),
            ("Gagnon, LL.B/M.B.A", (), date(2021, 10, 28)),
        ]


# -- e-mail values ------------------------------------------------------------------------------


def test_a_vcard_email_that_is_no_address_is_left_out_with_a_warning():
    result = parse("classes/vcard_bad_email.vcf")
    assert result.records[0].emails == ("pieter.smit@example.nl",)
    assert [str(w.message) for w in result.warnings] == [
        "the card that begins on line 1 has 'ÑÑÑÑÑÑÑÑÑÑ' as an e-mail address, which is not "
        "one; it was left out."
    ]


# -- the corpus: what worked before keeps working ----------------------------------------------

#: file → (encoding, skipped, [(line, first, last, emails, company, department, position,
#: phones, linkedin)]); no file gives an error or a warning.
CORPUS = {
    "outlook_21.vcf": (
        "cp1252",
        0,
        [
            (1, "Hélène", "van Vermeulen",
             ("s.vanvermeulen@example.nl", "sanne.v@example.com"),
             "Gemeente 's-Hertogenbosch", "Ruimtelijke Ordening", "Beleidsmedewerker – wonen",
             ("+31 73 615 5555", "+31 6 1111 2222"), ""),
            (26, "François", "Renée", ("francois@example.be",), "Café Renée & Fils", "", "", (), ""),
        ],
    ),
    "apple_30.vcf": (
        "utf-8",
        0,
        [
            (1, "Kees", "'t Hart", ("kees@hartpartners.example.nl", "kees.thart@example.com"),
             "Hart & Partners", "Advies", "Partner", ("+31 6 12 34 56 78",),
             "https://www.linkedin.com/in/kees-t-hart"),
            (25, "Els", "Janssens", (), "Janssens, Peeters & Co", "", "", ("+32 470 12 34 56",),
             "https://be.linkedin.com/in/elsjanssens"),
        ],
    ),
    "google_30.vcf": (
        "utf-8",
        0,
        [
            (1, "Fatima", "El Idrissi",
             ("f.elidrissi@tudelft.example.nl", "fatima.elidrissi@example.com", "fatima@example.org"),
             "TU Delft", "", "Universitair docent", ("+31 6 98765432",),
             "https://www.linkedin.com/in/fatima-el-idrissi"),
            (17, "Thomas", "Wouters", (), "", "", "", ("020-5551234",), ""),
            (24, "", "", ("inkoop@groothandel.example.nl",), "", "", "", (), ""),
        ],
    ),
    "android_21.vcf": (
        "utf-8",
        1,
        [
            (1, "Jürgen", "Müller", ("juergen.mueller@example.de",), "Bäckerei Müller", "", "",
             ("+49 171 2345678", "+49 30 1234567"), ""),
            (10, "Mama", "", (), "", "", "", ("06-12345678",), ""),
            (16, "", "", (), "", "", "", ("+31612345679",), ""),
        ],
    ),
    "thunderbird_30.vcf": (
        "utf-8",
        0,
        [
            (1, "Lieke", "Bakker", ("lieke.bakker@example.nl", "l.bakker@werk.example.nl"),
             "", "", "", (), ""),
            (11, "Bakkerij", "Jansen", ("bestellingen@bakkerij-jansen.example.nl",),
             "", "", "", (), ""),
        ],
    ),
    "nextcloud_40.vcf": (
        "utf-8",
        0,
        [
            (1, "Sophie", "de Wit", ("sophie.dewit@ugent.example.be", "sophie@example.be"),
             "Universiteit Gent", "Vakgroep Informatica", "Onderzoeker", ("+32-470-123456",),
             "https://www.linkedin.com/in/sophiedewit"),
            (20, "Mohammed", "Bouzid", ("m.bouzid@example.nl",), "", "", "", (), ""),
        ],
    ),
    "folded_utf8_30.vcf": (
        "utf-8-sig",
        0,
        [
            (1, "Marloes", "van Leeuwen", ("marloes.vanleeuwen@natuurenmilieu.example.nl",),
             "Stichting Natuur en Milieu Zuid-Holland", "Afdeling Communicatie en Publicaties",
             "Woordvoerder", (), ""),
        ],
    ),
}  # fmt: skip


def test_the_corpus_names_every_file():
    assert {f"corpus/{name}" for name in CORPUS} == {
        name for name in make_exports.SAMPLES if name.startswith("corpus/")
    }


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_corpus_file_gives_exactly_its_contacts(name):
    encoding, skipped, contacts = CORPUS[name]
    result = parse(f"corpus/{name}")
    assert (result.format, result.encoding) == ("vcard", encoding)
    assert (result.errors, result.warnings, result.skipped) == ([], [], skipped)
    assert [
        (
            c.line, c.first_name, c.last_name, c.emails, c.company, c.department, c.position,
            c.phones, c.linkedin_url,
        )
        for c in result.records
    ] == contacts  # fmt: skip
    assert all(c.source == "vcard" and c.connected_on is None for c in result.records)
