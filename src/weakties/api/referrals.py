"""REST API of referrals: vacancies, the contacts who may fit, asks, referrals and their stages.

Same bearer tokens and the same rules as the pages (the predicates of
:mod:`weakties.referrals.rules`): every active employee sees the open
vacancies of their organisation, gets their own forward text and referral
link, the vacancies that fit their own contacts (with those contacts'
details: they are theirs) and the stage of their own referrals; recruiters
and admins enter, import, change and delete vacancies, see the contacts who
may fit (name, company, position; never an email or a phone), ask colleagues
and move referrals through the pipeline; admins switch the leaderboard on.
Another organisation's vacancies answer 404.  A ``ServiceError`` becomes a
422 in the one handler of :mod:`weakties.api.routes`.
"""

from __future__ import annotations

from typing import Annotated, Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import File, Router, Schema, Status
from ninja.errors import HttpError
from ninja.files import UploadedFile
from pydantic import Field, StrictBool

from weakties.accounts.models import Organisation
from weakties.referrals import rules, selectors
from weakties.referrals.models import Referral, Stage, Vacancy, VacancyStatus
from weakties.referrals.schedule import asks_later
from weakties.referrals.services.asks import asks_send, forward_text
from weakties.referrals.services.candidates import candidates_refresh
from weakties.referrals.services.org_settings import settings_dict, settings_of, settings_update
from weakties.referrals.services.referrals import referral_dict, referral_set_stage
from weakties.referrals.services.vacancies import (
    VacancyImportError,
    vacancies_import,
    vacancy_create,
    vacancy_delete,
    vacancy_dict,
    vacancy_set_status,
    vacancy_update,
)

from .inputs import FutureDay, Id, In, NotBlank, PageLimit, one_of

router = Router(tags=["referrals"])

#: The most candidates one answer holds.
MAX_CANDIDATES = 50


class VacancyIn(In):
    title: NotBlank
    description: str = ""
    location: str = ""
    level: str = ""
    closes: FutureDay | None = None


class VacancyPatch(In):
    title: NotBlank | None = None
    description: str | None = None
    location: str | None = None
    level: str | None = None
    closes: FutureDay | None = None
    status: Annotated[str, one_of(VacancyStatus.values)] | None = None


class VacancyOut(Schema):
    id: int
    organisation: str
    title: str
    description: str
    location: str
    level: str
    closes: str | None
    status: str
    open: bool
    created: str | None
    created_by: str | None
    candidates_at: str | None


class ImportError_(Schema):
    line: int | None
    message: str


class ImportOut(Schema):
    file: str
    imported: int
    ids: list[int]


class ImportRefused(Schema):
    detail: str
    errors: list[ImportError_]


class ContactOut(Schema):
    id: int
    name: str
    company: str
    position: str


class CandidateOut(Schema):
    employee: str
    contact: ContactOut
    score: float
    why: str
    tier: str
    asked: bool


class AskOut(Schema):
    asked: int
    waiting: int
    due: str | None


class ForwardOut(Schema):
    subject: str
    body: str
    link: str
    privacy: str


class OwnContact(Schema):
    id: int
    name: str
    company: str
    position: str
    email: str
    phone: str
    tier: str
    score: float
    why: str


class FittingOut(Schema):
    vacancy: VacancyOut
    contacts: list[OwnContact]


class VacancyRef(Schema):
    id: int
    title: str


class Candidate(Schema):
    name: str
    email: str
    linkedin_url: str
    message: str


class ReferralOut(Schema):
    id: int
    vacancy: VacancyRef
    stage: str
    created: str
    valid_until: str
    expired: bool
    referrer: str | None = None
    candidate: Candidate | None = None


class ReferralStageIn(In):
    stage: Annotated[str, one_of(Stage.values)]


class SettingsIO(In):
    leaderboard: StrictBool
    valid_months: Annotated[int, Field(ge=1, le=60)]


class SettingsPatch(In):
    leaderboard: StrictBool | None = None
    valid_months: Annotated[int, Field(ge=1, le=60)] | None = None


class Contribution(Schema):
    referrals: int
    hired: int
    stages: dict[str, int]


class DepartmentRow(Schema):
    department: str | None
    referrals: int
    hired: int


class LeaderboardOut(Schema):
    departments: list[DepartmentRow]
    minimum: int


def _organisation(request: HttpRequest, org: str | None = None) -> Organisation:
    """The caller's organisation; a superuser who is no employee names it with ``org``."""
    me = rules.actor_employee(request.user)
    if me is not None:
        return me.organisation
    if getattr(request.user, "is_superuser", False):
        found = Organisation.objects.filter(name=org).first() if org else None
        if found is None and not org:
            only = list(Organisation.objects.all()[:2])
            found = only[0] if len(only) == 1 else None
        if found is not None:
            return found
    raise HttpError(403, _("this token's user is not an employee of an organisation"))


