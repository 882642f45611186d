"""Issue 12, attack: ``weakties user create … --password a`` bypassed Django's password validators."""

from __future__ import annotations

import json

import pytest
from django.contrib.auth import get_user_model

from tests.factories import acme
from weakties.cli.main import main

pytestmark = pytest.mark.django_db

JAN = "jan.vandenberg@acme.nl"


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("weak", ["a", "password", "vandenberg1"])
def test_a_weak_password_is_refused_in_one_line(capsys, settings, weak):
    settings.LANGUAGE_CODE = "en"
    acme(networks=False)
    code, _, err = run(capsys, "user", "create", JAN, "--password", weak)
    assert code != 0
    assert len(err.strip().splitlines()) == 1 and "password is refused" in err
    assert not get_user_model().objects.filter(username=JAN).exists()


def test_a_weak_password_does_not_replace_a_good_one(capsys):
    acme(networks=False)
    code, _, err = run(capsys, "user", "create", JAN, "--password", "lang-Genoeg-2026", "--json")
    assert code == 0, err
    code, _, _ = run(capsys, "user", "create", JAN, "--password", "12345678")
    assert code != 0
    user = get_user_model().objects.get(username=JAN)
    assert user.check_password("lang-Genoeg-2026") and not user.check_password("12345678")


def test_a_good_or_random_password_is_accepted(capsys):
    acme(networks=False)
    code, out, err = run(capsys, "user", "create", JAN, "--json")
    assert code == 0, err
    random = json.loads(out)["password"]
    assert get_user_model().objects.get(username=JAN).check_password(random)


def test_the_refusal_speaks_dutch(capsys, settings):
    settings.LANGUAGE_CODE = "nl"
    acme(networks=False)
    code, _, err = run(capsys, "user", "create", JAN, "--password", "a")
    assert code != 0 and "wachtwoord wordt geweigerd" in err and "te algemeen" in err
