"""Background tasks of the expertise app (django-tasks, database backend).  Thin: they call services.

An import's commit enqueues them (:mod:`weakties.expertise.receivers`), so
recounting whom the importers know and telling watchers about new paths
costs the import nothing; ``weakties serve`` runs the worker.  A search, or
one of these tasks, that finds a rebuild pass stalled (its process died)
enqueues :func:`index_resume_stalled_pass` to finish it.
"""

from __future__ import annotations

from typing import Any

from django_tasks import task

from weakties.accounts.models import Employee, Organisation
from weakties.expertise.models import IndexState
from weakties.expertise.services.index import (
    index_ensure,
    index_restart_unfinished,
    index_resume,
    index_resume_stalled,
    reach_add_missing,
    reach_refresh,
    terms_reindex,
)
from weakties.expertise.services.watch import watch_check

__all__ = ["after_ties_imported", "after_directory_imported", "index_resume_stalled_pass"]


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
        # built in chunks (those counted before this import committed are recounted below);
        # built, a stalled rebuild pass is taken up (index_resume_stalled_pass)
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
    index_resume_stalled(organisation=organisation)  # before the terms' chunks move it again
    index_restart_unfinished(organisation=organisation)  # a first build under way starts over
    if state.terms_built_at is not None:
        terms_reindex(organisation=organisation)  # in chunks: searches never wait for it all
    returned = reach_add_missing(organisation=organisation) if state.reach_built_at else []
    return {"reindexed": True, "returned": len(returned)}


@task()
def index_resume_stalled_pass(organisation_id: int) -> dict[str, Any]:
    """Finish a rebuild pass of the finder's indexes that stalled (its process died)."""
    organisation = Organisation.objects.filter(pk=organisation_id).first()
    resumed = organisation is not None and index_resume(organisation=organisation)
    return {"resumed": resumed}
