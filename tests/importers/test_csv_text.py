"""Reading CSV text: delimiters, physical line numbers, the field limit."""

from __future__ import annotations

import csv

from weakties.importers.csv_text import FIELD_LIMIT, iter_rows, sniff_delimiter


def test_delimiter_is_sniffed_despite_a_preamble_with_commas():
    head = "Notes:\nSome text, with commas, in it\n\na;b;c\n1;2;3\n4;5;6\n"
    assert sniff_delimiter(head) == ";"
    assert sniff_delimiter("a\tb\tc\n1\t2\t3\n") == "\t"
    assert sniff_delimiter('"x, y",b\n1,2\n') == ","


def test_rows_carry_the_line_they_start_on_with_crlf_and_quoted_newlines():
    text = 'h1,h2\r\n"a\r\nb",c\r\n\r\nd,e\r\n'
    assert list(iter_rows(text, ",", "f.csv")) == [
        (1, ["h1", "h2"]),
        (2, ["a\r\nb", "c"]),
        (4, []),
        (5, ["d", "e"]),
    ]


def test_reading_restores_the_process_wide_field_limit():
    before = csv.field_size_limit(4096)  # not FIELD_LIMIT, which is also csv's default
    try:
        list(iter_rows("a,b\n1,2\n", ",", "f.csv"))
        assert csv.field_size_limit() == 4096
    finally:
        csv.field_size_limit(before)
    assert FIELD_LIMIT >= 64 * 1024
