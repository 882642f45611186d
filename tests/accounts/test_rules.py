"""``weakties.accounts.rules``: who administers an organisation, tried by everyone.

Each test asks a predicate for every user in :func:`people` and asserts the
exact set it lets through; then the API and the pages that ask it refuse the
others with the same status and message as before.
"""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser

from tests.factories import acme, employee
from weakties.accounts import rules
from weakties.accounts.models import ApiToken, Employee, Organisation
from weakties.accounts.services.organisations import organisation_create
from weakties.people.services.directory import directory_import

pytestmark = pytest.mark.django_db


def other_organisation(tmp_path) -> Organisation:
    """Globex BV: Gina (its admin) and Gus."""
    org = organisation_create(name="Globex BV", domain="globex.nl")
    path = tmp_path / "globex.csv"
    path.write_text(
        "email,first_name,last_name,department,job_title,location,manager_email\n"
        "gina@globex.nl,Gina,Rossi,Management,Directeur,Delft,\n"
        "gus@globex.nl,Gus,Smit,IT,Beheerder,Delft,gina@globex.nl\n"
    )
    report = directory_import(path=path, organisation=org)
    assert report.ok, report.errors
    Employee.objects.filter(email="gina@globex.nl").update(role="admin")
    return org


def user_for(email: str, **extra):
    e = employee(email)
    e.user = get_user_model().objects.create_user(username=email, email=email, **extra)
    e.save(update_fields=["user"])
    return e.user


@pytest.fixture
def people(tmp_path):
    """Who tries.

    * anna: admin of Acme; tom: a plain Acme employee
    * gina: admin of Globex; gus: a superuser who is a Globex employee
    * root: a superuser linked to no employee; nobody: a login linked to no employee
    * anonymous: not signed in
    """
    acme()
    other_organisation(tmp_path)
    Employee.objects.filter(email="anna.devries@acme.nl").update(role="admin")
    User = get_user_model()
    return {
        "anna": user_for("anna.devries@acme.nl"),
        "tom": user_for("tom.jansen@acme.nl"),
        "gina": user_for("gina@globex.nl"),
        "gus": user_for("gus@globex.nl", is_superuser=True),
        "root": User.objects.create_superuser("root", "root@example.org"),
        "nobody": User.objects.create_user("nobody", "nobody@example.org"),
        "anonymous": AnonymousUser(),
    }


def allowed(people, predicate, *args) -> set[str]:
    return {name for name, user in people.items() if predicate(user, *args)}


def test_employee_of_is_the_linked_employee_of_a_signed_in_user(people):
    assert rules.employee_of(people["tom"]) == employee("tom.jansen@acme.nl")
    assert rules.employee_of(people["root"]) is None
    assert rules.employee_of(people["anonymous"]) is None
    assert rules.employee_of(None) is None


def test_is_admin_admin_employees_and_superusers(people):
    assert allowed(people, rules.is_admin) == {"anna", "gina", "gus", "root"}


def test_is_org_admin_only_for_their_own_organisation(people):
    acme_org = Organisation.objects.get(name="Acme BV")
    globex = Organisation.objects.get(name="Globex BV")
    # gina administers Globex, not Acme; gus is a superuser but employed by Globex.
    assert allowed(people, rules.is_org_admin, acme_org) == {"anna", "root"}
    assert allowed(people, rules.is_org_admin, globex) == {"gina", "gus", "root"}


def test_an_admin_who_has_left_administers_nothing(people):
    Employee.objects.filter(email="anna.devries@acme.nl").update(active=False)
    people["anna"].refresh_from_db()
    assert not rules.is_org_admin(people["anna"], Organisation.objects.get(name="Acme BV"))


# At the edges: the API's admin endpoints and the insights pages -------------------------------


def _bearer(user) -> dict:
    _, key = ApiToken.issue(user, "test")
    return {"Authorization": f"Bearer {key}"}


def test_the_api_refuses_admin_endpoints_to_a_plain_employee(client, people, settings):
    settings.LANGUAGE_CODE = "en"
    tom = _bearer(people["tom"])
    for response in (
        client.get("/api/brokers", headers=tom),
        client.post("/api/analyze", headers=tom),
    ):
        assert response.status_code == 403
        assert response.json() == {
            "detail": "only an administrator of the organisation may see this"
        }
    assert client.post("/api/analyze", headers=_bearer(people["anna"])).status_code == 202


def test_key_person_risk_in_reach_is_for_admins_only(client, people):
    assert client.get("/api/reach", headers=_bearer(people["tom"])).json()["unique_reach"] == []
    listed = client.get("/api/reach", headers=_bearer(people["anna"])).json()["unique_reach"]
    assert {row["employee"] for row in listed} >= {"jan.vandenberg@acme.nl"}


def test_the_insights_dashboard_refuses_a_plain_employee_and_shows_an_admin_their_own(
    client, people
):
    client.force_login(people["tom"])
    assert client.get("/insights/").status_code == 403
    assert client.post("/insights/refresh/").status_code == 403
    client.force_login(people["gina"])
    page = client.get("/insights/")
    assert page.status_code == 200 and page.context["org"].name == "Globex BV"
    client.force_login(people["nobody"])
    assert client.get("/insights/").status_code == 403  # a login that is no employee
