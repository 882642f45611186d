"""A real `weakties serve` on a free port, with its own data, for browser tests."""

from __future__ import annotations

import atexit
import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]


#: What the servers and commands these tests start add to their environment: they keep the
#: suite's CPU priority. Left to lower their own (``WEAKTIES_BATCH_NICE``: 10 unless set), a
#: server's background worker and the set-up commands got about a tenth of the share of each
#: of the suite's other processes on a busy machine: the meeting call's mails had not gone out
#: after 30 s (in the same load round on SQLite and PostgreSQL), a demo's set-up took minutes.
AT_SUITE_PRIORITY = {"WEAKTIES_BATCH_NICE": "0"}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _database_url(name: str) -> tuple[str, str]:
    base = os.environ["DATABASE_URL"].rsplit("/", 1)[0]
    return base, f"{base}/{name}"


#: The database ``weakties init`` migrated once in this process: an SQLite file, or the name
#: of a PostgreSQL database that :func:`own_database` copies (``CREATE DATABASE ... TEMPLATE``).
_MIGRATED: dict[str, str] = {}


def _migrated_template() -> str:
    """Run ``weakties init`` once per process, in a home (and database) of its own; the servers'
    databases are copies of it. A fresh ``init`` costs ~3.5 s of CPU on SQLite and ~10 s on
    PostgreSQL (every migration); a copy ~0.01 s and ~0.3 s."""
    if "template" in _MIGRATED:
        return _MIGRATED["template"]
    home = Path(tempfile.mkdtemp(prefix="weakties-migrated-"))
    env = {k: v for k, v in os.environ.items() if k != "WEAKTIES_TASK_BACKEND"}
    env["WEAKTIES_HOME"] = str(home)
    if os.environ.get("DATABASE_URL"):
        import psycopg

        name = f"weakties_migrated_{uuid.uuid4().hex[:8]}"
        base, env["DATABASE_URL"] = _database_url(name)
        with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        atexit.register(_drop, base, name)
        cli(env, "init")
        _MIGRATED["template"] = name
    else:
        cli(env, "init")
        conn = sqlite3.connect(home / "weakties.sqlite3")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # everything in the one file
        conn.close()
        _MIGRATED["template"] = str(home / "weakties.sqlite3")
    return _MIGRATED["template"]


def _drop(base: str, name: str) -> None:
    import psycopg

    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextmanager
def own_database(env: dict[str, str], prefix: str) -> Iterator[None]:
    """A database of this server's own, migrated as ``weakties init`` leaves it (a copy of
    :func:`_migrated_template`): on PostgreSQL a fresh database (dropped afterwards), on SQLite
    the file in ``env``'s home."""
    template = _migrated_template()
    if not os.environ.get("DATABASE_URL"):
        shutil.copy(template, Path(env["WEAKTIES_HOME"]) / "weakties.sqlite3")
        yield
        return
    import psycopg

    name = f"weakties_{prefix}_{uuid.uuid4().hex[:8]}"
    base, url = _database_url(name)
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
    env["DATABASE_URL"] = url
    try:
        yield
    finally:
        _drop(base, name)


