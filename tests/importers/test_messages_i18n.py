"""Importer messages are translatable: English Texts that keep their template and values.

Pure (no Django): the Django side that translates them is tested in
``tests/core/test_import_messages_i18n.py``.
"""

from __future__ import annotations

import ast
import codecs
import copy
import doctest
import json
import pickle
import string
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

import weakties.importers as importers
from weakties.importers import ImportFileError, RowError, Text
from weakties.importers import records as records_module
from weakties.importers.csv_text import delimiter_name
from weakties.importers.tables import Columns, read_table

PACKAGE = Path(importers.__file__).parent


def templates_in(path: Path) -> set[str]:
    """Every literal that ``path`` marks with ``gettext_noop``; refuses anything but a literal."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "gettext_noop":
            (arg,) = node.args
            assert isinstance(arg, ast.Constant) and isinstance(arg.value, str), (
                f"{path.name}:{node.lineno}: gettext_noop needs a plain string literal"
            )
            found.add(arg.value)
    return found


TEMPLATES = set().union(*(templates_in(p) for p in PACKAGE.glob("*.py")))


def texts(message: Text) -> Iterator[Text]:
    """``message`` and every Text nested in its values."""
    yield message
    for value in message.values.values():
        if isinstance(value, Text):
            yield from texts(value)


# -- Text itself ------------------------------------------------------------------------------


def test_text_is_the_english_sentence_and_keeps_template_and_values():
    message = Text("line {line} has {count:,} fields", line=7, count=1200)
    assert message == "line 7 has 1,200 fields"
    assert isinstance(message, str)
    assert message.template == "line {line} has {count:,} fields"
    assert message.values == {"line": 7, "count": 1200}


def test_text_without_values_is_not_formatted():
    assert Text("a literal {brace}") == "a literal {brace}"
    assert Text("a literal {brace}").values == {}


def test_nested_text_reads_as_english_and_stays_a_text():
    sep = Text("comma")
    problem = Text("probably a value contains a {delimiter}", delimiter=sep)
    message = Text("line {line} {problem}.", line=4, problem=problem)
    assert message == "line 4 probably a value contains a comma."
    assert message.values["problem"].values["delimiter"] is sep


def test_text_pickles_and_copies_with_its_template_and_nested_values():
    message = Text("line {line} {problem}.", line=4, problem=Text("has {n} fields", n=2))
    for again in (
        pickle.loads(pickle.dumps(message)),
        pickle.loads(pickle.dumps(message, protocol=0)),
        copy.deepcopy(message),
    ):
        assert again == message and type(again) is Text
        assert again.template == message.template
        assert type(again.values["problem"]) is Text
        assert again.values["problem"].template == "has {n} fields"


def test_as_data_is_json_and_nests():
    message = Text("line {line}: {problem}", line=3, problem=Text("{value} is odd", value="'x'"))
    data = message.as_data()
    assert json.loads(json.dumps(data)) == {
        "template": "line {line}: {problem}",
        "values": {
            "line": 3,
            "problem": {"template": "{value} is odd", "values": {"value": "'x'"}},
        },
    }


def test_text_docstring_examples_hold():
    result = doctest.testmod(records_module)
    assert result.attempted > 0 and result.failed == 0


def test_row_error_and_file_error_hold_texts_and_row_error_dicts_are_plain_english():
    error = RowError(3, Text("line {line} is odd.", line=3))
    assert error.as_dict() == {"line": 3, "message": "line 3 is odd."}
    assert type(error.as_dict()["message"]) is str
    assert isinstance(RowError(3, "plain").message, Text)  # wrapped
    assert isinstance(ImportFileError("x.csv", "plain").message, Text)


def test_delimiter_names_are_translatable():
    for delimiter, name in ((",", "comma"), (";", "semicolon"), ("\t", "tab")):
        assert delimiter_name(delimiter) == name
        assert delimiter_name(delimiter).template in TEMPLATES


def test_templates_are_plain_literals_with_well_formed_placeholders():
    assert len(TEMPLATES) > 80
    for template in TEMPLATES:
        for _, field, _, _ in string.Formatter().parse(template):
            assert field is None or field.isidentifier(), template


# -- every message the importers give ---------------------------------------------------------

HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
ROW = "Jan,Jansen,https://www.linkedin.com/in/jj,,Acme,CEO,07 Feb 2026\n"
GOOGLE = "Name,Given Name,Family Name,E-mail 1 - Type,E-mail 1 - Value,Organization 1 - Name\n"
OUTLOOK = '"First Name","Middle Name","Last Name","Job Title","E-mail Address","Mobile Phone"\n'
DIRECTORY = "email,first_name,last_name,department,job_title,location,manager_email\n"
MAIL = "From - Tue Dec 01 09:00:00 2026\nFrom: An <an@example.nl>\nTo: bo@example.nl\n"
CAL = "BEGIN:VCALENDAR\nVERSION:2.0\n"
EVENT = "BEGIN:VEVENT\nORGANIZER:mailto:an@example.nl\nATTENDEE:mailto:bo@example.nl\n"
VCARDS = (
    "BEGIN:VCARD\nVERSION:3.0\nFN:Jan\nEND:VCARD\n"
    "stray text\n"
    "BEGIN:VCARD\nVERSION:3.0\nFN:Piet\n"  # no END: the next card begins
    "BEGIN:VCARD\nVERSION:2.1\nN;ENCODING=BASE64:!!!\nEND:VCARD\n"
    "BEGIN:VCARD\nVERSION:3.0\nFN:Nested\nBEGIN:VFOO\nEND:VCARD\n"
    "BEGIN:VCARD\nVERSION:3.0\nFN:Open\n"
)


def _sparse(name: str, size: int) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        path = folder / name
        with open(path, "wb") as handle:
            handle.truncate(size)
        return path

    return make


#: (family, file name, the bytes or a function giving a path in a folder, format)
BAD_FILES: dict[str, tuple[str, str, bytes | Callable[[Path], Path], str]] = {
    "empty": ("contacts", "c.csv", b"  \n", "auto"),
    **{
        f"signature-{magic[:2].hex()}": ("contacts", "c.bin", magic + b"x" * 40, "auto")
        for magic in (b"%PDF", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"PK\x03\x04",
                      b"\xd0\xcf\x11\xe0", b"\x1f\x8b", b"!BDN")
    },  # fmt: skip
    "utf16-cut": ("contacts", "c.csv", codecs.BOM_UTF16_LE + "abc".encode("utf-16-le") + b"A", "auto"),
    "utf16-bad": (
        "contacts", "c.csv",
        codecs.BOM_UTF16_LE + "a\n".encode("utf-16-le") + b"\x00\xdc" + "bcd".encode("utf-16-le"),
        "auto",
    ),
    "binary": ("contacts", "c.bin", b"abc,def\n\x00\x01\x02ghi,jkl\n", "auto"),
    "json": ("contacts", "c.json", b'{"contacts": []}\n', "auto"),
    "html": ("contacts", "c.html", b"<html><body>hi</body></html>\n", "auto"),
    "calendar": ("contacts", "c.ics", (CAL + EVENT + "END:VEVENT\nEND:VCALENDAR\n").encode(), "auto"),
    "text": ("contacts", "c.txt", b"hello world\nsecond line\n", "auto"),
    "wrong-kind": ("contacts", "c.csv", (HEADER + ROW).encode(), "vcard"),
    "nor-any": ("contacts", "c.csv", b"hello world\n", "google"),
    "unknown-format": ("contacts", "c.csv", b"x", "xls"),
    "too-big": ("contacts", "big.csv", _sparse("big.csv", 101 * 2**20), "auto"),
    "folder": ("contacts", "folder", lambda folder: folder, "auto"),
    "missing": ("contacts", "missing.csv", lambda folder: folder / "missing.csv", "auto"),
    "columns": ("contacts", "c.csv", (HEADER + ROW + ",".join(["x"] * 600) + "\n").encode(), "auto"),
    "unterminated": (
        "contacts", "c.csv", (HEADER + ROW + 'Piet,"Puk,,,,,07 Feb 2026\n' + ROW * 5).encode(), "auto"
    ),
    "quote-text": ("contacts", "c.csv", (HEADER + ROW + 'Jan,"de" Vries,,,,,07 Feb 2026\n').encode(), "auto"),
    "quote-text-semicolon": (
        "contacts", "c.csv", (HEADER + ROW + 'Jan,"de" Vries,,,,,07 Feb 2026\n').replace(",", ";").encode(), "auto"
    ),
    "tab-rows": ("contacts", "c.csv", (HEADER + ROW + ROW.replace("\n", ",x\n")).replace(",", "\t").encode(), "auto"),
    "directory-as-linkedin": ("contacts", "d.csv", (DIRECTORY + "jan@example.nl,Jan,Jansen,,,,\n").encode(), "linkedin"),
    "outlook-as-google": ("contacts", "o.csv", (OUTLOOK + '"Jan","","Jansen","CEO","j@x.nl",""\n').encode(), "google"),
    "unclosed": (
        "contacts", "c.csv", (HEADER + 'Jan,"Jansen' + "\n" * 1200 + '",,,,,07 Feb 2026\n').encode(), "auto"
    ),
    "field-limit": (
        "contacts", "c.csv", (HEADER + ROW + "Jan," + "x" * 140_000 + ",,,,,07 Feb 2026\n").encode(), "auto"
    ),
    # Blank lines before the header: the scorer skips them, the header search counts them.
    "no-google-header": ("contacts", "g.csv", ("\n\n\n" + GOOGLE + "Jan Jansen,Jan,Jansen,,j@x.nl,Acme\n").encode(), "google"),
    "no-outlook-header": ("contacts", "o.csv", ("\n\n\n" + OUTLOOK + '"Jan","","Jansen","CEO","j@x.nl",""\n').encode(), "outlook"),
    "no-directory-header": ("contacts", "d.csv", ("\n\n" + DIRECTORY + "j@x.nl,Jan,Jansen,,,,\n").encode(), "directory"),
    "no-linkedin-header": ("contacts", "l.csv", ("\n" * 6 + HEADER + ROW).encode(), "linkedin"),
    "linkedin-rows": (
        "contacts", "Connections.csv",
        (HEADER + ROW + "Jan,Jansen\n" + ROW.replace("\n", ",a,b\n") + "Piet,Puk,,,,,31 Foo 2020\n"
         + "Kees,Kok,,Ñ,,,07 Feb 2026\n").encode(),
        "auto",
    ),
    "google-rows": ("contacts", "g.csv", (GOOGLE + "Jan\n" + "a,b,c,d,e,f,g,h\n").encode(), "auto"),
    "outlook-rows": ("contacts", "o.csv", (OUTLOOK + '"Jan"\n').encode("cp1252"), "auto"),
    "directory-rows": (
        "contacts", "d.csv",
        (DIRECTORY + "jan@example.nl,Jan,Jansen,,,,\nkees@example.nl,Kees\n,Piet,Puk,,,,\n"
         "not-an-email,Kees,Kok,,,,\njan@example.nl,Jan,Jansen,,,,\n"
         "bo@example.nl,Bo,Bee,,,,boss@example.nl\n").encode(),
        "auto",
    ),
    "vcard-rows": ("contacts", "c.vcf", VCARDS.encode(), "auto"),
    "vcard-warnings": (
        "contacts", "c.vcf",
        ("BEGIN:VCARD\nVERSION:4.0\nKIND:org\nFN:Acme\nEND:VCARD\n"
         "BEGIN:VCARD\nVERSION:3.0\nFN:Jan Jansen\nEMAIL:ÑÑÑ\nTEL;ENCODING=b:@@@\nEND:VCARD\n").encode(),
        "auto",
    ),
    "vcard-many-parameters": (
        "contacts", "c.vcf",
        ("BEGIN:VCARD\nVERSION:3.0\nFN:Jan Jansen\nN;X=" + ",".join(['""'] * 20)
         + ":Jansen;Jan;;;\nEND:VCARD\n").encode(),
        "auto",
    ),
    "stray-bytes": ("contacts", "Connections.csv", (HEADER + "Zoë,Müller,,,,,07 Feb 2026\n").encode() + b"J\xf6rg,K,,,,,07 Feb 2026\n", "auto"),
    "many-rows": ("contacts", "Connections.csv", (HEADER + "Jan,Jansen,,,,,31 Foo 2020\n" * 130).encode(), "auto"),
    "many-errors": ("contacts", "Connections.csv", (HEADER + "Jan,Jansen,,,,,07 Feb 2026,x\n" * 130).encode(), "auto"),
    # -- the table reader as a sheet import uses it (a help-request sheet without a title column)
    "table-columns": ("table", "requests.csv", b"Soort;Omschrijving\nvacature;iets\n", "auto"),
    # -- mailboxes and calendars
    "i-empty": ("interactions", "Inbox", b"\n\n", "auto"),
    "i-pdf": ("interactions", "Inbox", b"%PDF-1.7\n" * 5, "auto"),
    "i-utf16": ("interactions", "Inbox", codecs.BOM_UTF16_LE + MAIL.encode("utf-16-le"), "auto"),
    "i-binary": ("interactions", "Inbox", MAIL.encode() + b"\x00", "auto"),
    "i-unknown-format": ("interactions", "Inbox", MAIL.encode(), "pst"),
    "i-too-big": ("interactions", "Inbox", _sparse("Inbox", 4 * 1024**3 + 1), "auto"),
    "i-folder": ("interactions", "folder", lambda folder: folder, "auto"),
    "i-missing": ("interactions", "missing", lambda folder: folder / "missing", "auto"),
    "i-contacts": ("interactions", "Connections.csv", (HEADER + ROW).encode(), "auto"),
    "i-text": ("interactions", "notes.txt", b"hello world\n", "auto"),
    "i-wrong-kind": ("interactions", "Inbox", MAIL.encode(), "ics"),
    "i-long-line": ("interactions", "Inbox", MAIL.encode() + b"X-Long: " + b"a" * (16 * 2**20 + 10) + b"\n", "auto"),
    "i-nul-later": (
        "interactions", "Inbox",
        (MAIL + "Date: Tue, 01 Dec 2026 09:00:00 +0100\n\n" + "body line\n" * 8000).encode() + b"\x00\n",
        "auto",
    ),
    "mbox-start": ("interactions", "Inbox", b"From someone\nSubject: hi\n\nbody\n", "auto"),
    "mbox-headers": ("interactions", "Inbox", MAIL.encode() + b"X-Big: a\n" + (b" " + b"a" * 60_000 + b"\n") * 21 + b"\n", "auto"),
    "mbox-cut": ("interactions", "Inbox", MAIL.encode(), "auto"),
    "mbox-rows": ("interactions", "Inbox", (MAIL + "\nbody\n\n" + MAIL + "Date: someday\n\nbody\n").encode(), "auto"),
    "ics-start": ("interactions", "cal.ics", ("X-NOTE:hi\n" + CAL + "END:VCALENDAR\n").encode(), "auto"),
    "ics-long": ("interactions", "cal.ics", (CAL + EVENT + "DESCRIPTION:a\n" + (" " + "a" * 70_000 + "\n") * 21).encode(), "auto"),
    "ics-end": ("interactions", "cal.ics", (CAL + "END:VEVENT\n").encode(), "auto"),
    "ics-cut-event": ("interactions", "cal.ics", (CAL + EVENT).encode(), "auto"),
    "ics-cut-calendar": ("interactions", "cal.ics", CAL.encode(), "auto"),
    "ics-rows": (
        "interactions", "cal.ics",
        (CAL + EVENT + "ATTENDEE\nEND:VEVENT\n" + EVENT + "DTSTART:someday\nEND:VEVENT\nEND:VCALENDAR\n").encode(),
        "auto",
    ),
}  # fmt: skip

#: Messages no file above gives: guards that a well-formed file cannot reach.
DEFENSIVE = {
    "this does not look like {what}: {expected}.",  # a file with text always has a first line
    "this does not look like e-mail or calendar data: {expected}.",  # idem
    "line {line} contains a NUL character; this is not a text file.",  # decoding refuses NUL first
    "line {line} cannot be read as CSV ({reason}).",  # a csv.Error of another kind
    "an unexpected problem stopped the import of this file ({error}). "
    "Please report it together with the file.",
    "the file is empty: it holds no calendar.",  # an empty file is refused before
    "the file holds no messages.",  # idem
}


#: Columns of a help-request sheet, for the "table" family above.
SHEET = Columns(
    {
        "kind": ("kind", "soort"),
        "title": ("title", "role", "titel", "rol"),
        "text": ("omschrijving",),
    },
    required=("kind", "title"),
)


def problems(case: str, folder: Path) -> list[tuple[int | None, Text]]:
    """What the importers say about one bad file: one error for a refused file, else its rows'."""
    family, name, data, format = BAD_FILES[case]
    try:
        if family == "table":
            assert isinstance(data, bytes)
            table = read_table(data.decode(), file=name, header=SHEET, missing=Text("empty"))
            list(table.named_rows(SHEET))
            return [(e.line, e.message) for e in table.errors.finish()]
        if family == "contacts":
            if callable(data):
                result = importers.parse_path(data(folder), file=name, format=format)
            else:
                result = importers.parse_bytes(data, file=name, format=format)
        elif callable(data):
            result = importers.parse_interactions_path(data(folder), file=name, format=format)
        else:
            result = importers.parse_interactions(data, file=name, format=format)
    except ImportFileError as exc:
        return [(exc.line, exc.message)]
    return [(e.line, e.message) for e in [*result.errors, *result.warnings]]


