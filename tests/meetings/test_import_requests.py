"""Help requests from HR's sheets: CSV and XLSX, English and Dutch headers, all or nothing."""

from __future__ import annotations

import ast
import datetime as dt
import doctest
import gettext
import json
import string
from pathlib import Path

import pytest
from django.utils import translation
from openpyxl import Workbook

import weakties
from weakties.cli.main import main
from weakties.meetings.models import HelpRequest
from weakties.meetings.services import request_rows
from weakties.meetings.services.help_requests import RequestImportError, help_requests_import
from weakties.meetings.services.meetings import meeting_create

from .conftest import in_days

pytestmark = pytest.mark.django_db

DUTCH_CSV = """organisatie;soort;titel;vaardigheden;regio;aantal;datum;over maanden;toelichting;e-mail
Ministerie LNV;boventallig;Vleesinspecteur;"HACCP, inspectie";Noord-Brabant;24;01-03-2027;;Keuringsdienst wordt afgebouwd;ad.smets@lnv.nl
Rijkswaterstaat;vacature;Weginspecteur;inspectie, verkeersveiligheid;Noord-Brabant;30;;6;Nieuwe werving start volgende maand;myriam.roo@rws.nl
Rijkswaterstaat;werkervaringsplek;Stagiair wegbeheer;;Utrecht;1;;;;
"""


@pytest.fixture
def meeting(network):
    return meeting_create(federation=network, date=in_days(40), schedule=False)


def test_dutch_csv_with_semicolons_imports_every_row(meeting, tmp_path):
    path = tmp_path / "hulpvragen.csv"
    path.write_text(DUTCH_CSV, encoding="cp1252")
    created = help_requests_import(meeting=meeting, path=path)
    assert [r.kind for r in created] == ["surplus", "vacancy", "work-experience"]
    surplus, vacancy, _ = created
    assert (
        surplus.skills == ["HACCP", "inspectie"]
        and surplus.count == 24
        and surplus.date == dt.date(2027, 3, 1)
    )
    assert surplus.requester.email == "ad.smets@lnv.nl"  # a known colleague: linked
    assert vacancy.months_ahead == 6 and vacancy.date is None
    assert vacancy.effective_date is not None and vacancy.effective_date > meeting.date
    assert all(r.source == "import" for r in created)


