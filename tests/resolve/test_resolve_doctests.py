"""Run the Examples sections of the resolve modules' docstrings."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = [
    "weakties.resolve",
    "weakties.resolve.text",
    "weakties.resolve.identifiers",
    "weakties.resolve.names",
    "weakties.resolve.companies",
    "weakties.resolve.people",
]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
    if name != "weakties.resolve":
        assert result.attempted > 0
