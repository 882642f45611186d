"""REST API of the connected organisation: profile, expertise finder, target lists and watch.

Same bearer tokens and the same rules as the pages (the predicates of
:mod:`weakties.expertise.rules`).  A ``ServiceError`` becomes a 422 in the one
handler of :mod:`weakties.api.routes`.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from django.db.models import Count
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status
from ninja.errors import HttpError
from pydantic import BaseModel, Field, StrictBool

from weakties.accounts.models import Employee
from weakties.expertise import rules
from weakties.expertise.models import Profile, TargetList
from weakties.expertise.selectors.coverage import coverage, specs_from_lines, specs_of
from weakties.expertise.selectors.finder import expertise_search
from weakties.expertise.selectors.lists import target_introductions, visible_lists
from weakties.expertise.services.profiles import profile_of, profile_update
from weakties.expertise.services.target_lists import (
    target_lines,
    target_list_create,
    target_list_delete,
    target_list_update,
)

from .inputs import Id, In, NotBlank, PageLimit, one_of

router = Router(tags=["expertise and target lists"])


def _me(request: HttpRequest) -> Employee:
    """The active employee the token acts for; 403 for anyone else."""
    me = rules.acting_employee(request.user)
    if me is None:
        raise HttpError(403, _("this token's user is not an active employee"))
    return me


class MyProfile(Schema):
    employee: str
    skills: list[str]
    focus_topics: list[str]
    blurb: str
    updated_at: dt.datetime | None


class MyProfileChange(In):
    skills: list[str] | None = None
    focus_topics: list[str] | None = None
    blurb: str | None = None


def _profile(profile: Profile, employee: Employee) -> dict:
    return {
        "employee": employee.email,
        "skills": Profile.split(profile.skills),
        "focus_topics": Profile.split(profile.focus_topics),
        "blurb": profile.blurb,
        "updated_at": profile.updated_at,
    }


@router.get("/profile", response=MyProfile, summary="My profile")
def profile_get(request: HttpRequest):
    """The caller's own skills, focus topics and blurb (empty lists before they write them)."""
    me = _me(request)
    return _profile(profile_of(me), me)


@router.put("/profile", response=MyProfile, summary="Change my profile")
def profile_put(request: HttpRequest, body: MyProfileChange):
    """Change the fields given (a field left out stays as it is); only one's own profile."""
    me = _me(request)
    if not rules.may_edit_profile(request.user, me):
        raise HttpError(403, _("only the employee edits their profile"))
    profile = profile_update(
        employee=me, skills=body.skills, focus_topics=body.focus_topics, blurb=body.blurb
    )
    return _profile(profile, me)


# -- expertise finder ---------------------------------------------------------------------------


# The finder's rows are plain pydantic models, not ninja ``Schema``s, as the introductions'
# rows (``routes.Rows``): the finder returns dicts, and ``Schema`` reads each field of each
# hit through an attribute getter made for model instances (~0.3 ms of a search of 20 hits).
# The OpenAPI document is the same (no docstring here: it would become the schemas' description).
class ExpertiseColleague(BaseModel):
    id: int
    name: str
    department: str
    job_title: str


class ExpertiseHit(BaseModel):
    employee: ExpertiseColleague
    score: float
    why: list[str]


@router.get("/expertise", response=list[ExpertiseHit], summary="Find colleagues by expertise")
def expertise(
    request: HttpRequest,
    q: str = "",
    company: str | None = None,
    sector: str | None = None,
    region: str | None = None,
    limit: Annotated[int, Field(ge=1, le=100)] = 20,
):
    """Colleagues who know about ``q`` (skill, focus topic, job title, department; Dutch or
    English) or know people at the company, sector or region it names, best first, each with
    the reasons in plain words.  ``company``/``sector``/``region`` name the network part
    explicitly.  Only the networks of colleagues who share theirs count; no contact is named.
    """
    me = _me(request)
    if not rules.may_use_finder(request.user):
        raise HttpError(403, _("only active employees search their colleagues"))
    hits = expertise_search(
        organisation=me.organisation,
        query=q,
        company=company,
        sector=sector,
        region=region,
        searcher=me,
        actor=request.user,
        limit=limit,
    )
    return [h.as_dict() for h in hits]


