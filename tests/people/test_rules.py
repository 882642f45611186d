"""``weakties.people.rules``: who sees whom an employee knows, tried by everyone.

Each test asks a predicate for every user in :func:`people` and asserts the
exact set it lets through; then the pages that ask it refuse the others.
"""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from tests.accounts.test_rules import other_organisation, user_for
from tests.factories import acme, employee
from weakties.accounts.models import Employee
from weakties.people import rules
from weakties.people.models import ImportBatch

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(tmp_path):
    """Who tries.

    * jan: shares his network; sophie: shares hers; tom: a colleague who shares nothing
    * anna: admin of Acme; gina: admin of Globex; gus: a superuser employed by Globex
    * root: a superuser linked to no employee; nobody: a login linked to no employee
    * anonymous: not signed in
    """
    acme()
    other_organisation(tmp_path)
    Employee.objects.filter(email="anna.devries@acme.nl").update(role="admin")
    User = get_user_model()
    return {
        "jan": user_for("jan.vandenberg@acme.nl"),
        "sophie": user_for("sophie.bakker@acme.nl"),
        "tom": user_for("tom.jansen@acme.nl"),
        "anna": user_for("anna.devries@acme.nl"),
        "gina": user_for("gina@globex.nl"),
        "gus": user_for("gus@globex.nl", is_superuser=True),
        "root": User.objects.create_superuser("root", "root@example.org"),
        "nobody": User.objects.create_user("nobody", "nobody@example.org"),
        "anonymous": AnonymousUser(),
    }


def allowed(people, predicate, *args) -> set[str]:
    return {name for name, user in people.items() if predicate(user, *args)}


def jans_batch() -> ImportBatch:
    return ImportBatch.objects.filter(owner__email="jan.vandenberg@acme.nl").first()


def test_may_see_network_the_employee_and_their_organisations_admins(people):
    jan = employee("jan.vandenberg@acme.nl")
    assert allowed(people, rules.may_see_network, jan) == {"jan", "anna", "root"}


def test_may_see_contact_details_the_owner_alone(people):
    jan = employee("jan.vandenberg@acme.nl")
    assert allowed(people, rules.may_see_contact_details, jan) == {"jan"}


def test_may_see_import_the_uploader_and_admins(people):
    acme_people = {k: v for k, v in people.items() if k not in ("gina", "gus")}
    assert allowed(acme_people, rules.may_see_import, jans_batch()) == {"jan", "anna", "root"}


def test_an_admin_of_another_organisation_does_not_see_an_import(people):
    assert not rules.may_see_import(people["gina"], jans_batch())


# At the edges: the employee page, the ego map, the import status ------------------------------


def test_the_ego_map_is_refused_to_a_colleague_and_shown_to_the_admin(client, people):
    jan = employee("jan.vandenberg@acme.nl")
    url = reverse("insights:ego", args=[jan.pk])
    client.force_login(people["tom"])
    assert client.get(url).status_code == 403
    client.force_login(people["gina"])  # another organisation's admin: not even found
    assert client.get(url).status_code == 404
    client.force_login(people["anna"])
    assert client.get(url).status_code == 200
    client.force_login(people["root"])  # a login that is no employee
    assert client.get(url).status_code == 403


def test_the_employee_page_shows_the_network_but_not_the_details_to_the_admin(client, people):
    jan = employee("jan.vandenberg@acme.nl")
    url = reverse("employee", args=[jan.pk])
    client.force_login(people["anna"])
    page = client.get(url)
    assert page.context["visible"] and not page.context["show_contact_details"]
    client.force_login(people["sophie"])
    page = client.get(url)
    assert not page.context["visible"] and "Mehmet" not in page.content.decode()
    client.force_login(people["jan"])
    assert client.get(url).context["show_contact_details"]


def test_an_import_status_is_refused_to_a_colleague_and_shown_to_the_admin(client, people):
    url = reverse("import_status", args=[jans_batch().pk])
    client.force_login(people["sophie"])
    assert client.get(url).status_code == 404  # as if it did not exist: no probing (issue 12)
    client.force_login(people["anna"])
    assert client.get(url).status_code == 200
    client.force_login(people["jan"])
    assert client.get(url).status_code == 200
