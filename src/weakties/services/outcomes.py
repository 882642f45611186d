"""After the meeting: the outcome of every help request, and feedback to the requester.

Seed 004: "right after the meeting, colleagues get feedback straight away" —
"I arranged a network conversation for your candidate, you can act now".
Recording an outcome enqueues the feedback email at once.
"""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

from weakties.meetings.models import HelpRequest, Outcome

from .federations import audit
from .organisations import ServiceError

__all__ = ["record_outcome", "send_feedback"]


def record_outcome(
    request: HelpRequest,
    *,
    outcome: str,
    note: str = "",
    next_step: str = "",
    actor=None,
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
        from .meeting_tasks import send_request_feedback

        send_request_feedback.enqueue(request.pk)
    return request


def send_feedback(request: HelpRequest) -> bool:
    """Email the requester the outcome; once per recorded outcome.  True when sent."""
    from .meeting_mail import feedback_message

    request = HelpRequest.objects.select_related(
        "meeting__federation", "organisation", "requester"
    ).get(pk=request.pk)
    if not request.outcome or not request.requester_email:
        return False
    if (
        request.feedback_sent_at
        and request.outcome_at
        and request.feedback_sent_at >= request.outcome_at
    ):
        return False
    feedback_message(request).send()
    HelpRequest.objects.filter(pk=request.pk).update(feedback_sent_at=timezone.now())
    return True
