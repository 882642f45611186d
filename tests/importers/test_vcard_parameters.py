"""A vCard line with many quoted parameter values is refused in linear time (issue 12 §4).

vobject's line pattern backtracks exponentially on such a line: the card that
``bench/fuzz.py`` found (a mutated real-format sample, 1,213 bytes) never
finished parsing, so one upload could hold an import worker for good.
"""

from __future__ import annotations

import signal
import time
from pathlib import Path

import pytest

from weakties.importers import parse_bytes
from weakties.importers.vcard import MAX_PARAMETER_VALUES

SAMPLE = Path(__file__).parent.parent / "data" / "fuzz" / "vcard_many_parameters.vcf"


@pytest.fixture
def deadline():
    """Fail, never hang: the old code did not return on the sample."""

    def expired(signum, frame):
        raise TimeoutError("the vCard importer did not return within 20 s")

    old = signal.signal(signal.SIGALRM, expired)
    signal.alarm(20)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, old)


def test_the_fuzzers_card_is_read_at_once_and_the_line_is_named(deadline):
    start = time.process_time()
    result = parse_bytes(SAMPLE.read_bytes(), file="contacts.vcf")
    assert time.process_time() - start < 2.0
    assert result.records  # the rest of the file is read
    named = [w for w in result.warnings if "parameter values" in w.message]
    assert named and named[0].line == 1


def test_a_card_with_a_few_parameter_values_reads_as_before(deadline):
    values = ",".join(["WORK", "VOICE", "PREF"])
    card = (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Berg;Jan;;;\r\nFN:Jan Berg\r\n"
        f"TEL;TYPE={values}:+31 6 1234 5678\r\nEMAIL;TYPE=INTERNET:jan@acme.nl\r\nEND:VCARD\r\n"
    )
    result = parse_bytes(card.encode(), file="one.vcf")
    assert [c.emails for c in result.records] == [("jan@acme.nl",)]
    assert not result.warnings


def test_the_limit_is_far_above_real_cards():
    assert MAX_PARAMETER_VALUES >= 16
