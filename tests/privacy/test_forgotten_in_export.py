""" "My data" says, per import, how many contacts compare and forget kept as digests (issue 12).

Through the real importer (``tests.minimisation.conftest.load``): Jan's LinkedIn file and his
vCard gave two forgotten contacts each, Sophie's file two.  Jan's export, as JSON (the web
page's download, the API) and as CSV (the zip), counts them as
:func:`~weakties.minimisation.selectors.forgotten_by_import` does; Sophie's export holds her
own only.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from tests.factories import employee
from tests.minimisation.conftest import JAN, LINKEDIN, SOPHIE, SOPHIES, VCARD, acme_forgetting
from tests.privacy.conftest import bearer, signed_in
from weakties.minimisation.models import ForgottenContact
from weakties.minimisation.selectors import forgotten_by_import
from weakties.people.models import ImportBatch
from weakties.privacy.services.exports import as_zip, employee_export

pytestmark = pytest.mark.django_db


@pytest.fixture
def load(settings, django_capture_on_commit_callbacks):
    return acme_forgetting(settings, django_capture_on_commit_callbacks)


def _expected(email: str) -> list[dict]:
    return [r.as_row() for r in forgotten_by_import(employee=employee(email))]


def _per_import(data: dict) -> dict[int, int]:
    return {row["id"]: row["forgotten_contacts"] for row in data["imports"]}


def test_each_import_in_my_data_has_the_selectors_count(load):
    load()
    ForgottenContact.objects.create(
        employee=employee(JAN), digest="0" * 40, forgotten_at=timezone.now()
    )  # forgotten before imports were recorded: in the section, on no import
    with translation.override("en"):
        data = employee_export(employee=employee(JAN), actor_label="t")
        expected = _expected(JAN)
    batches = {b.file_name: b.pk for b in ImportBatch.objects.filter(owner=employee(JAN))}
    assert _per_import(data) == {batches[LINKEDIN]: 2, batches[VCARD]: 2}
    assert data["forgotten_contacts"] == expected
    assert [(r["import"], r["forgotten_contacts"]) for r in data["forgotten_contacts"]] == [
        (batches[LINKEDIN], 2),
        (batches[VCARD], 2),
        (None, 1),
    ]
    assert data["forgotten_contacts"][-1]["file_name"] == "import not recorded"


def test_the_csv_says_the_same(load):
    load()
    data = employee_export(employee=employee(JAN), actor_label="t")
    archive = zipfile.ZipFile(io.BytesIO(as_zip(data)))
    imports = list(csv.DictReader(io.StringIO(archive.read("imports.csv").decode("utf-8-sig"))))
    assert {int(r["id"]): int(r["forgotten_contacts"]) for r in imports} == _per_import(data)
    section = archive.read("forgotten_contacts.csv").decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(section)))
    assert [(int(r["import"]), int(r["forgotten_contacts"])) for r in rows] == [
        (r["import"], r["forgotten_contacts"]) for r in _expected(JAN)
    ]


def test_another_employees_export_holds_their_own_counts_only(load):
    load()
    data = employee_export(employee=employee(SOPHIE), actor_label="t")
    assert _per_import(data) == {ImportBatch.objects.get(file_name=SOPHIES).pk: 2}
    assert data["forgotten_contacts"] == _expected(SOPHIE)
    assert {r["file_name"] for r in data["forgotten_contacts"]} == {SOPHIES}


def test_through_the_web_and_the_api_each_gets_their_own(load, client):
    load()
    jans = set(ImportBatch.objects.filter(owner=employee(JAN)).values_list("pk", flat=True))
    web = signed_in(client, JAN).get(reverse("privacy:my_data"), {"format": "json"})
    assert web.status_code == 200
    assert _per_import(json.loads(web.content)) == _per_import(
        employee_export(employee=employee(JAN), actor_label="t")
    )
    page = client.get(reverse("privacy:my_data"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "counts of contacts compared and forgotten, per import" in page
    api = client.get("/api/privacy/my-data", headers=bearer(SOPHIE))
    assert api.status_code == 200
    body = api.json()
    assert set(_per_import(body)) & jans == set()
    assert body["forgotten_contacts"] == _expected(SOPHIE)
