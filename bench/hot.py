"""Load bench of the hot path: "who can introduce me to someone at company X" (issue 9).

For each database (SQLite, PostgreSQL) and size (3,000 employees ≈ 0.9M ties,
10,000 ≈ 3M), it

1. builds the organisation once with ``bench/analyze.py``'s generator and runs
   ``weakties analyze`` on it, or reuses it from ``--data`` (see ``hot_data.py``);
2. starts ``weakties serve`` (gunicorn, ``--workers`` × ``--threads``) on a free
   127.0.0.1 port and creates an API token for an admin employee;
3. times one request alone for the largest company, ``/api/intro`` and
   ``/api/who-knows``, ``--repeat`` times each (min and median);
4. drives both endpoints with ``--clients`` keep-alive clients for ``--seconds``:
   closed loop (no think time: requests/s) on one server, then open loop
   (``--rate`` requests/s offered, latency from the scheduled send time) on a
   fresh one, so requests abandoned by timed-out clients do not carry over.
   The companies are the 20 largest, 40 medium and 40 small by ties, drawn
   uniformly, so a fifth of the requests ask for a large company;
5. prints requests/s, p50/p95/p99, errors (non-200 answers, timeouts after
   ``--timeout`` s, requests the open loop could not send in time), the CPU
   time of the client (it shares the cores with the server), of the server and
   of the machine, and the server's memory (RSS and PSS summed over its
   processes, from /proc) before, at its peak and after.

The targets (DESIGN.md, issue 9) are printed beside the figures, never asserted:
one request alone ≤ 50 ms; p99 ≤ 50 ms with no errors at 200 req/s offered;
≥ 300 req/s in the closed loop; memory flat over a 5-minute run
(``--seconds 300``).  Traffic goes to 127.0.0.1 only; the server is always
stopped, on Ctrl-C too.

The server runs the weakties that Python finds.  To measure a commit while the
working tree changes (the BEFORE figures, say), export it and put it first::

    git archive COMMIT src | tar -x -C /tmp/before
    PYTHONPATH=/tmp/before/src python bench/hot.py --seconds 20

    python bench/hot.py [--employees 3000 [10000]] [--db sqlite postgres]
                        [--seconds 30] [--rate 200] [--clients 50] [--mode closed open]
                        [--data DIR] [--json FILE]
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
import threading
import time
from pathlib import Path

import hot_load
from hot_data import DEFAULT_DATA, prepare
from hot_server import Server, machine_cpu

TARGET_ALONE_MS = 50.0
TARGET_OPEN_P99_MS = 50.0
TARGET_CLOSED_RPS = 300.0
MEMORY_SAMPLE_S = 2.0
PLAN_SIZE = 10_000  # requests drawn once, then repeated
MAX_RATE = 20_000  # requests/s: the closed loop's bound in count


def _duration(ms: float | None) -> str:
    if ms is None:
        return "—"
    return f"{ms:,.1f} ms" if ms < 1000 else f"{ms / 1000:,.1f} s"


def _size(n: int) -> str:
    return f"{n / 1e6:.1f} MB" if n >= 1e6 else f"{n / 1e3:.1f} kB"


class MemorySampler:
    """Samples the server's memory every few seconds while a loop runs (the peak, the trend)."""

    def __init__(self, server: Server) -> None:
        self.server = server
        self.samples: list[tuple[float, float]] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._start = time.monotonic()

    def _run(self) -> None:
        while not self._stop.wait(MEMORY_SAMPLE_S):
            rss = self.server.memory()["rss_mib"]
            self.samples.append((time.monotonic() - self._start, rss))

    def __enter__(self) -> MemorySampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join(MEMORY_SAMPLE_S + 5)

    @property
    def peak(self) -> float | None:
        return max((rss for _t, rss in self.samples), default=None)


# --- one phase on one server ------------------------------------------------------------------


def _warm_up(target: hot_load.Target, companies: dict, clients: int) -> None:
    """Every worker thread imports and connects once: small companies, discarded."""
    plan = hot_load.request_plan({"small": companies["small"]}, count=2 * clients, seed=1)
    hot_load.closed_loop(
        target, plan, clients=min(clients, 8), seconds=target.timeout, stop=threading.Event()
    )


def _run_loop(mode: str, target: hot_load.Target, plan: list, args) -> tuple[list, float]:
    stop = threading.Event()
    if mode == "closed":
        # a bound far above any throughput this machine reaches, so time ends the loop
        bound = int(MAX_RATE * args.seconds)
        return hot_load.closed_loop(
            target, plan, clients=args.clients, seconds=args.seconds, stop=stop, max_requests=bound
        )
    return hot_load.open_loop(
        target, plan, clients=args.clients, seconds=args.seconds, rate=args.rate, stop=stop
    )