def _me(request: HttpRequest) -> Any:
    me = rules.actor_employee(request.user)
    if me is None:
        raise HttpError(403, _("this token's user is not an employee of an organisation"))
    return me


def _vacancy(request: HttpRequest, vacancy_id: Id) -> Vacancy:
    v = Vacancy.objects.select_related("organisation", "created_by").filter(pk=vacancy_id).first()
    if v is None or not rules.may_see_vacancy(request.user, v):
        raise HttpError(404, _("no such vacancy"))
    return v


def _recruiter(request: HttpRequest, organisation: Organisation | int) -> None:
    if not rules.may_manage_vacancies(request.user, organisation):
        raise HttpError(403, _("only the organisation's recruiters and admins may do this"))


@router.get("/vacancies", response=list[VacancyOut], summary="Vacancies you may see")
def vacancies(request: HttpRequest, org: str | None = None):
    organisation = _organisation(request, org)
    return [vacancy_dict(v) for v in selectors.vacancies_for(request.user, organisation)]


@router.post("/vacancies", response={201: VacancyOut}, summary="Enter a vacancy (recruiters)")
def vacancy_new(request: HttpRequest, payload: VacancyIn, org: str | None = None):
    organisation = _organisation(request, org)
    _recruiter(request, organisation)
    v = vacancy_create(
        organisation=organisation,
        source=str(Vacancy.Source.API),
        actor=request.user,
        **payload.dict(),
    )
    return Status(201, vacancy_dict(v))


@router.post(
    "/vacancies/import",
    response={201: ImportOut, 422: ImportRefused},
    summary="Import vacancies from a CSV or XLSX sheet (English or Dutch headers; all or nothing)",
)
def vacancy_import(
    request: HttpRequest,
    file: UploadedFile = File(...),  # noqa: B008 - ninja declares uploads with a default
    org: str | None = None,
):
    organisation = _organisation(request, org)
    _recruiter(request, organisation)
    name = file.name or "upload"
    try:
        created = vacancies_import(
            organisation=organisation,
            path=name,
            data=file.read(),
            file_name=name,
            actor=request.user,
        )
    except VacancyImportError as exc:
        return Status(422, {"detail": str(exc), "errors": exc.errors})
    return Status(201, {"file": name, "imported": len(created), "ids": [v.pk for v in created]})


@router.get(
    "/vacancies/mine",
    response=list[FittingOut],
    summary="Open vacancies that fit people you know (your own contacts, with their details)",
)
def vacancies_mine(request: HttpRequest):
    me = _me(request)
    return [
        {"vacancy": vacancy_dict(item["vacancy"]), "contacts": item["contacts"]}
        for item in selectors.fitting_vacancies(employee=me)
    ]


@router.get("/vacancies/{vacancy_id}", response=VacancyOut, summary="One vacancy")
def vacancy_get(request: HttpRequest, vacancy_id: Id):
    return vacancy_dict(_vacancy(request, vacancy_id))


@router.patch(
    "/vacancies/{vacancy_id}",
    response=VacancyOut,
    summary="Change a vacancy, or close or open it with status (recruiters)",
)
def vacancy_change(request: HttpRequest, vacancy_id: Id, payload: VacancyPatch):
    v = _vacancy(request, vacancy_id)
    _recruiter(request, v.organisation_id)
    changes = payload.dict(exclude_unset=True)
    status = changes.pop("status", None)
    # null leaves a text as it is (as leaving it out does); null clears the closing day
    changes = {k: v for k, v in changes.items() if v is not None or k == "closes"}
    if changes:
        vacancy_update(v, actor=request.user, **changes)
    if status is not None:
        vacancy_set_status(v, status=status, actor=request.user)
    return vacancy_dict(v)


@router.delete(
    "/vacancies/{vacancy_id}",
    response={204: None},
    summary="Delete a vacancy without referrals (recruiters)",
)
def vacancy_remove(request: HttpRequest, vacancy_id: Id):
    v = _vacancy(request, vacancy_id)
    _recruiter(request, v.organisation_id)
    vacancy_delete(v, actor=request.user)
    return Status(204, None)


def _candidates(request: HttpRequest, v: Vacancy, limit: int) -> list[dict[str, Any]]:
    if not rules.may_see_candidates(request.user, v):
        raise HttpError(403, _("only the organisation's recruiters and admins may do this"))
    return selectors.candidate_rows(v, limit=max(1, min(limit, MAX_CANDIDATES)))


