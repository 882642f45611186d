"""``AuditEvent.organisation`` (issue 12): whose log holds an event, written by the one INSERT,
back-filled for older events, and the only thing the admin's log filters on.

An attacker's attempts: an event by another organisation's employee that names us, a shared
address, an organisation id that does not exist, filters and pages that point at our rows.
"""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests.factories import acme, employee, login
from weakties.accounts.models import AuditEvent, Employee, Organisation
from weakties.accounts.services.audit import audit
from weakties.accounts.services.organisations import organisation_create
from weakties.people.services.directory import directory_import

pytestmark = pytest.mark.django_db

TOM, ANNA = "tom.jansen@acme.nl", "anna.devries@acme.nl"
GINA, GUS = "gina.admin@globex.example", "gus.staff@globex.example"
#: An address both organisations have (a consultant on both directories).
SHARED = "jan.vandenberg@acme.nl"

backfill = importlib.import_module(
    "weakties.accounts.migrations.0005_auditevent_organisation_backfill"
).backfill


@pytest.fixture
def two(tmp_path, settings):
    """Acme (Anna admin, Tom) and Globex (Gina admin, Gus, and Acme's Jan as well), all signed in."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    acme_org = acme(networks=False)
    globex = organisation_create(name="Globex NV", domain="globex.example")
    path = tmp_path / "globex.csv"
    path.write_text(
        "email,first_name,last_name,department,job_title,location,manager_email\n"
        f"{GINA},Gina,Admin,Board,Admin,Gent,\n"
        f"{GUS},Gus,Staff,Sales,Seller,Gent,\n"
        f"{SHARED},Jan,Consultant,Sales,Advisor,Gent,\n"
    )
    assert directory_import(path=path, organisation=globex).ok
    clients = {}
    for email, role in ((ANNA, "admin"), (TOM, None), (GINA, "admin"), (GUS, None)):
        clients[email] = Client()
        login(clients[email], email, role=role)
    return acme_org, globex, clients


def _fresh_user(email: str):
    """The user as a command or task has it: its employee not loaded."""
    return get_user_model().objects.get(username=email)


def _write_every_way(acme_org: Organisation, globex: Organisation) -> dict[str, int | None]:
    """One event per way the writer finds an organisation; marker → the organisation expected."""
    tom, gus = employee(TOM), employee(GUS)
    root = get_user_model().objects.create_superuser(username="root", email="root@x.example")
    expected: dict[str, int | None] = {}

    def event(marker: str, whose: Organisation | None, **kwargs) -> None:
        audit("probe", marker=marker, **kwargs)
        expected[marker] = whose.pk if whose else None

    # The acting employee's organisation wins over the one the details name.
    event("tom-loaded", acme_org, actor=tom.user, organisation=globex.name)
    event("tom-fresh", acme_org, actor=_fresh_user(TOM), organisation=globex.pk)
    event("gus-loaded-names-acme", globex, actor=gus.user, organisation=acme_org.name)
    event("gus-fresh-names-acme", globex, actor=_fresh_user(GUS), organisation=acme_org.pk)
    # No employee: the organisation the event is about, by id, object or name.
    event("root-about-globex-id", globex, actor=root, organisation=globex.pk)
    event("root-about-acme-object", acme_org, actor=root, organisation=acme_org)
    event("cli-about-acme-name", acme_org, actor_label="cli", organisation=acme_org.name)
    event("root-nothing", None, actor=root)
    event("root-unknown-id", None, actor=root, organisation=10**9)
    event("root-unknown-name", None, actor=root, organisation="Initech")
    event("root-true", None, actor=root, organisation=True)
    # The CLI acting as an employee without a login: their address, if only one has it.
    event("cli-as-gus", globex, actor_label=GUS)
    event("cli-as-tom", acme_org, actor_label=TOM)
    event("cli-as-shared", None, actor_label=SHARED)
    event("system", None, actor_label="retention")
    return expected


def _organisations(expected: dict[str, int | None]) -> dict[str, int | None]:
    rows = AuditEvent.objects.filter(action="probe").values_list(
        "detail__marker", "organisation_id"
    )
    found = dict(rows)
    assert set(found) == set(expected)
    return found


def test_the_writer_gives_each_event_its_organisation(two):
    acme_org, globex, _clients = two
    expected = _write_every_way(acme_org, globex)
    assert _organisations(expected) == expected


def test_each_event_is_one_insert_and_a_loaded_employee_costs_no_select(two):
    acme_org, globex, _clients = two
    user = employee(TOM).user  # as the request has it: the user with its employee
    with CaptureQueriesContext(connection) as queries:
        audit("who_knows", actor=user, company="Stripe", organisation=acme_org.name)
    sqls = [q["sql"] for q in queries.captured_queries]
    assert len(sqls) == 1 and sqls[0].startswith('INSERT INTO "accounts_auditevent"'), sqls
    assert "SELECT" not in sqls[0].upper()
    fresh = _fresh_user(GUS)
    with CaptureQueriesContext(connection) as queries:
        audit("who_knows", actor=fresh, company="Stripe")
    sqls = [q["sql"] for q in queries.captured_queries]
    assert len(sqls) == 1 and sqls[0].startswith('INSERT INTO "accounts_auditevent"'), sqls
    assert list(AuditEvent.objects.order_by("pk").values_list("organisation_id", flat=True)) == [
        acme_org.pk,
        globex.pk,
    ]


def test_the_backfill_follows_the_writers_rule(two):
    acme_org, globex, _clients = two
    expected = _write_every_way(acme_org, globex)
    AuditEvent.objects.update(organisation=None)  # as the events were before the column
    backfill(apps, None)
    assert _organisations(expected) == expected
    backfill(apps, None)  # a second run changes nothing
    assert _organisations(expected) == expected


def test_the_backfill_leaves_an_event_of_a_since_erased_actor_to_its_details(two):
    acme_org, globex, _clients = two
    gone = get_user_model().objects.create_user(username="gone@acme.nl")
    AuditEvent.objects.create(actor=gone, action="probe", detail={"marker": "gone"})
    AuditEvent.objects.create(
        actor=gone, action="probe", detail={"marker": "gone-about", "organisation": globex.pk}
    )
    backfill(apps, None)
    assert _organisations({"gone": None, "gone-about": None}) == {
        "gone": None,
        "gone-about": globex.pk,
    }


def _log(client: Client, query: str = "") -> str:
    response = client.get(f"/audit/{query}", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    return response.content.decode()


def _csv(client: Client, query: str = "") -> str:
    response = client.get(f"/audit/export.csv{query}")
    assert response.status_code == 200
    return response.content.decode("utf-8-sig")


def test_another_organisations_events_never_show(two):
    acme_org, globex, clients = two
    expected = _write_every_way(acme_org, globex)
    ours = {m for m, o in expected.items() if o == acme_org.pk}
    theirs = {m for m, o in expected.items() if o == globex.pk}
    nobodys = {m for m, o in expected.items() if o is None}
    tom, gus = employee(TOM), employee(GUS)
    for admin, mine, others, their_actor in (
        (clients[ANNA], ours, theirs | nobodys, gus.user_id),
        (clients[GINA], theirs, ours | nobodys, tom.user_id),
    ):
        for text in (_log(admin), _csv(admin)):
            assert all(m in text for m in mine), [m for m in mine if m not in text]
            assert not [m for m in others if m in text]
        # Pointing the filters or the pages at the other organisation opens nothing of it.
        for query in (
            f"?actor={their_actor}",
            "?action=probe&page=2",
            "?since=2000-01-01&until=2999-12-31",
            f"?organisation={globex.pk if admin is clients[ANNA] else acme_org.pk}",
        ):
            assert not [m for m in others if m in _log(admin, query) + _csv(admin, query)], query


def test_the_log_pages_through_its_own_events_only(two):
    acme_org, globex, clients = two
    tom, gus = employee(TOM), employee(GUS)
    for n in range(120):
        audit("probe", actor=tom.user, marker=f"acme-{n:03d}-x")
        audit("probe", actor=gus.user, marker=f"globex-{n:03d}-x")
    seen = ""
    for page in (1, 2, 3):
        seen += _log(clients[GINA], f"?action=probe&page={page}")
    assert "acme-" not in seen
    assert {f"globex-{n:03d}-x" for n in range(120)} <= {
        w
        for w in seen.replace("<", " ").replace(">", " ").replace('"', " ").split()
        if w.startswith("globex-")
    }


def test_an_employees_contacts_page_reads_searches_of_their_own_organisation(two):
    """``/audit/mine/`` finds a colleague's person search through the column, not another's."""
    from weakties.people.models import Person, Tie

    acme_org, globex, clients = two
    tom_employee = employee(TOM)
    person = Person.objects.create(first_name="Mehmet", last_name="Celik")
    Tie.objects.create(employee=tom_employee, person=person)
    anna, gus = employee(ANNA), employee(GUS)
    audit("intro", actor=anna.user, target="person", query="x", person_ids=[person.pk])
    audit("intro", actor=gus.user, target="person", query="y", person_ids=[person.pk])
    html = clients[TOM].get("/audit/mine/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Anna de Vries" in html and "Gus" not in html
    assert html.count('class="lookup-search"') == 1
    assert Employee.objects.filter(email=SHARED).count() == 2
