"""Pages, and the privacy rules they must keep."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.factories import DATA, acme, employee, login
from weakties.people.models import ImportBatch, Tie

pytestmark = pytest.mark.django_db


def test_pages_need_a_login(client):
    acme(networks=False)
    for name in ("dashboard", "employees", "import"):
        response = client.get(reverse(name))
        assert response.status_code == 302 and "/login/" in response["Location"]


def test_dashboard_shows_reach(client):
    acme()
    login(client, "tom.jansen@acme.nl")
    html = client.get(reverse("dashboard")).content.decode()
    assert 'data-key="unique_people">5<' in html
    assert 'data-key="employees_sharing">2<' in html


def test_owner_sees_contact_details_of_own_network(client):
    acme()
    jan = login(client, "jan.vandenberg@acme.nl")
    html = client.get(reverse("employee", args=[jan.pk])).content.decode()
    assert "Mehmet" in html and "+31 6 12345678" in html


def test_colleague_sees_counts_not_the_network(client):
    acme()
    login(client, "tom.jansen@acme.nl")
    jan = employee("jan.vandenberg@acme.nl")
    html = client.get(reverse("employee", args=[jan.pk])).content.decode()
    assert "Mehmet" not in html and "+31 6 12345678" not in html
    assert 'data-key="people">4<' in html


def test_admin_sees_the_network_but_not_contact_details(client):
    acme()
    login(client, "anna.devries@acme.nl", role="admin")
    jan = employee("jan.vandenberg@acme.nl")
    html = client.get(reverse("employee", args=[jan.pk])).content.decode()
    assert "Mehmet" in html
    assert "+31 6 12345678" not in html and "mehmet.celik@example.com" not in html.lower()


def test_upload_without_consent_is_refused(client):
    acme(networks=False)
    login(client, "tom.jansen@acme.nl")
    upload = SimpleUploadedFile("Connections.csv", (DATA / "sophie_Connections.csv").read_bytes())
    response = client.post(reverse("import"), {"file": upload, "format": "auto"})
    assert response.status_code == 200
    assert (
        not Tie.objects.exists()
        and not ImportBatch.objects.filter(owner__email="tom.jansen@acme.nl").exists()
    )


def test_upload_with_consent_imports_and_shows_counts(client):
    acme(networks=False)
    tom = login(client, "tom.jansen@acme.nl")
    upload = SimpleUploadedFile("Connections.csv", (DATA / "sophie_Connections.csv").read_bytes())
    response = client.post(
        reverse("import"), {"file": upload, "format": "auto", "consent": "on"}, follow=True
    )
    html = response.content.decode()
    assert 'data-status="done"' in html
    assert 'data-key="ties_created">3<' in html
    assert Tie.objects.filter(employee=tom).count() == 3
    assert tom.has_consent()


def test_upload_of_broken_file_lists_errors_per_line(client):
    acme(networks=False)
    login(client, "tom.jansen@acme.nl")
    upload = SimpleUploadedFile(
        "Connections.csv", (DATA / "unquoted_comma_Connections.csv").read_bytes()
    )
    html = client.post(
        reverse("import"), {"file": upload, "consent": "on", "format": "auto"}, follow=True
    ).content.decode()
    assert 'data-status="failed"' in html
    assert "heeft 8 velden" in html  # line 3: an unquoted comma
    assert not Tie.objects.exists()


def test_someone_elses_import_is_not_visible(client):
    acme()
    login(client, "tom.jansen@acme.nl")
    batch = ImportBatch.objects.filter(owner__email="jan.vandenberg@acme.nl").first()
    assert client.get(reverse("import_status", args=[batch.pk])).status_code == 404


def test_withdraw_consent_from_the_web(client):
    acme()
    jan = login(client, "jan.vandenberg@acme.nl")
    response = client.post(reverse("withdraw_consent"), follow=True)
    assert response.status_code == 200
    assert not Tie.objects.filter(employee=jan).exists()
    assert not jan.has_consent()


def test_dutch_is_the_default_language(client):
    acme(networks=False)
    login(client, "tom.jansen@acme.nl")
    html = client.get(reverse("import")).content.decode()
    assert "Importeer je netwerk" in html
