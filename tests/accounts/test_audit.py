"""accounts.services.audit: one INSERT per event, no read (issue 9: searches pay little for their audit line)."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext

from weakties.accounts.models import AuditEvent
from weakties.accounts.services.audit import audit

pytestmark = pytest.mark.django_db


def test_an_event_of_a_user_is_one_insert_and_no_read():
    user = get_user_model().objects.create_user(username="jan@acme.nl")
    with CaptureQueriesContext(connection) as queries:
        audit("who_knows", actor=user, company="Stripe")
    sqls = [q["sql"] for q in queries.captured_queries]
    assert len(sqls) == 1 and sqls[0].startswith('INSERT INTO "accounts_auditevent"'), sqls
    event = AuditEvent.objects.get()
    assert (event.actor_id, event.actor_label, event.action, event.detail) == (
        user.pk,
        "jan@acme.nl",
        "who_knows",
        {"company": "Stripe"},
    )


def test_a_user_known_only_by_key_is_not_fetched():
    """The caller's user object is not needed: a deferred one (only the key loaded) makes no read."""
    user = get_user_model().objects.create_user(username="jan@acme.nl")
    deferred = get_user_model().objects.only("pk").get(pk=user.pk)
    with CaptureQueriesContext(connection) as queries:
        audit("intro", actor=deferred, actor_label="jan (token)")
    assert len(queries.captured_queries) == 1
    assert AuditEvent.objects.get().actor_id == user.pk


def test_an_anonymous_actor_is_not_linked():
    audit("person_find", actor=AnonymousUser(), actor_label="cli")
    event = AuditEvent.objects.get()
    assert (event.actor_id, event.actor_label) == (None, "cli")
