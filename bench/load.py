"""Load on the production server for a bounded time (issue 12 §5): ``weakties serve`` over loopback.

The organisation is ``bench/hot_data.py``'s (3,000 employees ≈ 0.9M ties by
default), copied from its cache (``--data``, default ``/work/hotdata``) into a
scratch home first: the run signs in, imports and writes audit lines, and the
cache is never changed. Clients in threads send a mix, each request drawn at
random by weight:

* ``dashboard``      the signed-in dashboard page (a session cookie of the admin)
* ``employee_page``  an employee's page (a random employee of the organisation)
* ``introduce``      ``GET /api/intro?company=…`` (who can introduce me)
* ``api``            ``/api/me``, ``/api/reach``, ``/api/who-knows``, ``/api/brokers?limit=20``
* ``import``         now and then (``--import-every`` seconds), ``weakties import`` of a
                     small LinkedIn export for one employee while the load goes on

It prints requests/s, p50/p99 per kind, the errors, the server's memory
sampled over the run, and the targets (0 errors, p99 <= 50 ms for
who-can-introduce), printed and never asserted. On a shared machine the
figures are indicative only.

    .venv/bin/python bench/load.py --seconds 600          # the 10-minute run
    .venv/bin/python bench/load.py --seconds 600 --db postgres   # on a copy of the PostgreSQL one
    .venv/bin/python bench/load.py --seconds 30 --employees 300 --data /tmp/loaddata  # small, builds
    .venv/bin/python bench/load.py --seconds 600 --clients 16 --rate 40   # open loop, 40 req/s

Without ``--rate`` each client sends its next request as soon as the last is
answered (closed loop): the server is saturated and the figures say how much
it serves and how requests wait for each other. ``--rate R`` offers R
requests/s in all, whatever the server does, and times each request from the
moment it was due: the latency people see at that traffic.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path
from urllib.parse import quote

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

import hot_data  # noqa: E402
import hot_load  # noqa: E402
from hot_server import HOST, Server  # noqa: E402

#: Kind → weight of the mix (imports run on their own clock).
MIX = {"dashboard": 15, "employee_page": 15, "introduce": 45, "api": 25}
TARGET_P99_MS = 50.0


def _scratch_home(args) -> tuple[Path, Path]:
    """A copy of the cached organisation's home in a temporary data folder (the cache stays as it is)."""
    source = args.data / f"sqlite-{args.employees}"
    scratch = Path(tempfile.mkdtemp(prefix="weakties-load-"))
    if source.exists() and args.db == "sqlite":  # PostgreSQL: a copy of the database instead
        shutil.copytree(source, scratch / source.name)
    return scratch, scratch / source.name


