"""The cost curve of issue 14: snapshot export, the engines' analytics and the hot query by size.

    python bench/scale.py [--employees 334,1000,3000] [--data /tmp/weakties-scale]
                          [--no-spark] [--png docs/scale.png] [--json out.json]
                          [--merge docs/scale.json] [--timeout S] [--spark-timeout S]

    # one more size, with the recorded ones (docs/scale.json) for the exponents and the chart:
    python bench/scale.py --employees 10000 --merge docs/scale.json --json docs/scale.json

For each size (employees x 300 ties: 0.1M, 0.3M, 0.9M ties by default) it builds the
organisation of ``bench/analyze.py``'s :func:`populate` once (SQLite in ``DATA/scale-N``, reused),
then measures, each phase in its own process so that its peak memory is its own:

* **export**: ``weakties snapshot export`` (database → Parquet);
* **embedded**: the metrics of :mod:`weakties.engines.metrics` on DuckDB;
* **spark**: the same metrics on Spark local (``local[2]``), with Spark's start-up apart and
  the peak of the JVM's resident memory (``VmHWM``) beside Python's;
* **hot query**: "who can introduce me to company X" for the largest company, median of 30.

It prints the figures, fits the growth exponent ``b`` of each curve (``time ~ size^b``, least
squares in log-log), and draws cost against size to ``--png`` (matplotlib). Sizes that fail or
run out of time are reported where the run stopped; a Spark phase that fails or runs out of
``--spark-timeout`` is recorded as ``{"stopped": why, "finished": {metric: seconds}}`` (read
from Spark's ``_SUCCESS`` files) and the size is kept, with Spark's point when the metrics of
the curve were done. The analytics curves follow :data:`CURVE_METRICS`, the five metrics of
the first runs; a metric added since is timed in the JSON but kept out of the curve.

``--merge FILE`` reads the results of earlier runs (the list ``--json`` writes) and combines them
with this run's, a size measured now replacing the same size read: a run of one new size gives the
exponents and the chart over every size recorded without rebuilding the smaller ones. Each size
records the load average it was measured under (``load``). Figures are printed, never asserted; on
a shared machine they measure the machine as much as weakties.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
PER_EMPLOYEE = 300
SEED = 7


def _peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _setup() -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "weakties.site.settings")
    django.setup()


def phase_populate(employees: int) -> dict:
    _setup()
    from django.core.management import call_command

    from weakties.accounts.models import Organisation

    call_command("migrate", verbosity=0)
    if Organisation.objects.filter(name="Bench BV").exists():
        return {"ties": None}
    sys.path.insert(0, str(HERE))
    from analyze import populate  # bench/analyze.py's generator

    clock = time.perf_counter()
    ties = populate(employees, PER_EMPLOYEE, SEED)
    return {"ties": ties, "seconds": time.perf_counter() - clock}


def phase_export(snapshot: Path) -> dict:
    _setup()
    from weakties.snapshots.services.export import snapshot_export, snapshot_scope

    clock = time.perf_counter()
    manifest = snapshot_export(directory=snapshot, scope=snapshot_scope(organisation="Bench BV"))
    return {
        "seconds": time.perf_counter() - clock,
        "peak_mib": _peak_mib(),
        "ties": manifest.rows("ties"),
        "bytes": sum(p.stat().st_size for p in snapshot.glob("*.parquet")),
    }


def phase_embedded(snapshot: Path) -> dict:
    from weakties.engines.compute import compute
    from weakties.engines.dialects import EmbeddedDialect

    clock = time.perf_counter()
    _manifest, seconds = compute(snapshot, EmbeddedDialect())
    return {"seconds": time.perf_counter() - clock, "peak_mib": _peak_mib(), "metrics": seconds}


def _jvm_peak_mib(session) -> float | None:
    try:
        pid = session.sparkContext._gateway.proc.pid
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except (AttributeError, OSError, ValueError):
        return None
    return None


def phase_spark(snapshot: Path) -> dict:
    from weakties.engines.compute import compute
    from weakties.engines.dialects import SparkDialect, spark_session

    clock = time.perf_counter()
    session = spark_session("local[2]", partitions=4, **{"spark.driver.memory": "4g"})
    started = time.perf_counter() - clock
    clock = time.perf_counter()
    _manifest, seconds = compute(snapshot, SparkDialect(session=session))
    took = time.perf_counter() - clock
    jvm = _jvm_peak_mib(session)
    session.stop()
    return {
        "seconds": took,
        "start_seconds": started,
        "peak_mib": _peak_mib(),
        "jvm_peak_mib": jvm,
        "metrics": seconds,
    }


def phase_hot() -> dict:
    _setup()
    from django.db import connection

    from weakties.accounts.models import Organisation
    from weakties.people.models import TieRank
    from weakties.people.selectors.ranked_ties import Target, count_query, measured_queries

    org = Organisation.objects.get(name="Bench BV")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT company_id FROM people_tierank WHERE company_id IS NOT NULL "
            "GROUP BY company_id ORDER BY COUNT(*) DESC LIMIT 1"
        )
        (company,) = cursor.fetchone()
    target = Target(organisation=org, company_id=company, exclude_colleagues=True)
    statements = [*measured_queries(target, k=51, around=None), count_query(target)]
    times = []
    with connection.cursor() as cursor:
        for _ in range(30):
            clock = time.perf_counter()
            for statement in statements:
                cursor.execute(statement.sql, statement.params)
                cursor.fetchall()
            times.append(time.perf_counter() - clock)
    times.sort()
    return {
        "ms": times[len(times) // 2] * 1000,
        "peak_mib": _peak_mib(),
        "ties_at_company": TieRank.objects.filter(company_id=company).count(),
    }


def _child(phase: str, home: Path, *args: str, timeout: float) -> dict:
    env = dict(os.environ, WEAKTIES_HOME=str(home), DJANGO_SETTINGS_MODULE="weakties.site.settings")
    env.pop("DATABASE_URL", None)
    env.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    # a session of its own, so that a phase out of time goes with its children (Spark's JVM)
    with subprocess.Popen(
        [sys.executable, __file__, "--phase", phase, *args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        start_new_session=True,
    ) as child:
        try:
            stdout, stderr = child.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(child.pid, signal.SIGKILL)
            child.communicate()
            raise
    if child.returncode:
        raise RuntimeError(f"{phase} failed: {stderr.strip()[-800:]}")
    return json.loads(stdout.strip().splitlines()[-1])


def _finished(snapshot: Path) -> dict[str, float]:
    """When each metric Spark wrote whole (a folder with Spark's ``_SUCCESS``) was done.

    Seconds from the start of the metrics: ``compute`` makes the results folder anew when it
    starts them, which is the snapshot folder's last change.
    """
    start = snapshot.stat().st_mtime
    done = {}
    for path in (snapshot / "results").glob("*.parquet"):
        if (path / "_SUCCESS").exists():
            done[path.stem] = round((path / "_SUCCESS").stat().st_mtime - start, 1)
    return dict(sorted(done.items(), key=lambda item: item[1]))


def _stopped(why: str, snapshot: Path) -> dict:
    """A Spark phase that stopped: the metrics it finished, and the curve's figure if it has it."""
    finished = _finished(snapshot)
    out: dict = {"stopped": why, "finished": finished}
    if all(name in finished for name in CURVE_METRICS):
        previous = 0.0
        out["metrics"] = {}
        for name, at in finished.items():
            out["metrics"][name], previous = round(at - previous, 1), at
        out["seconds"] = max(finished[name] for name in CURVE_METRICS)
    return out


def measure(
    employees: int, data: Path, *, spark: bool, timeout: float, spark_timeout: float
) -> dict:
    home = data / f"scale-{employees}"
    home.mkdir(parents=True, exist_ok=True)
    snapshot = home / "snapshot"
    out: dict = {"employees": employees}
    out["populate"] = _child("populate", home, str(employees), timeout=timeout)
    out["export"] = _child("export", home, str(snapshot), timeout=timeout)
    out["ties"] = out["export"]["ties"]
    out["embedded"] = _child("embedded", home, str(snapshot), timeout=timeout)
    if spark:
        clock = time.perf_counter()
        try:
            out["spark"] = _child("spark", home, str(snapshot), timeout=spark_timeout)
        except subprocess.TimeoutExpired:
            took = time.perf_counter() - clock
            why = f"out of time after {took:.0f} s (--spark-timeout), start-up included"
            out["spark"] = _stopped(why, snapshot)
        except RuntimeError as exc:
            out["spark"] = _stopped(str(exc), snapshot)
    out["hot"] = _child("hot", home, timeout=timeout)
    out["load"] = [round(x, 2) for x in os.getloadavg()]
    return out


def merge(recorded: list[dict], measured: list[dict]) -> list[dict]:
    """The sizes of both, by number of ties; a size measured now replaces the one recorded."""
    now = {r["employees"] for r in measured}
    return sorted(
        [r for r in recorded if r["employees"] not in now] + measured, key=lambda r: r["ties"]
    )


def exponent(sizes: list[float], values: list[float]) -> float | None:
    """``b`` in ``value ~ size^b``: least squares on the logarithms."""
    import numpy as np

    pairs = [(s, v) for s, v in zip(sizes, values, strict=True) if v and v > 0]
    if len(pairs) < 2:
        return None
    x, y = np.log([p[0] for p in pairs]), np.log([p[1] for p in pairs])
    return float(np.polyfit(x, y, 1)[0])


#: The metrics the analytics curves follow: those of the first runs (0.1M-0.9M ties), so that a
#: metric added later (``employee_redundancy``) does not bend them; its seconds stay in the JSON.
CURVE_METRICS = ("employee_reach", "tie_embeddedness", "coverage", "summary", "growth")


def curve_seconds(phase: dict | None) -> float | None:
    """The phase's seconds less those of metrics outside :data:`CURVE_METRICS`."""
    if not phase or phase.get("seconds") is None:
        return None
    extra = sum(v for k, v in phase.get("metrics", {}).items() if k not in CURVE_METRICS)
    return phase["seconds"] - extra


CURVES = {
    "snapshot export (s)": lambda r: r["export"]["seconds"],
    "embedded analytics, DuckDB (s)": lambda r: curve_seconds(r["embedded"]),
    "Spark local analytics (s)": lambda r: curve_seconds(r.get("spark")),
    "hot query (ms)": lambda r: r["hot"]["ms"],
}


def points(results: list[dict], pick) -> tuple[list[float], list[float]]:
    """The (ties, value) pairs of the sizes that have this figure."""
    pairs = [(r["ties"], pick(r)) for r in results]
    pairs = [(s, v) for s, v in pairs if v is not None]
    return [s for s, _ in pairs], [v for _, v in pairs]


def draw(results: list[dict], png: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, (time_ax, memory_ax) = plt.subplots(1, 2, figsize=(11, 4.2))
    for name, pick in CURVES.items():
        sizes, values = points(results, pick)
        if values:
            b = exponent(sizes, values)
            label = f"{name}, b={b:.2f}" if b is not None else name
            time_ax.plot(sizes, values, marker="o", label=label)
    time_ax.set(xscale="log", yscale="log", xlabel="ties", ylabel="seconds (hot query: ms)")
    time_ax.set_title("time against size")
    time_ax.legend(fontsize=8)
    memory = {
        "export": lambda r: r["export"]["peak_mib"],
        "embedded (DuckDB)": lambda r: r["embedded"]["peak_mib"],
        "Spark driver (Python)": lambda r: r.get("spark", {}).get("peak_mib"),
        "Spark JVM": lambda r: r.get("spark", {}).get("jvm_peak_mib"),
    }
    for name, pick in memory.items():
        sizes, values = points(results, pick)
        if values:
            memory_ax.plot(sizes, values, marker="o", label=name)
    memory_ax.set(xscale="log", xlabel="ties", ylabel="peak resident memory (MiB)")
    memory_ax.set_title("peak memory against size")
    memory_ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(png, dpi=110)


def report(results: list[dict]) -> None:
    print(
        f"{'ties':>10} {'export s':>9} {'MiB':>6} {'duckdb s':>9} {'MiB':>6} "
        f"{'spark s':>8} {'start s':>8} {'JVM MiB':>8} {'hot ms':>7}"
    )
    for r in results:
        s = r.get("spark", {})
        print(
            f"{r['ties']:>10,} {r['export']['seconds']:>9.2f} {r['export']['peak_mib']:>6.0f} "
            f"{curve_seconds(r['embedded']):>9.2f} {r['embedded']['peak_mib']:>6.0f} "
            f"{curve_seconds(s) or float('nan'):>8.2f} "
            f"{s.get('start_seconds') or float('nan'):>8.2f} "
            f"{s.get('jvm_peak_mib') or float('nan'):>8.0f} {r['hot']['ms']:>7.2f}"
            + (f"  spark stopped: {s['stopped']}" if "stopped" in s else "")
        )
    for name, pick in CURVES.items():
        sizes, values = points(results, pick)
        b = exponent(sizes, values)
        if b is not None:
            print(f"growth exponent of {name} over {len(values)} sizes: {b:.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--employees", default="334,1000,3000")
    parser.add_argument("--data", type=Path, default=Path("/tmp/weakties-scale"))
    parser.add_argument("--no-spark", action="store_true")
    parser.add_argument("--png", type=Path, default=ROOT / "docs" / "scale.png")
    parser.add_argument("--json", type=Path)
    parser.add_argument("--timeout", type=float, default=1800, help="seconds per phase")
    parser.add_argument(
        "--spark-timeout", type=float, help="seconds for Spark (default: --timeout)"
    )
    parser.add_argument("--merge", type=Path, help="earlier results (a --json file) to add")
    parser.add_argument("--phase", help=argparse.SUPPRESS)
    args, rest = parser.parse_known_args()
    if args.phase:
        phases = {
            "populate": lambda: phase_populate(int(rest[0])),
            "export": lambda: phase_export(Path(rest[0])),
            "embedded": lambda: phase_embedded(Path(rest[0])),
            "spark": lambda: phase_spark(Path(rest[0])),
            "hot": phase_hot,
        }
        print(json.dumps(phases[args.phase]()))
        return
    results = []
    for employees in [int(x) for x in args.employees.split(",")]:
        try:
            results.append(
                measure(
                    employees,
                    args.data,
                    spark=not args.no_spark,
                    timeout=args.timeout,
                    spark_timeout=args.spark_timeout or args.timeout,
                )
            )
        except (RuntimeError, subprocess.TimeoutExpired) as exc:
            print(f"stopped at {employees} employees ({employees * PER_EMPLOYEE:,} ties): {exc}")
            break
        print(json.dumps(results[-1]), flush=True)
    if args.merge:
        results = merge(json.loads(args.merge.read_text()), results)
    if not results:
        return
    report(results)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))
    draw(results, args.png)
    print(f"chart: {args.png}")


if __name__ == "__main__":
    main()