@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_every_message_is_a_marked_template_whose_english_is_the_message(case, tmp_path):
    found = problems(case, tmp_path)
    assert found, f"{case}: the file gave no problem"
    for _, message in found:
        assert type(message) is Text
        for text in texts(message):
            assert text.template in TEMPLATES or not text.values, text.template
        assert str(message) == message.template.format(**message.values)
        again = pickle.loads(pickle.dumps(message))  # as the second process sends it
        assert again == message and again.as_data() == message.as_data()
        json.dumps(message.as_data())


def test_the_bad_files_give_every_message_but_the_defensive_ones(tmp_path):
    given = {
        text.template
        for case in BAD_FILES
        for _, message in problems(case, tmp_path)
        for text in texts(message)
    }
    assert TEMPLATES - given == DEFENSIVE


def test_row_problems_name_their_line_in_the_values(tmp_path):
    found = problems("linkedin-rows", tmp_path)
    for line, message in found:
        assert message.values["line"] == line
    warnings = importers.parse_bytes(BAD_FILES["linkedin-rows"][2], file="c.csv").warnings
    date, email = (w.message for w in warnings)
    assert date.values["problem"].values["value"] == "'31 Foo 2020'"
    assert date == (
        "line 5: Connected On '31 Foo 2020' is not a date; expected a date such as "
        "07 Feb 2026, 07 mrt 2026, 16.09.2021 or 2021-09-16; the contact is imported without "
        "the date."
    )
    assert email == "line 6: 'Ñ' is not an e-mail address; it was left out."


def test_warnings_never_reject_a_file_and_errors_stay_apart(tmp_path):
    result = importers.parse_bytes(BAD_FILES["vcard-warnings"][2], file="c.vcf")
    assert (result.errors, [c.full_name for c in result.records], result.skipped) == (
        [],
        ["Jan Jansen"],
        1,
    )
    assert [w.message.template.split(" ")[-4:] for w in result.warnings] == [
        ["person;", "it", "was", "skipped."],
        ["line", "was", "left", "out."],
        ["it", "was", "left", "out."],
    ]
