"""REST API of ambassadors: campaigns and their funnel, targets, material, my contribution.

Same bearer tokens and the same rules as the pages (the predicates of
:mod:`weakties.ambassadors.rules`): an organisation's admins run campaigns,
see the funnel, the sync status and the white spots, keep the targets and
publish material; every active employee sees the material, says what they
shared and sees their own contribution. Another organisation's campaign,
target or post is "not found". A ``ServiceError`` becomes a 422 in the one
handler of :mod:`weakties.api.routes`.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status
from ninja.errors import HttpError
from pydantic import ConfigDict, Field, StrictBool

from weakties.accounts.models import Employee, Organisation
from weakties.accounts.rules import employee_of
from weakties.ambassadors import rules
from weakties.ambassadors.models import Campaign, Post, Target
from weakties.ambassadors.selectors import (
    campaign_funnel,
    posts_for,
    reminder_allowed_at,
    sync_rows,
    white_spots,
)
from weakties.ambassadors.selectors.contribution import contribution
from weakties.ambassadors.selectors.sync import stale_before
from weakties.ambassadors.selectors.white_spots import target_dict
from weakties.ambassadors.services.campaigns import (
    InviteResult,
    campaign_create,
    campaign_remind,
)
from weakties.ambassadors.services.material import (
    post_archive,
    post_get,
    post_publish,
    share_mark,
)
from weakties.ambassadors.services.targets import target_add, target_remove
from weakties.resolve.sectors import SECTORS

from .inputs import Id, In, NotBlank, Offset, PageLimit, one_of

router = Router(tags=["ambassadors"])

#: The most rows one page of the sync status returns.
MAX_PAGE = 500


def _me(request: HttpRequest) -> Employee:
    """The active employee the token acts for; 403 for anyone else."""
    me = employee_of(request.user)
    if me is None or not me.active:
        raise HttpError(403, _("this token's user is not an active employee"))
    return me


def _admin(request: HttpRequest) -> Organisation:
    me = _me(request)
    if not rules.may_see_funnel(request.user, me.organisation):
        raise HttpError(403, _("only the organisation's administrators may do this"))
    return me.organisation


def _campaign(request: HttpRequest, campaign_id: Id) -> Campaign:
    organisation = _admin(request)
    campaign = Campaign.objects.filter(organisation=organisation, pk=campaign_id).first()
    if campaign is None:
        raise HttpError(404, _("no such campaign"))
    return campaign


# Campaigns -------------------------------------------------------------------------------------


class CampaignIn(In):
    scope: Annotated[str, one_of(Campaign.Scope.values)] = "all"
    department: str = ""
    emails: list[str] = []
    message: str = ""


class Skipped(Schema):
    email: str
    reason: str


class InviteOut(Schema):
    campaign: int | None
    invited: int
    skipped: int
    already_sharing: int
    skipped_addresses: list[Skipped]


class Funnel(Schema):
    invited: int
    opened: int
    consented: int
    imported: int
    declined: int
    sent: int
    refused: int
    unsent: int
    reminded: int


class CampaignOut(Schema):
    id: int
    created: dt.datetime
    scope: str
    department: str
    message: str
    funnel: Funnel
    reminder_sent: dt.datetime | None
    reminder_from: dt.datetime | None
    send_error: str


def _invite_out(result: InviteResult) -> dict[str, Any]:
    return {
        "campaign": result.campaign.pk if result.campaign else None,
        **result.as_dict(),
        "skipped_addresses": [{"email": e, "reason": r} for e, r in result.skipped],
    }


def _campaign_out(campaign: Campaign) -> dict[str, Any]:
    return {
        "id": campaign.pk,
        "created": campaign.created_at,
        "scope": campaign.scope,
        "department": campaign.department,
        "message": campaign.message,
        "funnel": campaign_funnel(campaign=campaign),
        "reminder_sent": campaign.reminder_sent_at,
        "reminder_from": reminder_allowed_at(campaign),
        "send_error": campaign.send_error,
    }


@router.get(
    "/ambassadors/campaigns",
    response=list[CampaignOut],
    summary="Invitation campaigns and their funnel (admins)",
)
def campaigns(request: HttpRequest):
    organisation = _admin(request)
    return [_campaign_out(c) for c in Campaign.objects.filter(organisation=organisation)[:50]]


@router.post(
    "/ambassadors/campaigns",
    response={201: InviteOut},
    summary="Invite everyone, a department or a list of addresses (admins)",
)
def campaign_start(request: HttpRequest, payload: CampaignIn):
    organisation = _admin(request)
    if not rules.may_run_campaigns(request.user, organisation):  # the same admins, said twice
        raise HttpError(403, _("only the organisation's administrators may do this"))
    result = campaign_create(
        organisation=organisation,
        scope=payload.scope,
        department=payload.department,
        emails=payload.emails,
        message=payload.message,
        created_by=employee_of(request.user),
        actor=request.user,
    )
    return Status(201, _invite_out(result))


@router.get(
    "/ambassadors/campaigns/{campaign_id}",
    response=CampaignOut,
    summary="One campaign and its funnel (admins)",
)
def campaign_show(request: HttpRequest, campaign_id: Id):
    return _campaign_out(_campaign(request, campaign_id))


@router.post(
    "/ambassadors/campaigns/{campaign_id}/remind",
    response=InviteOut,
    summary="Send the campaign's one reminder to those who have not answered (admins)",
)
def campaign_reminder(request: HttpRequest, campaign_id: Id):
    campaign = _campaign(request, campaign_id)
    if not rules.may_run_campaigns(request.user, campaign.organisation):  # the same admins
        raise HttpError(403, _("only the organisation's administrators may do this"))
    return _invite_out(campaign_remind(campaign=campaign, actor=request.user))


# Sync status and white spots -------------------------------------------------------------------


class FileOut(Schema):
    name: str
    format: str
    finished_at: dt.datetime | None
    stale: bool


class SyncRow(Schema):
    employee: str
    name: str
    department: str
    sharing: bool
    last_import: dt.datetime | None
    stale: bool


@router.get(
    "/ambassadors/sync",
    response=list[SyncRow],
    summary="Each employee's sync status: last import, stale or not (admins)",
)
def sync(
    request: HttpRequest,
    response: HttpResponse,
    status: str = "",
    q: str = "",
    limit: PageLimit = 100,
    offset: Offset = 0,
):
    """``status``: "" (everyone), ``stale``, ``never`` (consented, nothing imported), ``not_sharing``.

    The total is in ``X-Total-Count``.
    """
    organisation = _admin(request)
    rows = sync_rows(organisation=organisation, status=status, q=q)
    response["X-Total-Count"] = str(rows.count())
    cutoff = stale_before()
    limit = max(1, min(limit, MAX_PAGE))
    return [
        {
            "employee": e.email,
            "name": e.full_name,
            "department": e.department,
            "sharing": e.sharing,
            "last_import": e.last_import,
            "stale": e.last_import is not None and e.last_import < cutoff,
        }
        for e in rows[max(offset, 0) : max(offset, 0) + limit]
    ]


class TargetIn(In):
    """A company by name, or a sector by its key (its Dutch or English name is read too)."""

    model_config = ConfigDict(
        json_schema_extra={
            "oneOf": [
                {"properties": {"kind": {"const": "company"}}},
                {"properties": {"kind": {"const": "sector"}, "name": {"enum": list(SECTORS)}}},
            ]
        }
    )

    kind: Annotated[str, one_of(Target.Kind.values)]
    name: NotBlank


class TargetOut(Schema):
    id: int
    kind: str
    name: str
    key: str


class DepartmentOut(Schema):
    department: str
    members: int
    sharing: int
    reached: list[bool]
    targets_reached: int
    white_spot: bool


class WhiteSpots(Schema):
    targets: list[TargetOut]
    departments: list[DepartmentOut]
    white_spots: int


@router.get(
    "/ambassadors/white-spots",
    response=WhiteSpots,
    summary="Per department: the targets reached; white spots reach none (admins)",
)
def white_spots_endpoint(request: HttpRequest):
    """``reached`` says, per target in ``targets`` order, whether a sharing member knows someone there."""
    return white_spots(organisation=_admin(request))


@router.get(
    "/ambassadors/targets",
    response=list[TargetOut],
    summary="Target companies and sectors (admins)",
)
def targets(request: HttpRequest):
    organisation = _admin(request)
    return [target_dict(t) for t in Target.objects.filter(organisation=organisation)]


@router.post(
    "/ambassadors/targets",
    response={201: TargetOut},
    summary="Add a target company or sector (admins)",
)
def target_create(request: HttpRequest, payload: TargetIn):
    organisation = _admin(request)
    if not rules.may_edit_targets(request.user, organisation):
        raise HttpError(403, _("only the organisation's administrators may do this"))
    target = target_add(
        organisation=organisation, kind=payload.kind, name=payload.name, actor=request.user
    )
    return Status(201, target_dict(target))


@router.delete(
    "/ambassadors/targets/{target_id}", response={204: None}, summary="Remove a target (admins)"
)
def target_delete(request: HttpRequest, target_id: Id):
    organisation = _admin(request)
    if not rules.may_edit_targets(request.user, organisation):
        raise HttpError(403, _("only the organisation's administrators may do this"))
    if not Target.objects.filter(organisation=organisation, pk=target_id).exists():
        raise HttpError(404, _("no such target"))
    target_remove(organisation=organisation, target_id=target_id, actor=request.user)
    return Status(204, None)


# Material --------------------------------------------------------------------------------------


class PostIn(In):
    title_nl: NotBlank
    text_nl: NotBlank
    link: Annotated[
        str,
        Field(
            pattern="^https?://([a-z0-9]+[.])+[a-z]{2,12}(/[a-z0-9_.~/-]*)?$",
            description="A web address (https://…).",
        ),
    ]
    title_en: str = ""
    text_en: str = ""


class PostOut(Schema):
    id: int
    title: str
    text: str
    link: str
    title_nl: str
    title_en: str
    text_nl: str
    text_en: str
    published_at: dt.datetime
    shared: bool


class SharedIn(In):
    shared: StrictBool = True


class SharedOut(Schema):
    id: int
    shared: bool


def _post_out(post: Post, shared: bool) -> dict[str, Any]:
    return {
        "id": post.pk,
        "title": post.title,
        "text": post.text,
        "link": post.link,
        "title_nl": post.title_nl,
        "title_en": post.title_en,
        "text_nl": post.text_nl,
        "text_en": post.text_en,
        "published_at": post.published_at,
        "shared": shared,
    }


@router.get(
    "/ambassadors/material",
    response=list[PostOut],
    summary="Posts to share on your own channels, with whether you said you shared each",
)
def material(request: HttpRequest):
    me = _me(request)
    if not rules.may_see_material(request.user, me.organisation):  # pragma: no cover - any member
        raise HttpError(403, _("only the organisation's employees see its material"))
    return [_post_out(p, p.shared) for p in posts_for(employee=me)]


@router.post("/ambassadors/material", response={201: PostOut}, summary="Publish a post (admins)")
def material_publish(request: HttpRequest, payload: PostIn):
    me = _me(request)
    if not rules.may_publish_material(request.user, me.organisation):
        raise HttpError(403, _("only the organisation's administrators may do this"))
    post = post_publish(
        organisation=me.organisation, published_by=me, actor=request.user, **payload.dict()
    )
    return Status(201, _post_out(post, False))


def _post(request: HttpRequest, post_id: Id) -> tuple[Employee, Post]:
    me = _me(request)
    post = Post.objects.filter(organisation_id=me.organisation_id, pk=post_id).first()
    if post is None:
        raise HttpError(404, _("no such post"))
    return me, post


@router.post(
    "/ambassadors/material/{post_id}/shared",
    response=SharedOut,
    summary="Say you shared a post (or take it back with shared=false)",
)
def material_shared(request: HttpRequest, post_id: Id, payload: SharedIn):
    me, post = _post(request, post_id)
    if not rules.may_mark_shared(request.user, post):
        raise HttpError(404, _("no such post"))
    return {"id": post.pk, "shared": share_mark(post=post, employee=me, shared=payload.shared)}


@router.post(
    "/ambassadors/material/{post_id}/archive",
    response={204: None},
    summary="Take a post off the employees' list (admins)",
)
def material_archive(request: HttpRequest, post_id: Id):
    me, post = _post(request, post_id)
    if not rules.may_publish_material(request.user, me.organisation):
        raise HttpError(403, _("only the organisation's administrators may do this"))
    post_archive(post=post_get(organisation=me.organisation, post_id=post.pk), actor=request.user)
    return Status(204, None)


# My contribution -------------------------------------------------------------------------------


class SharedPost(Schema):
    title: str
    link: str
    at: dt.datetime


class ContributionOut(Schema):
    employee: str
    sharing: bool
    analysed_at: dt.datetime | None
    reach: int | None
    unique_reach: int | None
    introductions: dict[str, Any]
    referrals: dict[str, Any]
    shared: int
    shared_posts: list[SharedPost]


@router.get(
    "/ambassadors/contribution",
    response=ContributionOut,
    summary="My contribution: reach, introductions, referrals, material shared",
)
def my_contribution(request: HttpRequest):
    """The caller's own figures only; nobody reads another employee's contribution."""
    me = _me(request)
    if not rules.may_see_contribution(request.user, me):  # pragma: no cover - always oneself
        raise HttpError(403, _("only the employee sees their contribution"))
    return {"employee": me.email, **contribution(employee=me)}
