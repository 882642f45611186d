"""The Examples sections of the network modules run and give what they show."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import weakties.network

MODULES = sorted(
    f"weakties.network.{m.name}" for m in pkgutil.iter_modules(weakties.network.__path__)
) + ["weakties.network"]


@pytest.mark.parametrize("name", MODULES)
def test_examples_in_docstrings_hold(name):
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0, f"{result.failed} example(s) in {name} failed"
