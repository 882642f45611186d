"""What the expertise app does when the people app says its data changed (``people.signals``).

Connected in :meth:`weakties.expertise.apps.ExpertiseConfig.ready`; each runs
after the import's transaction committed, and a failure is logged without
touching the import (:func:`weakties.people.signals.send_after_commit`).
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from weakties.accounts.models import Employee, Organisation
from weakties.expertise.models import IndexState
from weakties.expertise.services.index import (
    index_ensure,
    reach_add_missing,
    reach_refresh,
    terms_rebuild,
)
from weakties.expertise.services.watch import watch_check

__all__ = ["on_ties_imported", "on_directory_imported"]


def on_ties_imported(
    sender: Any, *, employee_ids: list[int], first_tie: int, last_tie: int, **kwargs: Any
) -> None:
    """Recount the importers' reach, then tell watchers of the new paths to their targets."""
    by_organisation: dict[int, list[int]] = defaultdict(list)
    for pk, organisation_id in Employee.objects.filter(pk__in=employee_ids).values_list(
        "pk", "organisation_id"
    ):
        by_organisation[organisation_id].append(pk)
    for organisation_id, ids in by_organisation.items():
        state = IndexState.objects.filter(organisation_id=organisation_id).first()
        if state is not None and state.reach_built_at is not None:
            reach_refresh(employee_ids=ids)
        else:
            index_ensure(organisation=Organisation.objects.get(pk=organisation_id))
        watch_check(
            organisation_id=organisation_id,
            employee_ids=ids,
            first_tie=first_tie,
            last_tie=last_tie,
        )


def on_directory_imported(sender: Any, *, organisation_id: int, **kwargs: Any) -> None:
    """Titles and departments changed, employees left or came back: re-index what was built."""
    state = IndexState.objects.filter(organisation_id=organisation_id).first()
    if state is None:
        return  # built in full at the first search or import
    organisation = Organisation.objects.get(pk=organisation_id)
    if state.terms_built_at is not None:
        terms_rebuild(organisation=organisation)
    if state.reach_built_at is not None:
        reach_add_missing(organisation=organisation)
