"""After the meeting: the outcome of every help request, and feedback to the requester.

Seed 004: "right after the meeting, colleagues get feedback straight away" —
"I arranged a network conversation for your candidate, you can act now".
Recording an outcome enqueues the feedback email at once.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from weakties.accounts.services.audit import audit
from weakties.core.errors import ServiceError
from weakties.meetings.models import HelpRequest, Outcome
from weakties.meetings.services.mail_jobs import mail_job_queue
from weakties.meetings.tasks import send_request_feedback

__all__ = ["outcome_record"]


def outcome_record(
    *,
    request: HelpRequest,
    outcome: str,
    note: str = "",
    next_step: str = "",
    actor: Any = None,
    actor_label: str = "",
    notify: bool = True,
) -> HelpRequest:
    """Record what came of a request and email the requester (through the worker)."""
    if outcome not in Outcome.values:
        raise ServiceError(
            _("outcome must be one of {choices}, not {outcome}").format(
                choices=", ".join(Outcome.values), outcome=repr(outcome)
            )
        )
    request.outcome = outcome
    request.outcome_note = note.strip()
    request.next_step = next_step.strip()
    request.outcome_at = timezone.now()
    request.outcome_by = actor if getattr(actor, "is_authenticated", False) else None
    request.save(update_fields=["outcome", "outcome_note", "next_step", "outcome_at", "outcome_by"])
    audit(
        "outcome_recorded",
        actor=actor,
        actor_label=actor_label,
        request=request.pk,
        outcome=outcome,
    )
    if notify and request.requester_email:
        mail_job_queue(meeting=request.meeting_id, kind="feedback", request=request)
        send_request_feedback.enqueue(request.pk)
    return request
