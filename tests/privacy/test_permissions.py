"""Permissions, attacked: who may export and erase whom, on the pages, the API and the CLI.

Attackers: an ordinary employee, an admin of another organisation (with ids of
Acme's employees: IDOR), an admin trying to erase themselves, and anonymous
visitors.  Each refusal changes nothing; another organisation's people and
employees answer "not found", exactly like unknown ones.
"""

from __future__ import annotations

import json

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from tests.factories import employee
from tests.privacy.conftest import bearer, signed_in
from weakties.accounts.models import Employee
from weakties.cli.base import CommandError
from weakties.people.models import Person, Tie

pytestmark = pytest.mark.django_db

MEHMET = "mehmet.celik@example.com"


def _mehmet_there() -> bool:
    return Person.objects.filter(first_name="Mehmet").exists()


# -- pages --------------------------------------------------------------------------------------


def test_an_employee_cannot_reach_the_admin_pages(org, client):
    signed_in(client, "jan.vandenberg@acme.nl")
    tom = employee("tom.jansen@acme.nl")
    assert client.get(reverse("privacy:requests")).status_code == 403
    assert client.post(reverse("privacy:people"), {"q": MEHMET}).status_code == 403
    erase = reverse("privacy:employee_erase", args=[tom.pk])
    assert client.post(erase, {"confirm": "ERASE"}).status_code == 403
    assert (
        client.post(reverse("privacy:person_erase"), {"q": MEHMET, "confirm": "ERASE"}).status_code
        == 403
    )
    assert _mehmet_there() and Employee.objects.filter(pk=tom.pk).exists()


def test_anonymous_visitors_are_sent_to_the_login(org):
    anon = Client()
    tom = employee("tom.jansen@acme.nl")
    for url in (
        reverse("privacy:my_data"),
        reverse("privacy:requests"),
        reverse("privacy:people"),
        reverse("privacy:employee_erase", args=[tom.pk]),
    ):
        assert anon.get(url).status_code == 302, url
    assert (
        anon.post(reverse("privacy:person_erase"), {"q": MEHMET, "confirm": "ERASE"}).status_code
        == 302
    )
    assert _mehmet_there()


def test_another_organisations_admin_finds_and_erases_nothing_of_acme(org, globex, client):
    signed_in(client, "greta@globex.be")
    found = client.post(reverse("privacy:people"), {"q": MEHMET})
    assert found.status_code == 200 and "Mehmet" not in found.content.decode()
    download = client.post(reverse("privacy:people"), {"q": MEHMET, "format": "json"})
    assert download["Content-Type"].startswith("text/html")  # no file: nothing was found
    assert (
        client.post(reverse("privacy:person_erase"), {"q": MEHMET, "confirm": "ERASE"}).status_code
        == 404
    )
    for e in Employee.objects.filter(organisation=org):
        url = reverse("privacy:employee_erase", args=[e.pk])
        assert client.get(url).status_code == 404
        assert client.post(url, {"confirm": "ERASE"}).status_code == 404
    assert _mehmet_there() and Employee.objects.filter(organisation=org).count() == 4


def test_an_admin_erases_a_person_only_after_confirming(org, client):
    signed_in(client, "anna.devries@acme.nl", role="admin")
    page = client.post(reverse("privacy:people"), {"q": MEHMET})
    assert "Mehmet" in page.content.decode()
    ask = client.post(reverse("privacy:person_erase"), {"q": MEHMET})
    assert ask.status_code == 200 and _mehmet_there()  # the confirmation step
    wrong = client.post(reverse("privacy:person_erase"), {"q": MEHMET, "confirm": "yes"})
    assert wrong.status_code == 200 and _mehmet_there()
    client.post(reverse("privacy:person_erase"), {"q": MEHMET, "confirm": "ERASE"})
    assert not _mehmet_there()


def test_an_admin_erases_an_employee_of_their_own_organisation_but_not_themselves(org, client):
    anna = employee("anna.devries@acme.nl")
    signed_in(client, anna.email, role="admin")
    assert (
        client.post(
            reverse("privacy:employee_erase", args=[anna.pk]), {"confirm": "ERASE"}
        ).status_code
        == 403
    )
    tom = employee("tom.jansen@acme.nl")
    url = reverse("privacy:employee_erase", args=[tom.pk])
    assert client.get(url).status_code == 200 and Employee.objects.filter(pk=tom.pk).exists()
    assert client.post(url, {"confirm": "WISSEN"}).status_code == 200
    assert not Employee.objects.filter(pk=tom.pk).exists()


# -- API ----------------------------------------------------------------------------------------


def test_the_api_refuses_employees_and_other_organisations(org, globex, client):
    jan = bearer("jan.vandenberg@acme.nl")
    greta = bearer("greta@globex.be")
    body = json.dumps({"email": MEHMET, "confirm": True})
    for headers, code in ((jan, 403), (greta, 404), ({}, 401)):
        for path in ("/api/privacy/people/export", "/api/privacy/people/erase"):
            r = client.post(path, body, content_type="application/json", headers=headers)
            assert r.status_code == code, (path, r.content)
    tom = employee("tom.jansen@acme.nl")
    r = client.post(
        f"/api/privacy/employees/{tom.pk}/erase",
        json.dumps({"confirm": True}),
        content_type="application/json",
        headers=greta,
    )
    assert r.status_code == 404
    r = client.post(
        f"/api/privacy/employees/{tom.pk}/erase",
        json.dumps({"confirm": True}),
        content_type="application/json",
        headers=jan,
    )
    assert r.status_code == 403
    assert client.get("/api/privacy/requests", headers=jan).status_code == 403
    assert _mehmet_there() and Employee.objects.filter(pk=tom.pk).exists()


