"""Identity-resolution candidates on both engines (issue 14): the resolver's own answer.

The reference is :class:`weakties.resolve.PersonIndex` itself, loaded with every person of the
snapshot as the import loads it (:func:`~weakties.people.services.identity.load_person_index`):
for each person, the people its blocks hold that its name reaches at its company, not vetoed
and not contradicted (``_fuzzy_scores``, rule 2); for each full name that two people bear, the
one the other would take by a rare name (``_match_rare_name``, rule 5). The engines must give
the same pairs, the same rule and the same scores (1e-9). One test body runs on each engine.

The generated organisation is the demo's, with near-duplicates added the way exports make them
(a typo in the family name, the particles abbreviated, the company left out, contradicting
e-mail addresses), each known to a sharing employee so that the snapshot holds it.
"""

from __future__ import annotations

import random

import pytest

from weakties.engines.dialects import dialect_for, read_table
from weakties.engines.resolution import RULES, candidate_pairs, pairs_sql, rule_counts, score_names

pytestmark = pytest.mark.django_db


def _typo(text: str, rng: random.Random) -> str:
    """Two neighbouring letters swapped inside the last word ("Vries" -> "Vreis")."""
    head, _, word = text.rpartition(" ")
    if len(word) < 4:
        return text + "e"
    i = rng.randrange(1, len(word) - 2)
    word = word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    return f"{head} {word}".strip()


def _near_duplicates(seed: int = 7) -> int:
    """Add people that resemble stored ones, each tied to a sharing employee; how many."""
    from weakties.people.models import Person, PersonIdentifier, Tie
    from weakties.people.services.consent import sharing_employees
    from weakties.people.services.identity import digest

    rng = random.Random(seed)
    sharer = sorted(sharing_employees(), key=lambda e: e.id)[0]
    known = list(
        Person.objects.filter(ties__employee__consents__withdrawn_at__isnull=True)
        .exclude(first_name="")
        .exclude(last_name="")
        .select_related("company")
        .distinct()
        .order_by("id")
    )
    with_company = [p for p in known if p.company_id]
    made: list[Person] = []
    for person in rng.sample(with_company, 40):  # a typo at the same company
        made.append(
            Person(
                first_name=person.first_name,
                last_name=_typo(person.last_name, rng),
                company=person.company,
                position=person.position,
            )
        )
    for person in rng.sample(with_company, 30):  # the same name, no company, another title
        made.append(
            Person(
                first_name=person.first_name,
                last_name=person.last_name,
                position=rng.choice(
                    ["", person.position, "Senior " + person.position, "Accountant"]
                ),
            )
        )
    particles = [
        p for p in with_company if p.last_name.lower().startswith(("van der ", "van den "))
    ]
    for person in particles[:10]:  # "van der Berg" as "vd Berg"
        made.append(
            Person(
                first_name=person.first_name,
                last_name="vd " + person.last_name[8:],
                company=person.company,
            )
        )
    Person.objects.bulk_create(made)
    # A typo twin with its own e-mail address contradicts an original that has one (rule 3).
    for twin in made[:40:4]:
        PersonIdentifier.objects.create(
            person=twin, kind="email", digest=digest(f"x{twin.id}@y.nl")
        )
    Tie.objects.bulk_create([Tie(employee=sharer, person=p) for p in made])
    return len(made)


def _reference(person_ids: set[int]) -> dict[tuple[int, int], tuple[str, float, float | None]]:
    """``(left, right) → (rule, score, namesakes)`` from the resolver's own index."""
    from weakties.people.models import Person, PersonIdentifier
    from weakties.people.services.identity import digest
    from weakties.resolve import PersonIndex, parse_name
    from weakties.resolve.people import compact_company

    index = PersonIndex(digest=digest)
    held: dict[int, list[tuple[str, str]]] = {}
    for pid, kind, value in PersonIdentifier.objects.filter(person_id__in=person_ids).values_list(
        "person_id", "kind", "digest"
    ):
        held.setdefault(pid, []).append((kind, value))
    people = list(
        Person.objects.filter(id__in=person_ids)
        .order_by("id")
        .values_list("id", "first_name", "last_name", "company__name", "position")
    )
    for pid, first, last, company, position in people:
        index.add(
            pid,
            first_name=first,
            last_name=last,
            company=company or "",
            identifiers=held.get(pid, ()),
            position=position or "",
        )
    facts = {}
    for pid, first, last, company, position in people:
        slot = index._slots[pid]
        assert len(index._linkedin[slot]) <= 1  # one profile each: the contact's view is the pair's
        key = compact_company(company or "")
        facts[slot] = (
            (key,) if key else (),
            parse_name(first, last),
            next(iter(index._linkedin[slot]), None),
            list(index._emails[slot]),
            position or "",
        )
    found: dict[tuple[int, int], tuple[str, float, float | None]] = {}
    directed: set[tuple[int, int]] = set()
    for slot, (companies, name, linkedin, emails, _position) in facts.items():
        if not companies or not (name.given and name.core):
            continue
        for other, score in index._fuzzy_scores(companies, name, linkedin, emails).items():
            if other != slot:
                a, b = index._keys[slot], index._keys[other]
                directed.add((a, b))
                found[min(a, b), max(a, b)] = ("name+company", score, None)
    assert directed == {(b, a) for a, b in directed}  # the rules are symmetric
    for slots in list(index._by_name.values()):
        if len(slots) != 2:
            continue
        if all(_takes(index, facts, x, y) for x, y in (slots, slots[::-1])):
            pair = tuple(sorted(index._keys[s] for s in slots))
            if pair not in found:
                namesakes = max(index.namesakes_expected(facts[s][1]) for s in slots)
                found[pair] = ("rare name", 1.0, namesakes)
    return found


