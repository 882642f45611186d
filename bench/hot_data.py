"""The organisation that ``bench/hot.py`` loads: built once per database and size, then reused.

The bench process never sets Django up itself (one process may hold one
database only).  :func:`prepare` runs this file as a child process with
``WEAKTIES_HOME`` (and ``DATABASE_URL`` for PostgreSQL) set, which

1. migrates the database;
2. writes the organisation with ``bench/analyze.py``'s :func:`populate`
   (same generator, same seed: 3,000 employees ≈ 0.9M ties, 10,000 ≈ 3M)
   unless ``Bench BV`` is already there (populate is one transaction: it is
   there whole or not at all);
3. runs ``weakties analyze`` once, unless a finished analysis exists;
4. on PostgreSQL, does what autovacuum would (``VACUUM ANALYZE`` of changed tables);
5. prints, as JSON, the ties and the companies the bench asks for: the 20
   largest, 40 medium and 40 small companies by ties.

Then :func:`prepare` makes employee ``e0@bench.nl`` an admin and creates an
API token for it with the ``weakties user`` and ``weakties token`` commands.

Layout of the cache (``--data``, default ``$WEAKTIES_BENCH_DATA`` or
``/work/hotdata``)::

    DATA/sqlite-3000/      WEAKTIES_HOME, holds weakties.sqlite3
    DATA/postgres-3000/    WEAKTIES_HOME (secret key); the rows are in database weakties_hot_3000
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

__all__ = ["DEFAULT_DATA", "ORG_NAME", "ADMIN_EMAIL", "database_env", "prepare"]

BENCH = Path(__file__).resolve().parent
DEFAULT_DATA = Path(os.environ.get("WEAKTIES_BENCH_DATA", "/work/hotdata"))
DEFAULT_PG = os.environ.get("WEAKTIES_BENCH_PG", "postgres://postgres@127.0.0.1:5432")
ORG_NAME = "Bench BV"  # what bench/analyze.py's populate creates
ADMIN_EMAIL = "e0@bench.nl"  # populate's first employee
TIES_PER_EMPLOYEE = 300  # bench/analyze.py's default
SEED = 7  # bench/analyze.py's default
LARGE, MEDIUM, SMALL = 20, 40, 40


def database_env(db: str, employees: int, data: Path) -> dict[str, str]:
    """The environment that points weakties at this size's database on ``db``."""
    home = data / f"{db}-{employees}"
    home.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ)
    env["WEAKTIES_HOME"] = str(home)
    env["DJANGO_SETTINGS_MODULE"] = "weakties.site.settings"
    env.pop("DATABASE_URL", None)
    if db == "postgres":
        env["DATABASE_URL"] = f"{DEFAULT_PG}/weakties_hot_{employees}"
    return env


def _create_pg_database(name: str) -> None:
    import psycopg

    with psycopg.connect(f"{DEFAULT_PG}/postgres", autocommit=True) as conn:
        if conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone():
            return
        conn.execute(f'CREATE DATABASE "{name}"')


def _weakties(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "weakties.cli", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=3600,
    )
    if done.returncode:
        raise RuntimeError(f"weakties {' '.join(args)} failed:\n{done.stderr[-2000:]}")
    return done.stdout


def prepare(db: str, employees: int, data: Path) -> dict:
    """Build or reuse the organisation; return its figures, companies and an API token."""
    env = database_env(db, employees, data)
    if db == "postgres":
        _create_pg_database(f"weakties_hot_{employees}")
    done = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), "--employees", str(employees)],
        env=env,
        stdout=subprocess.PIPE,
        text=True,
        timeout=3 * 3600,
    )
    if done.returncode:
        raise RuntimeError(f"building the {db} organisation of {employees} employees failed")
    info = json.loads(done.stdout.strip().splitlines()[-1])
    if not info.pop("admin_ready"):
        _weakties(env, "user", "create", ADMIN_EMAIL, "--role", "admin")
    info["token"] = json.loads(_weakties(env, "token", "create", ADMIN_EMAIL, "--json"))["token"]
    info["env"] = env
    info["home"] = env["WEAKTIES_HOME"]
    info["database"] = env.get("DATABASE_URL", str(Path(env["WEAKTIES_HOME"]) / "weakties.sqlite3"))
    return info


# --- the child process: runs inside Django ----------------------------------------------------