def test_an_admin_exports_and_erases_through_the_api(org, client):
    anna = bearer("anna.devries@acme.nl", role="admin")
    r = client.post(
        "/api/privacy/people/export",
        json.dumps({"email": MEHMET}),
        content_type="application/json",
        headers=anna,
    )
    assert r.status_code == 200 and r.json()["name"] == "Mehmet Çelik"
    r = client.post(
        "/api/privacy/people/erase",
        json.dumps({"email": MEHMET}),
        content_type="application/json",
        headers=anna,
    )
    assert r.status_code == 422 and _mehmet_there()  # no "confirm": true
    r = client.post(
        "/api/privacy/people/erase",
        json.dumps({"email": MEHMET, "confirm": True}),
        content_type="application/json",
        headers=anna,
    )
    assert r.status_code == 200 and r.json()["erased"] and not _mehmet_there()
    tom = employee("tom.jansen@acme.nl")
    r = client.post(
        f"/api/privacy/employees/{tom.pk}/erase",
        json.dumps({"confirm": True}),
        content_type="application/json",
        headers=anna,
    )
    assert r.status_code == 200 and r.json()["employee"].startswith("erased-")
    schema = client.get("/api/openapi.json").json()
    assert "/api/privacy/people/erase" in schema["paths"]


# -- CLI ----------------------------------------------------------------------------------------


def _cli(capsys, *argv):
    call_command(*argv)
    return json.loads(capsys.readouterr().out)


def test_the_cli_acts_with_the_permissions_of_as(org, globex, capsys):
    user = employee("anna.devries@acme.nl")
    user.role = "admin"
    user.save()
    with pytest.raises(CommandError):
        call_command(
            "employee", "erase", "tom.jansen@acme.nl", "--as", "jan.vandenberg@acme.nl", "--yes"
        )
    with pytest.raises(CommandError):
        call_command("employee", "erase", "tom.jansen@acme.nl", "--as", "greta@globex.be", "--yes")
    with pytest.raises(CommandError):
        call_command("employee", "erase", "tom.jansen@acme.nl")  # no --yes
    with pytest.raises(CommandError):
        call_command("employee", "export", "tom.jansen@acme.nl", "--as", "jan.vandenberg@acme.nl")
    with pytest.raises(CommandError):
        call_command("person", "erase", MEHMET, "--as", "greta@globex.be")
    assert _mehmet_there() and Employee.objects.filter(email="tom.jansen@acme.nl").exists()
    mine = _cli(
        capsys, "employee", "export", "tom.jansen@acme.nl", "--as", "tom.jansen@acme.nl", "--json"
    )
    assert mine["employee"][0]["email"] == "tom.jansen@acme.nl"
    done = _cli(
        capsys, "employee", "erase", "tom.jansen@acme.nl", "--as", anna_email(), "--yes", "--json"
    )
    assert done["erased"] and not Employee.objects.filter(email="tom.jansen@acme.nl").exists()


def anna_email() -> str:
    return "anna.devries@acme.nl"


def test_person_export_and_erase_keep_their_contract_and_tell_more(org, capsys):
    mehmet = Person.objects.get(first_name="Mehmet")
    data = _cli(capsys, "person", "export", str(mehmet.pk), "--json")
    assert {"id", "name", "company", "position", "identifiers", "known_by"} <= set(data)
    assert {"introductions", "referrals", "suppressed"} <= set(data)
    by_email = _cli(capsys, "person", "export", MEHMET, "--json")
    assert by_email["id"] == mehmet.pk and by_email["suppressed"] == []
    erased = _cli(capsys, "person", "erase", MEHMET, "--json")
    assert {"person", "erased", "ties_removed", "tombstones"} <= set(erased)
    assert erased["person"] == mehmet.pk and erased["ties_removed"] == 1
    after = _cli(capsys, "person", "export", MEHMET, "--json")
    assert after["found"] is False and after["suppressed"] == ["email"]
    assert not Tie.objects.filter(person_id=mehmet.pk).exists()


def test_every_lookup_is_audited_without_the_address_and_without_an_oracle(org, globex, client):
    from weakties.accounts.models import AuditEvent

    signed_in(client, "greta@globex.be")
    client.post(reverse("privacy:people"), {"q": MEHMET})
    other = Client()
    signed_in(other, "anna.devries@acme.nl", role="admin")
    other.post(reverse("privacy:people"), {"q": MEHMET})
    greta, anna = AuditEvent.objects.filter(action="privacy.person_lookup").order_by("pk")
    assert greta.detail["person"] is None  # Globex holds nothing: its log shows no person
    assert anna.detail["person"] == Person.objects.get(first_name="Mehmet").pk
    assert greta.detail["digests"] == anna.detail["digests"]
    assert not AuditEvent.objects.filter(detail__icontains="mehmet").exists()


def test_the_api_takes_addresses_as_people_write_them(org, client):
    """Capitals in an address, and a LinkedIn address without www or over http, find the person."""
    anna = bearer("anna.devries@acme.nl", role="admin")
    local, domain = MEHMET.split("@")
    for body in (
        {"email": f"{local.title()}@{domain.upper()}"},
        {"email": MEHMET, "linkedin_url": "https://nl.linkedin.com/in/Some-One%C3%A9/"},
    ):
        r = client.post(
            "/api/privacy/people/export",
            json.dumps(body),
            content_type="application/json",
            headers=anna,
        )
        assert r.status_code == 200, (body, r.content)
        assert r.json()["name"] == "Mehmet Çelik"
    r = client.post(
        "/api/privacy/people/export",
        json.dumps({"email": "no-at-sign.example.net"}),
        content_type="application/json",
        headers=anna,
    )
    assert r.status_code == 422
