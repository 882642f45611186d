"""An import reads only the people its file can resolve to (issue 12, load).

Loading every stored person into the resolver took 10-15 s of CPU per import at
3,000 employees (300,000 people), whatever the file's size.  The partial index
(``identity.load_person_index(contacts)``) holds the people who share an
identifier, a company or a full name with the file, and the name frequencies
of everyone from the database.  These tests compare it, contact by contact,
with the index of every stored person, on a noisy population with namesakes,
typos, missing companies and rare names.
"""

from __future__ import annotations

import random
from collections import Counter

import pytest

from tests.factories import acme, employee
from tests.resolve.resolve_synthetic import _typo, make_contacts, make_people
from weakties.people.models import Person
from weakties.people.services.identity import load_person_index
from weakties.people.services.network_import.importer import NetworkImporter
from weakties.resolve import parse_name

OWNERS = (
    "jan.vandenberg@acme.nl",
    "sophie.bakker@acme.nl",
    "tom.jansen@acme.nl",
    "anna.devries@acme.nl",
)


TITLES = ("Adviseur", "Senior adviseur", "Software engineer", "", "")


def _escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;")


def _vcard(contacts) -> str:
    cards = []
    for c in contacts:
        lines = [
            "BEGIN:VCARD",
            "VERSION:3.0",
            f"N:{_escape(c.last_name)};{_escape(c.first_name)};;;",
            f"FN:{_escape(f'{c.first_name} {c.last_name}'.strip())}",
        ]
        if c.company:
            lines.append(f"ORG:{_escape(c.company)}")
        if c.position:
            lines.append(f"TITLE:{_escape(c.position)}")
        lines += [f"EMAIL;type=INTERNET:{e.strip()}" for e in c.emails]
        if c.linkedin_url:
            lines.append(f"URL:{c.linkedin_url}")
        lines.append("END:VCARD")
        cards.append("\n".join(lines) + "\n")
    return "".join(cards)


@pytest.fixture
def population(tmp_path):
    """Four employees' address books of a noisy population of 700 people, imported."""
    acme(networks=False)
    rng = random.Random(20261206)
    people = make_people(rng, 700)
    importer = NetworkImporter()
    for n, email in enumerate(OWNERS):
        contacts, ids = make_contacts(rng, people, 900)
        contacts = _titled(contacts, ids)
        path = tmp_path / f"book{n}.vcf"
        path.write_text(_vcard(contacts), encoding="utf-8")
        report = importer.import_file(path=path, owner=employee(email))
        assert report.ok, report.errors
    return rng, people


def _titled(contacts, ids):
    """Each person keeps one job title (rule 5 weighs a title on both sides)."""
    return [
        c._replace(position=TITLES[pid % len(TITLES)]) for c, pid in zip(contacts, ids, strict=True)
    ]


def _probe(rng, people, n):
    """Contacts of the population, a third of them without identifiers (resolved by name
    and company, or, without a company, by a rare full name), some with a typo."""
    contacts, ids = make_contacts(rng, people, n)
    out = []
    for i, c in enumerate(_titled(contacts, ids)):
        if i % 3 == 0:
            c = c._replace(emails=(), linkedin_url="")
            if i % 2 == 0:
                c = c._replace(company="")
        if i % 5 == 0 and len(c.last_name) > 5:
            c = c._replace(last_name=_typo(rng, c.last_name))
        out.append(c)
    return out


def _resolved(index, contacts):
    return [tuple(index.resolve(c)) for c in contacts]


@pytest.mark.django_db(transaction=True)
def test_a_file_resolves_against_its_people_exactly_as_against_everyone(population):
    rng, people = population
    stored = Person.objects.count()
    assert stored > 500
    seen: Counter[str] = Counter()
    for _ in range(4):
        contacts = _probe(rng, people, 150)
        full, partial = load_person_index(), load_person_index(contacts)
        assert len(partial) < len(full) == stored
        expected = _resolved(full, contacts)
        rules = Counter(match[2] for match in expected)
        seen.update(rules)
        assert _resolved(partial, contacts) == expected
    # every rule was exercised
    assert {"linkedin", "email", "name+company", "rare name", "new"} <= set(seen), seen


