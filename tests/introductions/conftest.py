"""Two organisations with every role, and networks with contact details to try to leak.

Acme BV (``tests/data/org`` plus four colleagues, one of each role): Jan van den Berg shares his
network and knows Mehmet Çelik (planner at Bakker Logistiek, with an email and a
phone on Jan's tie); Tom Jansen asks. Globex NV has one of each role and its own
request, which nobody at Acme may see.
"""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from tests.factories import DATA, acme, employee
from tests.smtp import smtp_server
from weakties.accounts.models import ApiToken, Employee
from weakties.accounts.services.organisations import organisation_create
from weakties.introductions.services.requests import introduction_request
from weakties.people.models import Person
from weakties.people.services.directory import directory_import
from weakties.people.services.network_import.importer import NetworkImporter

PASSWORD = "s3cret-Passw0rd"
#: The contact's details on Jan's tie: never shown to anybody but Jan.
MEHMET_EMAIL = "mehmet.celik@example.com"
MEHMET_PHONE = "+31 6 12345678"
LOTTE_EMAIL = "lotte.visser@example.net"
LOTTE_PHONE = "+32 470 12 34 56"

ACME_EXTRA = (
    "emma.werk@acme.nl,Emma,Werk,Engineering,Developer,Utrecht,anna.devries@acme.nl\n"
    "sam.sales@acme.nl,Sam,Sales,Sales,Salesmanager,Utrecht,anna.devries@acme.nl\n"
    "rita.rep@acme.nl,Rita,Rep,HR,Vertegenwoordiger,Utrecht,anna.devries@acme.nl\n"
    "cor.coord@acme.nl,Cor,Coord,HR,Coördinator,Utrecht,anna.devries@acme.nl\n"
)
ACME_ROLES = {
    "employee": "emma.werk@acme.nl",
    "recruiter": "sophie.bakker@acme.nl",
    "sales": "sam.sales@acme.nl",
    "admin": "anna.devries@acme.nl",
    "representative": "rita.rep@acme.nl",
    "coordinator": "cor.coord@acme.nl",
}
GLOBEX_ROLES = {role: f"{role}@globex.be" for role in ACME_ROLES}
ROLES = tuple(ACME_ROLES)
GLOBEX_VCF = (
    "BEGIN:VCARD\nVERSION:3.0\nN:Visser;Lotte;;;\nFN:Lotte Visser\nORG:Proximus\n"
    "TITLE:CTO\n"
    f"EMAIL;type=INTERNET:{LOTTE_EMAIL}\nTEL;type=CELL:{LOTTE_PHONE}\nEND:VCARD\n"
)


def _globex(tmp_path):
    org = organisation_create(name="Globex NV", domain="globex.be")
    lines = ["email,first_name,last_name,department,job_title,location,manager_email"]
    lines += [f"{e},{r.title()},Globex,Staff,{r},Gent," for r, e in GLOBEX_ROLES.items()]
    path = tmp_path / "globex.csv"
    path.write_text("\n".join(lines) + "\n")
    assert directory_import(path=path, organisation=org).ok
    for role, email in GLOBEX_ROLES.items():
        Employee.objects.filter(email=email).update(role=role)
    vcf = tmp_path / "globex_contacts.vcf"
    vcf.write_text(GLOBEX_VCF)
    result = NetworkImporter().import_file(path=vcf, owner=employee(GLOBEX_ROLES["sales"]))
    assert result.ok, result.errors
    return org


@pytest.fixture
def orgs(db, tmp_path):
    """Acme (every role; Jan introduces) and Globex (every role; its sales person knows Lotte)."""
    org = acme()
    path = tmp_path / "acme.csv"
    path.write_text((DATA / "directory.csv").read_text() + ACME_EXTRA)
    assert directory_import(path=path, organisation=org).ok
    for role, email in ACME_ROLES.items():
        Employee.objects.filter(email=email).update(role=role)
    return org, _globex(tmp_path)


@pytest.fixture
def mehmet(orgs) -> Person:
    return Person.objects.get(first_name="Mehmet")


@pytest.fixture
def lotte(orgs) -> Person:
    return Person.objects.get(first_name="Lotte", last_name="Visser")


def ask(
    requester: str = "tom.jansen@acme.nl",
    introducer: str = "jan.vandenberg@acme.nl",
    *,
    person: Person,
    reason: str = "We want to plan our logistics better",
    questions=("How do you plan the peak season?",),
    blurb: str = "",
):
    return introduction_request(
        requester=employee(requester),
        introducer=employee(introducer),
        person=person,
        reason=reason,
        questions=list(questions),
        blurb=blurb,
    )


def user_of(email: str):
    """The employee's login (made once)."""
    e = employee(email)
    if e.user is None:
        User = get_user_model()
        e.user = User.objects.create_user(username=email, email=email, password=PASSWORD)
        e.save(update_fields=["user"])
    return e.user


def sign_in(client, email: str):
    client.force_login(user_of(email))
    return employee(email)


def bearer(email: str) -> dict:
    _, key = ApiToken.issue(user_of(email), "test")
    return {"Authorization": f"Bearer {key}"}


@pytest.fixture
def smtp():
    """A real SMTP server; Django's mail goes to it while the test runs."""
    with smtp_server() as inbox, inbox.django():
        yield inbox


@pytest.fixture
def english(settings):
    """Messages compared word for word, in English (Dutch is the site's default)."""
    settings.LANGUAGE_CODE = "en"
    Employee.objects.update(language="en")
