"""Command line: ``python -m weakties.synth --employees 100 --seed 1 --out DIR``.

Generates an organisation, writes its exports and prints a summary.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

from . import generate_organisation, write_exports


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    parser = argparse.ArgumentParser(
        prog="python -m weakties.synth",
        description="Generate a synthetic organisation and write its exports in real formats.",
    )
    parser.add_argument("--employees", type=int, default=100, help="head count (default 100)")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    parser.add_argument("--name", default="Demo BV", help='organisation name (default "Demo BV")')
    parser.add_argument("--account-managers", type=int, default=None)
    parser.add_argument("--recruiters", type=int, default=None)
    parser.add_argument("--noise", type=float, default=1.0, help="variation level (0 = canonical)")
    parser.add_argument("--dutch-directory", action="store_true", help="Dutch headers and ';'")
    parser.add_argument("--out", type=Path, required=True, help="output directory")
    args = parser.parse_args(argv)

    t0 = time.perf_counter()
    org = generate_organisation(
        employees=args.employees,
        seed=args.seed,
        name=args.name,
        account_managers=args.account_managers,
        recruiters=args.recruiters,
    )
    t1 = time.perf_counter()
    manifest = write_exports(org, args.out, noise=args.noise, dutch_directory=args.dutch_directory)
    t2 = time.perf_counter()

    degrees = sorted(org.linkedin_degrees().values())
    roles = Counter(e.role for e in org.employees)
    formats = Counter(f"{f.format}/{f.variant}" for f in manifest.files)
    out = sys.stdout
    out.write(f"{org.name} ({org.domain}), seed {org.seed}\n")
    out.write(
        f"  employees      {len(org.employees)}  "
        + ", ".join(f"{k} {v}" for k, v in sorted(roles.items()))
        + "\n"
    )
    out.write(
        f"  people         {len(org.people)}  (homonyms {sum(p.homonym for p in org.people)})\n"
    )
    out.write(f"  ties           {len(org.ties)}\n")
    out.write(
        f"  LinkedIn size  median {statistics.median(degrees):.0f}, mean {statistics.fmean(degrees):.0f}, "
        f"max {degrees[-1]}\n"
    )
    out.write(
        f"  files          {len(manifest.files)}  "
        + ", ".join(f"{k} {v}" for k, v in sorted(formats.items()))
        + "\n"
    )
    out.write(f"  contact rows   {manifest.rows}  (hidden members {manifest.hidden})\n")
    out.write(f"  written to     {args.out}\n")
    out.write(f"  time           generate {t1 - t0:.1f} s, write {t2 - t1:.1f} s\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
