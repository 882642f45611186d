"""Bench of the pages and reports at real size (issue 9): each must read what ``analyze`` stored.

Against an organisation that ``bench/hot.py`` built and analysed (3,000
employees ≈ 0.9M ties, 10,000 ≈ 3M; see ``hot_data.py`` for the layout of
``--data``), it times through ``django.test.Client``, in-process:

* as an administrator: the dashboard ``/``, the insights page ``/insights/``,
  the employees list (first page and a page in the middle), the network page
  of the employee with the most ties and its ego map (``/insights/ego/<pk>/``);
* as that employee (a plain employee, who sees their own contact details):
  the dashboard, the employees list, their own network page and ego map, and a
  colleague's page;
* ``weakties reach --json``, called in-process with ``call_command``.

Each is run ``--repeat`` times after one untimed warm-up (a warm-up slower
than 5 s counts as a run, and runs stop once one item used ``--budget``
seconds), and the bench prints min / median / p95 in ms, the SQL queries of
one run, the status and the size of the answer.  SQL still running after
``--timeout`` seconds is stopped and the figure printed as "≥" that long.  Targets (issue 9): a page
≤ 200 ms, ``weakties reach`` ≤ 1 s; printed beside the figures, never asserted.

The data are left as they are, except that the two logins are created when
missing (``weakties user create``, as ``hot_data.prepare`` does for the
administrator).  Sessions live in signed cookies and ``last_login`` is not
written, so a run writes nothing else.  One process holds one database, so
each (database, size) runs in a child process of this script.

The bench runs the weakties that Python finds.  To measure a commit while the
working tree changes (the BEFORE figures, say), export it and put it first::

    git archive COMMIT src | tar -x -C /tmp/before
    PYTHONPATH=/tmp/before/src python bench/pages.py

    python bench/pages.py [--db sqlite postgres] [--employees 3000 10000]
                          [--repeat 7] [--budget 60] [--timeout 600] [--data DIR]
                          [--pg-name NAME] [--json FILE]

To bench a copy (after ``weakties analyze`` with newer code, say), copy the
SQLite home into another ``--data`` folder and the PostgreSQL database with
``CREATE DATABASE weakties_pages_3000 TEMPLATE weakties_hot_3000``, then pass
``--data /tmp/pages-data --pg-name 'weakties_pages_{employees}'``.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from hot_data import ADMIN_EMAIL, DEFAULT_DATA, DEFAULT_PG, ORG_NAME, database_env

TARGET_PAGE_MS = 200.0
TARGET_REACH_MS = 1000.0
SLOW_WARMUP_S = 5.0


# --- the child process: runs inside Django ----------------------------------------------------


def _login(email: str, *, role: str | None = None):
    """The employee with a login (created through ``weakties user create`` when missing)."""
    from io import StringIO

    from django.core.management import call_command

    from weakties.accounts.models import Employee

    employee = Employee.objects.select_related("user").get(email=email)
    if employee.user is None or (role and employee.role != role):
        args = ["user", "create", email, *(["--role", role] if role else [])]
        call_command(*args, stdout=StringIO())
        employee = Employee.objects.select_related("user").get(email=email)
    return employee


def _busiest_employee(org):
    """The plain employee with the most ties (from the stored analysis), and a colleague."""
    from weakties.accounts.models import Role
    from weakties.insights.models import AnalysisRun, EmployeeInsight

    run = (
        AnalysisRun.objects.filter(organisation=org, status=AnalysisRun.Status.DONE)
        .order_by("-finished_at", "-id")
        .only("id")
        .first()
    )
    if run is None:
        raise SystemExit(f"{ORG_NAME} has no finished analysis: build it with bench/hot.py")
    ranked = (
        EmployeeInsight.objects.filter(run=run, employee__role=Role.EMPLOYEE)
        .order_by("-degree", "employee_id")
        .values_list("employee__email", flat=True)
    )
    busiest, colleague = list(ranked[:2])
    return busiest, colleague


#: When the call now running must stop (see _stop_slow_queries).
_DEADLINE = [math.inf]


def _stop_slow_queries(timeout: float) -> None:
    """Stop a call's SQL after ``timeout`` seconds: its figure is then "≥ timeout".

    SQLite asks a progress handler, PostgreSQL has ``statement_timeout``; both
    are set on every new connection, so a reconnect keeps them.
    """
    from django.db.backends.signals import connection_created

    def limit(sender, connection, **kwargs) -> None:
        if connection.vendor == "sqlite":
            connection.connection.set_progress_handler(
                lambda: int(time.monotonic() > _DEADLINE[0]), 100_000
            )
        elif connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(f"SET statement_timeout = {int(timeout * 1000)}")

    connection_created.connect(limit, weak=False)


class _Timer:
    def __init__(self, repeat: int, budget: float, timeout: float) -> None:
        self.repeat, self.budget, self.timeout = repeat, budget, timeout

    def measure(self, call) -> dict[str, Any]:
        from django.db import DatabaseError, connection, reset_queries
        from django.test.utils import CaptureQueriesContext

        stopped = False

        def once() -> tuple[float, int, int, int]:
            nonlocal stopped
            reset_queries()
            status, size = 0, 0
            with CaptureQueriesContext(connection) as captured:
                t = time.perf_counter()
                _DEADLINE[0] = time.monotonic() + self.timeout
                try:
                    status, size = call()
                except DatabaseError:  # stopped by the timeout
                    stopped = True
                    status = -1
                finally:
                    _DEADLINE[0] = math.inf
                took = time.perf_counter() - t
            return took, len(captured), status, size

        # The warm-up (templates, translations, the database's page cache) counts only when slow.
        first, queries, status, size = once()
        samples = [first] if first > SLOW_WARMUP_S or stopped else []
        spent = first
        while len(samples) < self.repeat and not stopped and (spent < self.budget or not samples):
            took, n, status, size = once()
            samples.append(took)
            spent += took
            queries = max(queries, n)
        ms = sorted(s * 1000 for s in samples)
        return {
            "runs": len(ms),
            "min_ms": ms[0],
            "median_ms": statistics.median(ms),
            "p95_ms": ms[max(math.ceil(0.95 * len(ms)) - 1, 0)],
            "queries": queries,
            "status": status,
            "bytes": size,
            "stopped": stopped,
        }


def _page(client, path: str):
    def call() -> tuple[int, int]:
        response = client.get(path)
        return response.status_code, len(response.content)

    return call


def _reach_command():
    from io import StringIO

    from django.core.management import call_command

    def call() -> tuple[int, int]:
        out = StringIO()
        call_command("reach", "--org", ORG_NAME, "--json", stdout=out)
        json.loads(out.getvalue())
        return 0, len(out.getvalue())

    return call


def _items(org) -> list[tuple[str, str, str, Any]]:
    from django.contrib.auth.models import update_last_login
    from django.contrib.auth.signals import user_logged_in
    from django.test import Client

    from weakties.accounts.models import Employee

    user_logged_in.disconnect(update_last_login, dispatch_uid="update_last_login")
    admin = _login(ADMIN_EMAIL, role="admin")
    busiest_email, colleague_email = _busiest_employee(org)
    busiest = _login(busiest_email)
    colleague = Employee.objects.get(email=colleague_email)
    as_admin, as_employee = Client(), Client()
    as_admin.force_login(admin.user)
    as_employee.force_login(busiest.user)
    middle = max(Employee.objects.filter(organisation=org, active=True).count() // 100, 1)
    b, c = busiest.pk, colleague.pk
    return [
        ("admin", "dashboard", "/", _page(as_admin, "/")),
        ("admin", "insights", "/insights/", _page(as_admin, "/insights/")),
        ("admin", "employees list", "/employees/", _page(as_admin, "/employees/")),
        (
            "admin",
            "employees list, page in the middle",
            f"/employees/?page={middle}",
            _page(as_admin, f"/employees/?page={middle}"),
        ),
        (
            "admin",
            "network page (busiest)",
            f"/employees/{b}/",
            _page(as_admin, f"/employees/{b}/"),
        ),
        (
            "admin",
            "ego map (busiest)",
            f"/insights/ego/{b}/",
            _page(as_admin, f"/insights/ego/{b}/"),
        ),
        ("employee", "dashboard", "/", _page(as_employee, "/")),
        ("employee", "employees list", "/employees/", _page(as_employee, "/employees/")),
        (
            "employee",
            "own network page",
            f"/employees/{b}/",
            _page(as_employee, f"/employees/{b}/"),
        ),
        (
            "employee",
            "own ego map",
            f"/insights/ego/{b}/",
            _page(as_employee, f"/insights/ego/{b}/"),
        ),
        (
            "employee",
            "a colleague's page",
            f"/employees/{c}/",
            _page(as_employee, f"/employees/{c}/"),
        ),
        ("cli", "weakties reach --json", "reach --json", _reach_command()),
    ]


def run_child(repeat: int, budget: float, timeout: float) -> dict[str, Any]:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "weakties.site.settings")
    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test.utils import setup_test_environment

    from weakties.accounts.models import Organisation
    from weakties.people.models import Tie

    setup_test_environment()  # the test client's ALLOWED_HOSTS and template signals
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.signed_cookies"
    settings.DEBUG = False
    org = Organisation.objects.filter(name=ORG_NAME).first()
    if org is None:
        raise SystemExit(f"no {ORG_NAME} here: build it with bench/hot.py --build-only")
    _stop_slow_queries(timeout)
    connection.close()  # the next query opens a connection with the limit
    timer = _Timer(repeat, budget, timeout)
    rows = []
    for who, what, path, call in _items(org):
        print(f"   {who:<9} {what} …", file=sys.stderr, flush=True)
        rows.append({"who": who, "what": what, "path": path} | timer.measure(call))
    return {
        "vendor": connection.vendor,
        "employees": org.employees.count(),
        "ties": Tie.objects.filter(employee__organisation=org).count(),
        "source": str(Path(django.apps.apps.get_app_config("accounts").path).parent),
        "rows": rows,
    }


# --- the parent: one child per database and size ------------------------------------------


def _env(db: str, employees: int, data: Path, pg_name: str) -> dict[str, str]:
    env = database_env(db, employees, data)
    if db == "postgres":
        env["DATABASE_URL"] = f"{DEFAULT_PG}/{pg_name.format(employees=employees)}"
    return env


def _available(db: str, employees: int, data: Path, pg_name: str) -> str | None:
    """Why this organisation cannot be benched, or None when it can."""
    if db == "sqlite":
        if not (data / f"sqlite-{employees}" / "weakties.sqlite3").exists():
            return f"no {data}/sqlite-{employees}/weakties.sqlite3"
        return None
    import psycopg

    name = pg_name.format(employees=employees)
    try:
        with psycopg.connect(f"{DEFAULT_PG}/{name}", connect_timeout=5) as conn:
            if conn.execute(
                "SELECT 1 FROM insights_analysisrun WHERE status = 'done' LIMIT 1"
            ).fetchone():
                return None
            return "no finished analysis yet"
    except psycopg.Error as exc:
        return f"database {name}: {str(exc).strip().splitlines()[0]}"


def _target(row: dict[str, Any]) -> float:
    return TARGET_REACH_MS if row["who"] == "cli" else TARGET_PAGE_MS


def _ms(x: float) -> str:
    return f"{x / 1000:.1f} s" if x >= 10_000 else f"{x:,.0f} ms" if x >= 10 else f"{x:.1f} ms"


def show(result: dict[str, Any]) -> None:
    print(
        f"\n== {result['db']}, {result['employees']:,} employees, {result['ties']:,} ties"
        f"   (code {result['source']})"
    )
    print(
        f"   {'who':<9} {'what':<36} {'runs':>4} {'min':>9} {'median':>9} {'p95':>9}"
        f" {'queries':>7} {'status':>6} {'size':>9}  target"
    )
    for r in result["rows"]:
        ok = "ok" if r["p95_ms"] <= _target(r) else "MISSED"
        over = "≥" if r.get("stopped") else ""  # stopped by --timeout: at least this long
        figures = " ".join(f"{over + _ms(r[k]):>9}" for k in ("min_ms", "median_ms", "p95_ms"))
        status = "stop" if r.get("stopped") else r["status"]
        print(
            f"   {r['who']:<9} {r['what']:<36} {r['runs']:>4} {figures} {r['queries']:>7}"
            f" {status:>6} {r['bytes'] / 1024:>7.0f} kB  ≤ {_ms(_target(r))} {ok}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", nargs="+", default=["sqlite", "postgres"])
    parser.add_argument("--employees", nargs="+", type=int, default=[3000, 10000])
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--budget", type=float, default=60.0, help="seconds per item at most")
    parser.add_argument(
        "--timeout", type=float, default=600.0, help="stop one call's SQL after this many seconds"
    )
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument(
        "--pg-name",
        default="weakties_hot_{employees}",
        help="PostgreSQL database of each size (default: the one bench/hot.py builds)",
    )
    parser.add_argument("--json", type=Path, help="write every figure here too")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(run_child(args.repeat, args.budget, args.timeout)))
        return
    results = []
    for employees in args.employees:
        for db in args.db:
            why = _available(db, employees, args.data, args.pg_name)
            if why:
                print(f"\n== {db}, {employees:,} employees: skipped ({why})")
                continue
            print(f"\n.. {db}, {employees:,} employees", file=sys.stderr, flush=True)
            done = subprocess.run(
                [sys.executable, __file__, "--child", "--repeat", str(args.repeat)]
                + ["--budget", str(args.budget), "--timeout", str(args.timeout)],
                env=_env(db, employees, args.data, args.pg_name),
                stdout=subprocess.PIPE,
                text=True,
            )
            if done.returncode:
                print(f"\n== {db}, {employees:,} employees: failed (exit {done.returncode})")
                continue
            result = json.loads(done.stdout.strip().splitlines()[-1]) | {"db": db}
            show(result)
            results.append(result)
    if args.json:
        args.json.write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    sys.exit(main())
