"""Two organisations with every role, and networks with contact details to try to leak.

Brouwer Software BV hires a Python developer.  Emma and Jan share their
networks: both know Lars Visser (Python developer at Bol), Emma through a
moderately weak tie and Jan through a strong one; Emma also knows Noor
Bakker (Python developer at ING) through a strong tie, and Jan knows Fleur de
Wit (senior software engineer at Coolblue) through a moderately weak tie.
Their ties carry emails and phones that only they may ever see.  Kiwi BV has
one of each role and its own Python developer contact, whom nobody at Brouwer
may see.
"""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.utils import translation

from tests.smtp import smtp_server
from weakties.accounts.models import ApiToken, Employee
from weakties.accounts.services.organisations import organisation_create
from weakties.network.job_leads import job_score
from weakties.people.models import TieRank
from weakties.people.services.directory import directory_import
from weakties.people.services.network_import.importer import NetworkImporter

PASSWORD = "s3cret-Passw0rd"
ROLES = ("employee", "recruiter", "sales", "admin", "representative", "coordinator")
BROUWER = {
    "employee": "emma.engineer@brouwer.nl",
    "recruiter": "rita.recruiter@brouwer.nl",
    "sales": "sara.sales@brouwer.nl",
    "admin": "adam.admin@brouwer.nl",
    "representative": "rob.rep@brouwer.nl",
    "coordinator": "cor.coord@brouwer.nl",
}
JAN = "jan.jansen@brouwer.nl"
KIWI = {role: f"{role}@kiwi.be" for role in ROLES}

#: Contact details on the sharers' ties: never shown to anybody but their owner.
LARS_EMAIL = "lars.visser@example.com"
LARS_PHONE = "+31 6 11112222"
NOOR_EMAIL = "noor.bakker@example.net"
FLEUR_EMAIL = "fleur.dewit@example.org"
KIWI_EMAIL = "piet.kiwi@example.be"
SECRETS = (LARS_EMAIL, LARS_PHONE, NOOR_EMAIL, FLEUR_EMAIL, KIWI_EMAIL, "11112222")

DIRECTORY = (
    "email,first_name,last_name,department,job_title,location,manager_email\n"
    "adam.admin@brouwer.nl,Adam,Admin,Directie,Directeur,Utrecht,\n"
    "rita.recruiter@brouwer.nl,Rita,Recruiter,HR,Recruiter,Utrecht,adam.admin@brouwer.nl\n"
    "emma.engineer@brouwer.nl,Emma,Engineer,Engineering,Software engineer,Utrecht,adam.admin@brouwer.nl\n"
    "jan.jansen@brouwer.nl,Jan,Jansen,Engineering,Tester,Utrecht,adam.admin@brouwer.nl\n"
    "sara.sales@brouwer.nl,Sara,Sales,Sales,Accountmanager,Amsterdam,adam.admin@brouwer.nl\n"
    "rob.rep@brouwer.nl,Rob,Rep,HR,HR adviseur,Utrecht,adam.admin@brouwer.nl\n"
    "cor.coord@brouwer.nl,Cor,Coord,HR,Coordinator,Utrecht,adam.admin@brouwer.nl\n"
)
HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
EMMA_LINKEDIN = HEADER + (
    f"Lars,Visser,https://www.linkedin.com/in/lars-visser,{LARS_EMAIL},Bol,Python developer,03 Mar 2022\n"
    f"Noor,Bakker,https://www.linkedin.com/in/noor-bakker,{NOOR_EMAIL},ING,Python developer,01 Jan 2015\n"
    "Kees,Smit,https://www.linkedin.com/in/kees-smit,,Albert Heijn,Bedrijfsleider,05 May 2020\n"
)
EMMA_VCF = (
    "BEGIN:VCARD\nVERSION:3.0\nN:Visser;Lars;;;\nFN:Lars Visser\nORG:Bol\nTITLE:Python developer\n"
    f"EMAIL;type=INTERNET:{LARS_EMAIL}\nTEL;type=CELL:{LARS_PHONE}\nEND:VCARD\n"
)
JAN_LINKEDIN = HEADER + (
    "Lars,Visser,https://www.linkedin.com/in/lars-visser,,Bol,Python developer,10 Oct 2012\n"
    f"Fleur,de Wit,https://www.linkedin.com/in/fleur-de-wit,{FLEUR_EMAIL},Coolblue,Senior software engineer,02 Feb 2021\n"
)
KIWI_LINKEDIN = HEADER + (
    f"Piet,Kiwi,https://www.linkedin.com/in/piet-kiwi,{KIWI_EMAIL},Kiwi Labs,Python developer,01 Jun 2023\n"
)

