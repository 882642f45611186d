"""The tie table reads only positions' heads, yet finds exactly what the full scan found.

A varied organisation — positions held by hundreds and by one, case and
diacritic variants, plateaus of equal job scores and equal strengths, ties not
analysed yet and ties analysed before the job score was stored, colleagues,
an employee who stopped sharing, a second organisation knowing the same
people — is searched for a dozen vacancies, at several depths, with the
reads forced each way (person by person, one scan of the ties) and with bars
set high enough that heads fall short and are read again.  Every result is
compared with the old full scan (:mod:`tests.referrals.reference_scan`):
the same positions in the same order, the same candidates, scores, strengths
and tiers.
"""

from __future__ import annotations

import datetime as dt
import math
import random

import numpy as np
import pytest
from django.db.models import Count

from weakties.accounts.models import Consent, Employee
from weakties.accounts.services.organisations import organisation_create
from weakties.network.job_leads import job_score
from weakties.people.models import Person, Tie, TieRank
from weakties.referrals.services import candidates, tie_reads, tie_table
from weakties.referrals.services.candidates import candidates_find_many
from weakties.referrals.services.tie_table import _index, _index_each, tie_table_load
from weakties.referrals.services.vacancies import vacancy_create

from . import reference_scan
from .reference_scan import reference_candidates

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 6, 1)
#: A big position whose ties all score low: the bars drawn from everyone's cut it short.
LOW = "Monteur"
#: Positions with how many people hold them: a few big ones, a long tail, variants.
POSITIONS = {
    "Adviseur": 260,
    "Software engineer": 180,
    "Manager": 140,
    "Senior adviseur": 70,
    "Python developer": 50,
    "Projectleider": 35,
    "Verpleegkundige": 25,
    "adviseur": 12,
    "Data scientist": 12,
    "Coördinator": 8,
    "HR-adviseur (C#/.NET)": 6,
    "Beleidsadviseur": 5,
    LOW: 150,
    "": 40,
}
TAIL = [f"Engineer bij Bedrijf {k}" for k in range(40)] + [
    f"Senior Adviseur {k}" for k in range(25)
]
#: Strengths and mutual connections as an analysis finds them: few values, so many ties score
#: alike, analysed or not (the job score is the analysis's function of the two).
STRENGTHS = (0.2, 0.3, 0.3, 0.45, 0.6, 0.8)
MUTUAL = (0, 0, 1, 2, 8, 10, 25)
VACANCIES = (
    "Adviseur",
    "Software engineer",
    "Python developer",
    "Verpleegkundige",
    "Manager",
    "Data scientist",
    "Projectleider",
    "Coördinator",
    "Senior adviseur",
    "Beleidsadviseur",
    "Engineer",
    "Monteur",
    "Recruiter",
)


def _people(rng: random.Random) -> list[Person]:
    """People in a shuffled order of ids; some the other organisation alone knows come first
    (they decide which position the person table names first)."""
    titles = [p for p, n in POSITIONS.items() for _ in range(n)]
    titles += [rng.choice(TAIL) for _ in range(160)]
    rng.shuffle(titles)
    made = Person.objects.bulk_create(
        [
            Person(first_name=f"P{k}", last_name="Ref", position=title).fill_name_parts()
            for k, title in enumerate(["Manager", "Verpleegkundige", "Engineer x"] + titles)
        ]
    )
    return made


def _employees(org, other, people: list[Person]) -> tuple[list[Employee], list[Employee]]:
    # Five colleagues are also people the others know (their ties are "colleague" rows); the
    # other employees are people nobody here knows.
    own = Person.objects.bulk_create(
        [Person(first_name=f"E{k}", position="Tester").fill_name_parts() for k in range(25)]
    )
    persons = people[-5:] + own
    mine = [
        Employee(organisation=org, email=f"e{k}@ref.nl", first_name=f"E{k}", person=persons[k])
        for k in range(24)
    ]
    mine[22].active = False  # left, rows kept until the next directory import
    Employee.objects.bulk_create(mine)
    theirs = Employee.objects.bulk_create(
        [
            Employee(organisation=other, email=f"o{k}@other.nl", person=persons[24 + k])
            for k in range(6)
        ]
    )
    Consent.objects.bulk_create(
        [Consent(employee=e, via="cli") for e in mine[:23] + theirs]  # e23: never consented
    )
    return mine, theirs


def _rank_row(rng: random.Random, tie: Tie, org, *, colleague: bool, low: bool) -> TieRank:
    row = TieRank(
        tie=tie,
        organisation=org,
        person_id=tie.person_id,
        employee_id=tie.employee_id,
        colleague=colleague,
    )
    kind = rng.random()
    if kind < 0.08:  # not analysed yet: the provisional strength decides
        return row
    strength = rng.choice(STRENGTHS) if rng.random() < 0.7 else round(rng.random(), 3)
    mutual = rng.choice(MUTUAL)
    if low:
        strength, mutual = rng.choice((0.9, 0.95)), 25
    unknown = rng.random() < 0.15  # too little evidence for a tier: intensity unknown
    row.strength, row.mutual_connections = strength, mutual
    row.tier = "unknown" if unknown else ("weak" if strength < 0.5 else "strong")
    if kind >= 0.13 or low:  # else analysed before the job score was stored
        row.job_score = float(job_score([mutual], [math.nan if unknown else strength])[0])
    return row


