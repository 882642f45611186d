"""The public API other layers code against, and the examples in the docstrings."""

from __future__ import annotations

import doctest
import importlib

import pytest

import weakties.importers as importers


def test_public_api_names():
    for name in ("FORMATS", "MAX_FILE_BYTES", "parse_bytes", "parse_path", "detect_format"):
        assert name in importers.__all__
    assert importers.MAX_FILE_BYTES == 100 * 1024 * 1024


def test_passing_text_instead_of_bytes_is_a_programming_error():
    with pytest.raises(TypeError, match="bytes"):
        importers.parse_bytes("First Name,Last Name", file="x.csv")  # type: ignore[arg-type]


def test_bytearray_and_memoryview_are_accepted():
    data = b"email,first_name\nann@x.nl,Ann\n"
    assert importers.parse_bytes(bytearray(data), file="x.csv").records[0].email == "ann@x.nl"
    assert importers.parse_bytes(memoryview(data), file="x.csv").records[0].first_name == "Ann"


@pytest.mark.parametrize("module", ["weakties.importers", "weakties.importers.values",
                                    "weakties.importers.errors", "weakties.importers.tables",
                                    "weakties.importers.csv_text",
                                    "weakties.importers.records"])  # fmt: skip
def test_docstring_examples_hold(module):
    result = doctest.testmod(importlib.import_module(module))
    assert result.attempted > 0
    assert result.failed == 0


def test_importers_never_import_django():
    import subprocess
    import sys

    code = (
        "import sys, weakties.importers as i; "
        "i.parse_bytes(b'BEGIN:VCARD\\nFN:A B\\nEND:VCARD\\n', file='a.vcf'); "
        "print(any(m == 'django' or m.startswith('django.') for m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
