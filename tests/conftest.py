"""Shared test set-up.

The environment (a throw-away ``WEAKTIES_HOME``, tasks run in-process) is set
in ``pyproject.toml`` through pytest-env, before Django's settings load.
"""

import pytest  # noqa: E402


@pytest.fixture(scope="session", autouse=True)
def _suite_keeps_its_priority():
    """Commands called in the suite's own process do not lower its CPU priority for the rest of
    the run (``weakties.core.priority``; tested in a process of its own)."""
    from django.conf import settings

    settings.WEAKTIES_BATCH_NICE = 0


#: The hashers production uses (``weakties.site.settings``), for the tests of password storage.
PRODUCTION_HASHERS: list[str] = []


@pytest.fixture(scope="session", autouse=True)
def _fast_password_hashing():
    """Users made in the suite's own process get an MD5 hash instead of Argon2.

    Argon2 as configured costs about 120 ms per hash and per check, and hundreds of tests
    make or sign in users. ``tests/site/test_security_passwords.py`` puts production's
    hashers back (``PRODUCTION_HASHERS``) and checks that passwords are stored with Argon2.
    """
    from django.conf import settings
    from django.contrib.auth.hashers import get_hashers, get_hashers_by_algorithm

    PRODUCTION_HASHERS[:] = settings.PASSWORD_HASHERS
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.MD5PasswordHasher",
        *PRODUCTION_HASHERS,
    ]
    get_hashers.cache_clear()
    get_hashers_by_algorithm.cache_clear()


@pytest.fixture(scope="session")
def browser():
    """One Chromium for the whole run: Playwright's sync API allows one instance per process.

    Every browser test in every folder uses this fixture; a second ``sync_playwright()``
    in the same run fails ("Playwright Sync API inside the asyncio loop").
    """
    from playwright.sync_api import sync_playwright

    from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="nl-NL")
    page = context.new_page()
    yield page
    context.close()
