"""Passwords are stored with Argon2; older hashes still verify and are upgraded (issue 12)."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password

from tests.conftest import PRODUCTION_HASHERS

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _production_hashers(settings):
    """The suite hashes with MD5 for speed (``tests/conftest.py``); these tests check production's."""
    assert PRODUCTION_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"
    settings.PASSWORD_HASHERS = PRODUCTION_HASHERS


PASSWORD = "s3cret-Passw0rd"


def test_a_new_password_is_stored_as_argon2():
    user = get_user_model().objects.create_user(username="ann", password=PASSWORD)
    user.refresh_from_db()
    assert user.password.startswith("argon2$argon2id$")
    assert user.check_password(PASSWORD)
    assert not user.check_password("wrong")


def test_an_old_pbkdf2_hash_still_logs_in_and_is_upgraded_to_argon2(client):
    user = get_user_model().objects.create_user(username="bob")
    user.password = make_password(PASSWORD, hasher="pbkdf2_sha256")
    user.save(update_fields=["password"])
    assert user.password.startswith("pbkdf2_sha256$")

    response = client.post("/login/", {"username": "bob", "password": PASSWORD})

    assert response.status_code == 302
    user.refresh_from_db()
    assert user.password.startswith("argon2$")
    assert user.check_password(PASSWORD)
