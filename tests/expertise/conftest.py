"""Two organisations for the expertise tests.

**Acme BV** (``tests.factories.acme``): Jan (sales) and Sophie (recruiter)
share their networks; Anna (admin) and Tom (employee) do not.  Profiles:

* Tom: skills data engineering, Python; focus topic energietransitie;
* Sophie: skill werving en selectie; focus topic data scientists;
* Anna: skill Datawetenschapper.

Four more Acme employees hold the other roles (representative, coordinator,
a second sales person, a second recruiter).  **Globex NV** has one employee
of each role; Greta (sales) shares a network with a contact at Stripe and
keeps a target list.
"""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from tests.factories import DATA, acme
from tests.smtp import smtp_server
from weakties.accounts.models import ApiToken, Employee, Role
from weakties.accounts.services.organisations import organisation_create
from weakties.expertise.services.profiles import profile_update
from weakties.people.services.directory import directory_import
from weakties.people.services.network_import.importer import NetworkImporter

HEADER = "email,first_name,last_name,department,job_title,location,manager_email"
ACME_EXTRA = [
    (
        "rita.reps@acme.nl",
        "Rita",
        "Reps",
        "Public affairs",
        "Vertegenwoordiger",
        Role.REPRESENTATIVE,
    ),
    ("cor.coord@acme.nl", "Cor", "Coord", "Public affairs", "Coördinator", Role.COORDINATOR),
    ("sam.sales@acme.nl", "Sam", "Sales", "Sales", "Accountmanager", Role.SALES),
    ("rob.recruit@acme.nl", "Rob", "Recruit", "HR", "Recruiter", Role.RECRUITER),
]
ACME_ROLES = {
    "anna.devries@acme.nl": Role.ADMIN,
    "jan.vandenberg@acme.nl": Role.SALES,
    "sophie.bakker@acme.nl": Role.RECRUITER,
    "tom.jansen@acme.nl": Role.EMPLOYEE,
}
GLOBEX = [
    ("greta.sales@globex.nl", "Greta", "Globex", "Sales", "Data engineer", Role.SALES),
    ("gijs.admin@globex.nl", "Gijs", "Globex", "IT", "Data engineer", Role.ADMIN),
    ("gerda.rec@globex.nl", "Gerda", "Globex", "HR", "Recruiter", Role.RECRUITER),
    ("gert.emp@globex.nl", "Gert", "Globex", "IT", "Data engineer", Role.EMPLOYEE),
    ("guus.rep@globex.nl", "Guus", "Globex", "Board", "Representative", Role.REPRESENTATIVE),
    ("gina.coord@globex.nl", "Gina", "Globex", "Board", "Coordinator", Role.COORDINATOR),
]
#: Names, emails and phones of external contacts in the imported files: never in a colleague's view.
CONTACT_DETAILS = [
    "Zoë", "Zoe Peeters", "Peeters", "Mehmet", "Çelik", "Lotte", "van Dijk", "Eva Smit",
    "Pieter", "de Graaf", "mehmet.celik@example.com", "Mehmet.Celik@Example.com",
    "eva.smit@example.org", "+31 6 12345678", "Hanna Hendriks", "hanna@globex-contact.nl",
]  # fmt: skip
#: Of those, what may show where an introduction is ranked (the contact's name, not details).
CONTACT_ADDRESSES = [
    "mehmet.celik@example.com", "Mehmet.Celik@Example.com", "eva.smit@example.org",
    "+31 6 12345678", "hanna@globex-contact.nl", "linkedin.com/in/zoe-peeters",
]  # fmt: skip


def _directory(tmp_path, name: str, rows: list[tuple]) -> str:
    path = tmp_path / name
    lines = [HEADER] + [f"{e},{f},{last},{d},{t},Utrecht," for e, f, last, d, t, *_r in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def orgs(db, tmp_path):
    """``(acme, globex)``, built through the real directory and network imports."""
    acme_org = acme()
    base = (DATA / "directory.csv").read_text(encoding="utf-8").strip().splitlines()
    extra = [f"{e},{f},{last},{d},{t},Utrecht," for e, f, last, d, t, _r in ACME_EXTRA]
    (tmp_path / "acme.csv").write_text("\n".join(base + extra) + "\n", encoding="utf-8")
    assert directory_import(path=tmp_path / "acme.csv", organisation=acme_org).ok
    roles = {**ACME_ROLES, **{e: r for e, *_x, r in ACME_EXTRA}}
    for email, role in roles.items():
        Employee.objects.filter(email=email).update(role=role, language="en")
    globex = organisation_create(name="Globex NV", domain="globex.nl")
    assert directory_import(path=_directory(tmp_path, "globex.csv", GLOBEX), organisation=globex).ok
    for email, *_x, role in GLOBEX:
        Employee.objects.filter(email=email).update(role=role, language="en")
    greta_file = tmp_path / "greta_Connections.csv"
    greta_file.write_text(
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        "Hanna,Hendriks,https://www.linkedin.com/in/hanna-hendriks,hanna@globex-contact.nl,"
        "Stripe,CFO,01 Jan 2020\n",
        encoding="utf-8",
    )
    greta = Employee.objects.get(email="greta.sales@globex.nl")
    assert NetworkImporter().import_file(path=greta_file, owner=greta).ok
    profile_update(employee=employee("tom.jansen@acme.nl"), skills="data engineering, Python",
                   focus_topics="energietransitie")  # fmt: skip
    profile_update(employee=employee("sophie.bakker@acme.nl"), skills="werving en selectie",
                   focus_topics="data scientists")  # fmt: skip
    profile_update(employee=employee("anna.devries@acme.nl"), skills="Datawetenschapper")
    profile_update(employee=greta, skills="data engineering", focus_topics="Stripe")
    return acme_org, globex


def employee(email: str) -> Employee:
    return Employee.objects.select_related("organisation").get(email=email)


def user_of(email: str):
    """The employee's login (made on first use)."""
    e = employee(email)
    if e.user_id is None:
        e.user = get_user_model().objects.create_user(username=email, email=email, password="x")
        e.save(update_fields=["user"])
    return e.user


def signed_in(client, email: str) -> Employee:
    client.force_login(user_of(email))
    return employee(email)


def bearer(email: str) -> dict:
    _, key = ApiToken.issue(user_of(email), "test")
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


@pytest.fixture
def smtp():
    """A real SMTP server; Django's mail goes to it while the test runs."""
    with smtp_server() as inbox, inbox.django():
        yield inbox


@pytest.fixture(autouse=True)
def english(settings):
    """Reasons and messages are compared word for word in English (Dutch where a test says so)."""
    settings.LANGUAGE_CODE = "en"
