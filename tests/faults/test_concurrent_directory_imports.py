"""Two HR directory imports at once (issue 12), in two processes: no employee created twice, no
row lost.

``weakties import directory`` runs twice at the same moment, as the command line and the worker
would, with two versions of the directory that share most rows (a colleague who joined is in
one, one who left in the other).  Each takes the import lock, so the second runs after the first
and sees its employees: both finish, every address is one employee with one person, and the
directory stored last decides who is active, exactly as when they ran one after the other.
Without the lock, on PostgreSQL both created the shared rows and the second died on the unique
address (its whole file lost); on SQLite the write lock of ``BEGIN IMMEDIATE`` serialises them.
"""

from __future__ import annotations

import csv
import random
import subprocess
import sys
from pathlib import Path

import pytest

from tests.faults.kill_campaign import COMMAND, Database, weakties

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]

ORG, DOMAIN = "Harbour Logistics BV", "harbour.example"
FIRST = ["Anna", "Bram", "Chloé", "Daan", "Emma", "Fatima", "Gijs", "Hanna", "Ilse", "Joris"]
LAST = ["de Vries", "Jansen", "Bakker", "Yılmaz", "van Dijk", "Smit", "Mulder", "de Boer"]


def _rows(n: int, seed: int) -> list[dict[str, str]]:
    rng = random.Random(seed)
    rows = []
    for i in range(n):
        first, last = rng.choice(FIRST), rng.choice(LAST)
        rows.append(
            {
                "email": f"e{i:05d}@{DOMAIN}",
                "first_name": first,
                "last_name": f"{last} {i}",  # one person per row, however common the name
                "department": rng.choice(["Sales", "Planning", "IT"]),
                "job_title": rng.choice(["Planner", "Developer", "Accountmanager"]),
                "location": "Rotterdam",
                "manager_email": f"e{i // 10:05d}@{DOMAIN}" if i >= 10 else "",
            }
        )
    return rows


def _write(path: Path, rows: list[dict[str, str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


def _start(db: Database, path: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", COMMAND, "300", "import", "directory", str(path), "--org", ORG],
        env=db.env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_two_directory_imports_at_once_create_each_employee_once(shared_database, tmp_path):
    db = shared_database
    rows = _rows(2400, seed=3)
    first = _write(tmp_path / "directory-monday.csv", rows[:2000])
    second = _write(tmp_path / "directory-tuesday.csv", rows[:1000] + rows[1400:])
    weakties(db, "org", "create", ORG, "--domain", DOMAIN)
    weakties(
        db, "import", "directory", str(_write(tmp_path / "start.csv", rows[:10])), "--org", ORG
    )

    processes = [_start(db, first), _start(db, second)]
    for process in processes:
        out, err = process.communicate(timeout=600)
        assert process.returncode == 0, err[-2000:]

    emails = {r["email"] for r in rows}
    employees = db.query("SELECT email, person_id, active FROM accounts_employee")
    assert sorted(e[0] for e in employees) == sorted(emails)  # each once, none lost
    assert len({e[1] for e in employees}) == len(employees)  # one person each
    people = db.query("SELECT COUNT(*) FROM people_person")[0][0]
    assert people == len(employees)  # no person left over from an employee created twice
    assert db.query("SELECT COUNT(*) FROM people_personidentifier WHERE kind = 'email'")[0][
        0
    ] == len(employees)
    # Both files stored in full, one after the other: the last one decides who is active.
    batches = db.query(
        "SELECT file_name, status FROM people_importbatch WHERE format = 'directory' "
        "ORDER BY finished_at, id"
    )
    assert [b[1] for b in batches] == ["done"] * 3
    last = batches[-1][0]
    active = {e[0] for e in employees if e[2]}
    expected = rows[:2000] if last == first.name else rows[:1000] + rows[1400:]
    assert active == {r["email"] for r in expected}
    managers = db.query(
        "SELECT COUNT(*) FROM accounts_employee e JOIN accounts_employee m ON e.manager_id = m.id"
    )[0][0]
    assert managers >= len(expected) - 10  # every active row's manager link was stored
