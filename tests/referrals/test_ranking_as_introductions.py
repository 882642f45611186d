"""Referral candidates rank ties exactly as "who can introduce me to …" does (one ranking).

The job score ``weakties analyze`` stores on ``TieRank`` decides (Rajkumar et
al. 2022), not the old bump on the strength scale; a tie analysed before the
job score was stored gets it from the same function; a tie not analysed yet
gets the provisional strength and tier of ``weakties.people.strength``
("unknown strength" unless its age and sources say enough).
"""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.test import Client
from django.utils import timezone

from weakties.accounts.models import Employee
from weakties.cli.main import main
from weakties.insights.models import AnalysisRun
from weakties.insights.services.introductions import introductions
from weakties.network.job_leads import job_score
from weakties.people.models import Tie, TieRank
from weakties.people.strength import provisional_tiers, strength_weights
from weakties.referrals.models import Vacancy
from weakties.referrals.selectors import candidate_rows, fitting_vacancies
from weakties.referrals.services import tie_reads
from weakties.referrals.services.candidates import candidates_refresh
from weakties.referrals.services.tie_table import tie_table_load, tiers_of
from weakties.referrals.services.vacancies import vacancy_create

from .conftest import BROUWER, JAN, bearer, login

pytestmark = pytest.mark.django_db

EMMA = BROUWER["employee"]
RITA = BROUWER["recruiter"]


def _measure(owner: str, first: str, *, strength: float, tier: str, mutual: int) -> float:
    """Store what an analysis finds; returns the job score it stores (peak ten)."""
    job = float(job_score([mutual], [strength])[0])
    assert (
        TieRank.objects.filter(employee__email=owner, person__first_name=first).update(
            strength=strength, tier=tier, mutual_connections=mutual, job_score=job
        )
        == 1
    )
    return job


def _unanalysed(owner: str, first: str) -> None:
    """The tie as an import leaves it before ``weakties analyze`` runs."""
    assert (
        TieRank.objects.filter(employee__email=owner, person__first_name=first).update(
            strength=None, tier="", mutual_connections=None, job_score=None, evidence=None
        )
        == 1
    )


@pytest.fixture
def python(orgs):
    brouwer, _kiwi = orgs
    return vacancy_create(
        organisation=brouwer,
        title="Python developer",
        description="Backend in Python en Django voor onze webshop",
        location="Utrecht",
        level="medior",
    )


@pytest.fixture
def circles(orgs):
    """Emma's moderately weak tie to Lars sits in a circle of 60 mutual connections (her news
    is rarely new); Jan's strong tie to Lars has ten, the peak.  The old bump on the strength
    scale preferred Emma's 0.3 a hundredfold; the job score prefers Jan's."""
    emma = _measure(EMMA, "Lars", strength=0.3, tier="weak", mutual=60)
    jan = _measure(JAN, "Lars", strength=0.9, tier="strong", mutual=10)
    assert jan > emma
    return orgs


def test_the_better_job_score_wins_where_the_old_curve_chose_the_other_tie(circles, python):
    candidates_refresh(vacancies=[python])
    lars = [r for r in candidate_rows(python) if r["contact"]["name"] == "Lars Visser"]
    assert [r["employee"] for r in lars] == [JAN]
    assert lars[0]["tier"] == "strong"


