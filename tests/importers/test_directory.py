"""The organisation's HR directory CSV."""

from __future__ import annotations

import pytest

from weakties.importers import DirectoryEntry, ImportFileError, parse_bytes


def test_english_directory_with_commas(sample):
    result = parse_bytes(sample("directory_en.csv"), file="hr.csv", format="directory")
    assert (result.format, result.delimiter) == ("directory", ",")
    assert result.errors == []
    assert result.records[1] == DirectoryEntry(
        line=3,
        email="jan.devries@example.nl",
        first_name="Jan",
        last_name="de Vries",
        department="Sales",
        job_title="Accountmanager",
        location="Utrecht",
        manager_email="marieke.vandijk@example.nl",
    )


def test_manager_matches_case_insensitively_but_is_kept_as_written(sample):
    result = parse_bytes(sample("directory_en.csv"), file="hr.csv")
    kees = result.records[3]
    assert kees.manager_email == "Jan.deVries@example.nl"
    assert result.errors == []


def test_dutch_directory_with_semicolons_and_messy_headers(sample):
    result = parse_bytes(sample("directory_nl.csv"), file="medewerkers.csv")
    assert (result.format, result.delimiter) == ("directory", ";")
    wim = result.records[1]
    assert (wim.line, wim.email, wim.department) == (3, "wim.janssens@example.be", "Financiën")
    assert wim.manager_email == "ans.peeters@example.be"


def test_missing_invalid_duplicate_and_unknown_manager_are_row_errors(sample):
    result = parse_bytes(sample("directory_bad.csv"), file="hr.csv", format="directory")
    messages = {e.line: e.message for e in result.errors}
    assert sorted(messages) == [3, 4, 6, 7]
    assert "no e-mail address" in messages[3]
    assert "'geen-adres'" in messages[4]
    assert "line 5" in messages[6] and "line 6" in messages[6]  # duplicate names both lines
    assert "onbekend@example.nl" in messages[7]
    assert [e.line for e in result.records] == [2, 5]


def test_directory_without_email_column_is_refused():
    data = b"first_name,last_name,department\nAnn,Lee,Sales\n"
    with pytest.raises(ImportFileError) as info:
        parse_bytes(data, file="hr.csv", format="directory")
    assert info.value.file == "hr.csv"
    assert "directory" in info.value.message


def test_blank_lines_are_ignored_and_lines_still_counted():
    data = b"email,first_name,last_name\n\nann@x.nl,Ann,Lee\n\n\nbo@x.nl,Bo,Berg\n"
    result = parse_bytes(data, file="hr.csv")
    assert [(e.line, e.email) for e in result.records] == [(3, "ann@x.nl"), (6, "bo@x.nl")]
