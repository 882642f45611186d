"""A real `weakties serve` on a free port, with its own data, for browser tests."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

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


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _database_url(name: str) -> tuple[str, str]:
    base = os.environ["DATABASE_URL"].rsplit("/", 1)[0]
    return base, f"{base}/{name}"


@contextmanager
def own_database(env: dict[str, str], prefix: str) -> Iterator[None]:
    """On PostgreSQL, a fresh database for this server (dropped afterwards); SQLite: the home's."""
    if not os.environ.get("DATABASE_URL"):
        yield
        return
    import psycopg

    name = f"weakties_{prefix}_{uuid.uuid4().hex[:8]}"
    base, url = _database_url(name)
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    env["DATABASE_URL"] = url
    try:
        yield
    finally:
        with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


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
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(f"{url}/login/", timeout=1)
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    proc.kill()
                    raise RuntimeError((home / "server.log").read_text()) from None
                time.sleep(0.2)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


def serve_site(
    tmp_path_factory,
    name: str,
    *,
    setup: Callable[[dict[str, str], Path], None],
    inbox=None,
    env: dict[str, str] | None = None,
) -> Iterator[str]:
    """A site of its own for a module's browser tests; use as ``yield from serve_site(...)``.

    A fresh home (and database on PostgreSQL), ``setup(env, home)`` to fill it through the
    CLI, then ``weakties serve`` on a free port. With ``inbox`` (a :func:`tests.smtp.smtp_server`)
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
        cli(server_env, "init")
        setup(server_env, home)
        with running_server(server_env, port) as url:
            yield url


def sign_in(page, site: str, email: str, password: str) -> None:
    """Sign in through the login form; returns once the signed-in menu is there."""
    page.goto(f"{site}/login/")
    page.fill("input[name=username]", email)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")
    page.locator("nav").first.wait_for(timeout=15000)


def choose_language(page, code: str) -> None:
    """Choose in the header and wait for the page it submits to: the choice is saved server-side
    before this returns (a submit even for the language shown, so it is remembered)."""
    with page.expect_navigation():
        page.eval_on_selector(
            "form.lang select", "(s, code) => { s.value = code; s.form.submit(); }", code
        )


@pytest.fixture(scope="session")
def server_env(tmp_path_factory):
    """Environment for server and CLI subprocesses: a fresh home and, on PostgreSQL, a fresh database."""
    home = tmp_path_factory.mktemp("e2e-home")
    env = {k: v for k, v in os.environ.items() if k not in ("WEAKTIES_TASK_BACKEND",)}
    env["WEAKTIES_HOME"] = str(home)
    with own_database(env, "e2e"):
        yield env


def cli(env, *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "weakties.cli", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.fixture(scope="session")
def live_server_url(server_env):
    cli(server_env, "init")
    with running_server(server_env, _free_port()) as url:
        yield url


# ``browser`` and ``page`` live in tests/conftest.py: one Chromium for the whole run.
