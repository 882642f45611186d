"""Fuzzing (issue 12): mutated real-format samples give records or a clean error, never a crash.

A short, derandomized campaign per importer (``fuzz_campaign``); ``bench/fuzz.py`` runs the long
one (>= 100,000 cases per importer) and prints the figures.
"""

from __future__ import annotations

import pytest

from tests.faults.fuzz_campaign import DATA, IMPORTERS, campaign, mutate
from weakties.importers import ImportFileError
from weakties.meetings.services.request_rows import read_request_sheet

CASES = 300


@pytest.mark.parametrize("importer", IMPORTERS)
def test_mutated_samples_give_records_or_a_clean_error(importer):
    tally = campaign(importer, cases=CASES, derandomize=True)
    assert tally.cases == CASES
    assert [what for what, _data in tally.crashes] == []
    # The mutations reach the parsers' error paths and still leave readable files.
    assert tally.refused > 0 and tally.ok + tally.row_errors > 0


def test_mutations_are_deterministic_and_change_the_sample():
    sample = b"First Name,Last Name\nJan,de Vries\n"
    ops = [("insert", 5, 0, b'"'), ("swap_lines", 0, 1, b""), ("cut", 30, 0, b"")]
    assert mutate(sample, ops, [sample]) == mutate(sample, ops, [sample]) != sample


def test_a_damaged_workbook_is_refused_as_unreadable_whatever_breaks_inside():
    """Regression: a broken deflate stream (zlib.error), a truncated part (EOFError) and XML
    openpyxl cannot map (IndexError, NotImplementedError) escaped as crashes from help-request
    sheets; each is now 'not a readable XLSX workbook'."""
    data = (DATA / "faults" / "requests.xlsx").read_bytes()
    outcomes = {"read": 0, "refused": 0}
    for i in range(0, len(data), 5):
        damaged = bytearray(data)
        damaged[i] ^= 0x55
        try:
            read_request_sheet(bytes(damaged), file="hulpvragen.xlsx")
        except ImportFileError as exc:
            assert exc.file == "hulpvragen.xlsx"
            outcomes["refused"] += 1
            continue
        outcomes["read"] += 1
    assert outcomes["refused"] > 100 and outcomes["read"] > 0
