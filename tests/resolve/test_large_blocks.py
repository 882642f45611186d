"""Many namesakes in one block (issue 12): a batched rapidfuzz search finds the candidates, and
every contact resolves exactly as the one-by-one comparison resolved it.

A file of 10,000 contacts whose names differ only by a number ("Jan Jansen 1" … "Jan Jansen
9999", one company) put them all in one block, and every contact was scored against every other
one in Python: 48 rows/s.  Now a block of 64 names or more is searched with one
``rapidfuzz.process.extract`` call; the few names that can reach the threshold (and those that
name_similarity scores by rule) are scored as before.
"""

from __future__ import annotations

import hashlib
import random

import pytest

import weakties.resolve.people as people
from weakties.importers.records import make_contact
from weakties.resolve import PersonIndex


def _contacts(n: int, seed: int) -> list:
    rng = random.Random(seed)
    out = []
    for i in range(n):
        roll = rng.random()
        if roll < 0.5:  # numbered namesakes
            first, last, company = "Jan", f"Jansen {rng.randrange(n)}", "Acme BV"
        elif roll < 0.8:  # variants, particles, typos
            first = rng.choice(["Jan", "Jans", "Jaap", "Janneke", "Jan-Willem", "J."])
            last = rng.choice(["van den Berg", "vd Berg", "Berg", "Jansen", "Janssen", "de Jong"])
            company = rng.choice(["Acme BV", "Acme", "ACME B.V."])
        else:
            first, last, company = f"Jan{rng.randrange(30)}", f"Jansen{rng.randrange(30)}", "Acme"
        email = (f"x{rng.randrange(60)}@acme.nl",) if rng.random() < 0.2 else ()
        url = f"https://www.linkedin.com/in/p{rng.randrange(300)}" if rng.random() < 0.2 else ""
        out.append(
            make_contact(
                line=i + 2,
                source="linkedin",
                first_name=first,
                last_name=last,
                company=company,
                emails=email,
                linkedin_url=url,
            )
        )
    return out


def _resolve_all(contacts) -> list[tuple]:
    index = PersonIndex(digest=lambda v: hashlib.sha256(v.encode()).hexdigest())
    return [tuple(index.resolve(c)) for c in contacts]


@pytest.mark.parametrize("seed", [1, 2])
def test_batched_search_of_large_blocks_resolves_exactly_as_one_by_one(monkeypatch, seed):
    contacts = _contacts(1200, seed)
    batched = _resolve_all(contacts)
    monkeypatch.setattr(people, "_LARGE_BLOCK", 10**9)  # every block compared one by one
    one_by_one = _resolve_all(contacts)
    assert batched == one_by_one
    assert len({match[0] for match in batched}) < len(contacts)  # some contacts did merge


def test_numbered_namesakes_stay_apart_only_as_the_threshold_says():
    contacts = [
        make_contact(line=i + 2, source="linkedin", first_name="Jan", last_name=f"Jansen {i}",
                     company="Acme BV")
        for i in range(300)
    ]  # fmt: skip
    matches = _resolve_all(contacts)
    assert matches[0][0] != matches[1][0]
    assert len({m[0] for m in matches}) > 100
