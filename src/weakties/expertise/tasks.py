"""Background tasks of the expertise app (django-tasks, database backend).  Thin: they call services.

An import's commit enqueues them (:mod:`weakties.expertise.receivers`), so
recounting whom the importers know and telling watchers about new paths
costs the import nothing; ``weakties serve`` runs the worker.
"""

from __future__ import annotations

from typing import Any

from django_tasks import task

from weakties.accounts.models import Employee, Organisation
from weakties.expertise.models import IndexState
from weakties.expertise.services.index import (
    index_ensure,
    index_restart_unfinished,
    reach_add_missing,
    reach_refresh,
    terms_reindex,
)
from weakties.expertise.services.watch import watch_check

__all__ = ["after_ties_imported", "after_directory_imported"]


@task()
def after_ties_imported(employee_ids: list[int], first_tie: int, last_tie: int) -> dict[str, Any]:
    """Recount the importers' reach, then tell watchers of new paths to their targets."""
    by_organisation: dict[int, list[int]] = {}
    for pk, organisation_id in Employee.objects.filter(pk__in=employee_ids).values_list(
        "pk", "organisation_id"
    ):
        by_organisation.setdefault(organisation_id, []).append(pk)
    notices = 0
    for organisation_id, ids in by_organisation.items():
        state = IndexState.objects.filter(organisation_id=organisation_id).first()
        if state is None or state.reach_built_at is None:
            # built in chunks: those counted before this import committed are recounted below
            index_ensure(organisation=Organisation.objects.get(pk=organisation_id))
        reach_refresh(employee_ids=ids)
        notices += watch_check(
            organisation_id=organisation_id,
            employee_ids=ids,
            first_tie=first_tie,
            last_tie=last_tie,
        )
    return {"organisations": len(by_organisation), "notices": notices}


@task()
def after_directory_imported(organisation_id: int) -> dict[str, Any]:
    """Titles and departments changed, employees left or came back: re-index what was built."""
    state = IndexState.objects.filter(organisation_id=organisation_id).first()
    if state is None:
        return {"reindexed": False}  # built in full at the first search or import
    organisation = Organisation.objects.get(pk=organisation_id)
    index_restart_unfinished(organisation=organisation)  # a first build under way starts over
    if state.terms_built_at is not None:
        terms_reindex(organisation=organisation)  # in chunks: searches never wait for it all
    returned = reach_add_missing(organisation=organisation) if state.reach_built_at else []
    return {"reindexed": True, "returned": len(returned)}
