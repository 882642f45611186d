"""The browser tests' Chromium, for the demo's browser test."""

from tests.browser.conftest import browser  # noqa: F401 - a fixture, used by test_browser
