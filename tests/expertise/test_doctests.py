"""The examples in the expertise modules' docstrings run."""

import doctest
import importlib

import pytest

MODULES = [
    "weakties.expertise.terms",
    "weakties.expertise.groups",
    "weakties.expertise.target_input",
    "weakties.expertise.selectors.statements",
    "weakties.expertise.services.index",
]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0