def _measured_loop(mode: str, server: Server, target: hot_load.Target, info: dict, args) -> dict:
    plan = hot_load.request_plan(info["companies"], count=PLAN_SIZE, seed=args.seed)
    cpu_client, cpu_server, cpu_db, cpu_machine = (
        hot_load.client_cpu_seconds(),
        server.cpu_seconds(),
        server.database_cpu(),
        machine_cpu(),
    )
    with MemorySampler(server) as sampler:
        results, wall = _run_loop(mode, target, plan, args)
    busy, total = (a - b for a, b in zip(machine_cpu(), cpu_machine, strict=True))
    figures = hot_load.summarize(results, wall, args.timeout)
    figures["client_cpu_s"] = hot_load.client_cpu_seconds() - cpu_client
    figures["server_cpu_s"] = server.cpu_seconds() - cpu_server
    figures["database_cpu_s"] = server.database_cpu_between(cpu_db, server.database_cpu())
    figures["machine_busy_cores"] = busy / wall if wall else 0.0
    figures["machine_busy_share"] = busy / total if total else 0.0
    figures["memory_peak_rss_mib"] = sampler.peak
    figures["memory_samples"] = sampler.samples
    return figures


def _phase(mode: str, info: dict, args, *, with_alone: bool) -> dict:
    """One server: start, warm up, (alone), one loop, stop; memory before and after."""
    server = Server(info["env"], workers=args.workers, threads=args.threads)
    try:
        server.start()
        target = hot_load.Target(server.base[0], server.port, info["token"], args.timeout)
        _warm_up(target, info["companies"], args.clients)
        phase: dict = {"memory_before": server.memory(), "port": server.port}
        if with_alone:
            patient = hot_load.Target(*server.base, info["token"], args.alone_timeout)
            phase["alone"] = hot_load.alone(patient, info["largest"]["company"], repeat=args.repeat)
            _print_alone(phase["alone"], args.repeat)
        phase[mode] = _measured_loop(mode, server, target, info, args)
        phase["memory_after"] = server.memory()
        _print_loop(mode, phase, args)
        return phase
    finally:
        server.stop()


# --- printing ---------------------------------------------------------------------------------


def _print_header(db: str, info: dict, build_s: float) -> None:
    built = info["built"]
    steps = ", ".join(
        f"{k.removesuffix('_s').replace('_', ' ')} {v:.0f} s" for k, v in built.items()
    )
    how = "built now" if "populate_s" in built else "reused"
    how += f": {steps}; {build_s:.0f} s in all" if steps else f" ({build_s:.0f} s to check it)"
    largest = info["largest"]
    print(
        f"\n== {db}, {info['employees']:,} employees: {info['ties']:,} ties; largest company "
        f"{largest['company']!r} with {largest['ties']:,} ties"
    )
    print(f"   data {info['database']} ({how}); code {info['source']}")
    for group, rows in info["companies"].items():
        ties = [n for _name, n in rows]
        print(f"   {len(rows)} {group} companies: {min(ties):,}–{max(ties):,} ties")
    load = os.getloadavg()
    print(f"   machine load average before: {load[0]:.1f} / {load[1]:.1f} (1 / 5 min)")


def _alone(figures: dict | None) -> str:
    """The median of requests alone; "≥" when one timed out."""
    if not figures:
        return "—"
    return ("≥ " if figures.get("lower_bound") else "") + _duration(figures["median_ms"])


def _print_alone(alone: dict, repeat: int) -> None:
    print(f"   one request alone, largest company ({repeat}×)   target ≤ {TARGET_ALONE_MS:.0f} ms")
    for endpoint, f in alone.items():
        statuses = ",".join(str(s) for s in sorted(set(f["statuses"]), key=str))
        print(
            f"     {endpoint:<16} min {_duration(f['min_ms']):>9}   median "
            f"{_alone(f):>11}   {_size(f['bytes'])}, status {statuses}"
        )


def _print_loop(mode: str, phase: dict, args) -> None:
    f = phase[mode]
    bound = "≥ " if f["lower_bound"] else ""
    if mode == "closed":
        title = f"closed loop, {args.clients} clients, no think time, {args.seconds:g} s"
        target = f"target ≥ {TARGET_CLOSED_RPS:.0f} req/s, p99 reported"
    else:
        title = (
            f"open loop, {args.rate:g} req/s offered by {args.clients} clients, {args.seconds:g} s"
        )
        target = f"target p99 ≤ {TARGET_OPEN_P99_MS:.0f} ms, no errors"
    print(f"   {title}   {target}")
    print(
        f"     {f['requests_per_s']:,.1f} req/s ({f['ok']:,} answered 200 in {f['wall_s']:.1f} s)"
        f"   p50 {bound}{_duration(f['p50_ms'])}   p95 {bound}{_duration(f['p95_ms'])}"
        f"   p99 {bound}{_duration(f['p99_ms'])}"
    )
    kinds = ", ".join(f"{k} {v:,}" for k, v in sorted(f["errors_by_kind"].items()))
    print(f"     errors {f['errors']:,} of {f['requests']:,}" + (f" ({kinds})" if kinds else ""))
    for group, g in f["by_group"].items():
        print(
            f"       {group:<7} {g['requests']:>6,} requests   p50 {_duration(g['p50_ms']):>9}"
            f"   p99 {_duration(g['p99_ms']):>9}"
        )
    database = f", PostgreSQL backends {f['database_cpu_s']:.1f} s" if f["database_cpu_s"] else ""
    print(
        f"     CPU: client {f['client_cpu_s']:.1f} s, server {f['server_cpu_s']:.1f} s{database}, "
        f"machine {f['machine_busy_cores']:.2f} cores busy ({f['machine_busy_share']:.0%}, "
        "other work included)"
    )
    before, after = phase["memory_before"], phase["memory_after"]
    peak = max(f["memory_peak_rss_mib"] or 0, after["rss_mib"])
    print(
        f"     server memory, {after['processes']} processes: RSS {before['rss_mib']:,.0f} → "
        f"{after['rss_mib']:,.0f} MiB (peak {peak:,.0f}), PSS "
        f"{before['pss_mib']:,.0f} → {after['pss_mib']:,.0f} MiB"
    )


