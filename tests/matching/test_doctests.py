"""The examples in the matching modules' docstrings run."""

import doctest
import importlib

import pytest

MODULES = [
    "weakties.matching",
    "weakties.matching.engine",
    "weakties.matching.levels",
    "weakties.matching.reasons",
    "weakties.matching.regions",
    "weakties.matching.skills",
    "weakties.matching.taxonomy",
    "weakties.matching.text",
    "weakties.matching.timing",
    "weakties.synth.requests",
]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
