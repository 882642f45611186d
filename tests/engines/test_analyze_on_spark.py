"""``weakties analyze --engine spark`` (issue 14): the same reach as the embedded run, stored."""

from __future__ import annotations

import pytest
from django.utils import translation

from tests.factories import acme
from weakties.cli.main import main
from weakties.insights.models import AnalysisRun, EmployeeInsight
from weakties.insights.services.analytics import analytics_refresh
from weakties.snapshots.services.engine import analytics_on_engine

pytestmark = pytest.mark.django_db


@pytest.mark.slow
def test_analyze_on_spark_stores_the_embedded_runs_reach(spark, settings):
    organisation = acme()
    embedded = analytics_refresh(organisation=organisation)
    run = analytics_on_engine(organisation_name="Acme BV", engine="spark", session=spark)
    assert run.figures["engine"].startswith("spark") and run.figures["carried_from"] == embedded.id
    assert run.figures["people_reached"] == embedded.figures["people_reached"] > 0
    by_employee = {
        i.employee_id: (i.reach, i.unique_reach) for i in EmployeeInsight.objects.filter(run=run)
    }
    assert by_employee == {
        i.employee_id: (i.reach, i.unique_reach)
        for i in EmployeeInsight.objects.filter(run=embedded)
    }
    left = list((settings.HOME / "snapshots").glob(f"org{organisation.id}-*"))
    assert not left  # the work folder is gone


def test_analyze_refuses_spark_options_with_the_embedded_engine(capsys):
    acme(networks=False)
    with translation.override("en"):
        assert main(["analyze", "--master", "spark://head:7077"]) == 1
        assert "--master goes with --engine spark" in capsys.readouterr().err
        assert main(["analyze", "--engine", "spark", "--weight", "rating=2"]) == 1
        assert "--weight goes with --engine embedded" in capsys.readouterr().err
        assert main(["analyze", "--engine", "hadoop"]) != 0
    assert not AnalysisRun.objects.exists()
