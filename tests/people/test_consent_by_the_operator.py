"""Issue 12 §6: ``weakties consent give --owner`` no longer gives consent on the employee's behalf.

Consent is the employee's own act: the operator may record it only by naming
the record of the employee's consent (audited), or by acting as the employee
with their own login.
"""

from __future__ import annotations

import json

import pytest
from django.contrib.auth import get_user_model

from tests.factories import acme, employee
from weakties.accounts.models import AuditEvent, Consent
from weakties.cli.main import main

pytestmark = pytest.mark.django_db

TOM = "tom.jansen@acme.nl"  # in the directory, has not shared his network


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _active(email: str) -> bool:
    return Consent.objects.filter(employee=employee(email), withdrawn_at__isnull=True).exists()


def test_the_operator_alone_cannot_give_consent(capsys, settings):
    settings.LANGUAGE_CODE = "en"
    acme()
    code, _, err = run(capsys, "consent", "give", "--owner", TOM)
    assert code != 0
    assert len(err.strip().splitlines()) == 1
    assert "own act" in err and "--consent-given-by-owner" in err
    assert not _active(TOM)


def test_acting_as_someone_else_is_refused(capsys):
    acme()
    code, _, _err = run(capsys, "consent", "give", "--owner", TOM, "--as", "jan.vandenberg@acme.nl")
    assert code != 0
    assert not _active(TOM)


def test_the_named_record_gives_consent_and_is_audited(capsys):
    acme()
    code, out, err = run(
        capsys,
        "consent",
        "give",
        "--owner",
        TOM,
        "--consent-given-by-owner",
        "form 2026-17",
        "--json",
    )
    assert code == 0, err
    assert json.loads(out)["consent"] is True and _active(TOM)
    event = AuditEvent.objects.get(action="consent.given_by_owner")
    assert "form 2026-17" in json.dumps(event.detail) and TOM in json.dumps(event.detail)


def test_the_employee_gives_it_themselves(capsys):
    acme()
    tom = employee(TOM)
    tom.user = get_user_model().objects.create_user(username=TOM, email=TOM)
    tom.save()
    code, _out, err = run(capsys, "consent", "give", "--owner", TOM, "--as", TOM, "--json")
    assert code == 0, err
    assert _active(TOM)
    event = AuditEvent.objects.get(action="consent.given")
    assert event.detail["employee"] == tom.pk and event.actor_id == tom.user.pk