@pytest.mark.django_db(transaction=True)
def test_the_partial_index_counts_names_over_everyone(population):
    rng, people = population
    contacts = _probe(rng, people, 60)
    full, partial = load_person_index(), load_person_index(contacts)
    wanted = full.wanted(contacts)
    assert wanted.given and wanted.core
    for name in wanted.given:
        assert partial._given_counts.get(name, 0) == full._given_counts.get(name, 0), name
        assert partial._name_given.get(name, 0) == full._name_given.get(name, 0), name
    for name in wanted.core:
        assert partial._core_counts.get(name, 0) == full._core_counts.get(name, 0), name
        assert partial._name_core.get(name, 0) == full._name_core.get(name, 0), name
    for c in contacts:
        parts = parse_name(c.first_name, c.last_name)
        assert partial.namesakes_expected(parts) == pytest.approx(full.namesakes_expected(parts))


@pytest.mark.django_db(transaction=True)
def test_the_stored_name_parts_are_the_resolvers(population):
    rows = Person.objects.values_list(
        "first_name", "last_name", "name_key", "name_given", "name_core", "name_compact"
    )
    assert rows
    for first, last, key, given, core, compact in rows:
        parts = parse_name(first, last)
        assert (key, given, core, compact) == (parts.key, parts.given, parts.core, parts.compact)


@pytest.mark.django_db
def test_an_importer_does_not_reuse_one_files_index_for_the_next(tmp_path):
    """The second file of the same importer finds the person the first file created, by
    name and company alone: the first file's partial index was not kept for it."""
    acme(networks=False)
    importer = NetworkImporter()
    first = tmp_path / "a.vcf"
    first.write_text(
        "BEGIN:VCARD\nVERSION:3.0\nN:Bouzid;Loubna;;;\nFN:Loubna Bouzid\nORG:Stripe\n"
        "EMAIL;type=INTERNET:loubna@stripe.com\nEND:VCARD\n",
        encoding="utf-8",
    )
    second = tmp_path / "b.vcf"
    second.write_text(
        "BEGIN:VCARD\nVERSION:3.0\nN:Zwart;Kees;;;\nFN:Kees Zwart\nORG:Adyen\nEND:VCARD\n"
        "BEGIN:VCARD\nVERSION:3.0\nN:Bouzid;Loubna;;;\nFN:Loubna Bouzid\nORG:Stripe Inc.\n"
        "END:VCARD\n",
        encoding="utf-8",
    )
    jan, sophie = employee("jan.vandenberg@acme.nl"), employee("sophie.bakker@acme.nl")
    assert importer.import_file(path=first, owner=jan).people_created == 1
    report = importer.import_file(path=second, owner=sophie)
    assert report.ok, report.errors
    assert report.people_created == 1  # Kees; Loubna is the person the first file made
    assert Person.objects.filter(last_name="Bouzid").count() == 1
    assert Person.objects.get(last_name="Zwart").name_compact == "keeszwart"


@pytest.mark.django_db
def test_a_typo_in_either_name_finds_the_person_through_the_other_names_block():
    from weakties.importers.records import Contact
    from weakties.people.models import Company

    acme_company = Company.objects.create(name="Acme", key="acme")
    marieke = Person.objects.create(
        first_name="Marieke", last_name="Dijkstra", company=acme_company
    )
    bastiaan = Person.objects.create(
        first_name="Bastiaan", last_name="Vermeulen", company=acme_company
    )
    for k in range(30):  # others at the company, in other blocks
        Person.objects.create(first_name=f"Xander{k}", last_name=f"Zwart{k}", company=acme_company)
    typos = [
        Contact(
            line=1, source="linkedin", first_name="Mraieke", last_name="Dijkstra", company="Acme"
        ),
        Contact(
            line=2, source="linkedin", first_name="Bastiaan", last_name="Vremeulen", company="Acme"
        ),
    ]
    full, partial = load_person_index(), load_person_index(typos)
    assert len(partial) == 2  # the two blocks' people, not the company's 32
    assert [m.key for m in map(partial.resolve, typos)] == [marieke.pk, bastiaan.pk]
    assert [m.key for m in map(full.resolve, typos)] == [marieke.pk, bastiaan.pk]
