"""The introducer's answer and what follows: accept (a draft), decline, snooze, sent, outcome.

* **accept**: weakties drafts the introduction in the introducer's language
  (:mod:`.drafts`); the introducer edits it and sends it from their own
  mailbox, then marks it sent. The requester is told.
* **decline**, with an optional reason that stays between the two; the
  requester is told, and the same request can never be made again.
* **snooze** until a day (``WEAKTIES_INTRO_SNOOZE_DAYS`` by default); the
  request then comes back to the introducer. It still expires on its date.
* **sent**: the introduction went out; the requester is told.
* **outcome** (the requester): met, deal, hire or nothing. After "met", or
  some days after the sending without an outcome, the requester is reminded
  once to thank the introducer (:mod:`.lifecycle`).

Accepted and declined answers are evidence about the introducer's tie to the
contact (:func:`weakties.people.services.tie_feedback.tie_intro_answered`).
Each use case checks its rule (:mod:`weakties.introductions.rules`) and
raises :class:`ServiceError` when refused; each transition is audited.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from weakties.accounts.models import Employee
from weakties.core.errors import ServiceError
from weakties.introductions import conf, rules
from weakties.introductions.models import IntroductionRequest, Outcome, Status
from weakties.introductions.services import notices
from weakties.introductions.services._audit import audit_transition
from weakties.introductions.services.drafts import draft_build
from weakties.introductions.services.lifecycle import remind_thanks, requests_close_due
from weakties.introductions.tasks import schedule_sweep
from weakties.people.services.tie_feedback import tie_intro_answered

__all__ = [
    "ANSWERS",
    "introduction_answer",
    "introduction_draft_save",
    "introduction_mark_sent",
    "introduction_outcome",
]

#: What the introducer may answer.
ANSWERS = ("accept", "decline", "snooze")


def _fresh(request: IntroductionRequest) -> IntroductionRequest:
    """The request as stored now, locked for the transition (with what the notices read)."""
    return (
        IntroductionRequest.objects.select_for_update(of=("self",))
        .select_related("requester", "introducer", "person__company", "organisation")
        .get(pk=request.pk)
    )


def _refuse_unless_party(actor: Employee | None, request: IntroductionRequest) -> None:
    """Who is neither party learns nothing, not even that the request exists."""
    if not rules.may_see_request(actor, request):
        raise ServiceError(_("no introduction request with id %(id)s") % {"id": request.pk})


def _snooze_day(until: dt.date | None, request: IntroductionRequest, today: dt.date) -> dt.date:
    day = until or today + dt.timedelta(days=conf.snooze_days())
    last = timezone.localdate(request.expires_at)
    if day <= today:
        raise ServiceError(_("snooze until a day after today"))
    if day >= last:
        raise ServiceError(
            _("the request expires on %(day)s; snooze until an earlier day")
            % {"day": last.isoformat()}
        )
    return day


def _accept(request: IntroductionRequest) -> None:
    request.draft_subject, request.draft = draft_build(request)
    tie_intro_answered(tie_id=request.tie_id, accepted=True)
    notices.tell_accepted(request)


def _decline(request: IntroductionRequest, reason: str) -> None:
    request.decline_reason = (reason or "").strip()[:2000]
    tie_intro_answered(tie_id=request.tie_id, accepted=False)
    notices.tell_declined(request)


def introduction_answer(
    request: IntroductionRequest,
    *,
    actor: Employee | None,
    answer: str,
    reason: str = "",
    until: dt.date | None = None,
    actor_label: str = "",
) -> IntroductionRequest:
    """The introducer accepts, declines (``reason``, optional) or snoozes (``until``, optional)."""
    if answer not in ANSWERS:
        raise ServiceError(_("answer accept, decline or snooze"))
    requests_close_due(employee=request.introducer)  # an expired request is answered by nobody
    with transaction.atomic():
        request = _fresh(request)
        _refuse_unless_party(actor, request)
        if not rules.is_introducer(actor, request):
            raise ServiceError(_("only the colleague who was asked answers this request"))
        if not rules.may_answer(actor, request):
            raise ServiceError(_answered_why(request))
        before, now = request.status, timezone.now()
        if answer == "snooze":
            request.snoozed_until = _snooze_day(until, request, timezone.localdate(now))
            request.status = Status.SNOOZED
        else:
            request.status = Status.ACCEPTED if answer == "accept" else Status.DECLINED
            request.answered_at = now
            if answer == "accept":
                _accept(request)
            else:
                _decline(request, reason)
        request.save()
        audit_transition(
            {"accept": "accepted", "decline": "declined", "snooze": "snoozed"}[answer],
            request,
            actor=actor,
            actor_label=actor_label,
            before=before,
        )
        if answer == "snooze":
            schedule_sweep(
                timezone.make_aware(dt.datetime.combine(request.snoozed_until, dt.time()))
            )
    return request


def _answered_why(request: IntroductionRequest) -> str:
    if request.status == Status.EXPIRED:
        return _("this request expired")
    if request.tie_id is None:
        return _("this contact is no longer in your network")
    return _("this request was already answered (%(status)s)") % {
        "status": request.get_status_display()
    }


def introduction_draft_save(
    request: IntroductionRequest,
    *,
    actor: Employee | None,
    subject: str,
    draft: str,
    actor_label: str = "",
) -> IntroductionRequest:
    """The introducer's edits of the draft, kept until they send it."""
    with transaction.atomic():
        request = _fresh(request)
        _refuse_unless_party(actor, request)
        if not rules.may_mark_sent(actor, request):
            raise ServiceError(_("only the introducer edits the draft of an accepted request"))
        request.draft_subject = (subject or "").strip()[:200] or request.draft_subject
        request.draft = (draft or "").strip() or request.draft
        request.save(update_fields=["draft_subject", "draft"])
        audit_transition("draft_saved", request, actor=actor, actor_label=actor_label)
    return request


