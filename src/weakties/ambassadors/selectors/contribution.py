"""An employee's own contribution (issue 10, part 6): what their network and their help did.

* **reach** and **unique reach** from the latest analysis (``insights.EmployeeInsight``):
  how many people they know, and how many of those nobody else in the organisation
  knows (what leaves with them: the key-person risk, seen from the bright side);
* **introductions** they made and asked for (``introductions.selectors.contribution``);
* **referrals** and their outcomes (``referrals.selectors.contribution``);
* the **material** they said they shared.

Only the employee's own figures: counts, never a contact's details, never a
colleague's network (DESIGN.md, privacy).
"""

from __future__ import annotations

from typing import Any

from weakties.accounts.models import Employee
from weakties.insights.models import EmployeeInsight
from weakties.insights.selectors import stored_run
from weakties.introductions.models import Outcome
from weakties.introductions.selectors import contribution as introductions_contribution
from weakties.referrals.models import PIPELINE, Stage
from weakties.referrals.selectors import contribution as referrals_contribution

from .material import shared_by

__all__ = ["contribution", "labelled"]


def _reach(employee: Employee) -> dict[str, Any]:
    run = stored_run(organisation=employee.organisation)
    insight = (
        EmployeeInsight.objects.filter(run=run, employee=employee)
        .only("reach", "unique_reach", "degree")
        .first()
        if run is not None
        else None
    )
    return {
        "analysed_at": run.finished_at if run is not None else None,
        "reach": insight.reach if insight else None,
        "unique_reach": insight.unique_reach if insight else None,
    }


def contribution(*, employee: Employee) -> dict[str, Any]:
    """The employee's own figures.

    ``{"sharing", "analysed_at", "reach", "unique_reach", "introductions": {"asked_of_me",
    "accepted", "introduced", "outcomes": {outcome: n}, "requested_by_me"}, "referrals":
    {"referrals", "hired", "stages": {stage: n}}, "shared", "shared_posts": [{"title",
    "link", "at"}]}``; ``reach`` and ``unique_reach`` are ``None`` before the first analysis.
    """
    shares = shared_by(employee=employee)
    return {
        "sharing": employee.has_consent(),
        **_reach(employee),
        "introductions": introductions_contribution(employee=employee),
        "referrals": referrals_contribution(employee=employee),
        "shared": shares.count(),
        "shared_posts": [
            {"title": s.post.title, "link": s.post.link, "at": s.shared_at} for s in shares[:50]
        ],
    }


def labelled(figures: dict[str, Any]) -> dict[str, Any]:
    """The outcomes and stages of :func:`contribution` in words and in order, for the page."""
    outcomes = figures["introductions"].get("outcomes", {})
    stages = figures["referrals"].get("stages", {})
    return {
        "outcomes": [(label, outcomes.get(value, 0)) for value, label in Outcome.choices],
        "stages": [(Stage(s).label, stages.get(Stage(s).value, 0)) for s in PIPELINE],
    }