def _p99(figures: dict) -> str:
    if not figures:
        return "—"
    return ("≥ " if figures["lower_bound"] else "") + _duration(figures["p99_ms"])


def _print_summary(runs: list[dict]) -> None:
    print("\nsummary (targets: alone ≤ 50 ms; open p99 ≤ 50 ms, no errors; closed ≥ 300 req/s)")
    print(
        f"{'database':<9}{'employees':>10}{'ties':>11}{'largest':>9}{'intro':>11}{'who-knows':>11}"
        f"{'closed/s':>10}{'p99':>11}{'errors':>8}{'open p99':>11}{'errors':>8}"
    )
    for run in runs:
        alone = run.get("alone", {})
        closed, opened = run.get("closed", {}), run.get("open", {})
        print(
            f"{run['db']:<9}{run['employees']:>10,}{run['ties']:>11,}{run['largest']['ties']:>9,}"
            f"{_alone(alone.get('/api/intro')):>11}{_alone(alone.get('/api/who-knows')):>11}"
            f"{closed.get('requests_per_s', 0):>10,.1f}{_p99(closed):>11}"
            f"{closed.get('errors', 0):>8,}{_p99(opened):>11}{opened.get('errors', 0):>8,}"
        )


# --- the bench --------------------------------------------------------------------------------


def bench_one(db: str, employees: int, args) -> dict:
    t = time.perf_counter()
    info = prepare(db, employees, args.data)
    build_s = time.perf_counter() - t
    _print_header(db, info, build_s)
    run = {
        "db": db,
        "employees": info["employees"],
        "ties": info["ties"],
        "largest": info["largest"],
        "data": info["database"],
        "source": info["source"],
        "built": info["built"],
        "prepare_s": build_s,
        "load_average": os.getloadavg(),
        "phases": {},
    }
    if args.build_only:
        return run
    for i, mode in enumerate(args.mode):
        phase = _phase(mode, info, args, with_alone=i == 0 and args.repeat > 0)
        run["phases"][mode] = phase
        run[mode] = phase[mode]
        if "alone" in phase:
            run["alone"] = phase["alone"]
    return run


def _parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        epilog=__doc__.split("\n\n", 1)[1],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--employees", type=int, nargs="+", default=[3000])
    parser.add_argument(
        "--db", nargs="+", choices=["sqlite", "postgres"], default=["sqlite", "postgres"]
    )
    parser.add_argument("--mode", nargs="+", choices=["closed", "open"], default=["closed", "open"])
    parser.add_argument("--seconds", type=float, default=30.0, help="per loop (300: memory check)")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--rate", type=float, default=200.0, help="open loop: requests/s offered")
    parser.add_argument("--timeout", type=float, default=30.0, help="client timeout per read, s")
    parser.add_argument(
        "--alone-timeout", type=float, default=120.0, help="client timeout of a request alone, s"
    )
    parser.add_argument(
        "--repeat", type=int, default=3, help="requests alone per endpoint (0: none)"
    )
    parser.add_argument("--workers", type=int, default=2, help="weakties serve --workers")
    parser.add_argument("--threads", type=int, default=4, help="weakties serve --threads")
    parser.add_argument("--seed", type=int, default=9, help="the draw of companies and endpoints")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="cache of built data")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument(
        "--build-only", action="store_true", help="build or check the data, no load"
    )
    return parser.parse_args(argv)


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt  # SIGTERM ends the bench like Ctrl-C: servers stopped in finally


def main(argv: list[str] | None = None) -> int:
    args = _parse(argv)
    sys.stdout.reconfigure(line_buffering=True)  # a run takes minutes: show each line as it comes
    signal.signal(signal.SIGTERM, _interrupt)
    runs = []
    try:
        for employees in args.employees:
            for db in args.db:
                runs.append(bench_one(db, employees, args))
    except KeyboardInterrupt:
        print("\ninterrupted: servers stopped", file=sys.stderr)
        return 130
    finally:
        if runs and not args.build_only:
            _print_summary(runs)
        if args.json and runs:
            args.json.write_text(json.dumps({"args": _json_args(args), "runs": runs}, indent=1))
    return 0


def _json_args(args: argparse.Namespace) -> dict:
    return {k: str(v) if isinstance(v, Path) else v for k, v in vars(args).items()}


if __name__ == "__main__":
    sys.exit(main())
