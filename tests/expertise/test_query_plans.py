"""The finder's and the target list's plans, read with EXPLAIN on the suite's database.

Each read must start from the index made for it, in its order: no scan of a
whole table, no sort of every row of a large company (DESIGN.md: hot read
paths are indexed for the question asked; their plans are tested on both
databases).  The data is big enough, and ANALYZEd, for PostgreSQL's planner
to choose as it would at real size.
"""

from __future__ import annotations

import datetime as dt
import re

import numpy as np
import pytest
from django.db import connection
from django.utils import timezone

from weakties.accounts.models import Consent, Employee, Organisation
from weakties.core.bulk import insert_rows, reserve_ids
from weakties.expertise.selectors import statements
from weakties.expertise.selectors.coverage import _MOST, _STRONGEST
from weakties.expertise.services.index import index_rebuild
from weakties.people.services.tie_ranks import tie_ranks_rebuild

pytestmark = pytest.mark.django_db

EMPLOYEES, PEOPLE, COMPANIES, TIES_EACH = 240, 6_000, 50, 80


@pytest.fixture
def network():
    """Two organisations, 240 employees, 50 companies (the first holds ~5 % of the people)."""
    rng = np.random.default_rng(3)
    now = timezone.now()
    orgs = [Organisation.objects.create(name=n) for n in ("A", "B")]
    companies = reserve_ids("people_company", COMPANIES)
    insert_rows(
        "people_company",
        ("id", "name", "key", "domain", "aliases", "sector", "region"),
        [(c, f"Company {c}", f"company {c}", "", "[]", "zorg", "Utrecht") for c in companies],
        json_columns=frozenset({"aliases"}),
    )
    weights = np.r_[0.05, np.full(COMPANIES - 1, 0.95 / (COMPANIES - 1))]
    at = rng.choice(companies, size=PEOPLE + EMPLOYEES, p=weights)
    people = reserve_ids("people_person", PEOPLE + EMPLOYEES)
    insert_rows(
        "people_person",
        ("id", "first_name", "last_name", "name_key", "company_id", "position", "created_at"),
        [
            (p, "P", f"{p}", f"p {p}", int(c), "Engineer", now)
            for p, c in zip(people, at, strict=True)
        ],
    )
    for i, person in enumerate(people[PEOPLE:]):
        Employee.objects.create(
            organisation=orgs[i % 2],
            person_id=person,
            email=f"e{i}@x.nl",
            job_title="Data engineer",
        )
    employees = list(Employee.objects.values_list("id", flat=True))
    Consent.objects.bulk_create([Consent(employee_id=e, via="cli") for e in employees])
    rows = [
        (e, people[int(p)]) for e in employees for p in rng.choice(PEOPLE, TIES_EACH, replace=False)
    ]
    ids = reserve_ids("people_tie", len(rows))
    today = dt.date.today().isoformat()
    insert_rows(
        "people_tie",
        ("id", "employee_id", "person_id", "sources", "connected_on", "email", "phone",
         "profile_url", "created_at", "updated_at"),
        [(i, e, p, '["linkedin"]', today, "", "", "", now, now) for i, (e, p) in zip(ids, rows, strict=True)],
        json_columns=frozenset({"sources"}),
    )  # fmt: skip
    tie_ranks_rebuild()
    with connection.cursor() as cursor:
        cursor.execute("UPDATE people_tierank SET strength = (tie_id % 997) / 997.0")
    index_rebuild(organisation=orgs[0])
    _other_organisations_rows(orgs[1], rng)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return orgs[0], companies[0]


def _other_organisations_rows(org: Organisation, rng) -> None:
    """Rows of the other organisation, as a real database holds them: the tables are not tiny."""
    staff = list(Employee.objects.filter(organisation=org).values_list("id", flat=True))
    words = [f"term{i}" for i in range(400)]
    insert_rows(
        "expertise_profileterm",
        ("organisation_id", "employee_id", "term", "field", "label"),
        [(org.pk, e, w, "skill", w) for e in staff for w in rng.choice(words, 150, replace=False)],
    )
    insert_rows(
        "expertise_groupreach",
        ("organisation_id", "employee_id", "kind", "group", "people"),
        [
            (org.pk, e, kind, f"{kind} {g}", int(rng.integers(1, 50)))
            for e in staff
            for kind in ("sector", "region")
            for g in range(60)
        ],
    )


def _plan(query) -> str:
    if hasattr(query, "explain"):
        return query.explain()
    sql, params = query
    prefix = "EXPLAIN QUERY PLAN " if connection.vendor == "sqlite" else "EXPLAIN "
    with connection.cursor() as cursor:
        cursor.execute(prefix + sql, params)
        rows = cursor.fetchall()
    return "\n".join(str(row[-1] if connection.vendor == "sqlite" else row[0]) for row in rows)


def _assert_read_through(plan: str, index: str, *, sorted_by_index: bool = True) -> None:
    """Through ``index``, scanning no table; in the index's order where ``sorted_by_index``.

    A reach range holds at most one row per employee of the organisation, so
    PostgreSQL may rightly sort a small one (here about a hundred rows) after
    a bitmap read of the index; only SQLite's plan is held to the index order.
    """
    assert index in plan, plan
    if connection.vendor == "sqlite":
        assert "SCAN" not in plan.replace("SCAN CONSTANT ROW", ""), plan
        if sorted_by_index:
            assert "TEMP B-TREE FOR ORDER BY" not in plan, plan
    else:
        assert "Seq Scan" not in plan, plan


def _statement(statement) -> str:
    return _plan((statement.sql, list(statement.params)))


