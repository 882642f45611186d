"""Pages of referrals.  Thin: they check who may, call a service or a selector, render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from weakties.core.errors import ServiceError
from weakties.referrals import rules, selectors
from weakties.referrals.models import PIPELINE, Stage, VacancyStatus
from weakties.referrals.schedule import asks_later, candidates_soon
from weakties.referrals.services.asks import asks_send, forward_text, mailto, read_referral_token
from weakties.referrals.services.org_settings import settings_of, settings_update
from weakties.referrals.services.referrals import referral_apply, referral_set_stage
from weakties.referrals.services.vacancies import (
    vacancies_import,
    vacancy_create,
    vacancy_delete,
    vacancy_set_status,
    vacancy_update,
)

from . import access
from .forms import ApplyForm, ImportForm, SettingsForm, StageForm, VacancyForm


@login_required
def index(request):
    me = access.me_of(request)
    recruiter = rules.is_recruiter(request.user, me.organisation)
    vacancies = selectors.vacancies_for(request.user, me.organisation).annotate(
        n_referrals=Count("referrals")
    )
    context = {
        "vacancies": vacancies,
        "recruiter": recruiter,
        "mine": selectors.my_referrals(me)[:20],
        "may_change_settings": rules.may_change_settings(request.user, me.organisation),
        "leaderboard_on": settings_of(me.organisation).leaderboard,
    }
    if recruiter:
        context["board"] = selectors.board(me.organisation)
    return render(request, "referrals/index.html", context)


def _vacancy_values(form: VacancyForm) -> dict:
    data = form.cleaned_data
    return {
        "title": data["title"],
        "description": data["description"],
        "location": data["location"],
        "level": data["level"],
        "closes": data["closes"],
    }


@login_required
def create(request):
    me = access.me_of(request)
    access.require(
        rules.may_manage_vacancies(request.user, me.organisation), access.only_recruiters()
    )
    form = VacancyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            vacancy = vacancy_create(
                organisation=me.organisation, actor=request.user, **_vacancy_values(form)
            )
        except ServiceError as exc:
            form.add_error(None, str(exc))
        else:
            candidates_soon([vacancy.pk])
            messages.success(
                request, _("The vacancy is saved; colleagues' contacts who may fit are looked up.")
            )
            return redirect("referrals:candidates", pk=vacancy.pk)
    return render(request, "referrals/vacancy_form.html", {"form": form, "vacancy": None})


@login_required
def edit(request, pk: int):
    vacancy = access.vacancy_for(request, pk)
    access.require(
        rules.may_manage_vacancies(request.user, vacancy.organisation_id), access.only_recruiters()
    )
    initial = {
        "title": vacancy.title,
        "description": vacancy.description,
        "location": vacancy.location,
        "level": vacancy.level,
        "closes": vacancy.closes_on,
    }
    form = VacancyForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            vacancy_update(vacancy, actor=request.user, **_vacancy_values(form))
        except ServiceError as exc:
            form.add_error(None, str(exc))
        else:
            candidates_soon([vacancy.pk])
            messages.success(request, _("The vacancy is changed."))
            return redirect("referrals:vacancy", pk=vacancy.pk)
    return render(request, "referrals/vacancy_form.html", {"form": form, "vacancy": vacancy})


@login_required
def import_sheet(request):
    me = access.me_of(request)
    access.require(
        rules.may_manage_vacancies(request.user, me.organisation), access.only_recruiters()
    )
    form = ImportForm(request.POST or None, request.FILES or None)
    errors = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            created = vacancies_import(
                organisation=me.organisation,
                path=upload.name,
                data=upload.read(),
                file_name=upload.name,
                actor=request.user,
            )
        except ServiceError as exc:
            errors = getattr(exc, "errors", None) or [{"line": None, "message": str(exc)}]
        else:
            candidates_soon([v.pk for v in created])
            messages.success(request, _("Imported %(n)s vacancies.") % {"n": len(created)})
            return redirect("referrals:index")
    return render(request, "referrals/import.html", {"form": form, "errors": errors})


@login_required
def vacancy(request, pk: int):
    v = access.vacancy_for(request, pk)
    recruiter = rules.may_see_candidates(request.user, v)
    context = {
        "vacancy": v,
        "recruiter": recruiter,
        "may_refer": rules.may_refer(request.user, v),
    }
    if recruiter:
        pipeline = selectors.pipeline(v)
        context["pipeline"] = pipeline
        context["has_referrals"] = any(items for _stage, _label, items in pipeline)
        context["stages"] = Stage.choices
    return render(request, "referrals/vacancy.html", context)


@login_required
@require_POST
def status(request, pk: int):
    v = access.vacancy_for(request, pk)
    access.require(
        rules.may_manage_vacancies(request.user, v.organisation_id), access.only_recruiters()
    )
    wanted = request.POST.get("status", "")
    try:
        vacancy_set_status(v, status=wanted, actor=request.user)
    except ServiceError as exc:
        messages.error(request, str(exc))
    else:
        if wanted == VacancyStatus.OPEN:
            candidates_soon([v.pk])
        messages.success(
            request, _("The vacancy is %(status)s.") % {"status": v.get_status_display()}
        )
    return redirect("referrals:vacancy", pk=v.pk)


@login_required
@require_POST
def delete(request, pk: int):
    v = access.vacancy_for(request, pk)
    access.require(
        rules.may_manage_vacancies(request.user, v.organisation_id), access.only_recruiters()
    )
    try:
        vacancy_delete(v, actor=request.user)
    except ServiceError as exc:
        messages.error(request, str(exc))
        return redirect("referrals:vacancy", pk=v.pk)
    messages.success(request, _("The vacancy is deleted."))
    return redirect("referrals:index")


@login_required
def candidates(request, pk: int):
    v = access.vacancy_for(request, pk)
    access.require(rules.may_see_candidates(request.user, v), access.only_recruiters())
    return render(
        request,
        "referrals/candidates.html",
        {"vacancy": v, "rows": selectors.candidate_rows(v), "asked": v.asks.count()},
    )


@login_required
@require_POST
def refresh(request, pk: int):
    v = access.vacancy_for(request, pk)
    access.require(rules.may_see_candidates(request.user, v), access.only_recruiters())
    candidates_soon([v.pk])
    messages.success(request, _("Colleagues' contacts who may fit are looked up again."))
    return redirect("referrals:candidates", pk=v.pk)


@login_required
@require_POST
def ask(request, pk: int):
    v = access.vacancy_for(request, pk)
    access.require(rules.may_see_candidates(request.user, v), access.only_recruiters())
    result = asks_send(vacancy=v, actor=request.user)
    asks_later(v.pk, result["due"])
    messages.success(
        request,
        _("%(asked)s colleagues are asked; %(waiting)s were asked recently and are asked later.")
        % {"asked": result["asked"], "waiting": result["waiting"]},
    )
    return redirect("referrals:candidates", pk=v.pk)


@login_required
def forward(request, pk: int):
    """The signed-in colleague's ready-to-forward text and personal link, with their own contacts."""
    v = access.vacancy_for(request, pk)
    me = access.me_of(request)
    access.require(rules.may_refer(request.user, v), _("This vacancy is closed."))
    text = forward_text(v, me)
    own = [
        {**c, "mailto": mailto(text, c["email"]) if c["email"] else ""}
        for item in selectors.fitting_vacancies(employee=me, vacancy=v)
        for c in item["contacts"]
    ]
    return render(
        request,
        "referrals/forward.html",
        {"vacancy": v, "text": text, "mailto": mailto(text), "contacts": own},
    )


