"""The job ranking's peak is stored on the organisation by the analysis (issue 9): a job search
reads it with the organisation it already has, not out of the last run's figures."""

from __future__ import annotations

import importlib
import re

import pytest
from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from weakties.accounts.models import Organisation
from weakties.demo.organisation import build_demo
from weakties.insights.models import AnalysisRun
from weakties.insights.services.analytics import analytics_refresh
from weakties.insights.services.introductions import introductions

pytestmark = pytest.mark.django_db

backfill = importlib.import_module(
    "weakties.insights.migrations.0005_organisation_mutual_peak_backfill"
).backfill


@pytest.fixture
def analysed():
    organisation, _ = build_demo(employees=12, seed=5)
    run = analytics_refresh(organisation=organisation)
    return Organisation.objects.get(pk=organisation.pk), run


def _a_company(organisation: Organisation) -> str:
    from weakties.people.models import TieRank

    rank = TieRank.objects.filter(organisation=organisation, company__isnull=False).first()
    return rank.company.name


def test_the_analysis_stores_its_peak_on_the_organisation(analysed):
    organisation, run = analysed
    assert organisation.mutual_peak is not None
    assert organisation.mutual_peak == pytest.approx(run.figures["mutual_peak"])


def test_a_job_search_reads_no_analysis_run(analysed):
    organisation, run = analysed
    company = _a_company(organisation)
    with CaptureQueriesContext(connection) as queries, translation.override("en"):
        page = introductions(organisation=organisation, company=company, purpose="job")
    assert page.rows
    assert not [q for q in queries.captured_queries if "insights_analysisrun" in q["sql"]]
    # and the reasons name the stored peak
    peak = run.figures["mutual_peak"]
    shown = f"{peak:.0f}" if peak >= 1.5 else f"{peak:.1f}"
    pattern = rf"(about|the) {re.escape(shown)} (of them|at which)"
    assert all(re.search(pattern, r["why"]) for r in page.rows)


def test_before_a_new_analysis_the_last_runs_peak_is_read_and_the_backfill_stores_it(analysed):
    organisation, run = analysed
    AnalysisRun.objects.filter(pk=run.pk).update(figures={**run.figures, "mutual_peak": 7.0})
    Organisation.objects.filter(pk=organisation.pk).update(mutual_peak=None)  # as upgraded
    upgraded = Organisation.objects.get(pk=organisation.pk)
    with translation.override("en"):
        page = introductions(organisation=upgraded, company=_a_company(upgraded), purpose="job")
    assert all(re.search(r"(about|the) 7 (of them|at which)", r["why"]) for r in page.rows)
    backfill(apps, None)
    assert Organisation.objects.get(pk=organisation.pk).mutual_peak == 7.0
    backfill(apps, None)  # a second run changes nothing
    assert Organisation.objects.get(pk=organisation.pk).mutual_peak == 7.0
