"""Shared fixtures for the importer tests (pure: no Django, no database)."""

from __future__ import annotations

from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parents[1] / "data" / "importers"


def pytest_addoption(parser: pytest.Parser, pluginmanager: pytest.PytestPluginManager) -> None:
    # These tests run with ``-p no:django``; pyproject's ``--strict-config`` would then
    # reject pytest-django's ``DJANGO_SETTINGS_MODULE`` ini key as unknown.
    if not pluginmanager.has_plugin("django"):
        parser.addini("DJANGO_SETTINGS_MODULE", "Django settings (used by pytest-django only)")


@pytest.fixture
def sample() -> SampleReader:
    return SampleReader()


class SampleReader:
    """Read a committed sample export by name."""

    def path(self, name: str) -> Path:
        return DATA / name

    def __call__(self, name: str) -> bytes:
        return (DATA / name).read_bytes()
