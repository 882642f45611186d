"""Property tests: nothing but ImportFileError ever escapes parse_bytes."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from weakties.importers import (
    FORMATS,
    Contact,
    DirectoryEntry,
    ImportFileError,
    ParseResult,
    parse_bytes,
)

HEADERS = [
    ["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"],
    ["First Name", "Last Name", "Email Address", "Company", "Position", "Connected on"],
    ["Name", "Given Name", "Additional Name", "Family Name", "E-mail 1 - Type",
     "E-mail 1 - Value", "Phone 1 - Value", "Organization 1 - Name", "Organization 1 - Title",
     "Website 1 - Type", "Website 1 - Value"],
    ["First Name", "Middle Name", "Last Name", "Organization Name", "E-mail 1 - Label",
     "E-mail 1 - Value", "Phone 1 - Label", "Phone 1 - Value", "Website 1 - Value"],
    ["Titel", "Voornaam", "Middelste naam", "Achternaam", "Bedrijf", "Afdeling", "Functie",
     "E-mailadres", "E-mailadres 2", "Mobiele telefoon", "Geslacht", "Webpagina"],
    ["First Name", "Middle Name", "Last Name", "Company", "Job Title", "E-mail Address",
     "Business Phone", "Mobile Phone", "Web Page", "Gender"],
    ["email", "first_name", "last_name", "department", "job_title", "location", "manager_email"],
    ["e-mailadres", "voornaam", "achternaam", "afdeling", "functie", "locatie", "manager"],
]  # fmt: skip
PREAMBLES = ["", "Notes:\n", 'Notes:\n"When exporting, some emails are missing."\n\n']
CELL = st.one_of(
    st.sampled_from(
        ["", "Jan", "van den Berg", "Zoë", "'t Hart", "a@x.nl", "a@x.nl ::: b@y.nl",
         "07 Feb 2026", "16.09.2021", "9/16/2021", "0-0-00", "Normaal",
         "https://www.linkedin.com/in/x", "x@", '"', '""', ",", ";", "\n", "\r\n"]
    ),
    st.text(alphabet=st.sampled_from('ab Zë",;\t\n\r:@.-/0123456789\\'), max_size=12),
)  # fmt: skip
ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "cp1252"]


def check_result(result: ParseResult, data: bytes) -> None:
    assert isinstance(result, ParseResult)
    assert result.format in FORMATS
    lines = data.count(b"\n") + data.count(b"\r") + 1  # upper bound on physical lines
    for record in result.records:
        assert isinstance(record, DirectoryEntry if result.format == "directory" else Contact)
        assert 1 <= record.line <= lines
    for error in result.errors:
        assert error.line >= 1 and error.message
    assert len(result.errors) <= 101


def parse_or_refuse(data: bytes, format: str = "auto") -> None:
    try:
        result = parse_bytes(data, file="fuzz.csv", format=format)
    except ImportFileError as exc:
        assert exc.file == "fuzz.csv" and exc.message
        assert "unexpected problem" not in exc.message, exc.__cause__
        return
    check_result(result, data)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=2048), st.sampled_from(("auto", *FORMATS)))
def test_random_bytes_only_ever_raise_import_file_error(data, format):
    parse_or_refuse(data, format)


@st.composite
def csvish(draw) -> bytes:
    header = list(draw(st.sampled_from(HEADERS)))
    delimiter = draw(st.sampled_from([",", ";", "\t"]))
    newline = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    quote_all = draw(st.booleans())

    def render(cells: list[str]) -> str:
        if quote_all:
            return delimiter.join('"' + c.replace('"', '""') + '"' for c in cells)
        return delimiter.join(cells)  # raw: quotes and delimiters may break the row

    rows = [render(header)]
    for _ in range(draw(st.integers(0, 8))):
        width = draw(st.sampled_from([len(header), len(header) - 1, len(header) + 2, 1]))
        rows.append(render([draw(CELL) for _ in range(max(width, 0))]))
    text = draw(st.sampled_from(PREAMBLES)) + newline.join(rows)
    if draw(st.booleans()):
        text += newline
    cut = draw(st.integers(0, 20))
    if cut and draw(st.booleans()):
        text = text[:-cut]  # truncated file
    encoding = draw(st.sampled_from(ENCODINGS))
    return text.encode(encoding, errors="replace")


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(csvish(), st.sampled_from(("auto", *FORMATS)))
def test_random_csvish_exports_only_ever_raise_import_file_error(data, format):
    parse_or_refuse(data, format)


VCARD_LINES = [
    "VERSION:2.1", "VERSION:3.0", "VERSION:4.0", "FN:Jan van den Berg", "N:Berg;Jan;van den;;",
    "N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:M=C3=BCller;Zo=C3=AB;;;",
    "NOTE;ENCODING=QUOTED-PRINTABLE:a=", "ORG:Acme;Sales", "TITLE:CEO", "EMAIL:a@x.nl",
    "TEL;CELL:+31 6 1", "item1.URL:https\\://www.linkedin.com/in/x", "item1.X-ABLabel:LinkedIn",
    "X-SOCIALPROFILE;type=linkedin:https://linkedin.com/in/y", " folded", "PHOTO;ENCODING=b:@@",
    "BEGIN:VCARD", "END:VCARD", "AGENT:", "", "garbage", "N:;;;;", "FN:",
]  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.one_of(st.sampled_from(VCARD_LINES), st.text(max_size=20)), max_size=30),
    st.sampled_from(["\n", "\r\n"]),
)
def test_random_vcards_only_ever_raise_import_file_error(lines, newline):
    data = newline.join(["BEGIN:VCARD", *lines, "END:VCARD"]).encode("utf-8", "replace")
    parse_or_refuse(data)
    parse_or_refuse(data, "vcard")