# -- target lists -------------------------------------------------------------------------------


class TargetPath(Schema):
    employee: ExpertiseColleague
    strong: bool


class TargetCovered(Schema):
    id: int | None
    line: int
    kind: str
    name: str
    position: str
    company: str
    found: bool
    status: str
    people: int
    introducers: int
    strong: int
    paths: list[TargetPath]
    url: str | None = None


class TargetIntroducerCount(Schema):
    employee: ExpertiseColleague
    targets: int
    strong_targets: int


class TargetCoverageSummary(Schema):
    targets: int
    found: int
    with_path: int
    strong: int
    weak: int
    none: int
    top_introducers: list[TargetIntroducerCount]


class TargetListSummary(Schema):
    id: int
    name: str
    purpose: str
    watched: bool
    owner: str
    targets: int
    created_at: dt.datetime


class TargetListCoverage(Schema):
    id: int | None
    name: str
    purpose: str
    watched: bool
    summary: TargetCoverageSummary
    targets: list[TargetCovered]


#: What a target list's text is.
_LIST_TEXT = "One target a line: a company name or a LinkedIn profile address."


class TargetListNew(In):
    name: NotBlank
    text: Annotated[NotBlank, Field(description=_LIST_TEXT)]
    purpose: Annotated[str, one_of(TargetList.Purpose.values)] = "sales"
    watched: StrictBool = False


class TargetListChange(In):
    name: NotBlank | None = None
    purpose: Annotated[str, one_of(TargetList.Purpose.values)] | None = None
    watched: StrictBool | None = None


class TargetCoverageAsked(In):
    text: Annotated[NotBlank, Field(description=_LIST_TEXT)]
    purpose: Annotated[str, one_of(TargetList.Purpose.values)] = "sales"


class TargetContact(Schema):
    id: int
    name: str
    company: str
    position: str


class TargetIntroduction(Schema):
    introducer: str
    contact: TargetContact
    strength: float
    tier: str
    score: float
    why: str


class TargetIntroductions(Schema):
    target: TargetCovered
    total: int
    introductions: list[TargetIntroduction]


def _lists_user(request: HttpRequest) -> Employee:
    me = _me(request)
    if not rules.may_use_target_lists(me):
        raise HttpError(403, _("target lists are for sales people, recruiters and admins"))
    return me


def _list_for(request: HttpRequest, pk: Id, *, change: bool = False) -> TargetList:
    """A list the caller may see (404 otherwise: its existence is not revealed) or change (403)."""
    _me(request)
    found = TargetList.objects.select_related("owner", "organisation").filter(pk=pk).first()
    if found is None or not rules.may_see_target_list(request.user, found):
        raise HttpError(404, _("no such target list"))
    if change and not rules.may_change_target_list(request.user, found):
        raise HttpError(403, _("only the owner of this list may change it"))
    return found


def _list_out(request: HttpRequest, found: TargetList) -> dict:
    result = coverage(
        organisation=found.organisation,
        targets=specs_of(found),
        show_urls=rules.may_change_target_list(request.user, found),
    )
    return {
        "id": found.pk,
        "name": found.name,
        "purpose": found.purpose,
        "watched": found.watched,
        **result,
    }


@router.get("/targets/lists", response=list[TargetListSummary], summary="My target lists")
def target_lists(request: HttpRequest):
    """The caller's lists (an admin: every list of the organisation), newest first."""
    me = _lists_user(request)
    return [
        {
            "id": t.pk,
            "name": t.name,
            "purpose": t.purpose,
            "watched": t.watched,
            "owner": t.owner.email,
            "targets": t.n,
            "created_at": t.created_at,
        }
        for t in visible_lists(me).annotate(n=Count("targets"))
    ]


