"""Benchmark of issue 10's targets in one run: the ambassador loop at real size.

    python bench/ambassadors.py [--employees 10000] [--data /tmp/weakties-bench] [--seconds 20]

On one organisation built by ``bench/analyze.py``'s generator (``DATA/sqlite-N``,
built once and reused; ``DATABASE_URL`` picks PostgreSQL as for the other benches),
it runs the three benches that measure the parts, each as its own process, and
prints their figures beside the targets of issue 10:

* "who can introduce me to company X" through HTTP with 50 clients (``bench/hot.py``:
  one request alone, the open loop at 200 req/s offered, the closed loop);
  target p99 ≤ 50 ms;
* the expertise search through HTTP with 50 clients (``bench/expertise.py``), and a
  target list of 1,000 companies; targets p99 ≤ 50 ms and ≤ 5 s;
* referral candidates for 100 vacancies (``bench/referrals.py``); target ≤ 10 s.

Figures are printed (and written with ``--json``), never asserted.  On a shared
machine the loops measure the machine as much as weakties: run it alone.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
TARGETS = {
    "intro_p99_ms": 50.0,
    "expertise_p99_ms": 50.0,
    "target_list_s": 5.0,
    "referrals_s": 10.0,
}


def _run(args: list[str]) -> str:
    """Run one bench, showing its output as it goes; return the output."""
    print(f"\n$ {' '.join(args)}", flush=True)
    done = subprocess.run(
        [sys.executable, *args], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    print(done.stdout, flush=True)
    if done.returncode:
        raise SystemExit(f"{args[0]} failed with exit code {done.returncode}")
    return done.stdout


def _hot(args: argparse.Namespace, db: str, out: Path) -> dict:
    _run(
        [
            str(HERE / "hot.py"), "--employees", str(args.employees), "--db", db,
            "--mode", "open", "closed", "--seconds", str(args.seconds),
            "--data", str(args.data), "--json", str(out),
        ]
    )  # fmt: skip
    run = json.loads(out.read_text())["runs"][0]
    return {
        "intro_alone_ms": run["alone"]["/api/intro"],
        "intro_open_p99_ms": run["open"]["p99_ms"],
        "intro_open_errors": run["open"]["errors"],
        "intro_closed_per_s": run["closed"]["requests_per_s"],
    }


def _expertise(args: argparse.Namespace, out: Path) -> dict:
    _run(
        [
            str(HERE / "expertise.py"), "--employees", str(args.employees),
            "--data", str(args.data), "--seconds", str(args.seconds), "--json", str(out),
        ]
    )  # fmt: skip
    figures = json.loads(out.read_text())
    return {
        "expertise_open_p99_ms": figures.get("open", {}).get("p99_ms"),
        "expertise_open_errors": figures.get("open", {}).get("errors"),
        "expertise_closed_per_s": figures.get("closed", {}).get("requests_per_s"),
        "target_list_s": min(figures["coverage_s"]),
        "target_list_http_s": figures.get("coverage_http_s"),
    }


def _referrals(args: argparse.Namespace, db: str) -> dict:
    text = _run(
        [str(HERE / "referrals.py"), "--data", str(args.data / f"{db}-{args.employees}"),
         "--vacancies", "100"]
    )  # fmt: skip
    totals = [float(t) for t in re.findall(r"^\s*total\s+([\d.]+) s", text, re.M)]
    return {"referrals_s": min(totals) if totals else None}


def _verdict(value: float | None, target: float) -> str:
    if value is None:
        return "not measured"
    return "met" if value <= target else "NOT met"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--employees", type=int, default=10_000)
    parser.add_argument("--data", type=Path, default=Path("/tmp/weakties-bench"))
    parser.add_argument("--seconds", type=float, default=20.0, help="per load loop")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args(argv)
    db = "postgres" if os.environ.get("DATABASE_URL") else "sqlite"
    with tempfile.TemporaryDirectory() as tmp:
        figures = {"employees": args.employees, "db": db}
        figures |= _hot(args, db, Path(tmp) / "hot.json")
        figures |= _expertise(args, Path(tmp) / "expertise.json")
        figures |= _referrals(args, db)
    print(f"\nissue 10 targets, {args.employees:,} employees ({db})")
    rows = [
        ("who can introduce me: open-loop p99", figures["intro_open_p99_ms"], "intro_p99_ms", "ms"),
        ("expertise search: open-loop p99", figures["expertise_open_p99_ms"], "expertise_p99_ms", "ms"),
        ("target list of 1,000 companies", figures["target_list_s"], "target_list_s", "s"),
        ("referral candidates, 100 vacancies", figures["referrals_s"], "referrals_s", "s"),
    ]  # fmt: skip
    for label, value, key, unit in rows:
        shown = "—" if value is None else f"{value:8.2f} {unit}"
        print(
            f"  {label:38s} {shown:>12s}   target ≤ {TARGETS[key]:g} {unit}: {_verdict(value, TARGETS[key])}"
        )
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2, default=str))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
