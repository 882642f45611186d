"""Pages of introduction requests.  Thin: find the request, ask the rule, call a use case.

A request is for its two parties only: anyone else gets 404 (they may not
know it exists); a party who may not do an action gets 403. Every page first
runs the check on read (:func:`requests_close_due`), so an expired request
never shows as open.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from weakties.accounts.access import current_employee
from weakties.core.errors import ServiceError
from weakties.introductions import rules, selectors
from weakties.introductions.forms import AnswerForm, DraftForm, OutcomeForm, RequestForm
from weakties.introductions.models import IntroductionRequest
from weakties.introductions.services.answers import (
    introduction_answer,
    introduction_draft_save,
    introduction_mark_sent,
    introduction_outcome,
)
from weakties.introductions.services.drafts import PRIVACY_PATH
from weakties.introductions.services.lifecycle import requests_close_due
from weakties.introductions.services.requests import introduction_request


def _int(value) -> int | None:
    return int(value) if str(value or "").isdigit() else None


def _party_request(request, pk: int) -> IntroductionRequest:
    me = current_employee(request)
    requests_close_due(employee=me)
    found = selectors.request_for(employee=me, pk=pk)
    if found is None:
        raise Http404
    return found


@login_required
def index(request):
    me = current_employee(request)
    requests_close_due(employee=me)
    asked = list(selectors.requests_of(employee=me, side="asked")[:500])
    mine = list(selectors.requests_of(employee=me, side="mine")[:500])
    context = {
        "asked": selectors.by_status(asked),
        "mine": selectors.by_status(mine),
        "waiting": sum(1 for r in asked if r.is_unanswered),
    }
    return render(request, "introductions/index.html", context)


@login_required
def new(request):
    """The request form, reached from a "who can introduce me" result (``?via=EMAIL&person=ID``)."""
    me = current_employee(request)
    source = request.POST if request.method == "POST" else request.GET
    introducer = selectors.introducer_for(
        requester=me, email=source.get("via", ""), pk=_int(source.get("introducer"))
    )
    person = selectors.person_for(pk=_int(source.get("person")))
    # Nothing about the contact shows unless this colleague could introduce them.
    if person is None or not rules.may_request_introduction(
        me, introducer=introducer, person=person
    ):
        raise Http404
    form = RequestForm(
        request.POST or None, initial={"blurb": selectors.previous_blurb(requester=me)}
    )
    if request.method == "POST" and form.is_valid():
        try:
            made = introduction_request(
                requester=me, introducer=introducer, person=person, **form.cleaned_data
            )
        except ServiceError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request,
                _("Your request went to %(name)s.") % {"name": introducer.full_name},
            )
            return redirect("introductions:detail", made.pk)
    earlier = selectors.earlier_request(requester=me, introducer=introducer, person=person)
    context = {"form": form, "introducer": introducer, "person": person, "earlier": earlier}
    return render(request, "introductions/new.html", context)


@login_required
def detail(request, pk: int):
    found = _party_request(request, pk)
    me = current_employee(request)
    context = {
        "r": found,
        "info": selectors.request_detail(found, viewer=me),
        "is_introducer": rules.is_introducer(me, found),
        "may_answer": rules.may_answer(me, found),
        "may_mark_sent": rules.may_mark_sent(me, found),
        "may_record_outcome": rules.may_record_outcome(me, found),
        "sees_details": rules.may_see_contact_details(me, found),
        "answer_form": AnswerForm(),
        "draft_form": DraftForm(initial={"subject": found.draft_subject, "draft": found.draft}),
        "outcome_form": OutcomeForm(initial={"outcome": found.outcome or None}),
        "privacy_path": PRIVACY_PATH,
    }
    return render(request, "introductions/detail.html", context)


def _act(request, pk: int, allowed, refusal: str):
    """The request and its acting party, or 404 (not a party) / 403 (not this party's act)."""
    found = _party_request(request, pk)
    me = current_employee(request)
    if not allowed(me, found):
        raise PermissionDenied(refusal)
    return found, me


def _done(request, found: IntroductionRequest, call) -> object:
    try:
        call()
    except ServiceError as exc:
        messages.error(request, str(exc))
    return redirect("introductions:detail", found.pk)


@login_required
@require_POST
def answer(request, pk: int):
    found, me = _act(
        request, pk, rules.may_answer, _("Only the colleague who was asked answers, once.")
    )
    form = AnswerForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose accept, decline or snooze."))
        return redirect("introductions:detail", found.pk)
    d = form.cleaned_data
    return _done(
        request,
        found,
        lambda: introduction_answer(
            found, actor=me, answer=d["answer"], reason=d["reason"], until=d["until"]
        ),
    )


def _draft_form(request) -> dict:
    form = DraftForm(request.POST)
    form.is_valid()
    return form.cleaned_data


@login_required
@require_POST
def draft(request, pk: int):
    """The introducer keeps their edits of the draft."""
    found, me = _act(
        request, pk, rules.may_mark_sent, _("Only the introducer edits an accepted draft.")
    )
    d = _draft_form(request)
    return _done(
        request,
        found,
        lambda: introduction_draft_save(
            found, actor=me, subject=d.get("subject", ""), draft=d.get("draft", "")
        ),
    )


@login_required
@require_POST
def sent(request, pk: int):
    """The introducer sent the introduction from their own mailbox (with their last edits)."""
    found, me = _act(
        request,
        pk,
        rules.may_mark_sent,
        _("Only the introducer marks an accepted introduction sent."),
    )
    d = _draft_form(request)
    return _done(
        request,
        found,
        lambda: introduction_mark_sent(
            found, actor=me, subject=d.get("subject"), draft=d.get("draft")
        ),
    )


@login_required
@require_POST
def outcome(request, pk: int):
    found, me = _act(
        request,
        pk,
        rules.may_record_outcome,
        _("Only the requester records the outcome, once the introduction was sent."),
    )
    form = OutcomeForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose what came of it."))
        return redirect("introductions:detail", found.pk)
    return _done(
        request,
        found,
        lambda: introduction_outcome(found, actor=me, outcome=form.cleaned_data["outcome"]),
    )
