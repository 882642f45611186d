"""Killing ``weakties import`` with SIGKILL at random points (issue 12), and checking what is left.

A *run* imports a set of network files for one owner with the real command line
(``weakties import FILE... --owner EMAIL``, the many-file path: planned ahead in a second process,
committed in groups), kills it with ``SIGKILL`` after a random delay, checks the database, runs
the same command again to its end and checks again:

* after the kill: every finished batch holds all of its file's contact lines, the ties of the
  owner all have provenance, and nothing else of the run is stored (no partial file);
* after the second command: every file has exactly one finished batch, and each of its contact
  lines is stored exactly once (the lines the resolver skipped, the owner's own card, aside).

The command runs with a small commit group (:attr:`NetworkImporter.group_contacts`), so that a
run commits many times and a kill can fall between two groups as well as inside one.  The
database is read with plain SQL (``sqlite3`` or psycopg), not through this process's Django.
Used by ``test_killed_import.py`` (a few runs) and ``bench/kill.py`` (50 runs).
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from weakties.importers import parse_path

#: Runs ``weakties`` with a smaller commit group: argv[1] is the group size, the rest the command.
#: On SQLite a writer waits up to 120 s for another's write lock instead of production's 20 s:
#: two imports at once on a machine busy with the rest of the suite (two pytest-xdist workers)
#: took longer than 20 s for the first, and the second gave up ("database is locked"). What the
#: tests check is what the lock lets through, not how long a wait may last.
COMMAND = """
import os, re, sys
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "weakties.site.settings")
from django.conf import settings
options = settings.DATABASES["default"].get("OPTIONS", {})
if "sqlite3" in settings.DATABASES["default"]["ENGINE"]:
    options["timeout"] = 120
    options["init_command"] = re.sub(
        r"busy_timeout=\\d+", "busy_timeout=120000", options["init_command"]
    )
    assert "busy_timeout=120000" in options["init_command"], options["init_command"]
import django
django.setup()
from weakties.people.services.network_import.importer import NetworkImporter
NetworkImporter.group_contacts = int(sys.argv[1])
from weakties.cli.main import main
sys.exit(main(sys.argv[2:]))
"""


@dataclass
class Database:
    """Where the commands write: an SQLite file (``WEAKTIES_HOME``) or a PostgreSQL URL."""

    home: Path
    url: str = ""  # DATABASE_URL; empty for SQLite in ``home``

    def env(self) -> dict[str, str]:
        env = {**os.environ, "WEAKTIES_HOME": str(self.home), "PYTHONUNBUFFERED": "1"}
        env["DJANGO_SETTINGS_MODULE"] = "weakties.site.settings"
        env.pop("WEAKTIES_TASK_BACKEND", None)
        if self.url:
            env["DATABASE_URL"] = self.url
        else:
            env.pop("DATABASE_URL", None)
        return env

    @contextmanager
    def snapshot(self) -> Iterator[Callable[[str, Sequence[Any]], list[tuple]]]:
        """A query function whose queries all read one snapshot of the database.

        A killed command's last COMMIT may still land after the kill (the server finishes
        what it was sent): reads spread over several transactions could see a batch's
        provenance without the batch."""
        if self.url:
            import psycopg

            with psycopg.connect(self.url) as conn:
                conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")

                def pg(sql: str, params: Sequence[Any] = ()) -> list[tuple]:
                    return conn.execute(sql.replace("?", "%s"), params).fetchall()

                yield pg
                conn.rollback()
            return
        conn = sqlite3.connect(self.home / "weakties.sqlite3", timeout=60, isolation_level=None)
        try:
            conn.execute("BEGIN")  # a read transaction: one WAL snapshot from its first read

            def lite(sql: str, params: Sequence[Any] = ()) -> list[tuple]:
                return conn.execute(sql, params).fetchall()

            yield lite
            conn.execute("COMMIT")
        finally:
            conn.close()

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple]:
        if self.url:
            import psycopg

            with psycopg.connect(self.url, autocommit=True) as conn:
                cursor = conn.execute(sql.replace("?", "%s"), params)
                return cursor.fetchall() if cursor.description else []
        conn = sqlite3.connect(self.home / "weakties.sqlite3", timeout=60)
        try:
            rows = conn.execute(sql, params).fetchall()
            conn.commit()
            return rows
        finally:
            conn.close()


def weakties(db: Database, *args: str, group: int = 50_000, timeout: float = 600) -> str:
    """Run a command to its end; its standard output.  Fails loudly on a non-zero exit."""
    out = subprocess.run(
        [sys.executable, "-c", COMMAND, str(group), *args],
        env=db.env(),
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert out.returncode == 0, f"weakties {' '.join(args)}: {out.stderr[-2000:]}"
    return out.stdout


@dataclass
class Expected:
    """What one file holds: its contact lines and the records its parser skipped."""

    lines: frozenset[int]
    parser_skipped: int


def expected(files: Sequence[Path]) -> dict[str, Expected]:
    result = {}
    for path in files:
        parsed = parse_path(path)
        result[path.name] = Expected(frozenset(r.line for r in parsed.records), parsed.skipped)
    return result


@dataclass
class Tally:
    runs: int = 0
    kills: int = 0  # runs the kill stopped before the command ended
    mid_import: int = 0  # ... before it had stored every file
    verified: int = 0  # runs whose every check passed
    killed_with_files_done: Counter[int] = field(default_factory=Counter)  # files stored at kill
    problems: list[str] = field(default_factory=list)


def check(db: Database, owner: str, files: dict[str, Expected], *, complete: bool) -> list[str]:
    """What is wrong with the owner's stored imports (empty when nothing)."""
    with db.snapshot() as query:
        return _problems(query, owner, files, complete=complete)