@pytest.fixture
def population():
    """The organisation, its vacancies and the number of its rows in ``TieRank``."""
    rng = random.Random(20261206)
    org = organisation_create(name="Referentie BV", domain="ref.nl")
    other = organisation_create(name="Ander BV", domain="other.nl")
    people = _people(rng)
    mine, theirs = _employees(org, other, people)
    colleagues = {e.person_id for e in mine if e.person_id}
    low = {p.pk for p in people if p.position == LOW}
    ties, seen = [], set()
    for person in people[3:]:
        for _ in range(rng.choice((1, 1, 2, 3, 4))):
            employee = rng.choice(mine)
            if (employee.pk, person.pk) not in seen:
                seen.add((employee.pk, person.pk))
                on = TODAY - dt.timedelta(days=rng.randrange(30, 4000))
                sources = ["linkedin"] + (["vcard"] if rng.random() < 0.3 else [])
                ties.append(Tie(employee=employee, person=person, connected_on=on, sources=sources))
    for person in people[:3] + people[3::7]:  # the other organisation knows some of them too
        ties.append(Tie(employee=rng.choice(theirs), person=person, connected_on=TODAY))
    ties = Tie.objects.bulk_create(ties)
    orgs = {e.pk: e.organisation_id for e in mine + theirs}
    TieRank.objects.bulk_create(
        [
            _rank_row(
                rng,
                t,
                org if orgs[t.employee_id] == org.pk else other,
                colleague=t.person_id in colleagues and orgs[t.employee_id] == org.pk,
                low=t.person_id in low,
            )
            for t in ties
        ]
    )
    vacancies = [
        vacancy_create(organisation=org, title=title, location=("Utrecht", "")[k % 2])
        for k, title in enumerate(VACANCIES)
    ]
    rows = TieRank.objects.filter(organisation=org).count()
    return org, vacancies, rows


def _search(org, vacancies, limit: int):
    table = tie_table_load(organisation=org, today=TODAY)
    return table, candidates_find_many(table, vacancies, limit=limit)


@pytest.mark.parametrize(
    "way", ["as chosen", "by person", "by scan"], ids=["chosen", "person", "scan"]
)
def test_the_heads_find_what_the_full_scan_found(population, monkeypatch, way):
    org, vacancies, rows = population
    if way == "by person":
        monkeypatch.setattr(tie_table, "SCAN_SHARE", 2.0)
    elif way == "by scan":
        monkeypatch.setattr(tie_table, "SCAN_SHARE", 0.0)
        monkeypatch.setattr(tie_table, "SCAN_SHARE_TOTAL", 0.0)
    tiers, read = set(), {}
    for read_ahead in (4, 1):
        monkeypatch.setattr(tie_table, "READ_AHEAD", read_ahead)
        for limit in (2, 5, 50):
            old_table, expected = reference_candidates(org, vacancies, limit=limit, today=TODAY)
            table, found = _search(org, vacancies, limit)
            assert table.positions == old_table.positions
            assert found == expected, (read_ahead, limit)
            tiers |= {f.tier for v in found.values() for f in v}
            read[read_ahead, limit] = len(table) / len(old_table)
    # The population is varied enough to matter: many positions, ties analysed and not among
    # the candidates, and a shallow search reads a fraction of the ties.
    assert len(table.positions) > 40 and len(old_table) <= rows
    assert "unknown" in tiers and tiers - {"unknown"}
    assert read[1, 2] < 0.5, read


def test_heads_are_read_with_bars_and_again_deeper(population, monkeypatch):
    """With a small look-ahead the first reads stop at a bar; deeper looks read again."""
    org, vacancies, _rows = population
    monkeypatch.setattr(tie_table, "READ_AHEAD", 1)
    levels = []
    real = tie_reads.ties_at

    def recording(organisation, positions, bars, **kwargs):
        levels.append([bar is not None for bar in bars])
        return real(organisation, positions, bars, **kwargs)

    monkeypatch.setattr(tie_reads, "ties_at", recording)
    old_table, expected = reference_candidates(org, vacancies, limit=2, today=TODAY)
    table, found = _search(org, vacancies, 2)
    assert found == expected
    assert any(any(barred) for barred in levels)  # some heads stopped at a bar
    assert len(levels) > 1  # and some were read again, deeper