def test_weakties_refer_and_the_api_name_the_same_colleague(circles, python, capsys, client):
    assert main(["refer", "--vacancy", str(python.pk), "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [r["employee"] for r in rows if r["contact"]["name"] == "Lars Visser"] == [JAN]
    got = client.get(f"/api/vacancies/{python.pk}/candidates", headers=bearer(RITA))
    assert got.status_code == 200
    assert [r["employee"] for r in got.json() if r["contact"]["name"] == "Lars Visser"] == [JAN]


@pytest.mark.parametrize("job_scores", [True, False], ids=["analysed", "before the job score"])
def test_the_tie_table_fits_every_tie_as_the_introductions_search_scores_it(orgs, job_scores):
    """Analysed ties (with job scores, or by an analysis from before they were stored: then
    none has one), next to ties not analysed yet; the peak is the last analysis's."""
    brouwer, _kiwi = orgs
    AnalysisRun.objects.create(
        organisation=brouwer,
        status=AnalysisRun.Status.DONE,
        finished_at=timezone.now(),
        figures={"mutual_peak": 3.0},
    )
    _measure(EMMA, "Lars", strength=0.3, tier="weak", mutual=60)
    if not job_scores:
        assert TieRank.objects.update(job_score=None, mutual_connections=None)
        # The analysis stores its peak on the organisation too: that one counts.
        type(brouwer).objects.filter(pk=brouwer.pk).update(mutual_peak=2.0)
        brouwer.refresh_from_db()
    _unanalysed(EMMA, "Noor")
    _unanalysed(JAN, "Fleur")
    today = dt.date(2026, 6, 1)
    table = tie_table_load(organisation=brouwer, today=today)
    table.read(range(len(table.positions)))  # every tie of every position
    mine = {int(t): k for k, t in enumerate(table.tie.tolist())}
    compared = []
    for company in ("Bol", "ING", "Coolblue"):
        page = introductions(organisation=brouwer, company=company, purpose="job", today=today)
        for row in page.rows:
            tie = Tie.objects.get(employee__email=row["introducer"], person_id=row["contact"]["id"])
            k = mine[tie.pk]
            assert table.fit[k] == pytest.approx(row["score"], abs=1e-4), (company, row)
            assert table.strength[k] == pytest.approx(row["strength"], abs=1e-4)
            assert tiers_of(table, [k]) == [row["tier"]]
            compared.append((row["introducer"], row["contact"]["name"]))
    assert sorted(compared) == [
        (EMMA, "Lars Visser"),
        (EMMA, "Noor Bakker"),
        (JAN, "Fleur de Wit"),
        (JAN, "Lars Visser"),
    ]


def test_a_tie_not_analysed_yet_takes_its_tier_from_the_provisional_tiers(orgs, python, client):
    _unanalysed(JAN, "Fleur")
    tie = Tie.objects.get(employee__email=JAN, person__first_name="Fleur")
    expected = provisional_tiers(
        connected_on=[tie.connected_on],
        sources=[len(tie.sources)],
        today=dt.date.today(),
        weights=strength_weights(),
    )[0]
    assert expected == "unknown"  # one LinkedIn tie's age never decides a tier (issue 13)
    candidates_refresh(vacancies=[python])
    fleur = [r for r in candidate_rows(python) if r["contact"]["name"] == "Fleur de Wit"]
    assert [(r["tier"], r["tier_label"]) for r in fleur] == [("unknown", "unknown strength")]
    assert "The tie's strength is not known yet." in fleur[0]["why"]
    Employee.objects.filter(email=RITA).update(language="en")
    login(client, RITA)
    page = client.get(f"/referrals/{python.pk}/candidates/").content.decode()
    assert '<span class="tier tier-unknown">unknown strength</span>' in page
    Employee.objects.filter(email=RITA).update(language="nl")  # her pages in Dutch
    dutch = Client()
    login(dutch, RITA)
    page = dutch.get(f"/referrals/{python.pk}/candidates/").content.decode()
    assert '<span class="tier tier-unknown">sterkte onbekend</span>' in page
    api = client.get(f"/api/vacancies/{python.pk}/candidates", headers=bearer(RITA)).json()
    assert [r["tier"] for r in api if r["contact"]["name"] == "Fleur de Wit"] == ["unknown"]


def test_my_own_contacts_for_a_vacancy_follow_the_job_score(orgs, python, client):
    """Emma's page: Noor (strong, ten mutual connections) before Lars (moderately weak, 60)."""
    _measure(EMMA, "Lars", strength=0.3, tier="weak", mutual=60)
    _measure(EMMA, "Noor", strength=0.9, tier="strong", mutual=10)
    (found,) = fitting_vacancies(employee=Employee.objects.get(email=EMMA), vacancy=python)
    names = [c["name"] for c in found["contacts"]]
    assert names.index("Noor Bakker") < names.index("Lars Visser")
    _unanalysed(EMMA, "Noor")
    login(client, EMMA)
    mine = client.get("/api/vacancies/mine", headers=bearer(EMMA)).json()
    (vacancy,) = [v for v in mine if v["vacancy"]["id"] == python.pk]
    assert {c["name"]: c["tier"] for c in vacancy["contacts"]}["Noor Bakker"] == "unknown"


def test_a_vacancy_with_no_analysis_at_all_still_ranks(orgs, python):
    TieRank.objects.update(
        strength=None, tier="", mutual_connections=None, job_score=None, evidence=None
    )
    assert candidates_refresh(vacancies=[python])[python.pk]
    rows = candidate_rows(python)
    assert rows and {r["tier"] for r in rows} == {"unknown"}
    assert Vacancy.objects.get(pk=python.pk).suggestions.count() == len(rows)


def test_ties_not_analysed_are_read_alike_by_id_and_in_one_scan(orgs, monkeypatch):
    """A few are read by id; many (more than a chunk) in one scan of the organisation's."""
    brouwer, _kiwi = orgs
    TieRank.objects.filter(organisation=brouwer).update(
        strength=None, tier="", mutual_connections=None, job_score=None, evidence=None
    )
    today = dt.date(2026, 6, 1)
    by_id = tie_table_load(organisation=brouwer, today=today)
    by_id.read(range(len(by_id.positions)))
    monkeypatch.setattr(tie_reads, "_BY_ID", 0)
    scanned = tie_table_load(organisation=brouwer, today=today)
    scanned.read(range(len(scanned.positions)))
    assert len(by_id) == len(scanned) >= 4
    assert by_id.tie.tolist() == scanned.tie.tolist()
    assert by_id.strength.tolist() == scanned.strength.tolist()
    assert by_id.fit.tolist() == scanned.fit.tolist()
    assert tiers_of(by_id, range(len(by_id))) == tiers_of(scanned, range(len(scanned)))
    assert len(set(by_id.strength.tolist())) > 1  # the dates and sources were read
