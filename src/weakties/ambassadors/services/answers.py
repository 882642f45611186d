"""What an employee does with their personal link: open it, consent and import, decline, withdraw.

Consent is the employee's own act (DESIGN.md): it is given here only when
they tick the box on their own page, through
:func:`weakties.people.services.consent.consent_give`; the import reuses the
import page's service (:func:`weakties.people.services.uploads.upload_queue`).

Declining is recorded once per employee (:class:`~weakties.ambassadors.models.Decline`)
and ends the matter: no reminder, no later campaign, unless the employee
comes back themselves (consents later, through the link or the import page).
Every answer is audited, labelled with the link it came through when there
is no login.
"""

from __future__ import annotations

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from weakties.accounts.services.audit import audit
from weakties.core.errors import ServiceError
from weakties.people.models import ImportBatch
from weakties.people.services.consent import consent_give, consent_withdraw
from weakties.people.services.uploads import upload_queue

from ..models import Decline, Invitation

__all__ = [
    "invitation_open",
    "invitation_consent",
    "invitation_import",
    "invitation_decline",
    "invitation_withdraw",
]


def _label(invitation: Invitation) -> str:
    return f"link:{invitation.employee.email}"


def _check_active(invitation: Invitation) -> None:
    if not invitation.employee.active:
        raise ServiceError(_("This invitation is for someone who no longer works here."))


def invitation_open(*, invitation: Invitation) -> Invitation:
    """Record the first visit of the personal link (the funnel's "opened")."""
    if invitation.opened_at is None:
        now = timezone.now()
        Invitation.objects.filter(pk=invitation.pk, opened_at__isnull=True).update(opened_at=now)
        invitation.opened_at = now
    return invitation


def _mark_consented(invitation: Invitation) -> None:
    now = timezone.now()
    Invitation.objects.filter(pk=invitation.pk, consented_at__isnull=True).update(
        consented_at=now, opened_at=invitation.opened_at or now
    )
    invitation.consented_at = invitation.consented_at or now


def invitation_consent(*, invitation: Invitation, actor=None) -> Invitation:
    """The employee agrees to share their network (ticked on their own page)."""
    _check_active(invitation)
    with transaction.atomic():
        consent_give(employee=invitation.employee, via="web")
        _mark_consented(invitation)
    audit(
        "ambassadors.consent",
        actor=actor,
        actor_label=_label(invitation),
        employee=invitation.employee_id,
        invitation=invitation.pk,
    )
    return invitation


def invitation_import(
    *, invitation: Invitation, upload: UploadedFile, format: str = "auto", actor=None
) -> ImportBatch:
    """Consent and queue the import of one export file, as the import page does."""
    _check_active(invitation)
    invitation_consent(invitation=invitation, actor=actor)
    batch = upload_queue(owner=invitation.employee, upload=upload, consent=True, format=format)
    audit(
        "ambassadors.import",
        actor=actor,
        actor_label=_label(invitation),
        employee=invitation.employee_id,
        invitation=invitation.pk,
        batch=batch.pk,
    )
    return batch


def invitation_decline(*, invitation: Invitation, reason: str = "", actor=None) -> Decline:
    """The employee says no: recorded, and never asked again unless they come back."""
    _check_active(invitation)
    if invitation.employee.has_consent():
        raise ServiceError(
            _(
                "You already share your network. To stop, withdraw your consent: "
                "your network is then removed."
            )
        )
    now = timezone.now()
    with transaction.atomic():
        Invitation.objects.filter(pk=invitation.pk).update(
            declined_at=now, opened_at=invitation.opened_at or now
        )
        invitation.declined_at = now
        decline, _created = Decline.objects.update_or_create(
            employee=invitation.employee,
            defaults={"declined_at": now, "reason": reason.strip()[:500], "invitation": invitation},
        )
    audit(
        "ambassadors.decline",
        actor=actor,
        actor_label=_label(invitation),
        employee=invitation.employee_id,
        invitation=invitation.pk,
    )
    return decline


def invitation_withdraw(*, invitation: Invitation, actor=None) -> dict[str, int]:
    """Withdraw consent from the personal page: the network is removed at once."""
    removed = consent_withdraw(employee=invitation.employee)
    audit(
        "ambassadors.withdraw",
        actor=actor,
        actor_label=_label(invitation),
        employee=invitation.employee_id,
        invitation=invitation.pk,
        **removed,
    )
    return removed
