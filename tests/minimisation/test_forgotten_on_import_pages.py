"""The owner of an import sees how many of its contacts were compared and forgotten (issue 12).

Through the real importer (``conftest.load``): Jan's LinkedIn file and his vCard gave two
forgotten contacts each (Mehmet was in both), Sophie's file two.  The import page lists each
of Jan's imports with its count, the import's own page says it too, both as
:func:`~weakties.minimisation.selectors.forgotten_by_import` counts it, in Dutch and English.
Nobody else sees them: not Sophie, not Acme's admin (who may open Jan's import page, and sees
its counts of lines but not what was forgotten), not Globex's admin, whatever import id they
try.
"""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from tests.factories import employee
from weakties.accounts.models import Employee, Role
from weakties.accounts.services.organisations import organisation_create
from weakties.minimisation.selectors import forgotten_by_import, forgotten_per_import
from weakties.people.models import ImportBatch, Person

from .conftest import JAN, LINKEDIN, SOPHIE, SOPHIES, VCARD

pytestmark = pytest.mark.django_db

ANNA = "anna.devries@acme.nl"  # Acme's admin here
GIJS = "gijs@globex.nl"  # Globex's admin


def _login(client, email: str, *, role: str | None = None, language: str = "en"):
    e = Employee.objects.get(email=email)
    if e.user is None:
        e.user = get_user_model().objects.create_user(username=email, email=email)
    e.role = role or e.role
    e.language = language
    e.save()
    client.force_login(e.user)
    return client


@pytest.fixture
def loaded(load):
    load()
    globex = organisation_create(name="Globex NV", domain="globex.nl")
    person = Person.objects.create(first_name="Gijs", last_name="Globex")
    Employee.objects.create(organisation=globex, person=person, email=GIJS, role=Role.ADMIN)


def _listed(html: str) -> dict[int, int]:
    """``{import id: forgotten}`` as the import page lists them (0 where it says none)."""
    rows = re.findall(r'<tr data-import="(\d+)">(.*?)</tr>', html, re.S)
    counts = {}
    for pk, row in rows:
        found = re.search(r'data-forgotten="(\d+)"', row)
        counts[int(pk)] = int(found.group(1)) if found else 0
    return counts


def _status_count(html: str) -> int | None:
    found = re.search(r'<td data-key="forgotten">([\d.,]+)</td>', html)
    return int(re.sub(r"\D", "", found.group(1))) if found else None


def _groups(html: str) -> tuple[str, str]:
    """The status table's rows from "When the file was imported" and from "Since then"."""
    table = re.search(r'<table class="list counts">(.*?)</table>', html, re.S).group(1)
    head = re.search(r'id="counts-at-import">(.*?)</th>', table).group(1)
    at_import, since = table.split('id="counts-since">')
    assert head == "When the file was imported" or head == "Bij het importeren"
    return at_import, since


def _batch(name: str) -> ImportBatch:
    return ImportBatch.objects.get(file_name=name)


def test_the_import_page_lists_each_import_with_the_selectors_count(loaded, client):
    jan = employee(JAN)
    expected = forgotten_per_import(employee=jan)
    assert expected == {_batch(LINKEDIN).pk: 2, _batch(VCARD).pk: 2}
    html = _login(client, JAN).get(reverse("import")).content.decode()
    assert _listed(html) == expected
    for batch in ImportBatch.objects.filter(owner=jan):
        assert f"{batch.contacts} contacts imported" in html
    assert "2 compared and forgotten" in html
    assert 'href="/privacy/#kept"' in html and "Why: the privacy page" in html


def test_an_imports_own_page_says_the_selectors_count_to_its_owner(loaded, client):
    _login(client, JAN)
    by_import = {r.batch_id: r.contacts for r in forgotten_by_import(employee=employee(JAN))}
    for name in (LINKEDIN, VCARD):
        batch = _batch(name)
        html = client.get(reverse("import_status", args=[batch.pk])).content.decode()
        assert _status_count(html) == by_import[batch.pk] == 2
        assert "Compared and forgotten" in html and "kept only digests" in html
        # The counts made at import time and the forgetting since are two groups of rows,
        # so "New people" is not read against the forgotten count.
        at_import, since = _groups(html)
        assert "New people" in at_import and 'data-key="forgotten"' not in at_import
        assert since.startswith("Since then") and 'data-key="forgotten"' in since


def test_in_dutch(loaded, client):
    _login(client, JAN, language="nl")
    html = client.get(reverse("import"), HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    batch = _batch(LINKEDIN)
    assert f"{batch.contacts} contacten geïmporteerd" in html
    assert "2 vergeleken en vergeten" in html
    assert "Waarom: de privacypagina" in html and "Bij elke import hierboven" in html
    assert "compared and forgotten" not in html and "contacts imported" not in html
    status = client.get(reverse("import_status", args=[batch.pk]), HTTP_ACCEPT_LANGUAGE="nl")
    text = status.content.decode()
    assert "Vergeleken en vergeten" in text and "alleen digests bewaard" in text
    assert "kept only" not in text
    at_import, since = _groups(text)
    assert "Nieuwe personen" in at_import and since.startswith("Sindsdien")


def test_another_employee_sees_neither_the_imports_nor_their_counts(loaded, client):
    html = _login(client, SOPHIE).get(reverse("import")).content.decode()
    assert _listed(html) == {_batch(SOPHIES).pk: 2}  # her own, and only hers
    for name in (LINKEDIN, VCARD):
        response = client.get(reverse("import_status", args=[_batch(name).pk]))
        assert response.status_code == 404
        assert "forgotten" not in response.content.decode().lower()


def test_the_organisations_admin_sees_jans_import_but_not_what_it_forgot(loaded, client):
    _login(client, ANNA, role=Role.ADMIN)
    for name in (LINKEDIN, VCARD):
        response = client.get(reverse("import_status", args=[_batch(name).pk]))
        html = response.content.decode()
        assert response.status_code == 200 and 'data-key="contacts"' in html  # the page
        assert _status_count(html) is None and "forgotten" not in html.lower()
        assert "Since then" not in html and "counts-at-import" not in html  # one plain group
    employee_page = client.get(reverse("employee", args=[employee(JAN).pk])).content.decode()
    assert LINKEDIN in employee_page and "forgotten" not in employee_page.lower()


@pytest.mark.parametrize("who", [GIJS, ANNA, SOPHIE])
def test_no_import_id_shows_a_count_to_anyone_but_its_owner(loaded, client, who):
    """IDOR: every import id there is, and ids that are not, as each of the others."""
    _login(client, who, role=Role.ADMIN if who in (GIJS, ANNA) else None)
    own = set(ImportBatch.objects.filter(owner__email=who).values_list("pk", flat=True))
    last = ImportBatch.objects.order_by("-pk").first().pk
    for pk in range(1, last + 3):
        response = client.get(reverse("import_status", args=[pk]))
        html = response.content.decode()
        if pk in own:
            assert response.status_code == 200
            continue
        assert _status_count(html) is None and "forgotten" not in html.lower()
        assert "Since then" not in html and "counts-at-import" not in html  # one plain group
        if who == GIJS or who == SOPHIE:
            assert response.status_code == 404
