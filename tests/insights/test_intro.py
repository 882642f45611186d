"""`weakties intro`: ranked warm introductions, the inverted U, privacy and audit."""

from __future__ import annotations

import json

import pytest
from django.utils import translation

from tests.factories import acme, employee
from weakties.accounts.models import AuditEvent
from weakties.cli.main import main
from weakties.core.errors import ServiceError
from weakties.insights.services.introductions import introductions
from weakties.people.models import Tie, TieRank
from weakties.people.services.consent import consent_withdraw

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    """The reasons are asserted in English here; Dutch is the default language."""
    with translation.override("en"):
        yield


INTRO_KEYS = {
    "introducer",
    "contact",
    "strength",
    "tier",
    "score",
    "why",
    "matched",
    "mutual_connections",
    "evidence",
}


def _set_strength(owner: str, company: str, strength: float, tier: str) -> None:
    ties = Tie.objects.filter(employee__email=owner, person__company__name=company)
    assert TieRank.objects.filter(tie__in=ties).update(strength=strength, tier=tier) == ties.count()


@pytest.fixture
def org():
    organisation = acme()
    _set_strength("jan.vandenberg@acme.nl", "Stripe", 0.30, "weak")  # moderately weak
    _set_strength("sophie.bakker@acme.nl", "Stripe", 0.90, "strong")
    return organisation


def test_job_leads_prefer_the_moderately_weak_tie_sales_the_strong_one(org):
    job = introductions(organisation=org, company="Stripe, Inc.", purpose="job").rows
    sales = introductions(organisation=org, company="stripe", purpose="sales").rows
    assert [r["introducer"] for r in job] == ["jan.vandenberg@acme.nl", "sophie.bakker@acme.nl"]
    assert [r["introducer"] for r in sales] == ["sophie.bakker@acme.nl", "jan.vandenberg@acme.nl"]
    assert job[0]["score"] > job[1]["score"]
    assert "low intensity" in job[0]["why"] and "Rajkumar" in job[0]["why"]
    assert "high intensity" in job[1]["why"]
    assert "vouch" in sales[0]["why"]
    # not analysed for the job score yet: no mutual connection seen, and the why says so
    assert [r["mutual_connections"] for r in job] == [0, 0]
    assert "No mutual connection shows in the data" in job[0]["why"]


def _set_job(owner: str, company: str, *, mutual: int, job_score: float) -> None:
    ties = Tie.objects.filter(employee__email=owner, person__company__name=company)
    updated = TieRank.objects.filter(tie__in=ties).update(
        mutual_connections=mutual, job_score=job_score, evidence=0.5
    )
    assert updated == ties.count()


def test_job_leads_read_the_stored_job_score_best_first_and_name_the_mutual_connections(org):
    # the analysis stored Sophie's strong tie near Rajkumar's peak of mutual connections, and
    # Jan's weak tie without any: the inverted U over mutual connections puts Sophie first
    _set_job("sophie.bakker@acme.nl", "Stripe", mutual=9, job_score=0.55)
    _set_job("jan.vandenberg@acme.nl", "Stripe", mutual=0, job_score=0.05)
    job = introductions(organisation=org, company="Stripe", purpose="job").rows
    assert [r["introducer"] for r in job] == ["sophie.bakker@acme.nl", "jan.vandenberg@acme.nl"]
    assert [r["score"] for r in job] == [0.55, 0.05]
    assert [r["mutual_connections"] for r in job] == [9, 0]
    assert "share 9 mutual connections" in job[0]["why"] and "near the 10" in job[0]["why"]
    assert "high intensity" in job[0]["why"]
    assert job[0]["evidence"] == 0.5
    with translation.override("nl"):
        dutch = introductions(organisation=org, company="Stripe", purpose="job").rows
    assert "gemeenschappelijke connecties" in dutch[0]["why"]
    # sales still reads the strength: the job score does not enter
    sales = introductions(organisation=org, company="Stripe", purpose="sales").rows
    assert sales[0]["introducer"] == "sophie.bakker@acme.nl"
    assert sales[0]["mutual_connections"] == 9 and "9 mutual connections" in sales[0]["why"]


