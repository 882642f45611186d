"""Shared set-up for the identity-resolution tests (pure: no Django, no database)."""

from __future__ import annotations

import pytest


def pytest_addoption(parser: pytest.Parser, pluginmanager: pytest.PytestPluginManager) -> None:
    # These tests run with ``-p no:django``; pyproject's ``--strict-config`` would then
    # reject pytest-django's ``DJANGO_SETTINGS_MODULE`` ini key as unknown.
    if not pluginmanager.has_plugin("django"):
        parser.addini("DJANGO_SETTINGS_MODULE", "Django settings (used by pytest-django only)")
