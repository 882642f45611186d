"""The audit pages (issue 12): an employee sees who looked up their contacts, an admin the
organisation's log, filtered, paged, as CSV, without contact details — and nobody more.

Permissions are tried the way an attacker would: another role, another organisation's admin.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from tests.factories import acme, employee, login
from weakties.accounts.models import AuditEvent
from weakties.accounts.services.audit import audit
from weakties.accounts.services.organisations import organisation_create
from weakties.insights.services.introductions import introductions
from weakties.introductions.services.requests import introduction_request
from weakties.people.models import Person
from weakties.people.selectors.who_knows import who_knows
from weakties.people.services.directory import directory_import

pytestmark = pytest.mark.django_db

JAN, SOPHIE, TOM, ANNA = (
    "jan.vandenberg@acme.nl",
    "sophie.bakker@acme.nl",
    "tom.jansen@acme.nl",
    "anna.devries@acme.nl",
)
MEHMET_EMAIL = "mehmet.celik@example.com"


@pytest.fixture
def world(tmp_path, settings):
    """Acme: Tom (recruiter) looks Mehmet up by email and asks Jan to introduce him; Globex beside it."""
    # Seven logins per test: a fast hasher (the password hashing is not what is tested here).
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    org = acme()
    clients = {}
    for email, role in ((JAN, None), (SOPHIE, None), (TOM, "recruiter"), (ANNA, "admin")):
        clients[email] = Client()
        login(clients[email], email, role=role)
    tom = employee(TOM)
    introductions(organisation=org, person=MEHMET_EMAIL, actor=tom.user)
    who_knows(
        company="call me on lotte@rabobank.example or +31 6 1234 5678",
        organisation=org,
        actor=tom.user,
    )
    mehmet = Person.objects.get(last_name="Çelik")
    introduction_request(
        requester=tom,
        introducer=employee(JAN),
        person=mehmet,
        reason="Logistics",
        questions=["How do you plan?"],
    )
    globex = organisation_create(name="Globex NV", domain="globex.example")
    path = tmp_path / "globex.csv"
    path.write_text(
        "email,first_name,last_name,department,job_title,location,manager_email\n"
        "gina.admin@globex.example,Gina,Admin,Board,Admin,Gent,\n"
        "gus.staff@globex.example,Gus,Staff,Sales,Seller,Gent,\n"
    )
    assert directory_import(path=path, organisation=globex).ok
    for email, role in (("gina.admin@globex.example", "admin"), ("gus.staff@globex.example", None)):
        clients[email] = Client()
        login(clients[email], email, role=role)
    gus = employee("gus.staff@globex.example")
    audit("who_knows", actor=gus.user, company="Globex secret", organisation=globex.name)
    return clients


def _html(client, path, language="en"):
    response = client.get(path, HTTP_ACCEPT_LANGUAGE=language)
    return response.status_code, response.content.decode()


def test_the_owner_sees_who_looked_up_and_asked_about_their_contact(world):
    status, html = _html(world[JAN], "/audit/mine/")
    assert status == 200
    assert html.count('class="lookup-search"') == 1 and html.count('class="lookup-request"') == 1
    assert "Tom Jansen" in html and "Mehmet Çelik" in html
    assert MEHMET_EMAIL not in html.lower()
    status, html = _html(world[JAN], "/audit/mine/", "nl")
    assert "Wie zocht mijn contacten op" in html and "zocht naar" in html


def test_an_employee_who_does_not_know_the_person_sees_nothing_of_it(world):
    status, html = _html(world[SOPHIE], "/audit/mine/")
    assert status == 200 and 'id="no-lookups"' in html and "Mehmet" not in html


def test_the_searcher_does_not_see_their_own_search_as_someone_elses(world):
    _status, html = _html(world[TOM], "/audit/mine/")
    assert "Mehmet" not in html


def test_the_admin_reads_the_log_without_contact_details(world):
    status, html = _html(world[ANNA], "/audit/")
    assert status == 200
    assert "who_knows" in html and "intro.requested" in html
    assert "lotte@rabobank.example" not in html and "1234 5678" not in html
    assert "[email]" in html and "[phone]" in html
    assert MEHMET_EMAIL not in html.lower() and "email:" in html  # the digest, not the address
    assert "Globex secret" not in html and "Gus" not in html


def test_the_admin_filters_by_actor_action_and_dates(world):
    tom = employee(TOM)
    _s, html = _html(world[ANNA], f"/audit/?actor={tom.user_id}&action=who_knows")
    assert 'id="audit-count">1 event<' in html
    today = dt.date.today()
    _s, html = _html(world[ANNA], f"/audit/?since={today + dt.timedelta(days=1)}")
    assert 'id="audit-count">0 events<' in html
    _s, html = _html(world[ANNA], f"/audit/?since={today}&until={today - dt.timedelta(days=1)}")
    assert "is after" in html


def test_the_log_is_paged(world):
    anna = employee(ANNA)
    for n in range(60):
        audit("page_test", actor=anna.user, n=n)
    _s, first = _html(world[ANNA], "/audit/?action=page_test")
    _s, second = _html(world[ANNA], "/audit/?action=page_test&page=2")
    assert first.count("page_test</code>") == 50 and second.count("page_test</code>") == 10
    assert "page 1 of 2" in first


def test_the_csv_export_has_the_filtered_events_without_contact_details(world):
    response = world[ANNA].get("/audit/export.csv?action=who_knows", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8-sig")
    lines = text.strip().splitlines()
    assert lines[0].startswith("when,who,action,detail") and len(lines) == 2
    assert "Tom Jansen" in text and "[email]" in text and "lotte@rabobank.example" not in text


@pytest.mark.parametrize("email", [JAN, TOM, "gus.staff@globex.example"])
def test_no_one_but_the_admin_reads_the_log_or_its_csv(world, email):
    assert world[email].get("/audit/").status_code == 403
    assert world[email].get("/audit/export.csv").status_code == 403


def test_anonymous_is_sent_to_sign_in(world):
    for path in ("/audit/", "/audit/mine/", "/audit/export.csv"):
        response = Client().get(path)
        assert response.status_code == 302 and "/login/" in response["Location"]


def test_another_organisations_admin_sees_nothing_of_ours(world):
    gina = world["gina.admin@globex.example"]
    _s, html = _html(gina, "/audit/")
    assert "Globex secret" in html
    for ours in ("Tom Jansen", "intro.requested", "Acme", "[email]"):
        assert ours not in html, ours
    text = gina.get("/audit/export.csv").content.decode("utf-8-sig")
    assert "Tom" not in text and "Globex secret" in text
    # Filtering by one of our logins does not open our events either.
    tom = employee(TOM)
    _s, html = _html(gina, f"/audit/?actor={tom.user_id}")
    assert "Tom Jansen" not in html


def test_the_owner_page_ignores_searches_in_another_organisation(world):
    gus = employee("gus.staff@globex.example")
    mehmet = Person.objects.get(last_name="Çelik")
    AuditEvent.objects.create(
        actor=gus.user, action="intro", detail={"target": "person", "person_ids": [mehmet.pk]}
    )
    _s, html = _html(world[JAN], "/audit/mine/")
    assert "Gus" not in html and html.count('class="lookup-search"') == 1


def test_an_admins_privacy_lookup_of_the_contact_shows_to_the_owner(world):
    from weakties.privacy.services.subjects import subject_find

    subject_find(MEHMET_EMAIL, actor=employee(ANNA).user)
    _s, html = _html(world[JAN], "/audit/mine/")
    assert html.count('class="lookup-search"') == 2 and "Anna de Vries" in html
    _s, html = _html(world[SOPHIE], "/audit/mine/")
    assert "Anna de Vries" not in html
