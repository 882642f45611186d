"""A file of namesakes at one company: resolution time with and without the neighbourhood search.

"Jan Jansen 1" … "Jan Jansen N" at Acme share one block of the resolver.  Each contact was
compared with every name before it (one ``rapidfuzz.process.extract`` a contact: n² / 2
comparisons); from ``people._NEIGHBOURS_FROM`` names on, the block is searched through the
names' deletion neighbourhoods (:mod:`weakties.resolve.neighbours`).  The matches are the same
(``tests/resolve/test_ratio_neighbours.py``); this prints CPU seconds and rows/s of both, the
*before* column with the neighbourhood search turned off.

    python bench/namesakes.py [--sizes 8000 16000 24000]
"""

from __future__ import annotations

import argparse
import time

import weakties.resolve.people as people
from weakties.importers.records import make_contact
from weakties.resolve import PersonIndex


def run(n: int, *, neighbours: bool) -> tuple[float, int]:
    """CPU seconds to resolve ``n`` numbered namesakes, and how many people they made."""
    people._NEIGHBOURS_FROM = 4096 if neighbours else 10**9
    contacts = [
        make_contact(line=i + 2, source="linkedin", first_name="Jan", last_name=f"Jansen {i}",
                     company="Acme BV")
        for i in range(n)
    ]  # fmt: skip
    index = PersonIndex()
    start = time.process_time()
    keys = {index.resolve(c).key for c in contacts}
    return time.process_time() - start, len(keys)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[8000, 16000, 24000])
    args = parser.parse_args()
    print(f"{'rows':>7} {'before s':>9} {'rows/s':>7} {'after s':>8} {'rows/s':>7} {'ratio':>6}")
    for n in args.sizes:
        before, people_before = run(n, neighbours=False)
        after, people_after = run(n, neighbours=True)
        assert people_before == people_after, "the two searches made different people"
        print(
            f"{n:>7} {before:>9.2f} {n / before:>7.0f} {after:>8.2f} {n / after:>7.0f}"
            f" {before / after:>6.2f}"
        )


if __name__ == "__main__":
    main()