def _problems(
    query: Callable[[str, Sequence[Any]], list[tuple]],
    owner: str,
    files: dict[str, Expected],
    *,
    complete: bool,
) -> list[str]:
    problems = []
    batches = query(
        "SELECT b.id, b.file_name, b.status, b.contacts, b.skipped FROM people_importbatch b "
        "JOIN accounts_employee e ON e.id = b.owner_id WHERE e.email = ?",
        [owner],
    )
    lines: dict[int, list[int]] = {}
    for batch, line in query(
        "SELECT p.batch_id, p.line FROM people_tieprovenance p JOIN people_tie t ON t.id = p.tie_id "
        "JOIN accounts_employee e ON e.id = t.employee_id WHERE e.email = ?",
        [owner],
    ):
        lines.setdefault(batch, []).append(line)
    done = Counter(name for _id, name, status, _c, _s in batches if status == "done")
    for batch, name, status, contacts, skipped in batches:
        stored = lines.pop(batch, [])
        if status != "done":
            problems.append(f"{name}: a {status} batch")
            continue
        want = files[name]
        resolver_skipped = skipped - want.parser_skipped
        if len(stored) != len(set(stored)):
            problems.append(f"{name}: a line stored twice")
        if not set(stored) <= want.lines or contacts != len(want.lines):
            problems.append(f"{name}: lines that are not the file's")
        if len(set(stored)) != len(want.lines) - resolver_skipped:
            problems.append(f"{name}: {len(set(stored))} of {len(want.lines)} lines (partial file)")
    if lines:
        problems.append(f"provenance of batches not stored: {sorted(lines)}")
    problems += [f"{name}: {n} finished batches" for name, n in done.items() if n > 1]
    if complete and set(done) != set(files):
        problems.append(f"files never stored: {sorted(set(files) - set(done))}")
    orphans = query(
        "SELECT COUNT(*) FROM people_tie t JOIN accounts_employee e ON e.id = t.employee_id "
        "WHERE e.email = ? AND NOT EXISTS "
        "(SELECT 1 FROM people_tieprovenance p WHERE p.tie_id = t.id)",
        [owner],
    )[0][0]
    if orphans:
        problems.append(f"{orphans} ties without provenance")
    return problems


def kill_after(db: Database, args: Sequence[str], delay: float, *, group: int) -> bool:
    """Start the command, SIGKILL it after ``delay`` seconds; whether it was still running."""
    process = subprocess.Popen(
        [sys.executable, "-c", COMMAND, str(group), *args],
        env=db.env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # its planning process too is in this group, reaped below
    )
    try:
        process.wait(timeout=delay)
        return False  # it finished first
    except subprocess.TimeoutExpired:
        process.kill()  # SIGKILL: no cleanup, no rollback by the process itself
        process.wait()
        return True
    finally:
        try:
            os.killpg(process.pid, signal.SIGKILL)  # the forked planner, if it outlived it
        except ProcessLookupError:
            pass