@router.post("/targets/lists", response={201: TargetListCoverage}, summary="Create a target list")
def target_list_new(request: HttpRequest, body: TargetListNew):
    """Store a list from ``text`` (one company or LinkedIn profile URL per line, or CSV with a
    header) and answer with its coverage."""
    me = _lists_user(request)
    created = target_list_create(
        owner=me,
        name=body.name,
        lines=target_lines(text=body.text),
        purpose=body.purpose,
        watched=body.watched,
    )
    return Status(201, _list_out(request, created))


@router.post(
    "/targets/coverage", response=TargetListCoverage, summary="Coverage of targets, not stored"
)
def target_coverage(request: HttpRequest, body: TargetCoverageAsked):
    """The coverage of the targets in ``text`` without storing a list."""
    me = _lists_user(request)
    result = coverage(
        organisation=me.organisation,
        targets=specs_from_lines(target_lines(text=body.text)),
        show_urls=True,
    )
    return {"id": None, "name": "", "purpose": body.purpose, "watched": False, **result}


@router.get(
    "/targets/lists/{pk}", response=TargetListCoverage, summary="A target list and its coverage"
)
def target_list_get(request: HttpRequest, pk: Id):
    """Per target the best paths, and the coverage summary.  LinkedIn URLs: the owner only."""
    return _list_out(request, _list_for(request, pk))


@router.patch(
    "/targets/lists/{pk}", response=TargetListCoverage, summary="Rename, re-purpose or watch"
)
def target_list_patch(request: HttpRequest, pk: Id, body: TargetListChange):
    found = _list_for(request, pk, change=True)
    target_list_update(
        target_list=found,
        actor=_me(request),
        name=body.name,
        purpose=body.purpose,
        watched=body.watched,
    )
    return _list_out(request, found)


@router.post(
    "/targets/lists/{pk}/watch", response=TargetListCoverage, summary="Watch a target list"
)
def target_list_watch(request: HttpRequest, pk: Id):
    """Be told (a notice, and email as you chose) when an import creates a path to a target."""
    found = _list_for(request, pk, change=True)
    target_list_update(target_list=found, actor=_me(request), watched=True)
    return _list_out(request, found)


@router.delete("/targets/lists/{pk}/watch", response=TargetListCoverage, summary="Stop watching")
def target_list_unwatch(request: HttpRequest, pk: Id):
    found = _list_for(request, pk, change=True)
    target_list_update(target_list=found, actor=_me(request), watched=False)
    return _list_out(request, found)


@router.delete("/targets/lists/{pk}", response={204: None}, summary="Delete a target list")
def target_list_remove(request: HttpRequest, pk: Id):
    found = _list_for(request, pk, change=True)
    target_list_delete(target_list=found, actor=_me(request))
    return Status(204, None)


@router.get(
    "/targets/lists/{pk}/targets/{target_id}",
    response=TargetIntroductions,
    summary="Who can introduce me to one target",
)
def target_get(request: HttpRequest, pk: Id, target_id: Id, limit: PageLimit = 20):
    """Every colleague who can introduce the caller, ranked for the list's purpose
    (``insights.services.introductions``); contacts by name, company and position only."""
    found = _list_for(request, pk)
    one = found.targets.filter(pk=target_id).first()
    if one is None:
        raise HttpError(404, _("no such target in this list"))
    row = next(
        t
        for t in coverage(
            organisation=found.organisation,
            targets=[t for t in specs_of(found) if t.id == one.pk],
            show_urls=rules.may_change_target_list(request.user, found),
        )["targets"]
    )
    page = target_introductions(
        target=one, target_list=found, actor=request.user, limit=max(1, min(limit, 500))
    )
    return {"target": row, "total": page.total, "introductions": page.rows}
