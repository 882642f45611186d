"""Benchmark: a fuzzing campaign over every importer (issue 12: zero crashes, clean errors only).

For each importer (LinkedIn, Google, Outlook, vCard, directory, mbox, ics, help-request sheets)
hypothesis gives every example a sample from ``tests/data`` and a seed for one to eight mutations
of its bytes, and for ``--per-example`` - 1 further cases (see ``tests/faults/fuzz_campaign.py``).
Prints per importer: cases, records read,
clean errors (files refused with the importers' own error, and how many of those name the line;
files read with row errors, each naming its line), crashes and cases/s.  A crash's input is
written to ``--crashes DIR`` to reproduce it.  Never asserts; exits 1 when anything crashed.

    python bench/fuzz.py [--cases 100000] [--seed 0] [--only linkedin,vcard] [--crashes DIR]
                          [--per-example 50] [--json]
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the campaign lives beside the tests that run it short


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=100_000, help="cases per importer")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--per-example", type=int, default=50, help="cases run from each hypothesis example's seed"
    )
    parser.add_argument("--only", default="", help="comma-separated importers (default: all)")
    parser.add_argument("--crashes", type=Path, help="write each crashing input here")
    parser.add_argument("--json", action="store_true", help="one JSON line per importer")
    args = parser.parse_args()

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "weakties.site.settings")
    import django

    django.setup()  # the help-request sheets' reader lives in the meetings app
    logging.disable(logging.CRITICAL)  # an unexpected error is logged; here it is counted
    from tests.faults.fuzz_campaign import IMPORTERS, campaign

    chosen = [i for i in args.only.split(",") if i] or list(IMPORTERS)
    if not args.json:
        print(
            f"{'importer':<10} {'cases':>8} {'records':>8} {'refused':>8} {'(line)':>7} "
            f"{'row err':>8} {'crashes':>7} {'cases/s':>8}"
        )
    crashed = 0
    for importer in chosen:
        tally = campaign(
            importer, cases=args.cases, seed_value=args.seed, per_example=args.per_example
        )
        crashed += len(tally.crashes)
        row = tally.as_dict()
        if args.json:
            print(json.dumps(row), flush=True)
        else:
            print(
                f"{importer:<10} {row['cases']:>8,} {row['ok']:>8,} {row['refused']:>8,} "
                f"{row['refused_naming_line']:>7,} {row['row_errors']:>8,} {row['crashes']:>7,} "
                f"{row['cases_per_s']:>8,}",
                flush=True,
            )
        for n, (what, data) in enumerate(tally.crashes):
            print(f"  crash: {what[:200]}", file=sys.stderr)
            if args.crashes:
                args.crashes.mkdir(parents=True, exist_ok=True)
                (args.crashes / f"{importer}-{n}.bin").write_bytes(data)
    return 1 if crashed else 0


if __name__ == "__main__":
    sys.exit(main())