def commit_window(db: Database, owner: str, files: list[str], *, group: int) -> tuple[float, float]:
    """Run the import once to its end, watching its commits: from a little before its first
    commit to a little after its last, the span the kills are drawn from (the start-up before
    it, Django and the index, is no place to test)."""
    args = ["import", *files, "--owner", owner]
    errors = tempfile.TemporaryFile()
    process = subprocess.Popen(
        [sys.executable, "-c", COMMAND, str(group), *args],
        env=db.env(),
        stdout=subprocess.DEVNULL,
        stderr=errors,
        start_new_session=True,
    )
    started = time.perf_counter()
    commits: list[float] = []
    seen = 0
    while process.poll() is None and time.perf_counter() - started < 600:
        time.sleep(0.02)
        done = db.query(
            "SELECT COUNT(*) FROM people_importbatch b JOIN accounts_employee e "
            "ON e.id = b.owner_id WHERE e.email = ? AND b.status = 'done'",
            [owner],
        )[0][0]
        if done != seen:
            seen = done
            commits.append(time.perf_counter() - started)
    errors.seek(0)
    assert process.wait(timeout=60) == 0, errors.read().decode(errors="replace")[-2000:]
    ended = time.perf_counter() - started
    if not commits:
        return (0.2, ended)
    span = max(commits[-1] - commits[0], 0.5)
    return (max(0.1, commits[0] - span / 2), commits[-1])


def campaign(
    db: Database,
    *,
    owners: Sequence[str],
    files: Sequence[Path],
    runs: int,
    seed: int = 0,
    group: int = 400,
    files_per_run: int = 12,
    say: Any = None,
    until_kills: int | None = None,
) -> Tally:
    """``runs`` kill-and-complete runs, each for a new owner with files drawn from ``files``.

    ``until_kills``: stop once that many runs were killed before their command ended (the
    window is measured on one run, and on a busy machine later runs may end before their kill).
    """
    rng = random.Random(seed)
    tally = Tally()
    want = expected(files)
    window = commit_window(db, owners[0], [str(p) for p in files[:files_per_run]], group=group)
    for run in range(runs):
        if until_kills is not None and tally.kills >= until_kills:
            break
        owner = owners[(run + 1) % len(owners)]
        chosen = rng.sample(list(files), min(files_per_run, len(files)))
        args = ["import", *map(str, chosen), "--owner", owner]
        delay = rng.uniform(*window)
        killed = kill_after(db, args, delay, group=group)
        tally.runs += 1
        tally.kills += killed
        mine = {p.name: want[p.name] for p in chosen}
        problems = check(db, owner, mine, complete=not killed)
        if killed:
            stored = db.query(
                "SELECT COUNT(*) FROM people_importbatch b JOIN accounts_employee e "
                "ON e.id = b.owner_id WHERE e.email = ? AND b.status = 'done'",
                [owner],
            )[0][0]
            tally.killed_with_files_done[stored] += 1
            tally.mid_import += stored < len(chosen)
            weakties(db, *args, group=group)
            problems += check(db, owner, mine, complete=True)
        if problems:
            tally.problems += [
                f"run {run} ({owner}, killed after {delay:.2f} s): {p}" for p in problems
            ]
        else:
            tally.verified += 1
        if say:
            say(run, killed, delay, problems)
    return tally


def prepare(
    db: Database, out: Path, *, employees: int, seed: int, migrate: bool
) -> tuple[list[str], list[Path]]:
    """A synthetic organisation's exports in ``out``, its directory imported; (owners, files)."""
    import json

    subprocess.run(
        [sys.executable, "-m", "weakties.synth", "--employees", str(employees), "--seed", str(seed),
         "--out", str(out)],
        check=True,
        capture_output=True,
        env=db.env(),
    )  # fmt: skip
    manifest = json.loads((out / "manifest.json").read_text())
    if migrate:
        weakties(db, "init")
    weakties(db, "org", "create", manifest["organisation"], "--domain", manifest["domain"])
    weakties(db, "import", "directory", str(out / manifest["directory"]["path"]), "--org",
             manifest["organisation"])  # fmt: skip
    owners = sorted({f["owner"] for f in manifest["files"]})
    files = [out / f["path"] for f in manifest["files"]]
    return owners, files