def _takes(index, facts, contact: int, other: int) -> bool:
    """Would the contact take ``other`` by a rare name, were ``other`` its only bearer?"""
    companies, name, linkedin, emails, position = facts[contact]
    bearers = index._by_name[name.compact]
    index._by_name[name.compact] = (other,)
    try:
        return index._match_rare_name(companies, name, linkedin, emails, position) == other
    finally:
        index._by_name[name.compact] = bearers


@pytest.fixture(scope="module")
def generated(rolled_back, export_snapshot):
    """A generated organisation with near-duplicates, its snapshot and the resolver's pairs."""
    import pyarrow.parquet as pq

    from weakties.demo.organisation import build_demo

    with rolled_back():
        organisation, _ = build_demo(employees=16, seed=5)
        added = _near_duplicates()
        folder = export_snapshot("resolution", organisation=organisation.name)
        ids = set(pq.read_table(folder / "people.parquet").column("id").to_pylist())
        reference = _reference(ids)
    return folder, added, reference


@pytest.fixture
def pairs(engine_name, generated, on_engine):
    """The engine's candidate pairs, in a copy of the snapshot, and their counts per rule."""
    folder, _added, _reference = generated
    with on_engine(engine_name, folder) as (dialect, copy):
        path = candidate_pairs(copy, dialect)
    return read_table(path).to_pylist(), rule_counts(path)


def test_the_candidate_pairs_are_the_resolvers(pairs, generated):
    _folder, added, reference = generated
    rows, counts = pairs
    got = {(r["left_id"], r["right_id"]): r for r in rows}
    assert len(got) == len(rows)  # one row per pair
    assert all(r["left_id"] < r["right_id"] for r in rows)
    assert set(got) == set(reference)
    for pair, (rule, score, namesakes) in reference.items():
        row = got[pair]
        assert row["rule"] == rule, pair
        assert row["score"] == pytest.approx(score, abs=1e-9), pair
        if namesakes is None:
            assert row["namesakes"] is None, pair
        else:
            assert row["namesakes"] == pytest.approx(namesakes, abs=1e-9), pair
    assert counts == {rule: sum(r[0] == rule for r in reference.values()) for rule in RULES}
    # The data exercise every rule and every kind of score.
    assert counts["name+company"] >= 10 and counts["rare name"] >= 3, counts
    scores = {r[1] for r in reference.values()}
    assert 1.0 in scores and any(0.92 <= s < 0.99 for s in scores), sorted(scores)
    assert added >= 70


def test_pairs_whose_identifiers_contradict_are_left_out(generated, tmp_path):
    """Rule 3 at work on these data: without the identifiers, exactly the pairs in which both
    people have a LinkedIn profile, or both an e-mail address, come back."""
    import pyarrow as pa

    folder, _added, reference = generated
    dialect = dialect_for("embedded")
    try:
        dialect.open("people", folder / "people.parquet")
        dialect.open("identifiers", folder / "identifiers.parquet")
        dialect.register_scalar("name_similarity", score_names, arguments=6)
        both = dialect.fetch(pairs_sql()).to_pylist()
        held = dialect.fetch(
            "SELECT person_id, kind FROM identifiers GROUP BY person_id, kind"
        ).to_pylist()
        dialect.con.register(
            "identifiers",
            pa.table(
                {
                    "person_id": pa.array([], pa.int64()),
                    "kind": pa.array([], pa.string()),
                    "digest": pa.array([], pa.string()),
                }
            ),
        )
        bare = dialect.fetch(pairs_sql()).to_pylist()
    finally:
        dialect.close()
    kinds: dict[int, set[str]] = {}
    for row in held:
        kinds.setdefault(row["person_id"], set()).add(row["kind"])
    kept = {(r["left_id"], r["right_id"]) for r in both}
    extra = {(r["left_id"], r["right_id"]) for r in bare} - kept
    assert kept == set(reference) and kept < kept | extra
    assert len(extra) >= 5
    assert all(kinds.get(a, set()) & kinds.get(b, set()) & {"linkedin", "email"} for a, b in extra)


def test_resolve_on_the_command_line(tmp_path, capsys):
    import json

    from tests.factories import acme
    from weakties.cli.main import main
    from weakties.snapshots.services.export import snapshot_export, snapshot_scope

    acme()
    folder = tmp_path / "snap"
    snapshot_export(directory=folder, scope=snapshot_scope(organisation="Acme BV"))
    assert main(["snapshot", "resolve", str(folder), "--json"]) == 0, capsys.readouterr().err
    out = json.loads(capsys.readouterr().out)
    assert out["action"] == "resolve" and out["engine"] == "embedded"
    assert set(out["counts"]) == set(RULES)
    assert (
        out["pairs"]
        == sum(out["counts"].values())
        == read_table(folder / "resolution" / "pairs.parquet").num_rows
    )
    assert main(["snapshot", "resolve", str(folder)]) == 0  # in the default language, Dutch
    assert "kandidaatparen voor het herkennen van dezelfde persoon" in capsys.readouterr().out
    (folder / "people.parquet").write_bytes(b"damaged")
    assert main(["snapshot", "resolve", str(folder)]) == 1
    assert "differ from the manifest's checksum" in capsys.readouterr().err