def test_english_xlsx_with_real_dates_and_numbers(meeting, tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.append(
        [
            "Organisation",
            "Kind",
            "Title",
            "Skills",
            "Region",
            "Level",
            "Count",
            "Date",
            "Months ahead",
            "Description",
            "Email",
        ]
    )
    sheet.append(
        [
            "Rijkswaterstaat",
            "Vacancy",
            "Road inspector",
            "inspection; traffic safety",
            "Utrecht",
            "mbo 4",
            12.0,
            dt.datetime(2027, 1, 15),
            None,
            "Opens in January",
            "myriam.roo@rws.nl",
        ]
    )
    sheet.append([None] * 11)
    sheet.append(
        [
            "Ministerie LNV",
            "candidate",
            "Policy advisor",
            "policy",
            "Den Haag",
            "hbo",
            1,
            None,
            None,
            "",
            "",
        ]
    )
    path = tmp_path / "requests.xlsx"
    book.save(path)
    created = help_requests_import(meeting=meeting, path=path)
    assert [(r.title, r.count, r.date) for r in created] == [
        ("Road inspector", 12, dt.date(2027, 1, 15)),
        ("Policy advisor", 1, None),
    ]
    assert created[0].skills == ["inspection", "traffic safety"] and created[0].level == "mbo 4"


def test_bad_rows_import_nothing_and_name_file_and_lines(meeting, tmp_path, settings):
    settings.LANGUAGE_CODE = "en"  # the error wording is English below
    path = tmp_path / "requests.csv"
    path.write_text(
        "org,kind,title,count,date\n"
        "Rijkswaterstaat,vacancy,Road inspector,2,2027-01-01\n"
        "Rijkswaterstaat,holiday,Something,1,\n"
        "Omgevingsdienst Brabant Noord,vacancy,Toezichthouder,1,\n"
        "Rijkswaterstaat,vacancy,,1,\n"
        "Rijkswaterstaat,vacancy,Engineer,two,\n"
        "Rijkswaterstaat,vacancy,Engineer,1,31-02-2027\n"
    )
    with pytest.raises(RequestImportError) as caught:
        help_requests_import(meeting=meeting, path=path)
    errors = caught.value.errors
    assert [e["line"] for e in errors] == [3, 4, 5, 6, 7]
    assert "holiday" in errors[0]["message"]
    assert "not a member" in errors[1]["message"]
    assert "title" in errors[2]["message"]
    assert "whole number" in errors[3]["message"]
    assert "date" in errors[4]["message"]
    assert str(caught.value).startswith("requests.csv: line 3:")
    assert not HelpRequest.objects.exists()


def test_missing_columns_and_empty_and_broken_files(meeting, tmp_path, settings):
    settings.LANGUAGE_CODE = "en"  # the error wording is English below
    wrong = tmp_path / "wrong.csv"
    wrong.write_text("name,phone\nJan,06\n")
    with pytest.raises(RequestImportError, match=r"wrong.csv: line 1: no column for kind, title"):
        help_requests_import(meeting=meeting, path=wrong)
    empty = tmp_path / "empty.csv"
    empty.write_text("")
    with pytest.raises(RequestImportError, match="empty.csv"):
        help_requests_import(meeting=meeting, path=empty)
    header_only = tmp_path / "header.csv"
    header_only.write_text("kind,title,org\n")
    with pytest.raises(RequestImportError, match="no requests"):
        help_requests_import(meeting=meeting, path=header_only)
    fake = tmp_path / "fake.xlsx"
    fake.write_bytes(b"PK\x03\x04 this is not a workbook")
    with pytest.raises(RequestImportError, match="fake.xlsx.*XLSX"):
        help_requests_import(meeting=meeting, path=fake)
    assert not HelpRequest.objects.exists()


def test_cli_import_json_and_one_line_error(meeting, tmp_path, capsys, settings):
    settings.LANGUAGE_CODE = "en"  # the error wording is English below
    good = tmp_path / "hulpvragen.csv"
    good.write_text(DUTCH_CSV)
    code = main(["request", "import", str(good), "--meeting", str(meeting.pk), "--json"])
    out, err = capsys.readouterr()
    assert code == 0, err
    report = json.loads(out)
    assert (
        report["imported"] == 3 and len(report["ids"]) == 3 and report["file"] == "hulpvragen.csv"
    )

    bad = tmp_path / "bad.csv"
    bad.write_text("kind,title,org\nvacancy,X,Nope\n")
    code = main(["request", "import", str(bad), "--meeting", str(meeting.pk)])
    _, err = capsys.readouterr()
    assert code != 0 and len(err.strip().splitlines()) == 1
    assert "bad.csv: line 2:" in err and "nothing was imported" in err
    assert HelpRequest.objects.count() == 3

    code = main(["request", "import", str(tmp_path / "missing.csv"), "--meeting", str(meeting.pk)])
    _, err = capsys.readouterr()
    assert code != 0 and "missing.csv" in err


def test_months_ahead_is_capped_at_sixty(meeting, tmp_path, settings):
    """Five years ahead is the horizon: 60 months is accepted, 61 is refused with its line."""
    settings.LANGUAGE_CODE = "en"
    ok = tmp_path / "ok.csv"
    ok.write_text("org,kind,title,months ahead\nRijkswaterstaat,vacancy,Engineer,60\n")
    created = help_requests_import(meeting=meeting, path=ok)
    assert [r.months_ahead for r in created] == [60]
    too_far = tmp_path / "far.csv"
    too_far.write_text("org,kind,title,months ahead\nRijkswaterstaat,vacancy,Planner,61\n")
    with pytest.raises(RequestImportError) as caught:
        help_requests_import(meeting=meeting, path=too_far)
    assert [e["line"] for e in caught.value.errors] == [2]
    assert "at most 60" in caught.value.errors[0]["message"]
    assert HelpRequest.objects.filter(title="Planner").count() == 0


def test_a_title_row_above_the_header_is_skipped_and_lines_stay_physical(meeting, tmp_path):
    """HR puts a title above the columns; the table reader finds the header below it."""
    path = tmp_path / "hulpvragen.csv"
    path.write_text(
        "Hulpvragen SAM;;\n\nsoort;titel;organisatie\nvacature;Weginspecteur;Rijkswaterstaat\n"
        "vakantie;Iets;Rijkswaterstaat\n"
    )
    with translation.override("nl"), pytest.raises(RequestImportError) as caught:
        help_requests_import(meeting=meeting, path=path)
    assert [e["line"] for e in caught.value.errors] == [5]
    assert caught.value.errors[0]["message"].startswith("soort 'vakantie' is niet een van")
    path.write_text(path.read_text().replace("vakantie", "vraag"))
    assert [r.kind for r in help_requests_import(meeting=meeting, path=path)] == [
        "vacancy",
        "question",
    ]


def test_xlsx_title_row_and_a_date_with_a_time(meeting, tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.append(["Help requests, March"])
    sheet.append(["Kind", "Title", "Org", "Date", "Count"])
    sheet.append(["vacancy", "Planner", "Rijkswaterstaat", dt.datetime(2027, 1, 15, 9, 30), 2.0])
    sheet.append(["vacancy", "Engineer", "Rijkswaterstaat", None, 2.5])
    path = tmp_path / "requests.xlsx"
    book.save(path)
    with translation.override("en"), pytest.raises(RequestImportError) as caught:
        help_requests_import(meeting=meeting, path=path)
    assert caught.value.errors == [{"line": 4, "message": "count '2.5' is not a whole number"}]
    sheet.delete_rows(4)
    book.save(path)
    (created,) = help_requests_import(meeting=meeting, path=path)
    assert (created.date, created.count) == (dt.date(2027, 1, 15), 2)


def test_the_row_parser_examples_hold():
    result = doctest.testmod(request_rows)
    assert result.attempted > 0 and result.failed == 0


def _templates(*paths: Path) -> set[str]:
    found = set()
    for path in paths:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "gettext_noop":
                found.add(node.args[0].value)
    return found


def test_every_help_request_message_has_a_dutch_translation_with_the_same_placeholders():
    services = Path(weakties.__file__).parent / "meetings" / "services"
    templates = _templates(services / "request_rows.py", services / "help_requests.py")
    assert len(templates) > 15
    catalogue = Path(weakties.__file__).parent / "locale" / "nl" / "LC_MESSAGES" / "django.mo"
    with open(catalogue, "rb") as handle:
        dutch = gettext.GNUTranslations(handle)

    def fields(template: str) -> set[tuple]:
        return {(f, s, c) for _, f, s, c in string.Formatter().parse(template) if f is not None}

    for template in templates:
        said = dutch.gettext(template)
        assert said != template, f"no Dutch for {template!r}"
        assert fields(said) == fields(template), template
