"""REST API of the employer networks: federations, meetings, help requests, matches.

Same bearer tokens and the same rules as the pages (the predicates of
:mod:`weakties.meetings.rules`): members see their federations' meetings;
representatives see every request and the matches; others see only their own
requests. A ``ServiceError`` becomes a 422 in the one handler of
:mod:`weakties.api.routes`.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status
from ninja.errors import HttpError
from pydantic import Field

from weakties.accounts.rules import employee_of
from weakties.meetings import rules
from weakties.meetings.models import HelpRequest, Match, Meeting, Outcome, RequestKind, Stage
from weakties.meetings.services import meetings as meeting_services  # endpoints share its names
from weakties.meetings.services.help_requests import help_request_add, request_dict
from weakties.meetings.services.outcomes import outcome_record
from weakties.meetings.services.proposals import match_dict, match_set_stage, matches_propose
from weakties.meetings.services.request_rows import MAX_MONTHS_AHEAD, MAX_TITLE

from .inputs import Day, FutureDay, Id, In, NotBlank, one_of

router = Router(tags=["employer networks"])


class FederationOut(Schema):
    id: int
    name: str
    members: list[str]


#: The most people one help request asks for or offers.
MAX_COUNT = 10_000


class MeetingIn(In):
    date: FutureDay
    call_days: Annotated[int, Field(ge=1, le=365)] = 14
    place: str = ""
    host: str | None = None
    agenda: str = ""


class MeetingOut(Schema):
    id: int
    federation: str
    date: dt.date
    place: str
    host: str | None
    call_days: int
    deadline: dt.date


class RequestIn(In):
    org: NotBlank
    kind: Annotated[str, one_of(RequestKind.values)]
    title: Annotated[NotBlank, Field(max_length=MAX_TITLE)]
    text: str = ""
    skills: list[str] = []
    region: str = ""
    level: str = ""
    count: Annotated[int, Field(ge=1, le=MAX_COUNT)] = 1
    date: Day | None = None
    months_ahead: Annotated[int, Field(ge=0, le=MAX_MONTHS_AHEAD)] | None = None


class RequestOut(Schema):
    id: int
    meeting: int
    org: str
    kind: str
    title: str
    text: str
    skills: list[str]
    region: str
    level: str
    count: int
    date: str | None
    months_ahead: int | None
    outcome: str | None


class Side(Schema):
    id: int
    org: str
    kind: str
    title: str


class MatchOut(Schema):
    id: int
    supply: Side
    demand: Side
    score: float
    why: str
    stage: str


class MatchStageIn(In):
    stage: Annotated[str, one_of(Stage.values)]
    #: People placed; at most as many as the smaller of the two requests asks for.
    placed: Annotated[int, Field(ge=0, le=MAX_COUNT)] | None = None


class RequestOutcomeIn(In):
    outcome: Annotated[str, one_of(Outcome.values)]
    note: str = ""
    next_step: str = ""


def _meeting(request: HttpRequest, pk: int) -> Meeting:
    meeting = Meeting.objects.select_related("federation", "host").filter(pk=pk).first()
    if meeting is None or not rules.is_member(request.user, meeting.federation):
        raise HttpError(404, _("no such meeting"))
    return meeting


def _meeting_out(m: Meeting) -> dict:
    return {
        "id": m.pk,
        "federation": m.federation.name,
        "date": m.date,
        "place": m.place,
        "host": m.host.name if m.host else None,
        "call_days": m.call_days,
        "deadline": m.deadline,
    }


@router.get(
    "/federations", response=list[FederationOut], summary="Employer networks you are a member of"
)
def federations(request: HttpRequest):
    return [
        {"id": f.pk, "name": f.name, "members": [o.name for o in f.members.order_by("name")]}
        for f in rules.federations_of(request.user)
    ]


@router.get(
    "/federations/{federation_id}/meetings",
    response=list[MeetingOut],
    summary="Meetings of a network",
)
def meetings(request: HttpRequest, federation_id: Id):
    f = rules.federations_of(request.user).filter(pk=federation_id).first()
    if f is None:
        raise HttpError(404, _("no such federation"))
    return [
        _meeting_out(m) for m in f.meetings.select_related("host", "federation").order_by("date")
    ]


@router.post(
    "/federations/{federation_id}/meetings",
    response={201: MeetingOut},
    summary="Plan a meeting (coordinator)",
)
def meeting_create(request: HttpRequest, federation_id: Id, payload: MeetingIn):
    f = rules.federations_of(request.user).filter(pk=federation_id).first()
    if f is None:
        raise HttpError(404, _("no such federation"))
    if not rules.may_plan_meetings(request.user, f):
        raise HttpError(403, _("only the coordinator plans meetings"))
    m = meeting_services.meeting_create(
        federation=f,
        date=payload.date,
        call_days=payload.call_days,
        place=payload.place,
        host=payload.host,
        agenda=payload.agenda,
        actor=request.user,
    )
    return Status(201, _meeting_out(m))


@router.get(
    "/meetings/{meeting_id}/requests",
    response=list[RequestOut],
    summary="Help requests (all for representatives, your own otherwise)",
)
def requests(request: HttpRequest, meeting_id: Id):
    m = _meeting(request, meeting_id)
    if rules.may_see_requests(request.user, m.federation):
        qs = m.requests.select_related("organisation")
    else:
        qs = rules.own_requests(request.user, m)
    return [request_dict(r, personal=False) for r in qs]


@router.post(
    "/meetings/{meeting_id}/requests", response={201: RequestOut}, summary="Send a help request"
)
def request_create(request: HttpRequest, meeting_id: Id, payload: RequestIn):
    m = _meeting(request, meeting_id)
    org = m.federation.members.filter(name__iexact=payload.org.strip()).first()
    if org is None or not rules.may_add_request_for(request.user, m.federation, org):
        raise HttpError(403, _("you may not add requests for {org}").format(org=repr(payload.org)))
    if payload.kind not in RequestKind.values:
        raise HttpError(
            422, _("kind must be one of {choices}").format(choices=", ".join(RequestKind.values))
        )
    r = help_request_add(
        meeting=m,
        org=org,
        kind=payload.kind,
        title=payload.title,
        text=payload.text,
        skills=payload.skills,
        region=payload.region,
        level=payload.level,
        count=payload.count,
        date=payload.date,
        months_ahead=payload.months_ahead,
        requester=employee_of(request.user),
        source=HelpRequest.Source.API,
    )
    return Status(201, request_dict(r, personal=False))


@router.get(
    "/meetings/{meeting_id}/matches",
    response=list[MatchOut],
    summary="Proposed matches, best first (representatives)",
)
def matches(request: HttpRequest, meeting_id: Id):
    m = _meeting(request, meeting_id)
    if not rules.may_see_brief(request.user, m):
        raise HttpError(403, _("only representatives see the matches"))
    return [match_dict(x) for x in matches_propose(meeting=m)]


@router.post(
    "/requests/{request_id}/outcome",
    response=RequestOut,
    summary="Record an outcome; the requester is emailed",
)
def outcome(request: HttpRequest, request_id: Id, payload: RequestOutcomeIn):
    r = get_object_or_404(
        HelpRequest.objects.select_related("meeting__federation", "organisation"), pk=request_id
    )
    if not rules.is_member(request.user, r.meeting.federation):
        raise HttpError(404, _("no such request"))
    if not rules.may_record_outcome(request.user, r):
        raise HttpError(
            403, _("only the organisation's representative or the coordinator records outcomes")
        )
    if payload.outcome not in Outcome.values:
        raise HttpError(
            422, _("outcome must be one of {choices}").format(choices=", ".join(Outcome.values))
        )
    outcome_record(
        request=r,
        outcome=payload.outcome,
        note=payload.note,
        next_step=payload.next_step,
        actor=request.user,
    )
    return request_dict(r, personal=False)


@router.post(
    "/matches/{match_id}/stage",
    response=MatchOut,
    summary="Move a match: proposed, contacted, talking, placed, closed",
    description="At most as many people are placed as the smaller of the two requests asks for.",
)
def stage(request: HttpRequest, match_id: Id, payload: MatchStageIn):
    m = get_object_or_404(
        Match.objects.select_related(
            "meeting__federation", "supply__organisation", "demand__organisation"
        ),
        pk=match_id,
    )
    if not rules.is_member(request.user, m.meeting.federation):
        raise HttpError(404, _("no such match"))
    if not rules.may_move_match(request.user, m):
        raise HttpError(403, _("only representatives of the two organisations move this match"))
    match_set_stage(m, stage=payload.stage, placed=payload.placed, actor=request.user)
    return match_dict(m)
