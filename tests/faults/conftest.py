"""Databases that subprocesses (the CLI, the worker) can share with a test."""

from __future__ import annotations

import shutil
import sqlite3

import pytest
from django.db import connection

from tests.faults.kill_campaign import Database, weakties


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory):
    """An SQLite database migrated once by ``weakties init`` (in its own process)."""
    home = tmp_path_factory.mktemp("template")
    weakties(Database(home), "init")
    conn = sqlite3.connect(home / "weakties.sqlite3")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # everything in the one file
    conn.close()
    return home / "weakties.sqlite3"


@pytest.fixture
def shared_database(request, tmp_path):
    """A migrated database that other processes can open: on PostgreSQL pytest's own test
    database (the test is transactional, so the rows are committed and flushed afterwards); on
    SQLite a file of its own, copied from a migrated template."""
    if connection.vendor == "postgresql":  # the test is marked django_db(transaction=True)
        s = connection.settings_dict
        user = s["USER"] or "postgres"
        auth = f"{user}:{s['PASSWORD']}" if s["PASSWORD"] else user
        url = f"postgres://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"
        return Database(tmp_path, url)
    shutil.copy(request.getfixturevalue("sqlite_template"), tmp_path / "weakties.sqlite3")
    return Database(tmp_path)