def apply(request, token: str):
    """The public page behind a referral link: no login; the candidate sees the vacancy and applies."""
    found = read_referral_token(token)
    if found is None:
        raise Http404
    v, referrer = found
    form = ApplyForm(request.POST or None)
    done = None
    if request.method == "POST" and v.is_open and form.is_valid():
        data = form.cleaned_data
        try:
            _referral, created = referral_apply(
                vacancy=v,
                referrer=referrer,
                name=data["name"],
                email=data["email"],
                linkedin_url=data["linkedin_url"],
                message=data["message"],
            )
        except ServiceError as exc:
            form.add_error(None, str(exc))
        else:
            done = "new" if created else "known"
    return render(
        request,
        "referrals/apply.html",
        {
            "vacancy": v,
            "referrer": referrer,
            "form": form,
            "done": done,
            "months": settings_of(v.organisation).valid_months,
        },
    )


@login_required
@require_POST
def stage(request, pk: int):
    r = access.referral_for(request, pk)
    access.require(rules.may_move_referral(request.user, r), access.only_recruiters())
    form = StageForm(request.POST)
    if form.is_valid():
        try:
            referral_set_stage(r, stage=form.cleaned_data["stage"], actor=request.user)
        except ServiceError as exc:
            messages.error(request, str(exc))
    return redirect("referrals:vacancy", pk=r.vacancy_id)


@login_required
def mine(request):
    me = access.me_of(request)
    return render(
        request,
        "referrals/mine.html",
        {
            "fitting": selectors.fitting_vacancies(employee=me),
            "referrals": selectors.my_referrals(me),
            "contribution": selectors.contribution(employee=me),
            "pipeline": PIPELINE,
        },
    )


@login_required
def org_settings(request):
    me = access.me_of(request)
    access.require(
        rules.may_change_settings(request.user, me.organisation),
        _("Only the organisation's admins may change these settings."),
    )
    current = settings_of(me.organisation)
    form = SettingsForm(
        request.POST or None,
        initial={"leaderboard": current.leaderboard, "valid_months": current.valid_months},
    )
    if request.method == "POST" and form.is_valid():
        settings_update(
            organisation=me.organisation,
            leaderboard=form.cleaned_data["leaderboard"],
            valid_months=form.cleaned_data["valid_months"],
            actor=request.user,
        )
        messages.success(request, _("The referral settings are saved."))
        return redirect("referrals:settings")
    return render(request, "referrals/settings.html", {"form": form})


@login_required
def leaderboard(request):
    me = access.me_of(request)
    board = selectors.leaderboard(me.organisation)
    if board is None:
        raise Http404
    return render(request, "referrals/leaderboard.html", {"board": board})
