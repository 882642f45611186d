"""Issue 12, attack: probing ``/api/intro?person=<email>`` to learn who is a known contact."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from tests.factories import acme, employee, login
from weakties.accounts.models import ApiToken, AuditEvent
from weakties.notifications.models import Notice
from weakties.people.models import Person

pytestmark = pytest.mark.django_db


def _token(email: str) -> str:
    e = employee(email)
    e.user = get_user_model().objects.create_user(username=email, password="x-Passw0rd-x")
    e.save()
    _, key = ApiToken.issue(e.user, "test")
    return key


def _intro(client, key: str, **params):
    return client.get("/api/intro", params, headers={"Authorization": f"Bearer {key}"})


def test_audit_names_who_was_looked_up_without_the_address(client):
    acme()
    key = _token("tom.jansen@acme.nl")
    response = _intro(client, key, person="Mehmet.Celik@Example.com")
    assert response.status_code == 200
    rows = response.json()
    assert {r["introducer"] for r in rows} == {"jan.vandenberg@acme.nl"}
    # Only what asking for an introduction needs: no address, no phone.
    assert set(rows[0]["contact"]) <= {"id", "name", "company", "position"}
    mehmet = Person.objects.get(first_name="Mehmet")
    event = AuditEvent.objects.filter(action="intro").latest("at")
    assert event.detail["target"] == "person"
    assert event.detail["person_ids"] == [mehmet.pk]
    assert event.detail["query"].startswith("email:") and "mehmet" not in event.detail["query"]
    assert event.detail["query"] != "(person)"


def test_nobody_is_the_same_answer_whether_or_not_the_address_is_stored(client):
    acme()
    jan = employee("jan.vandenberg@acme.nl")
    # Eva stays stored, but the only colleague who knows her no longer shares.
    jan.consents.update(withdrawn_at="2026-01-01T00:00:00Z")
    key = _token("tom.jansen@acme.nl")
    answers = []
    for address in ("eva.smit@example.org", "anna.devries@acme.nl", "no.such.person@example.org"):
        response = _intro(client, key, person=address)
        assert response.status_code == 200
        answers.append((response.content, response.headers.get("X-Total-Count")))
    assert Person.objects.filter(first_name="Eva").exists()
    assert answers[0] == answers[1] == answers[2]
    assert answers[0][0] == b"[]"


def test_a_burst_of_person_searches_is_refused_and_flagged_once(client, settings):
    settings.PERSON_SEARCHES_PER_HOUR = 3
    settings.LANGUAGE_CODE = "en"
    acme()
    admin = employee("anna.devries@acme.nl")
    admin.role = "admin"
    admin.save()
    key = _token("tom.jansen@acme.nl")
    guesses = [f"guess{i}@example.org" for i in range(6)]
    codes = [_intro(client, key, person=g).status_code for g in guesses]
    assert codes == [200, 200, 200, 429, 429, 429]
    refused = _intro(client, key, person="mehmet.celik@example.com")
    assert refused.status_code == 429
    assert "more than 3 people" in refused.json()["detail"]
    assert refused.headers["Retry-After"] == "3600"
    # Company searches are not limited.
    assert _intro(client, key, company="Stripe").status_code == 200
    notices = Notice.objects.filter(kind="search.burst")
    assert [n.employee_id for n in notices] == [admin.pk]
    assert "tom.jansen@acme.nl" in notices[0].subject
    assert AuditEvent.objects.filter(action="intro.person_burst").count() == 1


def test_the_page_says_so_when_over_the_limit(client, settings):
    settings.PERSON_SEARCHES_PER_HOUR = 1
    acme()
    login(client, "tom.jansen@acme.nl")
    params = {"target": "person", "query": "guess@example.org", "purpose": "info"}
    assert client.get("/insights/intro/", params).status_code == 200
    response = client.get(
        "/insights/intro/", {**params, "query": "other@example.org"}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 200
    assert "more than 1 people" in response.content.decode()
