"""A real `weakties serve` on a free port, with its own data, for browser tests."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
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


@pytest.fixture(scope="session")
def server_env(tmp_path_factory):
    """Environment for server and CLI subprocesses: a fresh home and, on PostgreSQL, a fresh database."""
    home = tmp_path_factory.mktemp("e2e-home")
    env = {k: v for k, v in os.environ.items() if k not in ("WEAKTIES_TASK_BACKEND",)}
    env["WEAKTIES_HOME"] = str(home)
    database = None
    if os.environ.get("DATABASE_URL"):
        import psycopg

        database = f"weakties_e2e_{uuid.uuid4().hex[:8]}"
        base = os.environ["DATABASE_URL"].rsplit("/", 1)[0]
        with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{database}"')
        env["DATABASE_URL"] = f"{base}/{database}"
    yield env
    if database:
        import psycopg

        with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')


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
    port = _free_port()
    log = open(Path(server_env["WEAKTIES_HOME"]) / "server.log", "w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "weakties.cli", "serve", "--port", str(port), "--workers", "1"],
        env=server_env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"{url}/login/", timeout=1)
            break
        except OSError:
            if proc.poll() is not None:
                raise RuntimeError(
                    (Path(server_env["WEAKTIES_HOME"]) / "server.log").read_text()
                ) from None
            time.sleep(0.2)
    else:
        proc.kill()
        raise RuntimeError("weakties serve did not start within 30 s")
    yield url
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
    log.close()


# ``browser`` and ``page`` live in tests/conftest.py: one Chromium for the whole run.
