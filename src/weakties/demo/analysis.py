"""The demo is analysed before anyone looks at it.

Insights, tie strengths and tiers, types and the network map all read the
stored analysis; a demo without one shows empty pages.  ``weakties demo``
runs it once after the import, as the *Refresh* button would, and again
only when the demo's data changed since.
"""

from __future__ import annotations

from weakties.accounts.models import Organisation
from weakties.core.progress import ProgressCallback
from weakties.insights.models import AnalysisRun
from weakties.insights.selectors import dashboard_figures
from weakties.insights.services.analytics import analytics_refresh

__all__ = ["analyse_demo"]


def analyse_demo(
    organisation: Organisation, *, progress: ProgressCallback | None = None
) -> AnalysisRun:
    """The demo's analysis: the stored one while nothing changed since, else a new one."""
    figures = dashboard_figures(organisation=organisation)
    if figures is not None and not any(figures["changes"].values()):
        run = (
            AnalysisRun.objects.filter(organisation=organisation, status=AnalysisRun.Status.DONE)
            .order_by("-finished_at", "-id")
            .first()
        )
        if run is not None:
            return run
    return analytics_refresh(organisation=organisation, progress=progress)
