"""After an import commits: compare and forget for its owners, and keep the weekly run scheduled.

Connected in :class:`~weakties.minimisation.apps.MinimisationConfig.ready` to
:data:`weakties.people.signals.ties_imported`, sent after the import's
transaction committed.  A failure here is logged by the signal and never
undoes the import; the weekly run tries again.
"""

from __future__ import annotations

from typing import Any

from django.dispatch import receiver

from weakties.people.signals import ties_imported


@receiver(ties_imported, dispatch_uid="minimisation.after_import")
def after_import(sender: Any, employee_ids: Any = (), **kwargs: Any) -> None:
    # Imported here, not at module level: this module is loaded by every process at start-up
    # (apps' ready()), and the sweep pulls in the matching vocabulary and the mail services.
    from weakties.accounts.models import Employee
    from weakties.minimisation.services.forget import forget_enabled, forget_sweep
    from weakties.minimisation.tasks import schedule_minimisation_run

    if forget_enabled():
        owners = Employee.objects.filter(pk__in=list(employee_ids)).select_related("organisation")
        forget_sweep(owners)
    schedule_minimisation_run()