@router.get(
    "/vacancies/{vacancy_id}/candidates",
    response=list[CandidateOut],
    summary="Contacts in colleagues' networks who may fit, best first (as last looked up)",
)
def candidates(request: HttpRequest, vacancy_id: Id, limit: PageLimit = 20):
    return _candidates(request, _vacancy(request, vacancy_id), limit)


@router.post(
    "/vacancies/{vacancy_id}/candidates",
    response=list[CandidateOut],
    summary="Look up the contacts who may fit again, now, and return them (recruiters)",
)
def candidates_now(request: HttpRequest, vacancy_id: Id, limit: PageLimit = 20):
    v = _vacancy(request, vacancy_id)
    _candidates(request, v, limit)  # refuses before the work
    candidates_refresh(vacancies=[v], actor=request.user)
    return _candidates(request, v, limit)


@router.post(
    "/vacancies/{vacancy_id}/ask",
    response=AskOut,
    summary='Ask the colleagues who know them: "is this something for your contact?"',
)
def ask(request: HttpRequest, vacancy_id: Id):
    v = _vacancy(request, vacancy_id)
    if not rules.may_see_candidates(request.user, v):
        raise HttpError(403, _("only the organisation's recruiters and admins may do this"))
    result = asks_send(vacancy=v, actor=request.user)
    asks_later(v.pk, result["due"])
    return result


@router.get(
    "/vacancies/{vacancy_id}/forward",
    response=ForwardOut,
    summary="Your ready-to-forward text and personal referral link for an open vacancy",
)
def forward(request: HttpRequest, vacancy_id: Id):
    v = _vacancy(request, vacancy_id)
    if not rules.may_refer(request.user, v):
        raise HttpError(403, _("only colleagues forward an open vacancy"))
    return forward_text(v, _me(request))


@router.get(
    "/vacancies/{vacancy_id}/referrals",
    response=list[ReferralOut],
    summary="The referred candidates with their details (recruiters)",
)
def vacancy_referrals(request: HttpRequest, vacancy_id: Id):
    v = _vacancy(request, vacancy_id)
    if not rules.may_see_candidates(request.user, v):
        raise HttpError(403, _("only the organisation's recruiters and admins may do this"))
    qs = v.referrals.select_related("vacancy", "referrer").order_by("created_at", "pk")
    return [referral_dict(r, details=True) for r in qs]


@router.get(
    "/referrals/mine",
    response=list[ReferralOut],
    summary="Your referrals and their stage (no candidate details)",
)
def referrals_mine(request: HttpRequest):
    return [referral_dict(r, details=False) for r in selectors.my_referrals(_me(request))]


@router.get(
    "/referrals/contribution",
    response=Contribution,
    summary="How many referrals came in through your links, and how far they got",
)
def contribution(request: HttpRequest):
    return selectors.contribution(employee=_me(request))


@router.get(
    "/referrals/settings", response=SettingsIO, summary="The organisation's referral settings"
)
def settings_get(request: HttpRequest, org: str | None = None):
    organisation = _organisation(request, org)
    if not rules.is_member(request.user, organisation):
        raise HttpError(403, _("only the organisation's employees may see this"))
    return settings_dict(settings_of(organisation))


@router.put(
    "/referrals/settings",
    response=SettingsIO,
    summary="Switch the leaderboard, set how long a referral is valid (admins)",
)
def settings_put(request: HttpRequest, payload: SettingsPatch, org: str | None = None):
    organisation = _organisation(request, org)
    if not rules.may_change_settings(request.user, organisation):
        raise HttpError(403, _("only the organisation's admins may change these settings"))
    changed = settings_update(organisation=organisation, actor=request.user, **payload.dict())
    return settings_dict(changed)


@router.get(
    "/referrals/leaderboard",
    response=LeaderboardOut,
    summary="Referrals and hires per department (when the organisation switched it on)",
)
def leaderboard(request: HttpRequest):
    board = selectors.leaderboard(_me(request).organisation)
    if board is None:
        raise HttpError(404, _("the leaderboard is off"))
    return board


@router.post(
    "/referrals/{referral_id}/stage",
    response=ReferralOut,
    summary="Move a referral through the pipeline; the referrer is told (recruiters)",
)
def stage(request: HttpRequest, referral_id: Id, payload: ReferralStageIn):
    r = Referral.objects.select_related("vacancy__organisation", "referrer").filter(pk=referral_id)
    referral = r.first()
    if referral is None or not rules.may_see_referral(request.user, referral):
        raise HttpError(404, _("no such referral"))
    if not rules.may_move_referral(request.user, referral):
        raise HttpError(403, _("only the organisation's recruiters and admins may do this"))
    referral_set_stage(referral, stage=payload.stage, actor=request.user)
    return referral_dict(referral, details=True)
