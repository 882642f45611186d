"""Namesakes found through deletion neighbourhoods, exactly as comparing with every name found
them (issue 12: namesake matching grew with the square of the block).

A block of thousands of namesakes was searched with one ``process.extract`` over every name per
contact.  :class:`~weakties.resolve.neighbours.RatioNeighbours` finds the same names with a few
hundred look-ups.  Checked two ways: its answers against the brute-force comparison with every
name (numbered namesakes, typos, the generator's names, several cutoffs), and the resolver's
matches with the neighbourhood search on for every large block against the one-by-one
comparison, on the project's generated organisation and on a file of namesakes.
"""

from __future__ import annotations

import hashlib
import random

import pytest
from rapidfuzz import fuzz

import weakties.resolve.people as people
from weakties.importers.records import make_contact
from weakties.resolve import PersonIndex
from weakties.resolve.neighbours import RatioNeighbours, distance_allowed
from weakties.synth import generate_organisation, read_back, write_exports


def _brute(keys: list[str], query: str, cutoff: float) -> list[int]:
    return [
        i
        for i, key in enumerate(keys)
        if fuzz.ratio(query, key, processor=None, score_cutoff=cutoff) >= cutoff
    ]


def _typo(rng: random.Random, word: str) -> str:
    i = rng.randrange(len(word))
    return rng.choice(
        [
            word[:i] + word[i + 1 :],
            word[:i] + rng.choice("aeiouxyz ") + word[i:],
            word[:i] + rng.choice("aeiouxyz") + word[i + 1 :],
            word[:i] + word[i + 1 : i + 2] + word[i : i + 1] + word[i + 2 :],
        ]
    )


def _names(seed: int, n: int) -> list[str]:
    rng = random.Random(seed)
    base = ["jan jansen", "jan de jong", "eva smit", "an li", "bo", "mehmet celik", "zoe peeters"]
    out = []
    for _ in range(n):
        name = rng.choice(base)
        roll = rng.random()
        if roll < 0.4:
            name = f"{rng.randrange(10 ** rng.randint(1, 4))} {name}"
        elif roll < 0.8:
            for _ in range(rng.randint(1, 3)):
                name = _typo(rng, name) or name
        out.append(name)
    return out


@pytest.mark.parametrize("cutoff", [80.0, 88.0, 92.0, 95.0, 100.0])
@pytest.mark.parametrize("seed", [1, 2])
def test_the_names_found_are_exactly_those_at_or_above_the_cutoff(seed, cutoff):
    keys = _names(seed, 1500)
    index = RatioNeighbours()
    answered = 0
    for i, query in enumerate(keys):
        found = index.search(query, cutoff)
        if found is None:  # more edits allowed than a look-up covers: the caller compares all
            assert distance_allowed(len(query), cutoff) >= 3
        else:
            assert found == _brute(keys[:i], query, cutoff), query
            answered += 1
        index.add(query)
    # The look-up, not the fallback, answered (most of them at the resolver's cutoff and up).
    assert answered > (1000 if cutoff >= 92 else 0)


def test_short_names_at_the_resolvers_cutoff_are_answered_by_look_up():
    assert distance_allowed(len("1234 jan jansen"), 92.0) < 3
    assert distance_allowed(len("willem-alexander van oranje"), 92.0) >= 3


def _resolve_all(contacts, *, neighbours: bool, monkeypatch) -> list[tuple]:
    monkeypatch.setattr(people, "_LARGE_BLOCK", 2)  # every block of two or more is "large"
    monkeypatch.setattr(people, "_NEIGHBOURS_FROM", 2 if neighbours else 10**9)
    index = PersonIndex(digest=lambda v: hashlib.sha256(v.encode()).hexdigest())
    return [tuple(index.resolve(c)) for c in contacts]


def test_the_generated_organisation_resolves_exactly_as_before(tmp_path, monkeypatch):
    org = generate_organisation(employees=60, seed=5)
    back = read_back(org, write_exports(org, tmp_path))
    contacts = list(back.directory) + list(back.contacts)
    assert len(contacts) > 2000
    new = _resolve_all(contacts, neighbours=True, monkeypatch=monkeypatch)
    old = _resolve_all(contacts, neighbours=False, monkeypatch=monkeypatch)
    assert new == old
    assert sum(1 for m in new if m[2] == "name+company") > 20  # the fuzzy rule did decide


def test_a_file_of_namesakes_and_typos_resolves_exactly_as_before(monkeypatch):
    rng = random.Random(9)
    contacts = []
    for i in range(1500):
        first, last = rng.choice(["Jan", "Jaan", "Jan-Willem"]), f"Jansen {rng.randrange(3000)}"
        if rng.random() < 0.2:
            last = _typo(rng, last)
        contacts.append(
            make_contact(
                line=i + 2, source="linkedin", first_name=first, last_name=last, company="Acme"
            )
        )
    new = _resolve_all(contacts, neighbours=True, monkeypatch=monkeypatch)
    assert new == _resolve_all(contacts, neighbours=False, monkeypatch=monkeypatch)
    assert len({m[0] for m in new}) < len(contacts)  # some did merge
