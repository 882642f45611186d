"""Benchmark: mutual connections and the job score of every tie (issue 13), at 3M ties.

Generates the organisation of ``bench/analytics.py`` (default 10,000 employees,
about 3M ties), then times, in CPU seconds and wall-clock seconds,

* :func:`weakties.network.mutual.mutual_connections` (the masked product A^2 o A),
* the popularity count it replaced in tie strength (``colleagues_knowing``),
* :func:`weakties.network.tie_strength` with the mutual connections, and
* :func:`weakties.network.job_leads.job_score`.

CPU seconds (``time.process_time``) matter more than wall-clock on a shared
machine.  Prints figures, never asserts them.

    python bench/mutual.py [--employees 10000] [--ties 3000000]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from analytics import generate  # noqa: E402
from weakties.network import colleagues_knowing, tie_strength  # noqa: E402
from weakties.network.job_leads import job_score, mutual_peak  # noqa: E402
from weakties.network.mutual import data_completeness, mutual_connections  # noqa: E402


def _timed(label: str, fn):
    cpu, wall = time.process_time(), time.perf_counter()
    out = fn()
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    print(f"  {label:<34}{cpu:7.2f} s CPU {wall:7.2f} s wall")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--employees", type=int, default=10_000)
    parser.add_argument("--ties", type=int, default=3_000_000)
    args = parser.parse_args()
    snap, inputs = generate(args.employees, args.ties)
    E = snap.n_employees
    print(f"{snap.n_edges:,} ties, {E:,} employees, {snap.n_people:,} people")
    ext = (snap.edge_src < E) & (snap.edge_dst >= E)
    _timed(
        "popularity (colleagues_knowing, old)",
        lambda: colleagues_knowing(snap, snap.edge_src[ext], snap.edge_dst[ext]),
    )
    mutual = _timed("mutual connections (A^2 o A)", lambda: mutual_connections(snap))
    strength = _timed(
        "tie strength with mutual",
        lambda: (
            tie_strength(
                duration_days=snap.aggregate_ties(inputs.duration_days, "max"),
                sources=snap.aggregate_ties(inputs.sources, "max"),
                mutual=mutual,
            ).strength
        ),
    )
    peak = mutual_peak(data_completeness(snap, inputs.consented))
    _timed("job score", lambda: job_score(mutual, strength, peak=peak))
    bins = np.bincount(np.minimum(mutual, 15))
    print(f"  mutual connections: mean {mutual.mean():.2f}, 0: {bins[0]:,}, peak used {peak:.1f}")


if __name__ == "__main__":
    main()
