"""What the expertise app does when the people app says its data changed (``people.signals``).

Connected in :meth:`weakties.expertise.apps.ExpertiseConfig.ready`.  The import
receivers run after the import's transaction committed and only enqueue a
task (:mod:`weakties.expertise.tasks`), so the import pays nothing for it; a
failure is logged without touching the import
(:func:`weakties.people.signals.send_after_commit`).

:func:`on_ties_removed` runs inside the transaction that removed ties (a
consent withdrawn, a person erased, a colleague who left …) and recounts at
once whom those employees know: a withdrawn network stops counting in the
same commit, never "until the next recount".
"""

from __future__ import annotations

from typing import Any

__all__ = [
    "on_ties_imported",
    "on_directory_imported",
    "on_ties_removed",
    "on_companies_rekeyed",
    "on_pass_stalled",
]


def on_ties_imported(
    sender: Any, *, employee_ids: list[int], first_tie: int, last_tie: int, **kwargs: Any
) -> None:
    """Recount the importers' reach and tell watchers of new paths, in the background."""
    # Imported here: django.setup() connects this receiver, and every command pays for what
    # this module imports (the tasks pull in the matching vocabulary and numpy; issue 11).
    from weakties.expertise.tasks import after_ties_imported

    after_ties_imported.enqueue(list(employee_ids), first_tie, last_tie)


def on_directory_imported(sender: Any, *, organisation_id: int, **kwargs: Any) -> None:
    """Re-index titles and departments, and count returning employees, in the background."""
    from weakties.expertise.tasks import after_directory_imported  # here: as above

    after_directory_imported.enqueue(organisation_id)


def on_ties_removed(sender: Any, *, employee_ids: list[int], **kwargs: Any) -> None:
    """Recount the reach of these employees now, in the caller's transaction."""
    from weakties.expertise.services.index import reach_recount_removed

    reach_recount_removed(employee_ids=employee_ids)


def on_companies_rekeyed(
    sender: Any, *, keys: dict[str, str], employee_ids: list[int], **kwargs: Any
) -> None:
    """Companies were merged: recount whom these employees know, re-key the target lines."""
    from weakties.expertise.services.index import reach_recount_removed
    from weakties.expertise.services.rekey import targets_rekey

    reach_recount_removed(employee_ids=employee_ids)
    targets_rekey(keys=keys)


def on_pass_stalled(sender: Any, *, organisation_id: int, **kwargs: Any) -> None:
    """A stalled rebuild pass was taken up (``expertise.signals``): the worker finishes it."""
    from weakties.expertise.tasks import index_resume_stalled_pass  # here: as above

    index_resume_stalled_pass.enqueue(organisation_id)