def test_who_knows_people_at_a_company_reads_its_index_best_first(network):
    organisation, company = network
    statement = statements.reach_best("company", company, organisation.pk, 200)
    _assert_read_through(_statement(statement), "expertise_reach_company")


def test_who_knows_people_in_a_sector_reads_its_index_best_first(network):
    organisation, _company = network
    statement = statements.reach_best("sector", "zorg", organisation.pk, 200)
    _assert_read_through(_statement(statement), "expertise_reach_group")


def test_the_counts_of_the_best_text_matches_are_read_employee_by_employee(network):
    """Each asked colleague's one row, by the reach tables' unique key, not the whole range
    of a large company or region (which holds nearly every colleague).

    SQLite's planner has no statistics and must be led there (it read the range of a large
    company, ~9,000 rows at 10,000 employees, for 50 colleagues).  PostgreSQL chooses by
    size: at this test's size it may hash the few colleagues against the company's small
    range; only its reading the reach rows through an index, never a whole table, is held.
    """
    organisation, company = network
    some = list(Employee.objects.filter(organisation=organisation).values_list("pk", flat=True))
    for what, key, table in (
        ("company", company, "companyreach"),
        ("region", "Utrecht", "groupreach"),
    ):
        plan = _statement(statements.reach_of(what, key, organisation.pk, some[:50]))
        if connection.vendor == "sqlite":
            columns = "company_id=?" if what == "company" else "kind=? AND group=?"
            index = f"sqlite_autoindex_expertise_{table}_1 (employee_id=? AND {columns})"
            assert f"SEARCH r USING INDEX {index}" in plan, plan
            assert "SCAN" not in plan, plan
        else:
            assert f"Seq Scan on expertise_{table}" not in plan, plan
            through = r"(Index Scan using|Index Only Scan using|Bitmap Index Scan on) expertise_\w+"
            assert re.search(through, plan), plan


def test_a_terms_holders_are_counted_in_the_term_index_alone(network):
    organisation, _company = network
    plan = _statement(statements.term_holders(organisation.pk, ["data", "enginer"]))
    _assert_read_through(plan, "expertise_term_lookup", sorted_by_index=False)
    if connection.vendor == "sqlite":
        assert "COVERING INDEX expertise_term_lookup" in plan, plan


def test_the_text_match_is_scored_from_the_term_index_alone(network):
    """The scores are summed by the database over one covering index range per term."""
    organisation, _company = network
    shares = {"data": 0.4, "enginer": 0.6}
    some = list(Employee.objects.filter(organisation=organisation).values_list("pk", flat=True))
    for statement in (
        statements.text_scores(organisation.pk, shares, limit=200),
        statements.text_scores(organisation.pk, shares, employee_ids=some[:30]),
    ):
        plan = _statement(statement)
        # the scored rows (one per colleague and term) are summed and sorted: "held" is them
        _assert_read_through(
            plan.replace("SCAN held", "(the scored rows)"),
            "expertise_term_lookup",
            sorted_by_index=False,
        )
        if connection.vendor == "sqlite":
            assert "COVERING INDEX expertise_term_lookup" in plan, plan


def test_the_reasons_and_the_colleagues_are_read_by_index(network):
    organisation, _company = network
    some = list(Employee.objects.filter(organisation=organisation).values_list("pk", flat=True))
    reasons = statements.reasons_of(organisation.pk, some[:20], ["data", "enginer"])
    _assert_read_through(_statement(reasons), "expertise_term_", sorted_by_index=False)
    # by primary key (PostgreSQL rightly reads all 240 employees here: half of them are asked)
    if connection.vendor == "sqlite":
        plan = _statement(statements.colleagues(organisation.pk, some[:60]))
        assert "SCAN" not in plan, plan


def test_a_target_lists_best_paths_read_a_few_rows_of_each_company_index(network):
    organisation, company = network
    _assert_read_through(_plan((_STRONGEST, [company, organisation.pk, 12])), "tierank_company")
    _assert_read_through(_plan((_MOST, [company, organisation.pk, 3])), "expertise_reach_company")


def test_a_searchs_merged_reads_keep_each_parts_index(network):
    """The first read (index state, the terms' holders, the companies named) and the network
    read (the best of each company, sector or region, and the text matches' counts) are one
    statement each: every part still reads its own index, in its order."""
    organisation, company = network
    some = list(Employee.objects.filter(organisation=organisation).values_list("pk", flat=True))
    first = _statement(
        statements.first_read(
            organisation.pk, ["data", "enginer"], ["company 1", "nobody"], timezone.now()
        )
    )
    both = _statement(
        statements.network(
            [("company", company), ("region", "Utrecht")], organisation.pk, 200, some[:50]
        )
    )
    if connection.vendor == "sqlite":
        for index in (
            "expertise_indexstate_1 (organisation_id=?)",
            "COVERING INDEX expertise_term_lookup (organisation_id=? AND term=?)",
            "people_company_1 (key=?)",
        ):
            assert index in first, first
        for index in (
            "COVERING INDEX expertise_reach_company (company_id=? AND organisation_id=?)",
            "companyreach_1 (employee_id=? AND company_id=?)",
            "COVERING INDEX expertise_reach_group (organisation_id=? AND kind=? AND group=?)",
            "groupreach_1 (employee_id=? AND kind=? AND group=?)",
        ):
            assert index in both, both
        for plan in (first, both):
            scans = [line for line in plan.splitlines() if "SCAN" in line]
            assert all(line.startswith("SCAN best") for line in scans), plan
            assert "TEMP B-TREE" not in plan, plan
    else:
        for table in ("profileterm", "companyreach", "groupreach"):
            assert f"Seq Scan on expertise_{table}" not in first + both, first + both
        assert "expertise_term_lookup" in first, first