def test_cli_json_contract_and_no_contact_details(org, capsys):
    assert main(["intro", "--company", "Stripe", "--purpose", "job", "--limit", "1", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert len(rows) == 1 and set(rows[0]) == INTRO_KEYS
    assert isinstance(rows[0]["mutual_connections"], int) and rows[0]["why"]
    assert set(rows[0]["contact"]) == {"id", "name", "company", "position"}
    assert rows[0]["contact"]["name"].startswith("Zo")
    text = json.dumps(rows)
    assert "@" not in text.replace("jan.vandenberg@acme.nl", "")  # no emails but the introducer's


def test_person_by_linkedin_url_in_any_spelling(org):
    rows = introductions(
        organisation=org, person="HTTP://LinkedIn.com/in/zoe-peeters-1a2b3c/", purpose="info"
    ).rows
    assert {r["introducer"] for r in rows} == {"jan.vandenberg@acme.nl", "sophie.bakker@acme.nl"}
    assert all(r["contact"]["name"].startswith("Zo") for r in rows)


def test_role_matches_positions_and_senior_roles_prefer_strong_ties(org):
    rows = introductions(organisation=org, role="account executive", purpose="job").rows
    assert rows and all("Account Executive" in r["contact"]["position"] for r in rows)
    senior = introductions(organisation=org, role="Directeur", purpose="job").rows
    assert all("irect" in r["contact"]["position"] for r in senior)


def test_a_role_search_counts_every_fitting_tie_and_pages_through_them(org):
    from weakties.people.models import TieRank

    first = introductions(organisation=org, role="account executive", purpose="job", limit=1)
    fitting = TieRank.objects.filter(
        organisation=org, colleague=False, person__position__icontains="account executive"
    ).count()
    assert first.total == fitting > 1
    seen, cursor = [], None
    while True:
        page = introductions(
            organisation=org, role="account executive", purpose="job", limit=1, cursor=cursor
        )
        seen += [(r["introducer"], r["contact"]["id"]) for r in page.rows]
        if page.next_cursor is None:
            break
        cursor = page.next_cursor
    assert len(seen) == len(set(seen)) == fitting


def test_only_consenting_employees_introduce(org):
    consent_withdraw(employee=employee("sophie.bakker@acme.nl"))
    rows = introductions(organisation=org, company="Stripe", purpose="sales").rows
    assert [r["introducer"] for r in rows] == ["jan.vandenberg@acme.nl"]


def test_every_search_is_audited(org):
    before = AuditEvent.objects.filter(action="intro").count()
    introductions(organisation=org, company="Stripe", actor_label="tester")
    event = AuditEvent.objects.filter(action="intro").latest("id")
    assert AuditEvent.objects.filter(action="intro").count() == before + 1
    assert event.actor_label == "tester" and event.detail["query"] == "Stripe"


def test_strength_is_provisional_before_analyze():
    organisation = acme()
    rows = introductions(organisation=organisation, company="Stripe", purpose="job").rows
    assert rows and all(0.0 <= r["strength"] <= 1.0 for r in rows)
    assert all(r["tier"] for r in rows)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({}, "exactly one"),
        ({"company": "Stripe", "role": "CTO"}, "exactly one"),
        ({"role": "x"}, "three letters"),
        ({"person": "not an address"}, "neither"),
        ({"company": "Stripe", "purpose": "fun"}, "purpose"),
    ],
)
def test_bad_requests_say_what_is_wrong(org, kwargs, message):
    with pytest.raises(ServiceError, match=message):
        introductions(organisation=org, **kwargs)


def test_unknown_company_gives_an_empty_list(org, capsys):
    assert main(["intro", "--company", "Nonexistent Holding", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []


def test_reasons_are_dutch_by_default(org):
    with translation.override("nl"):
        rows = introductions(organisation=org, company="Stripe", purpose="job").rows
    assert "kent" in rows[0]["why"] and "knows" not in rows[0]["why"]


def test_a_database_analysed_before_the_job_score_reads_the_weakest_ties_only(
    org, monkeypatch, tmp_path
):
    """Upgraded, not analysed again: no tie carries a job score or mutual connections.  The job
    search must not score every unscored tie (165 ms at 3,000 employees); with no mutual
    connection known the score falls as strength rises, so the k weakest hold the top k."""
    from weakties.people.selectors import ranked_ties
    from weakties.people.services.network_import.importer import NetworkImporter

    export = tmp_path / "Connections.csv"
    lines = ["First Name,Last Name,URL,Email Address,Company,Position,Connected On"]
    lines += [
        f"Kim{i},Lee{i},https://www.linkedin.com/in/kim-lee-{i},,Grootbedrijf BV,Analist,01 Mar 2024"
        for i in range(12)
    ]
    export.write_text("\n".join(lines) + "\n", encoding="utf-8")
    owner = employee("sophie.bakker@acme.nl")
    assert NetworkImporter().import_file(path=export, owner=owner).ok
    company = TieRank.objects.filter(
        organisation=org, person__company__name__startswith="Grootbedrijf"
    )
    assert company.count() == 12
    for i, rank in enumerate(company.order_by("-tie")):  # the newest ties the weakest
        rank.strength, rank.tier = round(0.1 + 0.05 * i, 2), "weak"
        rank.job_score = rank.mutual_connections = None
        rank.save()

    read: list[int] = []
    run = ranked_ties._run
    monkeypatch.setattr(ranked_ties, "_run", lambda st: read.append(len(rows := run(st))) or rows)
    page = introductions(organisation=org, company="Grootbedrijf BV", purpose="job", limit=2)
    # the weakest analysed ties come first, as scoring every tie would put them
    weakest = list(company.order_by("strength").values_list("strength", flat=True)[:2])
    assert [r["strength"] for r in page.rows] == pytest.approx(weakest)
    assert page.total == 12
    # rows read: the count, then the k nearest at and above 0 (k = limit); not every tie
    assert sum(read) - 1 <= 2 * 2 < 12
