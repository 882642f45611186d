"""Whole-file problems: every one is an ImportFileError naming the file and line."""

from __future__ import annotations

import os

import pytest

import weakties.importers as importers
from weakties.importers import ImportFileError, parse_bytes, parse_path

HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
ROW = "Jan,Jansen,https://www.linkedin.com/in/jj,,Acme,CEO,07 Feb 2026\n"


def refused(data: bytes, file: str = "Connections.csv", **kw) -> ImportFileError:
    with pytest.raises(ImportFileError) as info:
        parse_bytes(data, file=file, **kw)
    assert str(info.value).startswith(file)
    assert "Traceback" not in str(info.value)
    return info.value


def test_row_with_5000_columns_names_its_line():
    lines = [HEADER] + [ROW] * 5 + [",".join(["x"] * 5000) + "\n"]
    error = refused("".join(lines).encode())
    assert error.line == 7
    assert "line 7 has 5,000 fields" in error.message
    assert "at most 500" in error.message


def test_unterminated_quote_that_swallows_the_rest_names_the_line_it_opened():
    data = HEADER + ROW + 'Piet,"Puk,,,,,07 Feb 2026\n' + ROW * 20
    error = refused(data.encode())
    assert error.line == 3
    assert "line 3" in error.message and "closing quote" in error.message


def test_text_after_a_closing_quote_is_broken_quoting_on_its_line():
    data = HEADER + ROW + ROW + 'Jan,"de" Vries,,,,,07 Feb 2026\n'
    error = refused(data.encode())
    assert error.line == 4
    assert "broken quoting" in error.message and "line 4" in error.message


def test_quoted_field_running_over_a_thousand_lines_is_refused():
    data = HEADER + 'Jan,"Jansen' + "\n" * 1500 + '",,,,,07 Feb 2026\n'
    error = refused(data.encode())
    assert error.line == 2
    assert "closing" in error.message


def test_field_over_the_size_limit_is_refused_with_its_line():
    data = HEADER + ROW + "Jan," + "x" * 300_000 + ",,,,,07 Feb 2026\n"
    error = refused(data.encode())
    assert error.line == 3
    assert "KiB" in error.message


def test_csv_cut_off_mid_row_gives_a_row_error_on_the_last_line():
    data = (HEADER + ROW + ROW).encode()[:-40]
    result = parse_bytes(data, file="Connections.csv")
    assert [e.line for e in result.errors] == [3]
    assert "cut off" in result.errors[0].message
    assert [c.line for c in result.records] == [2]


def test_csv_cut_off_inside_a_quoted_field_is_refused():
    data = HEADER + ROW + "Kees,'t Hart,,,\"Hart & Co"
    error = refused(data.encode())
    assert error.line == 3 and "cut off" in error.message


def test_utf16_file_cut_in_the_middle_of_a_character():
    data = "\ufeff".encode("utf-16-le") + (HEADER + ROW).encode("utf-16-le")
    error = refused(data[:-1])
    assert "cut off" in error.message
    assert error.line == 2


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", "PDF"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
        (b"PK\x03\x04\x14\x00\x06\x00", "unzip it and upload Connections.csv"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "save the sheet as CSV"),
        (bytes(range(256)) * 4, "binary file"),
        (b"First Name,Last\x00 Name\n", "binary file"),
        (b"\x01\x02\x03\x04hello\x05\x06\x07\x08world\x0e\x0f", "binary file"),
    ],
)
def test_binary_files_are_refused_as_not_a_contacts_export(data, words):
    error = refused(data, file="upload.bin")
    assert words.lower() in error.message.lower()
    assert "a contacts export: expected a LinkedIn Connections.csv" in error.message


@pytest.mark.parametrize("data", [b"", b"   \r\n\n", "\ufeff".encode("utf-16-le")])
def test_empty_file_is_refused(data):
    assert "empty" in refused(data).message


def test_file_over_the_limit_is_refused_without_reading_it(tmp_path, monkeypatch):
    big = tmp_path / "Connections.csv"
    with open(big, "wb") as handle:
        handle.truncate(1 << 30)  # sparse: 1 GiB that takes no disk space

    def no_open(*args, **kwargs):
        raise AssertionError("parse_path opened a file that is too big")

    monkeypatch.setattr(importers, "open", no_open, raising=False)
    with pytest.raises(ImportFileError) as info:
        parse_path(big)
    assert info.value.file == "Connections.csv"
    assert "1.0 GiB" in info.value.message and "100 MiB" in info.value.message


def test_parse_bytes_refuses_data_over_the_limit(monkeypatch):
    monkeypatch.setattr(importers, "MAX_FILE_BYTES", 100)
    error = refused((HEADER + ROW * 3).encode())
    assert "largest file" in error.message


def test_parse_path_uses_the_basename_and_reads_the_file(tmp_path):
    path = tmp_path / "Connections.csv"
    path.write_bytes((HEADER + ROW).encode())
    result = parse_path(path)
    assert result.file == "Connections.csv"
    assert result.records[0].last_name == "Jansen"
    assert parse_path(str(path), file="upload-17").file == "upload-17"


def test_parse_path_on_missing_file_or_directory_is_an_import_file_error(tmp_path):
    with pytest.raises(ImportFileError, match="cannot be opened"):
        parse_path(tmp_path / "nope.csv")
    with pytest.raises(ImportFileError, match="not a regular file"):
        parse_path(tmp_path)


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
def test_parse_path_refuses_special_files():
    with pytest.raises(ImportFileError):
        parse_path("/dev/zero")


def test_header_missing_entirely_for_explicit_linkedin_is_refused():
    error = refused(b"Name,Phone\nJan,123\n", format="linkedin")
    assert "LinkedIn" in error.message
