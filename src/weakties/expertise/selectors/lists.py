"""Target lists a user sees, and the full ranking of one target's introducers."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from weakties.accounts.models import Employee, Role
from weakties.expertise.models import Target, TargetList
from weakties.insights.services.introductions import introductions
from weakties.people.selectors.ranked_ties import Page

__all__ = ["visible_lists", "target_introductions"]


def visible_lists(me: Employee) -> QuerySet[TargetList]:
    """The employee's own lists; an admin sees every list of their organisation."""
    qs = TargetList.objects.filter(organisation_id=me.organisation_id).select_related("owner")
    if me.role != Role.ADMIN:
        qs = qs.filter(owner=me)
    return qs.order_by("-created_at")


def target_introductions(
    *,
    target: Target,
    target_list: TargetList,
    actor: Any = None,
    limit: int = 20,
    cursor: str | None = None,
) -> Page[dict[str, Any]]:
    """Every colleague who can introduce the user to the target, ranked for the list's purpose.

    :func:`weakties.insights.services.introductions.introductions` does the
    ranking (moderately weak ties first for recruiting and information, strong
    ties first for sales) and writes the audit line.
    """
    where = (
        {"company": target.name}
        if target.kind == Target.Kind.COMPANY
        else {"person": f"https://www.{target.url}"}
    )
    return introductions(
        organisation=target_list.organisation,
        purpose=target_list.purpose,
        limit=limit,
        cursor=cursor,
        actor=actor,
        **where,
    )
