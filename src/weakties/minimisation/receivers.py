"""After an import commits: compare and forget for its owners, and keep the weekly run scheduled.

Connected in :class:`~weakties.minimisation.apps.MinimisationConfig.ready` to
:data:`weakties.people.signals.ties_imported`, sent after the import's
transaction committed.  A failure here is logged by the signal and never
undoes the import; the weekly run tries again.

And to :data:`weakties.people.signals.ties_removed`, inside the transaction that
removed ties: an employee who withdrew their consent loses their forgotten-contact
digests too ("this employee knew this digest" is part of their network, and the
withdrawal removes all of it).
"""

from __future__ import annotations

from typing import Any

from django.dispatch import receiver

from weakties.people.signals import ties_imported, ties_removed


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


@receiver(ties_removed, dispatch_uid="minimisation.after_removal")
def after_removal(sender: Any, employee_ids: Any = (), **kwargs: Any) -> None:
    """Forget the digests of the employees among ``employee_ids`` who no longer consent."""
    from weakties.accounts.models import Employee
    from weakties.minimisation.models import ForgottenContact

    ids = list(employee_ids)
    if not ids or not ForgottenContact.objects.filter(employee_id__in=ids).exists():
        return
    withdrawn = Employee.objects.filter(pk__in=ids).exclude(consents__withdrawn_at__isnull=True)
    ForgottenContact.objects.filter(employee__in=withdrawn).delete()
