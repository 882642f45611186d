"""Sign-in rate limit and lock-out (django-axes) on the web and admin logins (issue 12)."""

import datetime as dt
import logging

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model

pytestmark = pytest.mark.django_db

PASSWORD = "s3cret-Passw0rd"


@pytest.fixture
def user():
    return get_user_model().objects.create_user(
        username="ann@acme.nl", password=PASSWORD, is_staff=True, is_superuser=True
    )


def _sign_in(client, url, password, **headers):
    return client.post(url, {"username": "ann@acme.nl", "password": password}, **headers)


def _cool_off_passed():
    """Move every counted failure back past the 15-minute cool-off."""
    for attempt in AccessAttempt.objects.all():
        attempt.attempt_time -= dt.timedelta(minutes=16)
        attempt.save(update_fields=["attempt_time"])


@pytest.mark.parametrize("url", ["/login/", "/admin/login/"])
def test_six_wrong_passwords_lock_the_account_until_the_cool_off(client, user, url, caplog):
    caplog.set_level(logging.WARNING)
    statuses = [
        _sign_in(client, url, f"wrong-{i}", HTTP_ACCEPT_LANGUAGE="en").status_code for i in range(6)
    ]
    assert statuses[:4] == [200] * 4  # the form again, with its error
    assert statuses[4:] == [429, 429]  # the fifth failure locks

    refused = _sign_in(client, url, PASSWORD, HTTP_ACCEPT_LANGUAGE="en")
    assert refused.status_code == 429
    assert b"Too many sign-in attempts" in refused.content
    assert b"15 minutes" in refused.content
    assert "_auth_user_id" not in client.session
    assert any("locking out" in r.getMessage().lower() for r in caplog.records)
    attempt = AccessAttempt.objects.get(username="ann@acme.nl")
    assert attempt.ip_address == "127.0.0.1"
    assert attempt.failures_since_start >= 5

    _cool_off_passed()
    allowed = _sign_in(client, url, PASSWORD)
    assert allowed.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


def test_the_lock_out_page_is_in_dutch_for_a_dutch_reader(client, user):
    for i in range(5):
        _sign_in(client, "/login/", f"wrong-{i}", HTTP_ACCEPT_LANGUAGE="nl")
    page = _sign_in(client, "/login/", PASSWORD, HTTP_ACCEPT_LANGUAGE="nl")
    assert page.status_code == 429
    assert "Te veel inlogpogingen" in page.content.decode()


def test_another_address_is_not_locked_out(client, user):
    for i in range(5):
        _sign_in(client, "/login/", f"wrong-{i}")
    assert _sign_in(client, "/login/", PASSWORD).status_code == 429
    other = _sign_in(type(client)(), "/login/", PASSWORD, REMOTE_ADDR="10.0.0.7")
    assert other.status_code == 302


def test_a_good_sign_in_resets_the_count(client, user):
    for i in range(4):
        _sign_in(client, "/login/", f"wrong-{i}")
    assert _sign_in(client, "/login/", PASSWORD).status_code == 302
    client.logout()
    for i in range(4):
        assert _sign_in(client, "/login/", f"again-{i}").status_code == 200
    assert _sign_in(client, "/login/", PASSWORD).status_code == 302
