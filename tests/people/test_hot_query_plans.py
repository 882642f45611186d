"""The hot searches' plans, read with EXPLAIN on the database the suite runs on (SQLite or PostgreSQL).

Each hot query must start from the index on the asked company (or person, or
employee) and read the ranked rows in index order: no scan of the ties, no
sort of every tie at the company, no probe of the ties per employee (the
plans that made "who can introduce me" take 16 s at 3,000 employees,
issue 9).  The data is big enough, and ANALYZEd, for PostgreSQL's planner to
choose as it would at real size.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest
from django.db import connection, transaction
from django.utils import timezone

from weakties.accounts.models import Consent, Employee, Organisation
from weakties.core.bulk import insert_rows, reserve_ids
from weakties.people.models import TieRank
from weakties.people.selectors.ranked_ties import (
    Target,
    count_query,
    measured_queries,
    search_statement,
    unmeasured_query,
)
from weakties.people.services.tie_ranks import tie_ranks_rebuild

pytestmark = pytest.mark.django_db

EMPLOYEES = 300
PEOPLE = 8_000
COMPANIES = 60
TIES_EACH = 100


@pytest.fixture(scope="module")
def network(django_db_setup, django_db_blocker):
    """:func:`_network`, built once for the module inside a transaction that is rolled back at
    its end; each test runs in a savepoint of it (pytest-django's ``django_db``), so what a
    test writes is gone before the next. Built per test it cost ~3 s each on PostgreSQL."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield _network()
        transaction.set_rollback(True)


def _network():
    """Two organisations, 300 employees, 60 companies (the first holds ~5 % of the people), 30,000 ties."""
    rng = np.random.default_rng(7)
    now = timezone.now()
    orgs = [
        Organisation.objects.create(name=n, domain=d) for n, d in (("A", "a.nl"), ("B", "b.nl"))
    ]
    companies = reserve_ids("people_company", COMPANIES)
    insert_rows(
        "people_company",
        ("id", "name", "key", "domain", "aliases"),
        [(c, f"Company {c}", f"company {c}", "", "[]") for c in companies],
        json_columns=frozenset({"aliases"}),
    )
    weights = np.r_[0.05, np.full(COMPANIES - 1, 0.95 / (COMPANIES - 1))]
    at = rng.choice(companies, size=PEOPLE + EMPLOYEES, p=weights)
    titles = rng.choice(40, size=PEOPLE + EMPLOYEES, p=np.r_[0.05, np.full(39, 0.95 / 39)])
    people = reserve_ids("people_person", PEOPLE + EMPLOYEES)
    insert_rows(
        "people_person",
        ("id", "first_name", "last_name", "name_key", "company_id", "position", "created_at"),
        [
            (p, "P", f"{p}", f"p {p}", int(c), f"Engineer {t}", now)
            for p, c, t in zip(people, at, titles, strict=True)
        ],
    )
    staff = people[PEOPLE:]
    for i, person in enumerate(staff):
        Employee.objects.create(
            organisation=orgs[i % 2], person_id=person, email=f"e{i}@x.nl", active=i % 50 != 0
        )
    employees = list(Employee.objects.values_list("id", flat=True))
    Consent.objects.bulk_create([Consent(employee_id=e, via="cli") for e in employees])
    rows = []
    for e in employees:
        for p in rng.choice(PEOPLE, size=TIES_EACH, replace=False):
            rows.append((e, people[int(p)]))
    ids = reserve_ids("people_tie", len(rows))
    today = dt.date.today().isoformat()
    insert_rows(
        "people_tie",
        (
            "id",
            "employee_id",
            "person_id",
            "sources",
            "connected_on",
            "email",
            "phone",
            "profile_url",
            "created_at",
            "updated_at",
        ),
        [
            (i, e, p, '["linkedin"]', today, "", "", "", now, now)
            for i, (e, p) in zip(ids, rows, strict=True)
        ],
        json_columns=frozenset({"sources"}),
    )
    tie_ranks_rebuild()
    measured = TieRank.objects.order_by("tie_id").values_list("tie_id", flat=True)[
        : len(rows) * 9 // 10
    ]
    last = list(measured)[-1]
    with connection.cursor() as cursor:  # strengths spread over [0, 1), as an analysis leaves them
        cursor.execute(
            "UPDATE people_tierank SET strength = (tie_id %% 997) / 997.0, tier = 'moderate',"
            " job_score = (tie_id %% 991) / 991.0, mutual_connections = tie_id %% 23"
            " WHERE tie_id <= %s",
            [last],
        )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    biggest = companies[0]
    return orgs[0], biggest, people[int(np.flatnonzero(at[:PEOPLE] == biggest)[0])]


def _plan(query) -> str:
    """The plan of a statement of the search (raw SQL) or of a queryset."""
    if hasattr(query, "explain"):
        return query.explain()
    prefix = "EXPLAIN QUERY PLAN " if connection.vendor == "sqlite" else "EXPLAIN "
    with connection.cursor() as cursor:
        cursor.execute(prefix + query.sql, query.params)
        rows = cursor.fetchall()
    if connection.vendor == "sqlite":  # (id, parent, notused, detail)
        return "\n".join(str(row[-1]) for row in rows)
    return "\n".join(str(row[0]) for row in rows)


def _assert_index_read(plan: str, index: str, *, sort_allowed: bool = False) -> None:
    """The rank index drives the query, in its own order, touching no tie table.

    ``sort_allowed``: the ties to one person are few (at most one per
    employee), so sorting them is fine; a company's are not.
    """
    assert index in plan, plan
    if connection.vendor == "sqlite":
        rank = next(line for line in plan.splitlines() if "SEARCH r " in line)
        assert index in rank, plan  # the rank table is read through the index
        assert "SCAN" not in plan, plan  # no table is scanned; the others by primary key
        assert sort_allowed or "TEMP B-TREE FOR ORDER BY" not in plan, plan
        assert "tie_unique" not in plan, plan  # no probe per employee
    else:
        assert "Seq Scan on people_tierank" not in plan, plan
        assert "Seq Scan on people_tie" not in plan, plan
        top = plan.split("->")[0] + plan.split("->")[1]
        assert sort_allowed or "Sort" not in top, plan  # no sort of the whole range


@pytest.mark.parametrize("around", [None, 0.3])
def test_who_knows_and_intro_read_the_company_index_best_first(network, around):
    organisation, company, _person = network
    target = Target(
        organisation=organisation, company_id=company, exclude_colleagues=around is not None
    )
    for qs in measured_queries(target, k=51, around=around):
        _assert_index_read(_plan(qs), "tierank_company")


@pytest.mark.parametrize("around", [None, 0.3])
def test_a_role_reads_the_title_index_best_first(network, around):
    from weakties.people.models import Title

    organisation, _company, _person = network
    title = Title.objects.get(key="engineer 0")
    target = Target(organisation=organisation, title_ids=(title.pk,), exclude_colleagues=True)
    for statement in measured_queries(target, k=51, around=around):
        _assert_index_read(_plan(statement), "tierank_title")
    plan = _plan(count_query(target))
    assert "tierank_title" in plan, plan


def test_job_leads_read_the_job_score_index_best_first(network):
    """Issue 13: the job score is stored per tie, so a job search is one range read, best first."""
    organisation, company, person = network
    target = Target(organisation=organisation, company_id=company, exclude_colleagues=True)
    (statement,) = measured_queries(target, k=51, around=None, by="job")
    _assert_index_read(_plan(statement), "tierank_company_job")
    plan = _plan(unmeasured_query(target, by="job"))  # not analysed: no strength, no job score
    assert "tierank_company" in plan, plan
    from weakties.people.models import Title

    title = Title.objects.get(key="engineer 0")
    target = Target(organisation=organisation, title_ids=(title.pk,), exclude_colleagues=True)
    (statement,) = measured_queries(target, k=51, around=None, by="job")
    _assert_index_read(_plan(statement), "tierank_title_job")
    target = Target(organisation=organisation, person_ids=(person,), exclude_colleagues=True)
    (statement,) = measured_queries(target, k=51, around=None, by="job")
    _assert_index_read(_plan(statement), "tierank_person", sort_allowed=True)


def test_ties_not_analysed_yet_are_read_from_the_same_index(network):
    organisation, company, _person = network
    plan = _plan(unmeasured_query(Target(organisation=organisation, company_id=company)))
    assert "tierank_company" in plan, plan
    if connection.vendor == "sqlite":
        assert "SCAN" not in plan and "tie_unique" not in plan, plan
    else:
        assert "Seq Scan on people_tierank" not in plan and "Seq Scan on people_tie" not in plan, (
            plan
        )


def test_a_person_is_read_through_the_person_index(network):
    organisation, _company, person = network
    target = Target(organisation=organisation, person_ids=(person,), exclude_colleagues=True)
    for qs in measured_queries(target, k=51, around=0.3):
        _assert_index_read(_plan(qs), "tierank_person", sort_allowed=True)


def test_counting_the_ties_at_a_company_reads_only_its_index_range(network):
    organisation, company, _person = network
    target = Target(organisation=organisation, company_id=company, exclude_colleagues=True)
    plan = _plan(count_query(target))
    assert "tierank_company" in plan and "tierank_colleagues" in plan, plan
    if connection.vendor == "sqlite":
        assert "SCAN" not in plan.replace("SCAN CONSTANT ROW", "") and "TEMP B-TREE" not in plan, (
            plan
        )
    else:
        assert "Seq Scan" not in plan, plan


def _assert_employee_read(plan: str, index: str) -> None:
    """An employee's own ties read off ``index`` in its order: no scan, nothing sorted."""
    assert index in plan, plan
    if connection.vendor == "sqlite":
        assert "TEMP B-TREE" not in plan and "SCAN" not in plan, plan
    else:
        assert "Seq Scan" not in plan and "Sort" not in plan, plan


def test_an_employees_own_network_reads_the_employee_index(network):
    organisation, _company, _person = network
    employee = Employee.objects.filter(organisation=organisation, active=True).first()
    qs = TieRank.objects.filter(employee=employee).order_by("-strength", "-tie_id")[:50]
    _assert_employee_read(_plan(qs), "tierank_employee")


def test_person_search_by_identifier_digest_reads_the_identifier_index(network):
    """``weakties person find`` and imports look a person up by a digest (issue 14)."""
    import hashlib

    from weakties.people.models import PersonIdentifier

    people = list(TieRank.objects.values_list("person_id", flat=True).distinct()[:2000])
    rows = [
        (i, p, "email", hashlib.sha256(f"p{p}@x.nl".encode()).hexdigest())
        for i, p in zip(reserve_ids("people_personidentifier", len(people)), people, strict=True)
    ]
    insert_rows("people_personidentifier", ("id", "person_id", "kind", "digest"), rows)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    qs = PersonIdentifier.objects.filter(kind="email", digest=rows[7][3]).select_related("person")
    plan = _plan(qs)
    if connection.vendor == "sqlite":  # the unique constraint's index is an autoindex there
        assert "SEARCH people_personidentifier USING INDEX" in plan, plan
        assert "(kind=? AND digest=?)" in plan and "SCAN" not in plan, plan
    else:
        assert "identifier_unique" in plan and "Seq Scan" not in plan, plan


def test_an_employees_ties_read_the_tie_index(network):
    """An employee's own ties (export, erasure, withdrawal) by the (employee, person) index."""
    from weakties.people.models import Tie

    organisation, _company, _person = network
    employee = Employee.objects.filter(organisation=organisation, active=True).first()
    plan = _plan(Tie.objects.filter(employee=employee))
    if connection.vendor == "sqlite":  # the unique constraint's index is an autoindex there
        assert "SEARCH people_tie USING INDEX" in plan and "(employee_id=?)" in plan, plan
        assert "SCAN" not in plan, plan
    else:
        assert "tie_unique" in plan and "Seq Scan on people_tie" not in plan, plan


@pytest.mark.parametrize(("by", "around"), [("strength", None), ("strength", 0.3), ("job", None)])
def test_one_statement_reads_the_best_and_the_unanalysed_each_off_its_index(network, by, around):
    """The search's parts in one round trip (UNION ALL): each part still reads its own index
    range in its own order; no table is scanned and nothing is sorted but the few unanalysed."""
    organisation, company, _person = network
    target = Target(organisation=organisation, company_id=company, exclude_colleagues=True)
    plan = _plan(search_statement(target, k=51, around=around, by=by))
    index = "tierank_company_job" if by == "job" else "tierank_company"
    if connection.vendor == "sqlite":
        ranks = [line for line in plan.splitlines() if line.startswith("SEARCH r ")]
        assert len(ranks) == (3 if around is not None else 2), plan
        assert index in ranks[0] and all("tierank_company" in line for line in ranks), plan
        scans = [line for line in plan.splitlines() if line.startswith("SCAN")]
        assert all(line.strip() == "SCAN x" for line in scans), plan  # the parts' own rows only
        assert "TEMP B-TREE FOR ORDER BY" not in plan and "tie_unique" not in plan, plan
    else:
        assert "Seq Scan on people_tierank" not in plan, plan
        assert "Seq Scan on people_tie " not in plan, plan
        assert f"using {index} on people_tierank" in plan, plan


def test_an_employees_own_job_leads_read_the_employee_job_index(network):
    """A plan's "who can help" for job leads and information (issue 10) reads the owner's ties
    best job score first, off ``(employee, job_score, tie)``, and stops after ``k``: no sort of
    every tie the employee has (the ``(employee, strength, tie)`` index has no job order)."""
    from weakties.plans.helpers import _NARROW, _nearest

    organisation, _company, _person = network
    employee = Employee.objects.filter(organisation=organisation, active=True).first()
    mine = TieRank.objects.filter(employee=employee, colleague=False)
    best, unscored = (read.values_list(*_NARROW) for read in _nearest(mine, "job", 10))
    _assert_employee_read(_plan(best), "tierank_employee_job")
    plan = _plan(unscored)  # no job score (not analysed yet): the same index's NULL range
    assert "tierank_employee_job" in plan, plan
    assert "SCAN people_tierank" not in plan and "Seq Scan on people_tierank" not in plan, plan


def test_a_job_search_on_a_database_analysed_before_the_job_score_reads_the_strength_index(
    network,
):
    """The introductions search's job fallback (no tie of the target has a job score: the k
    weakest analysed ties, around strength 0) reads the company's strength index both ways."""
    organisation, company, _person = network
    target = Target(organisation=organisation, company_id=company, exclude_colleagues=True)
    statements = measured_queries(target, k=51, around=0.0)
    assert len(statements) == 2
    for statement in statements:
        _assert_index_read(_plan(statement), "tierank_company")
