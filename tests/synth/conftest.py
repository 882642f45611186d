"""Fixtures of the synth tests: one small organisation and its exports, shared per session.

The synth layer is pure, so these tests run without Django
(``pytest tests/synth -p no:django``).
"""

from __future__ import annotations

import pytest

from weakties.synth import generate_organisation, write_exports


def pytest_addoption(parser, pluginmanager):
    # pyproject.toml sets pytest-django's ini key and runs with --strict-config;
    # declare the key when the plugin is switched off (-p no:django).
    if not pluginmanager.has_plugin("django"):
        parser.addini("DJANGO_SETTINGS_MODULE", "Django settings (used by pytest-django).")


SEED = 7


@pytest.fixture(scope="session")
def org():
    """The default organisation: 100 employees, five account managers, one recruiter."""
    return generate_organisation(employees=100, seed=SEED)


@pytest.fixture(scope="session")
def exports(org, tmp_path_factory):
    """``org`` written with default noise."""
    return write_exports(org, tmp_path_factory.mktemp("exports"))


@pytest.fixture(scope="session")
def clean_exports(org, tmp_path_factory):
    """``org`` written without noise (``noise=0``)."""
    return write_exports(org, tmp_path_factory.mktemp("clean"), noise=0.0)
