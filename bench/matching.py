"""Benchmark of cross-organisation matching: 50,000 candidates against 10,000 vacancies, top 10 each.

Usage::

    python bench/matching.py                                  # the DESIGN.md target size
    python bench/matching.py --candidates 5000 --vacancies 1000 --top 10
    python bench/matching.py --scores-only                    # arrays only, no Match objects

Generates the requests with :mod:`weakties.synth.requests` (Dutch and English,
seeded), builds the :class:`weakties.matching.Matcher` index over the
vacancies, and matches every candidate.  Prints the time to generate, to build
the index, to score all pairs (``Matcher.top_pairs``: arrays), to make the
``Match`` objects with their reasons and sentences (``Matcher.match``), the
pairs scored per second, the number of matches, and the peak memory.
Target (DESIGN.md): <= 30 s for the match on a 2-core machine.

Figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from weakties.matching import Matcher  # noqa: E402
from weakties.synth.requests import generate_requests  # noqa: E402

TARGET_S = 30.0
TODAY = datetime.date(2026, 1, 15)


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--candidates", type=int, default=50_000)
    parser.add_argument("--vacancies", type=int, default=10_000)
    parser.add_argument("--top", type=int, default=10)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--scores-only", action="store_true", help="skip building Match objects")
    parser.add_argument("--workers", type=int, default=None, help="scoring threads (default 1)")
    args = parser.parse_args(argv)

    print(
        f"matching benchmark: {args.candidates:,} candidates x {args.vacancies:,} vacancies, top {args.top}"
    )
    print(f"python {platform.python_version()}, {os.cpu_count()} CPUs, {platform.machine()}")

    t0 = time.perf_counter()
    requests = generate_requests(
        candidates=args.candidates, vacancies=args.vacancies, seed=args.seed, today=TODAY
    )
    supply = [r for r in requests if r.kind == "candidate"]
    demand = [r for r in requests if r.kind == "vacancy"]
    t_generate = time.perf_counter() - t0

    t0, c0 = time.perf_counter(), time.process_time()
    matcher = Matcher(demand, today=TODAY, workers=args.workers)
    t_build, c_build = time.perf_counter() - t0, time.process_time() - c0

    t0, c0 = time.perf_counter(), time.process_time()
    rows, cols, scores = matcher.top_pairs(supply, top_k=args.top)
    t_scores, c_scores = time.perf_counter() - t0, time.process_time() - c0

    t_match = c_match = None
    matches = []
    if not args.scores_only:
        t0, c0 = time.perf_counter(), time.process_time()
        matches = matcher.match(supply, top_k=args.top)
        t_match, c_match = time.perf_counter() - t0, time.process_time() - c0

    pairs = len(supply) * len(demand)
    print(f"generate requests      {t_generate:8.2f} s")
    print(
        f"load average           {' '.join(f'{x:.1f}' for x in os.getloadavg())} (other work on the machine)"
    )
    print(
        f"build index            {t_build:8.2f} s   CPU {c_build:6.2f} s   ({len(demand):,} vacancies)"
    )
    print(
        f"score all pairs        {t_scores:8.2f} s   CPU {c_scores:6.2f} s   ({pairs / t_scores / 1e6:,.1f} M pairs/s; "
        f"{len(rows):,} top pairs, {len(rows) / t_scores:,.0f} matches/s)"
    )
    if t_match is not None:
        print(
            f"match with reasons     {t_match:8.2f} s   CPU {c_match:6.2f} s   ({len(matches):,} matches, "
            f"{len(matches) / t_match:,.0f} matches/s)"
        )
    total = t_build + (t_match if t_match is not None else t_scores)
    print(
        f"total build + match    {total:8.2f} s   (target <= {TARGET_S:.0f} s: {'met' if total <= TARGET_S else 'NOT met'})"
    )
    print(f"peak memory (RSS)      {_peak_mb():8.0f} MB")
    if matches:
        best = matches[0]
        print(
            f"best match: {best.supply.title!r} -> {best.demand.title!r} {best.score:.3f}: {best.why}"
        )


if __name__ == "__main__":
    main()
