"""The fixed cost of an API request (issue 9): one query to know the caller, no write but the audit line.

* ``TokenAuth`` finds the token, user, employee and organisation in one query;
  no endpoint loads them again.
* ``ApiToken.last_used_at`` is written at most once a minute per token.
* A search writes its audit line with one INSERT and no read.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.factories import acme, employee
from weakties.accounts.models import ApiToken, AuditEvent
from weakties.api.auth import LAST_USED_RESOLUTION

pytestmark = pytest.mark.django_db

WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE")


def _token(email: str, *, role: str | None = None) -> str:
    e = employee(email)
    e.user = get_user_model().objects.create_user(username=email, email=email)
    if role:
        e.role = role
    e.save()
    return ApiToken.issue(e.user, "test")[1]


def _get(client, path: str, key: str, **params):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path, params, headers={"Authorization": f"Bearer {key}"})
    assert response.status_code == 200, response.content
    return response, [q["sql"] for q in queries.captured_queries]


def _writes(sqls: list[str]) -> list[str]:
    return [s for s in sqls if s.lstrip().upper().startswith(WRITES)]


def _token_updates(sqls: list[str]) -> list[str]:
    return [s for s in _writes(sqls) if '"accounts_apitoken"' in s]


def _used_a_while_ago(key: str, *, ago: dt.timedelta) -> None:
    ApiToken.objects.filter(key_hash=ApiToken.hash(key)).update(last_used_at=timezone.now() - ago)


def _last_used(key: str) -> dt.datetime | None:
    return ApiToken.objects.get(key_hash=ApiToken.hash(key)).last_used_at


def test_token_use_is_written_once_within_a_minute(client):
    acme(networks=False)
    key = _token("tom.jansen@acme.nl")
    _, first = _get(client, "/api/me", key)
    stamped = _last_used(key)
    _, second = _get(client, "/api/me", key)
    assert len(_token_updates(first)) == 1 and stamped is not None
    assert _token_updates(second) == []
    assert _last_used(key) == stamped


def test_token_use_is_written_again_after_a_minute(client):
    acme(networks=False)
    key = _token("tom.jansen@acme.nl")
    _get(client, "/api/me", key)
    _used_a_while_ago(key, ago=LAST_USED_RESOLUTION + dt.timedelta(seconds=1))
    before = _last_used(key)
    _, sqls = _get(client, "/api/me", key)
    assert len(_token_updates(sqls)) == 1
    assert _last_used(key) > before
    # A use just inside the minute writes nothing.
    _used_a_while_ago(key, ago=LAST_USED_RESOLUTION - dt.timedelta(seconds=5))
    _, sqls = _get(client, "/api/me", key)
    assert _token_updates(sqls) == []


def test_a_trivial_authenticated_request_costs_one_query(client):
    acme(networks=False)
    key = _token("tom.jansen@acme.nl", role="admin")
    _get(client, "/api/me", key)  # the first use writes last_used_at
    response, sqls = _get(client, "/api/me", key)
    assert response.json() == {
        "email": "tom.jansen@acme.nl",
        "organisation": "Acme BV",
        "admin": True,
    }
    assert len(sqls) == 1, sqls
    # The one query brings the user, the employee and the organisation along.
    for table in ("auth_user", "accounts_employee", "accounts_organisation"):
        assert f'JOIN "{table}"' in sqls[0]


def test_a_superuser_who_is_no_employee_costs_one_more_query(client):
    acme(networks=False)
    user = get_user_model().objects.create_superuser(username="root", email="root@acme.nl")
    _, key = ApiToken.issue(user, "test")
    _get(client, "/api/me", key)
    response, sqls = _get(client, "/api/me", key)
    assert response.json() == {"email": "root@acme.nl", "organisation": "Acme BV", "admin": True}
    assert len(sqls) == 2, sqls


def test_me_without_an_organisation_is_refused(client):
    acme(networks=False)
    user = get_user_model().objects.create_user(username="stranger", email="x@example.org")
    _, key = ApiToken.issue(user, "test")
    response = client.get("/api/me", headers={"Authorization": f"Bearer {key}"})
    assert response.status_code == 403


def test_an_inactive_user_is_refused_and_nothing_is_written(client):
    acme(networks=False)
    key = _token("tom.jansen@acme.nl")
    get_user_model().objects.filter(username="tom.jansen@acme.nl").update(is_active=False)
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/api/me", headers={"Authorization": f"Bearer {key}"})
    assert response.status_code == 401
    assert _writes([q["sql"] for q in queries.captured_queries]) == []
    assert _last_used(key) is None


def _loads_the_caller_again(sql: str) -> bool:
    """A query that reads the user, the employee of a user or an organisation by itself."""
    head = sql.split(" WHERE ")[0]
    return head.rstrip().endswith(('FROM "auth_user"', 'FROM "accounts_organisation"')) or (
        '"accounts_employee"."user_id" =' in sql and 'FROM "accounts_apitoken"' not in sql
    )


@pytest.mark.parametrize(
    ("path", "params"),
    [("/api/who-knows", {"company": "Stripe"}), ("/api/intro", {"company": "Stripe"})],
)
def test_a_search_writes_only_its_audit_line(client, path, params):
    """One INSERT, with no SELECT in it: the organisation is the one the token loaded."""
    organisation = acme()
    key = _token("tom.jansen@acme.nl")
    _get(client, "/api/me", key)  # last_used_at is fresh now
    _, sqls = _get(client, path, key, **params)
    writes = _writes(sqls)
    assert len(writes) == 1 and writes[0].startswith('INSERT INTO "accounts_auditevent"'), writes
    assert "SELECT" not in writes[0].upper(), writes[0]
    assert not [s for s in sqls if _loads_the_caller_again(s)]
    audit_reads = [
        s for s in sqls if "accounts_auditevent" in s and s.lstrip().startswith("SELECT")
    ]
    assert audit_reads == []
    event = AuditEvent.objects.order_by("-pk").first()
    assert event.actor.username == "tom.jansen@acme.nl"
    assert event.actor_label == "tom.jansen@acme.nl"
    assert event.organisation_id == organisation.pk


def test_a_search_with_a_stale_token_adds_one_token_update(client):
    acme()
    key = _token("tom.jansen@acme.nl")
    _used_a_while_ago(key, ago=dt.timedelta(hours=1))
    _, sqls = _get(client, "/api/who-knows", key, company="Stripe")
    writes = _writes(sqls)
    assert len(writes) == 2, writes
    assert len(_token_updates(sqls)) == 1
    assert sum(w.startswith('INSERT INTO "accounts_auditevent"') for w in writes) == 1


def test_the_caller_loaded_with_the_token_is_the_real_user_employee_and_organisation():
    """The one query builds real model instances; what it leaves out is read when asked for."""
    from weakties.api.auth import _load

    acme(networks=False)
    key = _token("tom.jansen@acme.nl", role="admin")
    user, stale = _load(ApiToken.hash(key))
    assert stale  # never used yet
    stored = get_user_model().objects.get(pk=user.pk)
    assert (user.username, user.is_active, user.is_superuser) == ("tom.jansen@acme.nl", True, False)
    with CaptureQueriesContext(connection) as queries:
        e = user.employee
        assert (e.email, e.role, e.active, e.organisation.name) == (
            "tom.jansen@acme.nl",
            "admin",
            True,
            "Acme BV",
        )
    assert len(queries) == 0
    assert user.date_joined == stored.date_joined  # deferred: one query, the right value
    assert e.created_at == employee("tom.jansen@acme.nl").created_at


def test_a_token_of_a_deactivated_user_or_an_unknown_token_is_refused(client):
    acme(networks=False)
    key = _token("tom.jansen@acme.nl")
    get_user_model().objects.filter(username="tom.jansen@acme.nl").update(is_active=False)
    for bearer in (key, key + "x", "wt_unknown"):
        response = client.get("/api/me", headers={"Authorization": f"Bearer {bearer}"})
        assert response.status_code == 401, bearer


def test_a_user_who_is_no_employee_has_no_employee_attached():
    from weakties.api.auth import _load

    user = get_user_model().objects.create_user(username="root", is_superuser=True)
    key = ApiToken.issue(user, "t")[1]
    loaded, _stale = _load(ApiToken.hash(key))
    assert loaded.pk == user.pk and loaded.is_superuser
    assert getattr(loaded, "employee", None) is None