def _evenly(rows: list, count: int) -> list:
    if len(rows) <= count:
        return list(rows)
    step = len(rows) / count
    return [rows[int(i * step)] for i in range(count)]


def _companies(org) -> dict[str, list[tuple[str, int]]]:
    """Companies ranked by ties: the largest, a spread of medium (top 1-10 %) and small (lower half)."""
    from django.db.models import Count

    from weakties.people.models import Tie

    ranked = [
        (row["person__company__name"], row["n"])
        for row in Tie.objects.filter(employee__organisation=org, person__company__isnull=False)
        .values("person__company_id", "person__company__name")
        .annotate(n=Count("id"))
        .order_by("-n", "person__company_id")
    ]
    n = len(ranked)
    return {
        "large": ranked[:LARGE],
        "medium": _evenly(ranked[max(n // 100, LARGE) : max(n // 10, LARGE + MEDIUM)], MEDIUM),
        "small": _evenly(ranked[n // 2 :], SMALL),
    }


def _analyze_once(org, env: dict[str, str]) -> float | None:
    from weakties.insights.models import AnalysisRun

    if AnalysisRun.objects.filter(organisation=org, status=AnalysisRun.Status.DONE).exists():
        return None
    t = time.perf_counter()
    _weakties(env, "analyze", "--org", ORG_NAME)
    return time.perf_counter() - t


def _admin_ready(org) -> bool:
    from weakties.accounts.models import Role

    return org.employees.filter(email=ADMIN_EMAIL, role=Role.ADMIN, user__isnull=False).exists()


def _cached_companies(org, ties: int) -> dict:
    """The company ranking (seconds on SQLite), kept in the home beside the data it describes."""
    from django.conf import settings

    cache = Path(settings.HOME) / "hot-companies.json"
    if cache.exists():
        kept = json.loads(cache.read_text())
        if kept.get("ties") == ties:
            return kept["companies"]
    companies = _companies(org)
    cache.write_text(json.dumps({"ties": ties, "companies": companies}))
    return companies


def _autovacuum() -> float | None:
    """PostgreSQL: what autovacuum would have done by now (it is off on some servers, this one too).

    ``VACUUM ANALYZE`` every table never analysed or changed by more than 10 %
    since (autovacuum's default threshold), so the planner has statistics as it
    would in production.  SQLite is left as weakties leaves it (no ANALYZE).
    """
    from django.db import connection

    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT relname FROM pg_stat_user_tables WHERE n_live_tup + n_mod_since_analyze > 0"
            " AND (COALESCE(last_analyze, last_autoanalyze) IS NULL"
            " OR n_mod_since_analyze > 50 + 0.1 * n_live_tup)"
        )
        tables = [name for (name,) in cursor.fetchall()]
        t = time.perf_counter()
        for name in tables:
            cursor.execute(f'VACUUM ANALYZE "{name}"')
    return time.perf_counter() - t if tables else None


def _build(employees: int) -> dict:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "weakties.site.settings")
    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from weakties.accounts.models import Organisation
    from weakties.people.models import Tie

    call_command("migrate", interactive=False, verbosity=0)
    built: dict[str, float] = {}
    if not Organisation.objects.filter(name=ORG_NAME).exists():
        from analyze import populate  # bench/analyze.py: this file's directory is on sys.path

        t = time.perf_counter()
        populate(employees, TIES_PER_EMPLOYEE, SEED)
        built["populate_s"] = time.perf_counter() - t
    org = Organisation.objects.get(name=ORG_NAME)
    connection.close()
    seconds = _analyze_once(org, dict(os.environ))
    if seconds is not None:
        built["analyze_s"] = seconds
    seconds = _autovacuum()
    if seconds is not None:
        built["vacuum_analyze_s"] = seconds
    ties = Tie.objects.filter(employee__organisation=org).count()
    companies = _cached_companies(org, ties)
    return {
        "employees": org.employees.count(),
        "ties": ties,
        "largest": {"company": companies["large"][0][0], "ties": companies["large"][0][1]},
        "companies": companies,
        "built": built,
        "admin_ready": _admin_ready(org),
        "source": str(Path(django.apps.apps.get_app_config("accounts").path).parent),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--employees", type=int, required=True)
    args = parser.parse_args()
    print(json.dumps(_build(args.employees)))


if __name__ == "__main__":
    sys.exit(main())
