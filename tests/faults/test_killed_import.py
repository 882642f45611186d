"""Killed mid-import (issue 12): SIGKILL at random points never leaves a partial file behind,
and the same command run again stores every contact line exactly once.

Five seeded runs on the database the suite runs on (SQLite or PostgreSQL); ``bench/kill.py``
runs fifty and prints runs, kills and verified runs.  See ``kill_campaign`` for the checks.
"""

from __future__ import annotations

import pytest

from tests.faults.kill_campaign import campaign, check, expected, prepare, weakties

# Transactional: on PostgreSQL the other processes write pytest's test database, which is
# flushed afterwards.
pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def test_killed_imports_leave_whole_files_and_complete_when_run_again(shared_database, tmp_path):
    db = shared_database
    owners, files = prepare(db, tmp_path / "exports", employees=16, seed=5, migrate=False)
    # Runs (each for an owner of its own) until three were killed while importing: on a busy
    # machine a run may end before the moment drawn for its kill, and then it only checks.
    tally = campaign(
        db, owners=owners, files=files, runs=15, seed=12, files_per_run=6, until_kills=3
    )
    assert tally.problems == []
    assert tally.runs == tally.verified >= 3
    assert tally.kills >= 3  # the kills fall while it imports, not after


def test_the_checks_see_a_partial_file(shared_database, tmp_path):
    """The checks above could fail: a file with a line taken out reads as partial."""
    db = shared_database
    owners, files = prepare(db, tmp_path / "exports", employees=4, seed=3, migrate=False)
    chosen = files[:2]
    weakties(db, "import", *map(str, chosen), "--owner", owners[0])
    want = expected(chosen)
    assert check(db, owners[0], want, complete=True) == []
    db.query(
        "DELETE FROM people_tieprovenance WHERE id = (SELECT MAX(id) FROM people_tieprovenance)"
    )
    assert any("partial file" in p for p in check(db, owners[0], want, complete=True))