def wait_until_serving(url: str, proc: subprocess.Popen, log: Path, *, timeout: float) -> None:
    """Return once ``url``'s login page answers; if ``proc`` (the server) ends first, or
    ``timeout`` seconds pass, kill it and fail with its ``log``."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            urllib.request.urlopen(f"{url}/login/", timeout=2)
            return
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                stop_server(proc)
                raise RuntimeError(
                    f"{url} did not serve within {timeout:.0f} s:\n{log.read_text()}"
                ) from None
            time.sleep(0.2)


def stop_server(proc: subprocess.Popen, log: IO | None = None, *, timeout: float = 10) -> None:
    """Stop a server the tests started: ask it to end (SIGTERM, which ``weakties serve`` and
    ``weakties demo`` take to stop their web and worker processes), kill it if it has not
    ended within ``timeout`` seconds, reap it, and close its ``log``."""
    proc.terminate()
    try:
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
    if log is not None:
        log.close()


@contextmanager
def running_server(env: dict[str, str], port: int, *options: str) -> Iterator[str]:
    """``weakties serve`` (web and worker) on ``port`` until the block ends; its log in the home.

    ``options`` go to ``serve`` after the defaults (``--workers 2 --no-worker``, say)."""
    home = Path(env["WEAKTIES_HOME"])
    url = f"http://127.0.0.1:{port}"
    log = open(home / "server.log", "w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "weakties.cli", "serve", "--port", str(port), "--workers", "1"]
        + list(options),
        env=env | AT_SUITE_PRIORITY,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        # Seconds at the most, on a machine busy with the rest of the suite: a load round
        # (load 15-20 on 2 cores) had servers that had not printed their first line after 30 s.
        wait_until_serving(url, proc, home / "server.log", timeout=120)
        yield url
    finally:
        stop_server(proc, log)


def serve_site(
    tmp_path_factory,
    name: str,
    *,
    setup: Callable[[dict[str, str], Path], None],
    inbox=None,
    env: dict[str, str] | None = None,
) -> Iterator[str]:
    """A site of its own for a module's browser tests; use as ``yield from serve_site(...)``.

    A fresh home and a migrated database of its own (:func:`own_database`), ``setup(env, home)``
    to fill it through the CLI, then ``weakties serve`` on a free port. With ``inbox`` (a :func:`tests.smtp.smtp_server`)
    its mail goes there; ``env`` adds settings.
    """
    home = tmp_path_factory.mktemp(f"{name}-home")
    port = _free_port()
    server_env = {k: v for k, v in os.environ.items() if k != "WEAKTIES_TASK_BACKEND"}
    server_env.update(WEAKTIES_HOME=str(home), WEAKTIES_BASE_URL=f"http://127.0.0.1:{port}")
    if inbox is not None:
        server_env.update(WEAKTIES_EMAIL_HOST="127.0.0.1", WEAKTIES_EMAIL_PORT=str(inbox.port))
    server_env.update(env or {})
    with own_database(server_env, name):
        setup(server_env, home)
        with running_server(server_env, port) as url:
            yield url


def click_and_load(page, target, **options) -> None:
    """Click ``target`` (a selector or a locator) that leads to another page, and return once
    that page has loaded.

    Playwright's click returns as soon as the navigation it started has *committed*, and a
    locator's ``wait_for`` as soon as its element is in the page: both before the scripts at
    the end of the new page have run (``site.js``: the menus, ``select[data-submit]``; the
    page's own, such as ``introductions.js``) and before htmx has bound its attributes (on
    DOMContentLoaded), and before the page has been parsed to its end (``count()`` reads what
    is there so far). Choosing, typing or counting there at once can go unheard or come short
    on a busy machine. ``options`` go to the click."""
    if isinstance(target, str):
        page.click(target, **options)
    else:
        target.click(**options)
    page.wait_for_load_state("load")


def sign_in(page, site: str, email: str, password: str) -> None:
    """Sign in through the login form; returns once the signed-in page has loaded (its menu is
    there and its scripts have run: see :func:`click_and_load`)."""
    page.goto(f"{site}/login/")
    page.fill("input[name=username]", email)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")
    page.locator("nav").first.wait_for(timeout=15000)
    page.wait_for_load_state("load")


def choose_language(page, code: str) -> None:
    """Choose in the header and wait for the page it submits to: the choice is saved server-side
    before this returns (a submit even for the language shown, so it is remembered)."""
    with page.expect_navigation():
        page.eval_on_selector(
            "form.lang select", "(s, code) => { s.value = code; s.form.submit(); }", code
        )


@pytest.fixture(scope="session")
def server_env(tmp_path_factory):
    """Environment for server and CLI subprocesses: a fresh home and a migrated database."""
    home = tmp_path_factory.mktemp("e2e-home")
    env = {k: v for k, v in os.environ.items() if k not in ("WEAKTIES_TASK_BACKEND",)}
    env["WEAKTIES_HOME"] = str(home)
    with own_database(env, "e2e"):
        yield env


def cli(env, *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "weakties.cli", *args],
        env=env | AT_SUITE_PRIORITY,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.fixture(scope="session")
def live_server_url(server_env):
    with running_server(server_env, _free_port()) as url:
        yield url


# ``browser`` and ``page`` live in tests/conftest.py: one Chromium for the whole run.
