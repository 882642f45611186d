"""REST API of introduction requests: same tokens and the same rules as the pages.

The predicates of :mod:`weakties.introductions.rules` decide: a request is
for its two parties only (404 for anyone else, who may not know it exists);
only the introducer answers, edits the draft and marks it sent, only the
requester records the outcome (403 for the other party). A login that is no
employee has no requests (403). A use case's refusal (``ServiceError``: a
limit, a declined request asked again, an expired request) is a 422 with its
message, from the one handler in :mod:`weakties.api.routes`.

The contact's ``email`` and ``phone`` are in ``person`` for the introducer
alone; for anyone else the keys are absent, not empty.
"""

from __future__ import annotations

from typing import Annotated, Literal

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status
from ninja.errors import HttpError
from pydantic import Field

from weakties.accounts.models import Employee
from weakties.introductions import rules, selectors
from weakties.introductions.models import IntroductionRequest, Outcome
from weakties.introductions.services.answers import (
    introduction_answer,
    introduction_draft_save,
    introduction_mark_sent,
    introduction_outcome,
)
from weakties.introductions.services.lifecycle import requests_close_due
from weakties.introductions.services.requests import introduction_request

from .inputs import MAX_ID, Day, Id, In, NotBlank

router = Router(tags=["introduction requests"])


class IntroducedContact(Schema):
    id: int
    name: str
    company: str
    position: str
    email: str | None = None
    phone: str | None = None


class IntroductionOut(Schema):
    id: int
    requester: str
    introducer: str
    person: IntroducedContact
    status: str
    created: str
    outcome: str | None


class Draft(Schema):
    subject: str
    body: str
    mailto: str


class IntroductionDetail(IntroductionOut):
    reason: str
    questions: list[str]
    blurb: str
    decline_reason: str
    snoozed_until: str | None
    expires: str | None
    answered: str | None
    sent: str | None
    outcome_at: str | None
    draft: Draft | None = None


class IntroductionIn(In):
    introducer: str
    person: Annotated[int, Field(ge=1, le=MAX_ID)]
    reason: NotBlank
    questions: list[str]
    blurb: str = ""


class AnswerIn(In):
    answer: Literal["accept", "decline", "snooze"]
    reason: str = ""
    until: Day | None = None


class DraftIn(In):
    subject: str = ""
    body: str = ""


class SentIn(In):
    subject: str | None = None
    body: str | None = None


class IntroductionOutcomeIn(In):
    outcome: str


def _me(request: HttpRequest) -> Employee:
    me = rules.acting_employee(request.user)
    if me is None:
        raise HttpError(403, _("this login is not linked to an employee"))
    return me


def _request(request: HttpRequest, pk: Id) -> tuple[IntroductionRequest, Employee]:
    me = _me(request)
    requests_close_due(employee=me)  # the check on read
    found = selectors.request_for(employee=me, pk=pk)
    if found is None:
        raise HttpError(404, _("no such introduction request"))
    return found, me


def _detail(found: IntroductionRequest, me: Employee) -> dict:
    found = selectors.request_for(employee=me, pk=found.pk) or found
    return selectors.request_detail(found, viewer=me)


@router.get(
    "/introductions",
    response=list[IntroductionOut],
    exclude_unset=True,
    summary="Your introduction requests: asked of you, made by you, or both",
)
def introductions_list(request: HttpRequest, side: Literal["all", "asked", "mine"] = "all"):
    me = _me(request)
    requests_close_due(employee=me)
    return [
        selectors.request_dict(r, viewer=me)
        for r in selectors.requests_of(employee=me, side=side)[:1000]
    ]


@router.post(
    "/introductions",
    response={201: IntroductionDetail},
    exclude_unset=True,
    summary="Ask a colleague (by work email) to introduce you to a person they know",
)
def introduction_create(request: HttpRequest, payload: IntroductionIn):
    me = _me(request)
    introducer = selectors.introducer_for(requester=me, email=payload.introducer)
    if introducer is None:
        raise HttpError(404, _("no colleague with this email in your organisation"))
    person = selectors.person_for(pk=payload.person)
    if person is None:
        raise HttpError(404, _("no such person"))
    made = introduction_request(
        requester=me,
        introducer=introducer,
        person=person,
        reason=payload.reason,
        questions=payload.questions,
        blurb=payload.blurb,
        actor_label="api",
    )
    return Status(201, _detail(made, me))


@router.get(
    "/introductions/{request_id}",
    response=IntroductionDetail,
    exclude_unset=True,
    summary="One introduction request (its two parties only)",
)
def introduction_get(request: HttpRequest, request_id: Id):
    found, me = _request(request, request_id)
    return _detail(found, me)


@router.post(
    "/introductions/{request_id}/answer",
    response=IntroductionDetail,
    exclude_unset=True,
    summary="Accept, decline (optional reason) or snooze (optional day): the introducer",
)
def introduction_answer_view(request: HttpRequest, request_id: Id, payload: AnswerIn):
    found, me = _request(request, request_id)
    if not rules.is_introducer(me, found):
        raise HttpError(403, _("only the colleague who was asked answers this request"))
    introduction_answer(
        found,
        actor=me,
        answer=payload.answer,
        reason=payload.reason,
        until=payload.until,
        actor_label="api",
    )
    return _detail(found, me)


@router.put(
    "/introductions/{request_id}/draft",
    response=IntroductionDetail,
    exclude_unset=True,
    summary="Keep the introducer's edits of the drafted introduction",
)
def introduction_draft(request: HttpRequest, request_id: Id, payload: DraftIn):
    found, me = _request(request, request_id)
    if not rules.is_introducer(me, found):
        raise HttpError(403, _("only the introducer edits the draft"))
    introduction_draft_save(
        found, actor=me, subject=payload.subject, draft=payload.body, actor_label="api"
    )
    return _detail(found, me)


@router.post(
    "/introductions/{request_id}/sent",
    response=IntroductionDetail,
    exclude_unset=True,
    summary="The introducer sent the introduction from their own mailbox",
)
def introduction_sent(request: HttpRequest, request_id: Id, payload: SentIn):
    found, me = _request(request, request_id)
    if not rules.is_introducer(me, found):
        raise HttpError(403, _("only the introducer marks the introduction sent"))
    introduction_mark_sent(
        found,
        actor=me,
        subject=payload.subject if payload else None,
        draft=payload.body if payload else None,
        actor_label="api",
    )
    return _detail(found, me)


@router.post(
    "/introductions/{request_id}/outcome",
    response=IntroductionDetail,
    exclude_unset=True,
    summary="What came of it: met, deal, hire or nothing (the requester)",
)
def introduction_outcome_view(request: HttpRequest, request_id: Id, payload: IntroductionOutcomeIn):
    found, me = _request(request, request_id)
    if not rules.is_requester(me, found):
        raise HttpError(403, _("only the requester records the outcome"))
    if payload.outcome not in Outcome.values:
        raise HttpError(
            422,
            _("outcome must be one of %(choices)s") % {"choices": ", ".join(Outcome.values)},
        )
    introduction_outcome(found, actor=me, outcome=payload.outcome, actor_label="api")
    return _detail(found, me)
