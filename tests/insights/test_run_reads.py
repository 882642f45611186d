"""The reads of a finished analysis that the load mix makes often stay small at any size.

* ``/api/brokers?limit=N`` reads the best N through ``insight_brokers_first`` and
  ``/api/reach``'s key people through ``insight_key_people`` (insights 0006), not
  every employee's row of the run sorted;
* the dashboard's reach figures are extracted from a run's JSON once per process
  (``_run_keys``), and a newer analysis is shown at once.

Plans are read with EXPLAIN on the suite's database, with enough rows, ANALYZEd, for
PostgreSQL's planner to choose as it would at real size.
"""

from __future__ import annotations

import random

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from weakties.accounts.models import Consent, Employee, Organisation
from weakties.core.bulk import insert_rows, reserve_ids
from weakties.insights import selectors
from weakties.insights.models import BROKERS_FIRST, AnalysisRun, EmployeeInsight
from weakties.insights.selectors import _key_people, dashboard_figures
from weakties.insights.services.analytics import _BROKER_COLUMNS, employee_rows

pytestmark = pytest.mark.django_db

EMPLOYEES, RUNS = 1500, 3


def _run(organisation: Organisation, employees: list[int], rng: random.Random) -> AnalysisRun:
    run = AnalysisRun.objects.create(
        organisation=organisation,
        status=AnalysisRun.Status.DONE,
        finished_at=timezone.now(),
        figures={"employees": len(employees), "ties": 10, "coverage": {}},
    )
    EmployeeInsight.objects.bulk_create(
        [
            EmployeeInsight(
                run=run,
                employee_id=e,
                degree=rng.randrange(300),
                reach=rng.randrange(300),
                unique_reach=rng.choice([0, 0, 0, rng.randrange(1, 50)]),
                brokerage_z=None if rng.random() < 0.2 else round(rng.gauss(0, 2), 1),
                constraint=None if rng.random() < 0.1 else round(rng.random(), 2),
                betweenness=rng.choice([0.0, 0.5, 1.0]),
            )
            for e in employees
        ],
        batch_size=1000,
    )
    return run


@pytest.fixture
def analysed():
    """An organisation of 1,500 employees (two thirds sharing) analysed three times."""
    rng = random.Random(7)
    organisation = Organisation.objects.create(name="Acme")
    people = reserve_ids("people_person", EMPLOYEES)
    now = timezone.now()
    insert_rows(
        "people_person",
        ("id", "first_name", "last_name", "name_key", "position", "created_at"),
        [(p, "E", f"{p}", f"e {p}", "", now) for p in people],
    )
    Employee.objects.bulk_create(
        [
            Employee(organisation=organisation, person_id=p, email=f"e{i}@acme.nl")
            for i, p in enumerate(people)
        ]
    )
    employees = list(organisation.employees.values_list("id", flat=True))
    Consent.objects.bulk_create([Consent(employee_id=e, via="cli") for e in employees[::3]])
    Consent.objects.bulk_create([Consent(employee_id=e, via="cli") for e in employees[1::3]])
    runs = [_run(organisation, employees, rng) for _ in range(RUNS)]
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return organisation, runs[-1]


def _plan(queryset) -> str:
    return queryset.explain()


def _assert_no_full_sort_or_scan(plan: str) -> None:
    if connection.vendor == "sqlite":
        # SQLite sorts equal first keys only (its CREATE INDEX has no NULLS LAST for the rest).
        assert "TEMP B-TREE FOR ORDER BY" not in plan, plan
        assert "SCAN insights_employeeinsight" not in plan, plan
    else:
        assert "Seq Scan on insights_employeeinsight" not in plan, plan
        assert "Sort" not in plan.split("Index")[0], plan


def test_the_best_brokers_are_read_through_their_index(analysed):
    _organisation, run = analysed
    best = (
        run.employees.select_related("employee").only(*_BROKER_COLUMNS).order_by(*BROKERS_FIRST)
    )[:20]
    plan = _plan(best)
    assert "insight_brokers_first" in plan, plan
    _assert_no_full_sort_or_scan(plan)


def test_the_limited_brokers_are_the_top_of_the_full_order(analysed):
    _organisation, run = analysed
    assert employee_rows(run=run, limit=25) == employee_rows(run=run)[:25]


def test_the_key_people_are_read_through_their_index(analysed):
    _organisation, run = analysed
    with CaptureQueriesContext(connection) as queries:
        people = _key_people(run, 10)
    (sql,) = [q["sql"] for q in queries.captured_queries]
    prefix = "EXPLAIN QUERY PLAN " if connection.vendor == "sqlite" else "EXPLAIN "
    with connection.cursor() as cursor:
        cursor.execute(prefix + sql)
        plan = "\n".join(
            str(row[-1] if connection.vendor == "sqlite" else row[0]) for row in cursor
        )
    assert "insight_key_people" in plan, plan
    _assert_no_full_sort_or_scan(plan)
    expected = sorted(
        (i for i in run.employees.select_related("employee") if i.unique_reach > 0),
        key=lambda i: (-i.unique_reach, i.employee_id),
    )
    expected = [i for i in expected if i.employee.has_consent()][:10]
    assert [p["employee"] for p in people] == [i.employee.email for i in expected]


def test_the_dashboard_reads_a_runs_figures_once_and_a_newer_run_at_once(analysed):
    organisation, run = analysed
    selectors._run_keys.cache_clear()
    first = dashboard_figures(organisation=organisation)
    assert first["reach"]["employees"] == EMPLOYEES
    first["reach"]["employees"] = -1  # a caller's change stays with that caller
    with CaptureQueriesContext(connection) as queries:
        again = dashboard_figures(organisation=organisation)
    assert again["reach"]["employees"] == EMPLOYEES
    assert not [q for q in queries.captured_queries if "figures" in q["sql"]], queries

    newer = AnalysisRun.objects.create(
        organisation=organisation,
        status=AnalysisRun.Status.DONE,
        finished_at=timezone.now(),
        figures={"employees": EMPLOYEES + 1, "ties": 11, "sources": {"vcard": 11}},
    )
    shown = dashboard_figures(organisation=organisation)
    assert shown["reach"]["employees"] == EMPLOYEES + 1
    assert shown["reach"]["ties"] == 11
    assert shown["sources"] == [("vcard", 11)]
    assert shown["analysed_at"] == newer.finished_at
