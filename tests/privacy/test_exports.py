"""Exports: each person gets their own data, and nobody else's contact details.

Jan's "my data" holds the details of his own contacts (they are his); never the
email or phone number of Sophie's contacts, nor a colleague's address.  An
external person's export names who knows them and which kinds of details are
held, never the values.
"""

from __future__ import annotations

import io
import json
import zipfile

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import employee
from tests.privacy.conftest import bearer, signed_in
from weakties.accounts.models import AuditEvent
from weakties.people.models import Tie
from weakties.privacy.services.exports import as_zip, employee_export, subject_export
from weakties.privacy.services.subjects import subject_of

pytestmark = pytest.mark.django_db


def _others_details(owner) -> set[str]:
    """Every email and phone on ties of employees other than ``owner``, and their addresses."""
    values = set()
    for email, phone in Tie.objects.exclude(employee=owner).values_list("email", "phone"):
        values |= {v for v in (email, phone) if v}
    values |= {e.email for e in owner.organisation.employees.exclude(pk=owner.pk)}
    return values


def test_my_data_holds_my_contacts_details_and_nobody_elses(org):
    jan = employee("jan.vandenberg@acme.nl")
    data = employee_export(employee=jan, actor_label="t")
    text = json.dumps(data, ensure_ascii=False)
    own = {t.email for t in Tie.objects.filter(employee=jan) if t.email}
    assert own and all(e in text for e in own)  # his own contacts' details are there
    leaks = {v for v in _others_details(jan) if v.lower() in text.lower() and v not in own}
    assert leaks == set()
    assert len(data["ties"]) == Tie.objects.filter(employee=jan).count()
    assert data["employee"][0]["email"] == jan.email
    assert AuditEvent.objects.filter(action="privacy.my_data_export").exists()


def test_the_zip_has_one_csv_per_section_formula_safe(org):
    jan = employee("jan.vandenberg@acme.nl")
    jan.first_name = "=HYPERLINK(1)"
    jan.save()
    archive = zipfile.ZipFile(io.BytesIO(as_zip(employee_export(employee=jan, actor_label="t"))))
    names = set(archive.namelist())
    assert {"ties.csv", "imports.csv", "introduction_requests.csv", "data.json"} <= names
    employee_csv = archive.read("employee.csv").decode("utf-8-sig")
    assert "'=HYPERLINK(1)" in employee_csv


def test_an_external_persons_export_names_kinds_not_values(org):
    data = subject_export(subject=subject_of("mehmet.celik@example.com"), actor_label="t")
    assert data["found"] and data["name"] == "Mehmet Çelik"
    assert data["known_by"][0]["contact_details_held"] == ["email", "phone", "profile_url"]
    text = json.dumps(data, ensure_ascii=False)
    assert "12345678" not in text and "mehmet.celik@example.com" not in text.lower()
    assert {"introductions", "referrals", "suppressed", "help_requests"} <= set(data)


def test_an_admin_sees_only_what_their_organisation_holds(org, globex):
    zoe = "https://www.linkedin.com/in/zoe-peeters-1a2b3c"
    subject = subject_of(zoe)
    assert subject_export(subject=subject, organisation=org, actor_label="t")["known_by"]
    other = subject_export(subject=subject, organisation=globex, actor_label="t")
    assert other["known_by"] == []


def test_my_data_page_and_downloads_are_the_signed_in_employees_own(org, client):
    signed_in(client, "jan.vandenberg@acme.nl")
    page = client.get(reverse("privacy:my_data"))
    assert page.status_code == 200
    body = client.get(reverse("privacy:my_data") + "?format=json")
    assert body["Content-Disposition"].startswith("attachment")
    data = json.loads(body.content)
    assert data["employee"][0]["email"] == "jan.vandenberg@acme.nl"
    # there is no address of anyone else's data: a parameter naming another is ignored
    other = client.get(
        reverse("privacy:my_data") + "?format=json&employee=3&email=sophie.bakker@acme.nl"
    )
    assert json.loads(other.content)["employee"][0]["email"] == "jan.vandenberg@acme.nl"
    zipped = client.get(reverse("privacy:my_data") + "?format=zip")
    assert zipfile.ZipFile(io.BytesIO(zipped.content)).namelist()
    assert Client().get(reverse("privacy:my_data")).status_code == 302  # anonymous: to the login


def test_my_data_through_the_api(org, client):
    response = client.get("/api/privacy/my-data", headers=bearer("sophie.bakker@acme.nl"))
    assert response.status_code == 200
    assert response.json()["employee"][0]["email"] == "sophie.bakker@acme.nl"
    assert client.get("/api/privacy/my-data").status_code == 401


def test_my_data_lists_the_audit_entries_by_or_about_me_and_no_others(org):
    from tests.privacy.conftest import user_of
    from weakties.accounts.services.audit import audit

    jan, sophie = employee("jan.vandenberg@acme.nl"), employee("sophie.bakker@acme.nl")
    user_of(jan.email), user_of(sophie.email)
    jan.refresh_from_db(), sophie.refresh_from_db()
    audit("who_knows", actor=jan.user, company="Coolblue")
    audit("intro.request", actor=sophie.user, requester=sophie.pk, introducer=jan.pk)
    audit("who_knows", actor=sophie.user, company="ASML")
    audit("consent_given", actor_label=jan.email, employee=jan.pk)
    rows = employee_export(employee=jan, actor_label="t")["audit"]
    seen = {(r["action"], r["by"]) for r in rows}
    assert ("who_knows", "you") in seen and ("consent_given", "you") in seen
    assert ("intro.request", sophie.full_name) in seen
    assert not any(r["detail"].get("company") == "ASML" for r in rows)
    assert "sophie.bakker@acme.nl" not in json.dumps(rows)