#: Tie strengths as an analysis would store them: moderately weak (0.3) and strong (0.9).
#: The mutual connections it found: Emma and Jan's moderately weak ties near the peak of ten
#: (Rajkumar et al. 2022), their strong ones with one.
MUTUAL = {
    ("emma.engineer@brouwer.nl", "Lars"): 8,
    ("emma.engineer@brouwer.nl", "Noor"): 1,
    ("emma.engineer@brouwer.nl", "Kees"): 8,
    ("jan.jansen@brouwer.nl", "Lars"): 1,
    ("jan.jansen@brouwer.nl", "Fleur"): 8,
    ("employee@kiwi.be", "Piet"): 8,
}
STRENGTHS = {
    ("emma.engineer@brouwer.nl", "Lars"): 0.3,
    ("emma.engineer@brouwer.nl", "Noor"): 0.9,
    ("emma.engineer@brouwer.nl", "Kees"): 0.3,
    ("jan.jansen@brouwer.nl", "Lars"): 0.9,
    ("jan.jansen@brouwer.nl", "Fleur"): 0.3,
    ("employee@kiwi.be", "Piet"): 0.3,
}


def _directory(tmp_path, name: str, domain: str, text: str, roles: dict[str, str]):
    org = organisation_create(name=name, domain=domain)
    path = tmp_path / f"{domain}.csv"
    path.write_text(text)
    report = directory_import(path=path, organisation=org)
    assert report.ok, report.errors
    for role, email in roles.items():
        Employee.objects.filter(email=email).update(role=role)
    return org


def _import(tmp_path, owner: str, name: str, text: str) -> None:
    path = tmp_path / name
    path.write_text(text)
    result = NetworkImporter().import_file(
        path=path, owner=Employee.objects.get(email=owner), via="cli"
    )
    assert result.ok, result.errors


def analyse() -> None:
    """Store the test's tie strengths, mutual connections and job scores on TieRank, as
    ``weakties analyze`` would (the job score from its function, at the peak of ten)."""
    for (owner, first), strength in STRENGTHS.items():
        mutual = MUTUAL[owner, first]
        TieRank.objects.filter(employee__email=owner, person__first_name=first).update(
            strength=strength,
            tier="strong" if strength > 0.6 else "weak",
            mutual_connections=mutual,
            job_score=float(job_score([mutual], [strength])[0]),
        )


@pytest.fixture(autouse=True)
def english():
    """Messages in English unless a test asks for Dutch (the site's default is Dutch)."""
    with translation.override("en"):
        yield


@pytest.fixture
def orgs(db, tmp_path):
    """Brouwer Software BV (every role; Emma and Jan share) and Kiwi BV (every role)."""
    brouwer = _directory(tmp_path, "Brouwer Software BV", "brouwer.nl", DIRECTORY, BROUWER)
    kiwi_dir = "email,first_name,last_name,department,job_title,location,manager_email\n" + "".join(
        f"{email},{role.title()},Kiwi,Staff,{role},Gent,\n" for role, email in KIWI.items()
    )
    kiwi = _directory(tmp_path, "Kiwi BV", "kiwi.be", kiwi_dir, KIWI)
    _import(tmp_path, BROUWER["employee"], "emma_Connections.csv", EMMA_LINKEDIN)
    _import(tmp_path, BROUWER["employee"], "emma.vcf", EMMA_VCF)
    _import(tmp_path, JAN, "jan_Connections.csv", JAN_LINKEDIN)
    _import(tmp_path, KIWI["employee"], "kiwi_Connections.csv", KIWI_LINKEDIN)
    analyse()
    return brouwer, kiwi


def login(client, email: str):
    """Give the employee a login and sign the test client in; returns the employee."""
    employee = Employee.objects.get(email=email)
    User = get_user_model()
    user = User.objects.filter(username=email).first() or User.objects.create_user(
        username=email, email=email, password=PASSWORD
    )
    if employee.user_id != user.pk:
        employee.user = user
        employee.save(update_fields=["user"])
    client.force_login(user)
    return employee


def bearer(email: str) -> dict[str, str]:
    """An API token for the employee's login."""
    employee = Employee.objects.get(email=email)
    User = get_user_model()
    user = employee.user or User.objects.create_user(username=email, email=email, password=PASSWORD)
    if employee.user_id is None:
        employee.user = user
        employee.save(update_fields=["user"])
    _, key = ApiToken.issue(user, "test")
    return {"Authorization": f"Bearer {key}"}


@pytest.fixture
def smtp():
    """A real SMTP server; Django's mail goes to it while the test runs."""
    with smtp_server() as inbox, inbox.django():
        yield inbox