@pytest.mark.parametrize("depth", [0, 3, 10, 40, None])
def test_each_head_is_the_start_of_the_positions_full_order(population, depth):
    """Every position's head holds more than ``depth`` ties, or all of them, and they are the
    first ties of that position in the full scan's order, with the same fit and strength."""
    org, _vacancies, _rows = population
    old_table, _found = reference_candidates(org, [], limit=1, today=TODAY)
    table = tie_table_load(organisation=org, today=TODAY)
    codes = np.arange(len(table.positions))
    table.read(codes, depth)
    assert table.positions == old_table.positions
    for c in codes.tolist():
        lo, hi = int(table.lo[c]), int(table.hi[c])
        full = slice(int(old_table.start[c]), int(old_table.start[c + 1]))
        size = full.stop - full.start
        assert hi - lo > (depth if depth is not None else size - 1) or hi - lo == size
        assert hi - lo == size or not table.complete[c]
        head = slice(full.start, full.start + hi - lo)
        assert table.tie[lo:hi].tolist() == old_table.tie[head].tolist(), table.positions[c]
        assert table.fit[lo:hi].tolist() == old_table.fit[head].tolist()
        assert table.strength[lo:hi].tolist() == old_table.strength[head].tolist()
        assert table.employee[lo:hi].tolist() == old_table.employee[head].tolist()
        if not table.complete[c]:  # asked for exactly as deep as it reaches: read deeper
            table.read([c], hi - lo)
            assert table.hi[c] - table.lo[c] > hi - lo or table.complete[c]


def test_positions_and_their_contacts_are_those_of_the_ties_that_count(population):
    """Colleagues, the employee who left, the one who never consented and the other
    organisation's ties give no position; the people counted are the contacts."""
    org, _vacancies, _rows = population
    old_table, _found = reference_candidates(org, [], limit=1, today=TODAY)
    table = tie_table_load(organisation=org, today=TODAY)
    assert table.positions == old_table.positions
    people = [
        len(set(old_table.person[old_table.start[c] : old_table.start[c + 1]].tolist()))
        for c in range(len(old_table.positions))
    ]
    assert table.people.tolist() == people
    # Some people are only reachable through ties that do not count: they are left out.
    counted = (
        TieRank.objects.filter(organisation=org, colleague=False)
        .exclude(person__position="")
        .values("person")
        .annotate(n=Count("tie"))
        .count()
    )
    assert sum(people) < counted


def test_the_one_pass_index_is_the_index_one_position_at_a_time():
    positions = [
        "Senior HR-adviseur (C#/.NET), Coördinator",
        "Ørsted ß Müller",
        "adviseur",
        "Adviseur",
        "Vleesinspecteur",
        "Software engineer bij Bedrijf 12",
        "de het een",  # stopwords only
        "x",
    ]
    fast, slow = _index(positions), _index_each(positions)
    assert set(fast[0]) == set(slow[0]) and len(fast[0]) > 10
    for term, codes in slow[0].items():
        assert fast[0][term].tolist() == codes.tolist(), term
        assert fast[0][term].dtype == codes.dtype
    assert fast[1] == slow[1]
    assert fast[2].tolist() == slow[2].tolist() == [6, 3, 1, 1, 1, 5, 3, 1]
    # A position holding a line break is split one at a time.
    broken = [*positions, "Adviseur\nManager"]
    assert _index(broken)[2].tolist() == _index_each(broken)[2].tolist()


def test_the_search_ranks_as_before_at_every_depth_it_widens_to(population, monkeypatch):
    """A limit so deep that the ranking widens its look several times (read again each time)."""
    org, vacancies, _rows = population
    monkeypatch.setattr(tie_table, "READ_AHEAD", 1)
    monkeypatch.setattr(candidates, "TOP_POSITIONS", 3)
    monkeypatch.setattr(reference_scan, "TOP_POSITIONS", 3)
    _old_table, expected = reference_candidates(org, vacancies, limit=120, today=TODAY)
    _table, found = _search(org, vacancies, 120)
    assert found == expected
    assert max(len(v) for v in found.values()) > 100


def test_a_ranking_by_strength_reads_whole_positions_with_their_tiers(population):
    """Sales ranks by strength (stronger first): no bar on the job score applies, so every
    position asked for is read whole, with the stored tiers, as the full scan read it."""
    org, _vacancies, _rows = population
    old = reference_scan.tie_table_load(organisation=org, purpose="sales", today=TODAY)
    table = tie_table_load(organisation=org, purpose="sales", today=TODAY)
    table.read(range(len(table.positions)), 3)
    assert table.complete.all()
    for c in range(len(table.positions)):
        lo, hi = int(table.lo[c]), int(table.hi[c])
        full = slice(int(old.start[c]), int(old.start[c + 1]))
        assert table.tie[lo:hi].tolist() == old.tie[full].tolist()
        assert table.fit[lo:hi].tolist() == old.fit[full].tolist()
        assert table.tier[lo:hi].tolist() == old.tier[full].tolist()
    assert len(set(table.tier.tolist())) > 2
