"""Wrong API tokens are counted per address and refused at the limit (issue 12).

Only failures touch the shared cache: a valid token costs the one query it
cost before (``test_request_cost``) and leaves no count behind.
"""

from __future__ import annotations

import logging
import time

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache

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
    assert cache.get(auth._cache_key(OTHER)) is None


def test_the_count_is_shared_so_another_worker_blocks_at_its_first_failure(client, key, settings):
    settings.WEAKTIES_TOKEN_FAILURE_LIMIT = 3
    for i in range(3):
        _reach(client, f"wt_guess{i}", ATTACKER)
    assert cache.get(auth._cache_key(ATTACKER))[0] == 3
    auth._blocked_until.clear()  # a worker process that has seen none of them
    assert _reach(client, key, ATTACKER).status_code == 200  # nothing known here yet
    assert _reach(client, "wt_guess-again", ATTACKER).status_code == 429
    assert _reach(client, key, ATTACKER).status_code == 429


def test_the_block_ends_after_the_cool_off(client, key, settings):
    settings.WEAKTIES_TOKEN_FAILURE_LIMIT = 2
    for i in range(2):
        _reach(client, f"wt_guess{i}", ATTACKER)
    assert _reach(client, key, ATTACKER).status_code == 429
    # The cool-off passes: the cache entry expires, the process's own record runs out.
    cache.delete(auth._cache_key(ATTACKER))
    auth._blocked_until[ATTACKER] = time.monotonic() - 1
    assert _reach(client, key, ATTACKER).status_code == 200
    assert ATTACKER not in auth._blocked_until


def test_a_revoked_token_counts_as_a_failure(client, key):
    ApiToken.objects.all().delete()
    assert _reach(client, key, ATTACKER).status_code == 401
    assert cache.get(auth._cache_key(ATTACKER))[0] == 1


def test_the_refusal_is_in_dutch_for_a_dutch_caller(client, settings):
    settings.WEAKTIES_TOKEN_FAILURE_LIMIT = 1
    response = client.get(
        "/api/reach",
        headers={"Authorization": "Bearer wt_guess", "Accept-Language": "nl"},
        REMOTE_ADDR=ATTACKER,
    )
    assert response.status_code == 429
    assert "te veel verkeerde API-tokens" in response.json()["detail"]
