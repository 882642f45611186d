"""A referred candidate's own data (issue 12 §1): found by their address, exported and erased.

A candidate who applies through a colleague's referral link leaves what they typed on the
apply page (name, address, LinkedIn URL, message) in a :class:`Referral`, and is no person in
anyone's network.  An admin finds it by the address from the web, the CLI and the API, takes
it away as JSON or CSV, and erases it; another organisation's admin finds nothing.
"""

from __future__ import annotations

import io
import json
import zipfile

import pytest
from django.core.management import call_command

from tests.factories import employee
from tests.privacy.conftest import bearer, signed_in, user_of
from weakties.accounts.models import AuditEvent
from weakties.people.models import Erasure, Person
from weakties.people.services.identity import digest
from weakties.referrals.models import Referral
from weakties.referrals.services.referrals import referral_apply
from weakties.referrals.services.vacancies import vacancy_create

pytestmark = pytest.mark.django_db

CANDIDATE = "Noor.Haddad@Example.net"
NAME = "Noor Haddad"
MESSAGE = "Ik werk nu bij de gemeente, bel me op 06 98765432."
ADMIN = "anna.devries@acme.nl"


@pytest.fixture
def candidate(org):
    vacancy = vacancy_create(organisation=org, title="Data engineer", actor_label="test")
    referral, created = referral_apply(
        vacancy=vacancy,
        referrer=employee("jan.vandenberg@acme.nl"),
        name=NAME,
        email=CANDIDATE,
        linkedin_url="https://www.linkedin.com/in/noor-haddad",
        message=MESSAGE,
    )
    assert created and not Person.objects.filter(last_name="Haddad").exists()
    return referral


def _held(export: dict) -> dict:
    [row] = export["referrals"]
    return row


def _gone() -> None:
    assert not Referral.objects.filter(email_digest=digest("noor.haddad@example.net")).exists()
    assert Erasure.objects.filter(kind="email", digest=digest("noor.haddad@example.net")).exists()
    assert Erasure.objects.filter(kind="linkedin", digest=digest("linkedin.com/in/noor-haddad"))
    for event in AuditEvent.objects.all():
        text = json.dumps(event.detail, ensure_ascii=False) + (event.actor_label or "")
        assert "Haddad" not in text and "noor" not in text.lower()


def test_the_web_shows_downloads_and_erases_the_candidate(candidate, client):
    signed_in(client, ADMIN, role="admin")
    employee(ADMIN).__class__.objects.filter(email=ADMIN).update(language="en")
    page = client.post("/privacy/people/", {"q": CANDIDATE.lower()}).content.decode()
    assert 'id="held"' in page and "1 referral" in page
    download = client.post("/privacy/people/", {"q": CANDIDATE, "format": "json"})
    row = _held(json.loads(download.content))
    assert (row["name"], row["email"], row["message"]) == (
        NAME,
        "noor.haddad@example.net",
        MESSAGE,
    )
    assert row["linkedin_url"].endswith("/in/noor-haddad") and row["vacancy"] == "Data engineer"
    zipped = client.post("/privacy/people/", {"q": CANDIDATE, "format": "zip"})
    with zipfile.ZipFile(io.BytesIO(zipped.content)) as archive:
        assert NAME in archive.read("referrals.csv").decode("utf-8-sig")

    done = client.post("/privacy/people/erase/", {"q": CANDIDATE, "confirm": "ERASE"})
    assert 'id="erased"' in done.content.decode()
    _gone()
    again = client.post("/privacy/people/", {"q": CANDIDATE}).content.decode()
    assert 'id="not-found"' in again


def test_the_cli_exports_and_erases_the_candidate(candidate, capsys):
    user_of(ADMIN, role="admin")
    call_command("person", "export", CANDIDATE, "--as", ADMIN, "--json")
    row = _held(json.loads(capsys.readouterr().out))
    assert row["name"] == NAME and row["message"] == MESSAGE
    call_command("person", "erase", CANDIDATE, "--json")
    result = json.loads(capsys.readouterr().out)
    assert result["found"] and result["removed"]["referrals"] == 1
    _gone()


def test_the_api_exports_and_erases_the_candidate(candidate, client):
    anna = bearer(ADMIN, role="admin")

    def post(path: str, body: dict):
        return client.post(path, json.dumps(body), content_type="application/json", headers=anna)

    # The API's schema takes addresses in lower case only.
    r = post("/api/privacy/people/export", {"email": CANDIDATE.lower()})
    assert r.status_code == 200 and _held(r.json())["email"] == "noor.haddad@example.net"
    r = post("/api/privacy/people/erase", {"email": CANDIDATE.lower(), "confirm": True})
    assert r.status_code == 200 and r.json()["removed"]["referrals"] == 1
    _gone()


def test_another_organisations_admin_finds_nothing(candidate, globex, client):
    signed_in(client, "greta@globex.be", role="admin")
    page = client.post("/privacy/people/", {"q": CANDIDATE}).content.decode()
    assert 'id="not-found"' in page and NAME not in page
    r = client.post(
        "/api/privacy/people/export",
        json.dumps({"email": CANDIDATE.lower()}),
        content_type="application/json",
        headers=bearer("greta@globex.be", role="admin"),
    )
    assert r.status_code == 404 and NAME not in r.content.decode()
    assert Referral.objects.filter(pk=candidate.pk).exists()
