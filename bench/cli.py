"""How long a `weakties` command takes before it does anything (issue 11, "start-up").

Usage::

    python bench/cli.py                        # the weakties on the path (this checkout)
    python bench/cli.py --runs 15 --imports    # more runs; and the slowest imports of each
    git archive OLD src | tar -x -C /tmp/old
    python bench/cli.py /tmp/old/src src       # an older version next to this one

Each positional argument is a source folder put first on ``PYTHONPATH`` (none: the installed
package). For each one the bench builds a small demo organisation (``weakties demo --no-serve
--employees 12``) in a throw-away ``WEAKTIES_HOME``, with that version's own migrations, and then
starts, ``--runs`` times each, in a fresh process:

``python -c 'import django'``
    the floor: the interpreter and Django, nothing of weakties;
``django.setup()``
    what every command but ``--help`` pays first: the settings, every app and its models;
``django.setup()`` as the weakties program does it
    the same, with the garbage collector paused while the apps load and what they built frozen
    (``weakties.cli.main.setup``): also the teardown at exit is no longer paid;
``weakties --help``
    the command list;
``weakties who-knows``
    ``who-knows --company`` for a company of the demo, on the small database: a whole command,
    settings, apps, database and all, where the query itself takes a few milliseconds;
``weakties intro --help``
    a command's help: set-up and the command's module, no database;
``weakties intro --company``
    the ranked introductions to that company in the demo's largest organisation (numpy, the
    network's scores and the audit log included).

Every run may use compiled bytecode, as an installed package does: ``PYTHONDONTWRITEBYTECODE``
is dropped and the ``.pyc`` files go to a folder of the throw-away home
(``PYTHONPYCACHEPREFIX``), never into the checkout. Without them every run compiles weakties'
modules again, which adds some 0.03–0.05 s to each figure.

Prints the median and the fastest wall time, and the median CPU time of the process (user +
system, from ``wait4``): on a busy machine the CPU time is the steadier figure, the wall time
is what a person waits. With ``--imports`` it also prints the top-level imports that cost the
most (``python -X importtime``). Figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DEMO_EMPLOYEES = 12


def _env(source: str | None, home: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["WEAKTIES_HOME"] = str(home)
    env["DJANGO_SETTINGS_MODULE"] = "weakties.site.settings"
    env.pop("DATABASE_URL", None)  # a throw-away SQLite home, never a shared database
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # .pyc files, as an installed package has them
    env["PYTHONPYCACHEPREFIX"] = str(home / "pycache")
    if source:
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [source, env.get("PYTHONPATH", "")]))
    return env


def _weakties(*args: str) -> list[str]:
    return [sys.executable, "-m", "weakties.cli", *args]


def _run_once(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one run; fails loudly if the command fails."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _pid, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode() if proc.stderr else ""
    if proc.stderr:
        proc.stderr.close()
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} failed ({proc.returncode}):\n{err}")
    return wall, usage.ru_utime + usage.ru_stime


def _demo_company(env: dict[str, str]) -> tuple[str, str]:
    """Build the demo; the company most people in it work at, and the largest organisation."""
    subprocess.run(
        _weakties("demo", "--no-serve", "--json", "--employees", str(DEMO_EMPLOYEES)),
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    query = (
        "import django; django.setup();"
        "from django.db.models import Count;"
        "from weakties.people.models import Company;"
        "from weakties.accounts.models import Organisation;"
        "print(Company.objects.annotate(n=Count('people')).order_by('-n')[0].name);"
        "print(Organisation.objects.annotate(n=Count('employees')).order_by('-n')[0].name)"
    )
    out = subprocess.run(
        [sys.executable, "-c", query], env=env, check=True, capture_output=True, text=True
    )
    company, organisation = out.stdout.strip().splitlines()[-2:]
    return company, organisation


def _top_imports(argv: list[str], env: dict[str, str], *, count: int) -> list[tuple[int, str]]:
    """The top-level imports that took longest (cumulative microseconds, module)."""
    out = subprocess.run(
        [argv[0], "-X", "importtime", *argv[1:]], env=env, capture_output=True, text=True
    )
    rows = []
    for line in out.stderr.splitlines():
        parts = line.split("|")
        if len(parts) == 3 and parts[2].startswith(" ") and not parts[2].startswith("  "):
            try:
                rows.append((int(parts[1]), parts[2].strip()))
            except ValueError:
                continue  # the header line
    return sorted(rows, reverse=True)[:count]


def bench(source: str | None, *, runs: int, imports: bool) -> None:
    home = Path(tempfile.mkdtemp(prefix="weakties-cli-"))
    try:
        env = _env(source, home)
        company, organisation = _demo_company(env)
        cases = {
            "import django (floor)": [sys.executable, "-c", "import django"],
            "django.setup() (weakties' apps and models)": [
                sys.executable,
                "-c",
                "import django; django.setup()",
            ],
            "django.setup() as the weakties program does it": [
                sys.executable,
                "-c",
                "from weakties.cli.main import setup; setup(program=True)",
            ],
            "weakties --help": _weakties("--help"),
            f"weakties who-knows --company {company!r}": _weakties(
                "who-knows", "--company", company
            ),
            "weakties intro --help": _weakties("intro", "--help"),
            f"weakties intro --company {company!r}": _weakties(
                "intro", "--company", company, "--org", organisation
            ),
        }
        print(f"\n{source or 'installed weakties'}  ({runs} runs each, {DEMO_EMPLOYEES} employees)")
        print(f"  {'':48} {'wall p50':>9} {'wall min':>9} {'cpu p50':>9}")
        for name, argv in cases.items():
            try:
                _run_once(argv, env)  # warm the file cache and the .pyc files
            except SystemExit:
                print(f"  {name:48} (fails in this version)")
                continue
            times = [_run_once(argv, env) for _ in range(runs)]
            walls = [w for w, _c in times]
            cpus = [c for _w, c in times]
            print(
                f"  {name:48} {statistics.median(walls):8.3f}s {min(walls):8.3f}s "
                f"{statistics.median(cpus):8.3f}s"
            )
            if imports and "import django" not in name:
                for micros, module in _top_imports(argv, env, count=8):
                    print(f"      {micros / 1e6:6.3f}s  {module}")
    finally:
        shutil.rmtree(home, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sources", nargs="*", help="source folders to compare (default: installed)")
    parser.add_argument("--runs", type=int, default=7, help="runs of each command (default 7)")
    parser.add_argument(
        "--imports", action="store_true", help="also print the slowest top-level imports"
    )
    args = parser.parse_args()
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs, load {os.getloadavg()[0]:.1f}")
    for source in args.sources or [None]:
        bench(str(Path(source).resolve()) if source else None, runs=args.runs, imports=args.imports)


if __name__ == "__main__":
    main()