def introduction_mark_sent(
    request: IntroductionRequest,
    *,
    actor: Employee | None,
    subject: str | None = None,
    draft: str | None = None,
    actor_label: str = "",
) -> IntroductionRequest:
    """The introducer sent the introduction from their own mailbox; the requester is told."""
    with transaction.atomic():
        request = _fresh(request)
        _refuse_unless_party(actor, request)
        if not rules.may_mark_sent(actor, request):
            if rules.is_introducer(actor, request):
                raise ServiceError(_("accept the request before you mark it sent"))
            raise ServiceError(_("only the introducer marks the introduction sent"))
        if subject:
            request.draft_subject = subject.strip()[:200]
        if draft:
            request.draft = draft.strip()
        request.status, request.sent_at = Status.INTRODUCED, timezone.now()
        request.save()
        audit_transition(
            "introduced", request, actor=actor, actor_label=actor_label, before="accepted"
        )
        notices.tell_introduced(request)
        schedule_sweep(request.sent_at + dt.timedelta(days=conf.thanks_after_days()))
    return request


def introduction_outcome(
    request: IntroductionRequest,
    *,
    actor: Employee | None,
    outcome: str,
    actor_label: str = "",
) -> IntroductionRequest:
    """The requester records what came of the introduction (and may correct it later)."""
    if outcome not in Outcome.values:
        raise ServiceError(
            _("outcome must be one of %(choices)s") % {"choices": ", ".join(Outcome.values)}
        )
    with transaction.atomic():
        request = _fresh(request)
        _refuse_unless_party(actor, request)
        if not rules.may_record_outcome(actor, request):
            if rules.is_requester(actor, request):
                raise ServiceError(_("record the outcome once the introduction was sent"))
            raise ServiceError(_("only the requester records the outcome"))
        before = request.outcome
        request.outcome, request.outcome_at = outcome, timezone.now()
        request.save(update_fields=["outcome", "outcome_at"])
        audit_transition(
            "outcome",
            request,
            actor=actor,
            actor_label=actor_label,
            before=request.status,
            outcome=outcome,
            outcome_before=before,
        )
        remind_thanks(request.pk)  # after "met": the thank-you reminder, once
    return request
