"""Aggregates hide groups smaller than ``WEAKTIES_MIN_GROUP`` (5) everywhere (issue 12 §2).

An organisation with a department of exactly four employees ("Kwartet") and one of five
("Kwintet"); among their contacts, exactly four work at "Viertal Logistiek" (the only company
of the logistics sector) and five at "Vijftal Ziekenhuis" (the only one in care). Every page,
API answer, export and report that counts groups shows the groups of five and none of four.
"""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.utils import translation

from tests.factories import OrgWorld, org_world
from weakties.ambassadors.sectors import sector_name

pytestmark = pytest.mark.django_db

FOUR, FIVE = "Viertal Logistiek", "Vijftal Ziekenhuis"
SMALL_DEPARTMENT, DEPARTMENT = "Kwartet", "Kwintet"


def _contacts(company: str, n: int, start: int) -> list[tuple[str, str, str, str, str]]:
    return [
        (
            f"Contact{start + i}",
            "Test",
            company,
            f"c{start + i}@example.org",
            f"+31 6 5000{start + i:04d}",
        )
        for i in range(n)
    ]


@pytest.fixture(scope="module")
def groups(django_db_setup, django_db_blocker, tmp_path_factory):
    from weakties.accounts.models import ApiToken, Employee
    from weakties.insights.services.analytics import analytics_refresh
    from weakties.people.services.directory import directory_import

    folder = tmp_path_factory.mktemp("small-groups")
    names = {
        "admin": ("Anna", "Admin"),
        "employee": ("Jan", "Werknemer"),
        "recruiter": ("Sophie", "Werver"),
        "sales": ("Tom", "Verkoper"),
        "representative": ("Rita", "Vertegenwoordiger"),
        "coordinator": ("Cor", "Coordinator"),
    }
    with django_db_blocker.unblock(), transaction.atomic():
        world: OrgWorld = org_world(
            name="Acme BV",
            domain="acme.nl",
            names=names,
            contacts={"employee": _contacts(FOUR, 4, 0), "sales": _contacts(FIVE, 5, 10)},
            folder=folder,
        )
        # Departments of four and five: the six logins and three more colleagues, as HR gives them.
        staff = [(e.email, e.first_name, e.last_name) for e in world.people.values()]
        staff += [(f"extra{i}@acme.nl", f"Extra{i}", "Collega") for i in range(3)]
        rows = ["email,first_name,last_name,department,job_title,location,manager_email"]
        rows += [
            f"{email},{first},{last},{SMALL_DEPARTMENT if i < 4 else DEPARTMENT},Medewerker,Utrecht,"
            for i, (email, first, last) in enumerate(staff)
        ]
        (folder / "directory.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
        report = directory_import(path=folder / "directory.csv", organisation=world.organisation)
        assert report.ok, report.errors
        assert Employee.objects.filter(department=SMALL_DEPARTMENT).count() == 4
        assert Employee.objects.filter(department=DEPARTMENT).count() == 5
        analytics_refresh(organisation=world.organisation)
        admin = world.people["admin"]
        client = Client()
        client.force_login(admin.user)
        token = ApiToken.issue(admin.user, "small groups")[1]
        yield world, client, {"Authorization": f"Bearer {token}"}
        transaction.set_rollback(True)


def _text(response) -> str:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


def _shows(text: str) -> dict[str, bool]:
    return {word: word in text for word in (FOUR, FIVE)}


def test_the_insights_page_shows_the_company_and_sector_of_five_not_of_four(groups):
    world, client, _ = groups
    page = _text(client.get("/insights/"))
    assert _shows(page) == {FOUR: False, FIVE: True}
    with translation.override("nl"):
        care, logistics = sector_name("zorg"), sector_name("logistiek")
    assert care in page and logistics not in page


def test_the_api_and_the_cli_report_the_same(groups):
    world, client, api = groups
    answer = client.get("/api/reach", headers=api)
    assert answer.status_code == 200
    cli = StringIO()
    call_command("reach", "--org", world.organisation.name, "--json", stdout=cli)
    for figures in (answer.json(), json.loads(cli.getvalue())):
        coverage = figures["coverage"]
        companies = {c["name"]: c["people"] for c in coverage["company"]}
        sectors = {c["name"]: c["people"] for c in coverage["sector"]}
        assert companies.get(FIVE) == 5 and FOUR not in companies
        assert sectors.get("zorg") == 5 and "logistiek" not in sectors
        assert coverage["hidden_groups"] >= 2  # the company and the sector of four


def test_the_leaderboard_pools_a_department_of_four_and_hides_a_pool_under_five(groups):
    """Referrals per department: "Kwintet" (5) by name; "Kwartet" (4) only pooled, and a
    pool of fewer than five colleagues not at all (its count would be theirs)."""
    from weakties.referrals.selectors import leaderboard
    from weakties.referrals.services.org_settings import settings_update
    from weakties.referrals.services.referrals import referral_apply

    world, client, api = groups
    settings_update(organisation=world.organisation, leaderboard=True)
    vacancy = world.objects["vacancy"]
    for i, role in enumerate(("employee", "coordinator")):  # Kwartet, Kwintet
        referral_apply(
            vacancy=vacancy, referrer=world.people[role], name=f"K{i}", email=f"k{i}@example.org"
        )
    board = leaderboard(world.organisation)
    assert [d["department"] for d in board["departments"]] == [DEPARTMENT]
    page = _text(client.get("/referrals/leaderboard/"))
    answer = _text(client.get("/api/referrals/leaderboard", headers=api))
    for text in (page, answer):
        assert DEPARTMENT in text and SMALL_DEPARTMENT not in text