def _pg_clone(source: str, name: str) -> str:
    """A fresh copy of a PostgreSQL database (``CREATE DATABASE … TEMPLATE``); its URL."""
    import psycopg

    with psycopg.connect(f"{hot_data.DEFAULT_PG}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{source}"')
    return f"{hot_data.DEFAULT_PG}/{name}"


def _pg_drop(url: str) -> None:
    import psycopg

    with psycopg.connect(f"{hot_data.DEFAULT_PG}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{url.rsplit("/", 1)[1]}" WITH (FORCE)')


def _django(env: dict[str, str], code: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()\n" + code],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=600,
    )
    return done.stdout.strip().splitlines()[-1]


_SESSION_AND_EMPLOYEES = """
import json
from weakties.expertise.services.index import index_ensure
"""
#: The expertise finder's indexes are built before the clock starts, as on a server in use: where
#: they were never built, the first import or search builds them for the whole organisation, once,
#: in one transaction (~5 s of SQLite's write lock at 3,000 employees), not the steady state.
_SESSION_AND_EMPLOYEES += """
from django.contrib.auth import SESSION_KEY, BACKEND_SESSION_KEY, HASH_SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from weakties.accounts.models import Employee
admin = Employee.objects.select_related("user").get(email=%(email)r)
index_ensure(organisation=admin.organisation)
s = SessionStore()
s[SESSION_KEY] = str(admin.user.pk)
s[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
s[HASH_SESSION_KEY] = admin.user.get_session_auth_hash()
s.create()
ids = list(admin.organisation.employees.values_list("pk", flat=True)[:2000])
from weakties.people.models import Tie
owners = sorted(set(Tie.objects.filter(employee__organisation=admin.organisation)
                    .values_list("employee__email", flat=True)[:5000]))[:50]
print(json.dumps({"session": s.session_key, "employees": ids, "owners": owners}))
"""


def _linkedin_export(folder: Path, n: int, seed: int) -> Path:
    """A small LinkedIn Connections.csv of invented people (a new file each time)."""
    rng = random.Random(seed)
    path = folder / f"load-{seed}_Connections.csv"
    lines = ["First Name,Last Name,URL,Email Address,Company,Position,Connected On"]
    for i in range(n):
        first, last = rng.choice(["Anna", "Bram", "Cas", "Dewi"]), f"Load{seed}x{i}"
        company = rng.choice(["Rabobank", "ING", "Philips", "ASML", "KLM"])
        lines.append(f"{first},{last},,,{company},Engineer,01 Jan 2024")
    path.write_text("\n".join(lines) + "\n")
    return path


class Mix:
    """The requests of the mix, drawn with a seed."""

    def __init__(self, info: dict, extra: dict, seed: int) -> None:
        self.rng = random.Random(seed)
        self.companies = [name for rows in info["companies"].values() for name, _n in rows]
        self.employees = extra["employees"]
        self.kinds = list(MIX)
        self.weights = [MIX[k] for k in self.kinds]

    def draw(self) -> tuple[str, str]:
        kind = self.rng.choices(self.kinds, self.weights)[0]
        company = quote(self.rng.choice(self.companies))
        if kind == "dashboard":
            return kind, "/"
        if kind == "employee_page":
            return kind, f"/employees/{self.rng.choice(self.employees)}/"
        if kind == "introduce":
            return kind, f"/api/intro?company={company}"
        api = self.rng.choice(
            ["/api/me", "/api/reach", f"/api/who-knows?company={company}", "/api/brokers?limit=20"]
        )
        return kind, api


class WebClient(hot_load.Client):
    """A keep-alive client with the admin's token and session cookie."""

    def __init__(self, target: hot_load.Target, session: str) -> None:
        super().__init__(target)
        self.headers = dict(self.headers, Cookie=f"sessionid={session}")


def _client_loop(
    target, session, mix_seed, info, extra, deadline, results, lock, interval=0.0
) -> None:
    """Requests one after another (closed loop), or one every ``interval`` seconds (open loop).

    Open loop: a request's latency counts from the moment it was due, so a
    server that falls behind is charged for the wait (no coordinated omission).
    """
    mix = Mix(info, extra, mix_seed)
    client = WebClient(target, session)
    mine: list[tuple[str, float, int, str]] = []
    due = time.monotonic() + (interval * random.Random(mix_seed).random() if interval else 0.0)
    while due < deadline:
        kind, path = mix.draw()
        if interval:
            time.sleep(max(due - time.monotonic(), 0.0))
            start, due = due, due + interval
        else:
            start = due = time.monotonic()
        status, error, _size = client.get(path)
        mine.append((kind, (time.monotonic() - start) * 1000, status, error))
    client.close()
    with lock:
        results.extend(mine)


def _imports(env, owners, folder, deadline, every, results, lock) -> None:
    seed = 0
    while owners and time.monotonic() + every < deadline:
        time.sleep(every)
        seed += 1
        left = max(deadline - time.monotonic(), 0.0)
        path = _linkedin_export(folder, 200, seed)
        start = time.monotonic()
        owner = owners[seed % len(owners)]
        done = subprocess.run(
            [sys.executable, "-m", "weakties.cli", "import", str(path), "--owner", owner],
            env=env,
            capture_output=True,
            text=True,
            timeout=left + 120,  # bounded: the run ends at most two minutes after its time
        )
        ms = (time.monotonic() - start) * 1000
        with lock:
            results.append(("import", ms, 200 if done.returncode == 0 else 500, done.stderr[-200:]))


def _sample_memory(server: Server, deadline: float, every: float, samples: list) -> None:
    start = time.monotonic()
    while time.monotonic() < deadline:
        samples.append({"t_s": round(time.monotonic() - start, 1), **server.memory()})
        time.sleep(every)


def _percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1]


def _report(results: list, seconds: float, samples: list, args) -> dict:
    by_kind: dict[str, list] = defaultdict(list)
    for row in results:
        by_kind[row[0]].append(row)
    kinds = {}
    for kind, rows in sorted(by_kind.items()):
        ms = [r[1] for r in rows]
        errors = [r for r in rows if r[2] != 200]
        kinds[kind] = {
            "requests": len(rows),
            "per_s": round(len(rows) / seconds, 1),
            "p50_ms": round(_percentile(ms, 50), 1),
            "p99_ms": round(_percentile(ms, 99), 1),
            "errors": len(errors),
            "error_kinds": sorted({f"{r[2]} {r[3]}".strip() for r in errors})[:5],
        }
    total = sum(k["requests"] for k in kinds.values())
    errors = sum(k["errors"] for k in kinds.values())
    rss = [s["rss_mib"] for s in samples]
    return {
        "seconds": round(seconds, 1),
        "clients": args.clients,
        "offered_per_s": args.rate or None,
        "employees": args.employees,
        "requests": total,
        "per_s": round(total / seconds, 1),
        "errors": errors,
        "kinds": kinds,
        "memory": samples,
        "memory_first_last_max_mib": [round(rss[0], 1), round(rss[-1], 1), round(max(rss), 1)]
        if rss
        else [],
    }


def _print(report: dict, info: dict) -> None:
    loop = (
        f"open loop, {report['offered_per_s']} req/s offered"
        if report["offered_per_s"]
        else "closed loop"
    )
    print(
        f"\n{report['employees']} employees, {info['ties']:,} ties;"
        f" {report['clients']} clients, {loop}"
    )
    print(f"{report['requests']:,} requests in {report['seconds']} s: {report['per_s']} req/s")
    print(f"{'kind':<14}{'requests':>9}{'req/s':>8}{'p50 ms':>9}{'p99 ms':>9}{'errors':>8}")
    for kind, k in report["kinds"].items():
        print(
            f"{kind:<14}{k['requests']:>9}{k['per_s']:>8}{k['p50_ms']:>9}{k['p99_ms']:>9}"
            f"{k['errors']:>8}  {'; '.join(k['error_kinds'])}"
        )
    print("memory (RSS MiB of the server's processes) over time:")
    for s in report["memory"]:
        print(f"  {s['t_s']:>7} s  rss {s['rss_mib']:8.1f}  pss {s['pss_mib']:8.1f}")
    introduce = report["kinds"].get("introduce", {})
    print("targets (printed, not asserted; a shared machine gives indicative figures only):")
    print(f"  errors: {report['errors']} (target 0)")
    print(
        f"  who-can-introduce p99: {introduce.get('p99_ms')} ms (target <= {TARGET_P99_MS:.0f} ms)"
    )
    print(f"  memory first / last / max: {report['memory_first_last_max_mib']} MiB (target: flat)")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=600.0, help="length of the run (600)")
    parser.add_argument(
        "--db", choices=["sqlite", "postgres"], default="sqlite", help="the database (sqlite)"
    )
    parser.add_argument("--employees", type=int, default=3000, help="size of the organisation")
    parser.add_argument("--data", type=Path, default=hot_data.DEFAULT_DATA, help="hot_data cache")
    parser.add_argument("--clients", type=int, default=8, help="client threads (8)")
    parser.add_argument(
        "--rate",
        type=float,
        default=0.0,
        help="open loop: requests/s offered by the clients in all, latency from the time each"
        " was due (0: closed loop, each client sends its next request on the last answer)",
    )
    parser.add_argument("--workers", type=int, default=2, help="web workers of the server (2)")
    parser.add_argument("--import-every", type=float, default=60.0, help="seconds between imports")
    parser.add_argument("--sample-every", type=float, default=10.0, help="memory sample, seconds")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args(argv)

    scratch, _home = _scratch_home(args)
    clone = None
    try:
        if args.db == "postgres":  # a copy of the cached database: the run writes to it
            info = hot_data.prepare("postgres", args.employees, args.data)
            clone = _pg_clone(f"weakties_hot_{args.employees}", f"weakties_load_{args.employees}")
            info["env"] = dict(info["env"], DATABASE_URL=clone)
        else:
            info = hot_data.prepare("sqlite", args.employees, scratch)  # builds it when not cached
        env = dict(info["env"], WEAKTIES_TOKEN_FAILURE_LIMIT="1000000")
        extra = json.loads(_django(env, _SESSION_AND_EMPLOYEES % {"email": hot_data.ADMIN_EMAIL}))
        if not extra["owners"]:
            extra["owners"] = [hot_data.ADMIN_EMAIL]
        server = Server(env=env, workers=args.workers)
        server.start()
        try:
            target = hot_load.Target(HOST, server.port, info["token"], timeout=30.0)
            deadline = time.monotonic() + args.seconds
            interval = args.clients / args.rate if args.rate else 0.0
            results: list = []
            samples: list = []
            lock = threading.Lock()
            threads = [
                threading.Thread(
                    target=_client_loop,
                    args=(target, extra["session"], args.seed + i, info, extra, deadline),
                    kwargs={"results": results, "lock": lock, "interval": interval},
                )
                for i in range(args.clients)
            ]
            threads.append(
                threading.Thread(
                    target=_imports,
                    args=(env, extra["owners"], scratch, deadline, args.import_every),
                    kwargs={"results": results, "lock": lock},
                )
            )
            threads.append(
                threading.Thread(
                    target=_sample_memory, args=(server, deadline, args.sample_every, samples)
                )
            )
            start = time.monotonic()
            for t in threads:
                t.start()
            for t in threads[: args.clients]:
                t.join()
            elapsed = time.monotonic() - start  # the clients' window: the rates' denominator
            for t in threads[args.clients :]:
                t.join()
            report = _report(results, elapsed, samples, args)
        finally:
            server.stop()
            kept = Path(tempfile.gettempdir()) / f"weakties-load-{server.port}.log"
            shutil.copy(
                server.log, kept
            )  # the server's own log (tracebacks of any 500) outlives the run
            print(f"server log: {kept}")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
        if clone is not None:
            _pg_drop(clone)
    _print(report, info)
    if args.json:
        args.json.write_text(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
