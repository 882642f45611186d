"""Two organisations with every role, and networks with contact details to try to leak.

Acme BV (``tests/data/org`` plus three colleagues):

* Jan van den Berg (employee) shares his network: Zoë Peeters (Stripe), Mehmet
  Çelik (Bakker Logistiek; email and phone on Jan's tie), Lotte van Dijk
  (Rabobank), Eva Smit (Coolblue; email);
* Sophie Bakker (recruiter) shares hers: Zoe Peeters (Stripe), Pieter de Graaf
  (Gemeente Utrecht);
* Tom Jansen, Anna de Vries (admin), Sam (sales), Rita (representative), Cor
  (coordinator) share nothing.

Globex NV has one employee of each role; its sales person knows Lotte Visser
(Proximus) with an email and a phone, which nobody at Acme may ever see.
"""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from tests.browser.conftest import (  # noqa: F401 - the browser tests' fixtures, for test_browser
    live_server_url,
    server_env,
)
from tests.factories import DATA, acme, employee
from weakties.accounts.models import ApiToken, Employee
from weakties.accounts.services.organisations import organisation_create
from weakties.people.models import Tie, TieRank
from weakties.people.services.directory import directory_import
from weakties.people.services.network_import.importer import NetworkImporter

PASSWORD = "s3cret-Passw0rd"
JAN = "jan.vandenberg@acme.nl"
SOPHIE = "sophie.bakker@acme.nl"
TOM = "tom.jansen@acme.nl"
#: Contact details on Jan's ties: only Jan ever sees them.
MEHMET_EMAIL = "Mehmet.Celik@Example.com"
MEHMET_PHONE = "+31 6 12345678"
EVA_EMAIL = "eva.smit@example.org"
#: On Globex's sales person's tie: nobody at Acme sees anything of it.
LOTTE_EMAIL = "lotte.visser@example.net"
LOTTE_PHONE = "+32 470 12 34 56"
SECRETS = (MEHMET_EMAIL, MEHMET_PHONE, EVA_EMAIL, LOTTE_EMAIL, LOTTE_PHONE)

ACME_EXTRA = (
    "sam.sales@acme.nl,Sam,Sales,Sales,Salesmanager,Utrecht,anna.devries@acme.nl\n"
    "rita.rep@acme.nl,Rita,Rep,HR,Vertegenwoordiger,Utrecht,anna.devries@acme.nl\n"
    "cor.coord@acme.nl,Cor,Coord,HR,Coördinator,Utrecht,anna.devries@acme.nl\n"
)
ACME_ROLES = {
    "employee": JAN,
    "recruiter": SOPHIE,
    "sales": "sam.sales@acme.nl",
    "admin": "anna.devries@acme.nl",
    "representative": "rita.rep@acme.nl",
    "coordinator": "cor.coord@acme.nl",
}
GLOBEX_ROLES = {role: f"{role}@globex.be" for role in ACME_ROLES}
ROLES = tuple(ACME_ROLES)
GLOBEX_VCF = (
    "BEGIN:VCARD\nVERSION:3.0\nN:Visser;Lotte;;;\nFN:Lotte Visser\nORG:Rabobank\n"
    "TITLE:Data analist\n"
    f"EMAIL;type=INTERNET:{LOTTE_EMAIL}\nTEL;type=CELL:{LOTTE_PHONE}\nEND:VCARD\n"
)


def set_strength(owner: str, company: str, strength: float, tier: str) -> None:
    """Give ``owner``'s ties at ``company`` a measured strength, as ``weakties analyze`` would."""
    ties = Tie.objects.filter(employee__email=owner, person__company__name__startswith=company)
    assert TieRank.objects.filter(tie__in=ties).update(strength=strength, tier=tier) >= 1


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
    """Acme (every role; Jan and Sophie share) and Globex (every role; its sales person shares)."""
    org = acme()
    path = tmp_path / "acme.csv"
    path.write_text((DATA / "directory.csv").read_text() + ACME_EXTRA)
    assert directory_import(path=path, organisation=org).ok
    for role, email in ACME_ROLES.items():
        Employee.objects.filter(email=email).update(role=role)
    set_strength(JAN, "Stripe", 0.30, "weak")  # moderately weak
    set_strength(SOPHIE, "Stripe", 0.90, "strong")
    set_strength(JAN, "Rabobank", 0.28, "weak")
    return org, _globex(tmp_path)


def user_of(email: str):
    """The employee's login (made on first use)."""
    e = Employee.objects.get(email=email)
    if e.user_id is None:
        e.user = get_user_model().objects.create_user(
            username=email, email=email, password=PASSWORD
        )
        e.save(update_fields=["user"])
    return e.user


def login_as(client, email: str) -> Employee:
    client.force_login(user_of(email))
    return Employee.objects.get(email=email)


def bearer(email: str) -> dict:
    _, key = ApiToken.issue(user_of(email), "test")
    return {"Authorization": f"Bearer {key}"}


@pytest.fixture
def root(db):
    return get_user_model().objects.create_superuser("root", "root@example.org", PASSWORD)
