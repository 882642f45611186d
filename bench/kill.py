"""Benchmark: kill ``weakties import`` with SIGKILL at random points, 50 runs (issue 12).

Each run imports a dozen network files of a synthetic organisation for a new owner with the real
command line (the many-file path, committed in small groups), kills it with SIGKILL at a random
moment between its first and last commit, checks that no file is stored in part, runs the same
command again and checks that every file is stored once with each contact line exactly once (see
``tests/faults/kill_campaign.py``).  Prints every run, then runs, kills (runs the kill stopped
before the command ended), verified runs, and how many files the killed runs had stored.  Never
asserts; exits 1 when a check failed.

    python bench/kill.py [--runs 50] [--seed 0] [--employees 60] [--database URL] [--keep DIR]

Without ``--database`` (or ``DATABASE_URL``) it uses a fresh SQLite database in a temporary
folder; a PostgreSQL URL must name an empty database, which it migrates.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the campaign lives beside the test that runs it short


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--employees", type=int, default=60, help="owners to import for")
    parser.add_argument("--files", type=int, default=12, help="files per run")
    parser.add_argument("--group", type=int, default=400, help="contacts per commit")
    parser.add_argument("--database", default=os.environ.get("DATABASE_URL", ""))
    parser.add_argument("--keep", type=Path, help="work here and keep it")
    args = parser.parse_args()

    from tests.faults.kill_campaign import Database, campaign, prepare

    home = args.keep or Path(tempfile.mkdtemp(prefix="weakties-kill-"))
    home.mkdir(parents=True, exist_ok=True)
    db = Database(home, args.database)
    started = time.perf_counter()
    owners, files = prepare(
        db, home / "exports", employees=args.employees, seed=args.seed, migrate=True
    )
    print(
        f"{len(owners)} owners, {len(files)} files, prepared in {time.perf_counter() - started:.0f} s"
    )

    def say(run: int, killed: bool, delay: float, problems: list[str]) -> None:
        what = "killed" if killed else "ended before the kill"
        verdict = "ok" if not problems else "; ".join(problems)
        print(f"run {run + 1:>3}: {what} after {delay:5.2f} s: {verdict}", flush=True)

    tally = campaign(
        db,
        owners=owners,
        files=files,
        runs=args.runs,
        seed=args.seed,
        group=args.group,
        files_per_run=args.files,
        say=say,
    )
    stored = ", ".join(f"{n} files: {k}" for n, k in sorted(tally.killed_with_files_done.items()))
    print(
        f"runs {tally.runs}, kills {tally.kills} ({tally.mid_import} before every file was "
        f"stored), verified {tally.verified}"
    )
    print(f"files stored when killed (files: runs): {stored}")
    for problem in tally.problems:
        print("  " + problem)
    if not args.keep:
        shutil.rmtree(home, ignore_errors=True)
    return 1 if tally.problems else 0


if __name__ == "__main__":
    sys.exit(main())
