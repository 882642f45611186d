"""Wrong API tokens are counted per address and refused at the limit (issue 12).

Only failures are counted (in the process's memory): a valid token costs the
one query it cost before (``test_request_cost``) and leaves no count behind.
"""

from __future__ import annotations

import logging
import time

import pytest
from django.contrib.auth import get_user_model

from tests.factories import acme, employee
from weakties.accounts.models import ApiToken
from weakties.api import auth

pytestmark = pytest.mark.django_db

ATTACKER = "10.66.0.1"
OTHER = "10.66.0.2"


@pytest.fixture(autouse=True)
def _clean_counts():
    for address in (ATTACKER, OTHER):
        auth.forget_token_failures(address)
    yield
    for address in (ATTACKER, OTHER):
        auth.forget_token_failures(address)


@pytest.fixture
def key() -> str:
    acme()
    e = employee("tom.jansen@acme.nl")
    e.user = get_user_model().objects.create_user(username=e.email, password="x-Passw0rd-x")
    e.save()
    return ApiToken.issue(e.user, "test")[1]


def _reach(client, token: str, address: str):
    return client.get(
        "/api/reach",
        headers={"Authorization": f"Bearer {token}", "Accept-Language": "en"},
        REMOTE_ADDR=address,
    )


def test_twenty_wrong_tokens_block_the_address_even_for_a_right_one(client, key, settings, caplog):
    assert settings.WEAKTIES_TOKEN_FAILURE_LIMIT == 20
    caplog.set_level(logging.WARNING, logger="weakties.api.auth")
    statuses = [_reach(client, f"wt_guess{i}", ATTACKER).status_code for i in range(21)]
    assert statuses[:19] == [401] * 19
    assert statuses[19:] == [429, 429]

    refused = _reach(client, key, ATTACKER)
    assert refused.status_code == 429
    assert "too many wrong API tokens" in refused.json()["detail"]
    assert any(ATTACKER in r.getMessage() for r in caplog.records)

    # Another address is not affected, and its valid token leaves no count behind.
    assert _reach(client, key, OTHER).status_code == 200
    assert OTHER not in auth._failures


def test_failures_older_than_the_cool_off_no_longer_count(client, key, settings):
    settings.WEAKTIES_TOKEN_FAILURE_LIMIT = 3
    for i in range(2):
        _reach(client, f"wt_guess{i}", ATTACKER)
    assert auth._failures[ATTACKER][0] == 2
    count, since = auth._failures[ATTACKER]
    auth._failures[ATTACKER] = (count, since - 16 * 60)  # the window began 16 minutes ago
    assert _reach(client, "wt_guess-again", ATTACKER).status_code == 401
    assert auth._failures[ATTACKER][0] == 1
    assert _reach(client, key, ATTACKER).status_code == 200


def test_the_memory_is_bounded(client, key, settings, monkeypatch):
    monkeypatch.setattr(auth, "MAX_ADDRESSES", 2)
    _reach(client, "wt_guess", ATTACKER)
    _reach(client, "wt_guess", OTHER)
    _reach(client, "wt_guess", "10.66.0.3")
    assert len(auth._failures) <= 2
    auth.forget_token_failures("10.66.0.3")


def test_the_block_ends_after_the_cool_off(client, key, settings):
    settings.WEAKTIES_TOKEN_FAILURE_LIMIT = 2
    for i in range(2):
        _reach(client, f"wt_guess{i}", ATTACKER)
    assert _reach(client, key, ATTACKER).status_code == 429
    # The cool-off passes.
    auth._blocked_until[ATTACKER] = time.monotonic() - 1
    assert _reach(client, key, ATTACKER).status_code == 200
    assert ATTACKER not in auth._blocked_until
    assert ATTACKER not in auth._failures


def test_a_revoked_token_counts_as_a_failure(client, key):
    ApiToken.objects.all().delete()
    assert _reach(client, key, ATTACKER).status_code == 401
    assert auth._failures[ATTACKER][0] == 1


def test_the_refusal_is_in_dutch_for_a_dutch_caller(client, settings):
    settings.WEAKTIES_TOKEN_FAILURE_LIMIT = 1
    response = client.get(
        "/api/reach",
        headers={"Authorization": "Bearer wt_guess", "Accept-Language": "nl"},
        REMOTE_ADDR=ATTACKER,
    )
    assert response.status_code == 429
    assert "te veel verkeerde API-tokens" in response.json()["detail"]
