"""Shared test set-up.

The environment (a throw-away ``WEAKTIES_HOME``, tasks run in-process) is set
in ``pyproject.toml`` through pytest-env, before Django's settings load.
"""

import asyncio
import collections
import os

import pytest


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_setupnodes(config, specs):
    """Under pytest-xdist (``-n 2``) each worker gets a home of its own, ``$WEAKTIES_HOME/gwN``.

    Called in the controller before the workers start, so the variable is there before pytest-env
    and Django's settings read it in the worker: the workers share no secret key file, cache,
    uploads or snapshots. Their test databases are their own already (SQLite in memory;
    pytest-django suffixes PostgreSQL's ``test_<name>`` with ``_gwN``).
    """
    home = os.environ.get("WEAKTIES_HOME", "var/test")
    for number, spec in enumerate(specs):
        spec.env.setdefault("WEAKTIES_HOME", os.path.join(home, f"gw{number}"))


#: Folders whose tests share set-up made once per process (session- or package-scoped
#: fixtures): one worker runs each of them whole, so the set-up is made once in the run
#: rather than once per worker.
SHARED_SET_UP = {
    "engines": "one local Spark (a JVM: seconds to start, ~1.5 GB) and the exported snapshots",
    "faults": "the SQLite template that `weakties init` migrated in a process of its own",
    "synth": "the generated organisation and its exports",
}


def work_unit(nodeid: str) -> str:
    """What one worker runs whole: a test module (its module-scoped fixtures, a server or a
    generated organisation, are made once), or a folder of :data:`SHARED_SET_UP`."""
    path = nodeid.split("::", 1)[0]
    parts = path.split("/")
    return parts[1] if len(parts) > 2 and parts[1] in SHARED_SET_UP else path


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    """Each test an id of its own. schemathesis names its tests after the API operation
    (``test_every_operation_as_an_admin[GET /api/me]``), but under pytest 9.2 their ids leave
    the operation out, so the 79 tests of a function shared one id; pytest-xdist keeps its work
    by id and ran one test of each function (``tests/api/test_schema_fuzz.py``)."""
    count = collections.Counter(item.nodeid for item in items)
    for item in items:
        node_id = getattr(item, "_id", None)
        if count[item.nodeid] > 1 and node_id is not None and node_id.params is None:
            base, bracket, params = item.name.partition("[")
            if bracket and params.endswith("]"):
                item._id = node_id.with_params(params[:-1])


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    """``--dist loadfile`` (pyproject's addopts) by :func:`work_unit`: files, and the folders
    that share a process's set-up. (``--dist loadgroup`` with ``xdist_group`` marks would say
    the same, but pytest-xdist 3.8 renames the test ids in a way pytest 9.2 ignores.)"""
    if config.getvalue("dist") != "loadfile":
        return None
    from xdist.scheduler import LoadScopeScheduling

    class ByWorkUnit(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return work_unit(nodeid)

    return ByWorkUnit(config, log)


@pytest.fixture(autouse=True)
def _no_language_left_active():
    """Each test starts as a fresh process does, with no language activated in its thread.

    A request can activate the user's language and leave it active (the API, the notifications
    middleware, the ambassadors' landing page); a command called in-process later in the same
    worker then spoke English where its test expects Dutch (tests/notifications/test_cli.py
    after other modules under pytest-xdist)."""
    from django.utils import translation

    translation.deactivate()


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


#: Playwright's event loop once the session's browser runs (``browser``), else None.
_PLAYWRIGHT_LOOP: list[asyncio.AbstractEventLoop] = []


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    """The session's browser leaves its event loop marked as running in the main thread
    between Playwright calls (``asyncio._set_running_loop``: its dispatcher resumes inside
    that loop). Django then refuses every database call in a later test with
    SynchronousOnlyOperation, so a test that comes after a browser test in the same process
    failed depending on the order (pytest-xdist's order: every database test of a worker
    after its first browser test). A test that does not use the browser runs with no loop
    marked; a browser test gets Playwright's loop back before its fixtures set up."""
    if not _PLAYWRIGHT_LOOP:
        return
    asyncio._set_running_loop(_PLAYWRIGHT_LOOP[0] if "browser" in item.fixturenames else None)


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
        _PLAYWRIGHT_LOOP[:] = [asyncio.get_running_loop()]
        try:
            yield b
        finally:
            # The last test of the run may have been one without the browser (no loop marked).
            asyncio._set_running_loop(_PLAYWRIGHT_LOOP.pop())
            b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="nl-NL")
    page = context.new_page()
    yield page
    context.close()
