"""The plan page and its small forms.  Thin: they check who may, call a service, render.

Every page acts on the signed-in employee's own plan; there is no address
of anyone else's plan to try (:mod:`weakties.plans.rules`).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from weakties.accounts.models import Employee
from weakties.core.errors import ServiceError
from weakties.insights.selectors import TIER_TEXT
from weakties.plans import rules
from weakties.plans.advice import GOAL_HELP, QUESTIONS
from weakties.plans.drafts import LINKEDIN_NOTE_LIMIT, draft_language, draft_message
from weakties.plans.forms import GoalForm, MessageForm, RemindersForm
from weakties.plans.helpers import helpers
from weakties.plans.models import Plan
from weakties.plans.selectors import (
    introductions_since,
    plan_history,
    plan_state,
    reach_in_area,
)
from weakties.plans.services.plans import (
    active_plan_of,
    plan_area_request,
    plan_message_save,
    plan_reminders_set,
    plan_set,
    plan_tick,
)
from weakties.plans.steps import STAGES


def _planner(request) -> Employee:
    """The signed-in employee, who may follow a plan; 403 for anyone else."""
    if not rules.may_have_plan(request.user):
        raise PermissionDenied(_("Only an active employee has a networking plan."))
    return rules.planner_of(request.user)  # type: ignore[return-value]


def _goal_form(plan: Plan | None, data=None) -> GoalForm:
    initial = (
        {"goal": plan.goal, "targets": "\n".join(plan.targets), "reminders": plan.reminders}
        if plan
        else {}
    )
    return GoalForm(data, initial=initial)


def _choices(form: GoalForm) -> list[dict]:
    return [
        {
            "value": value,
            "label": label,
            "help": GOAL_HELP[value],
            "checked": form["goal"].value() == value,
        }
        for value, label in form.fields["goal"].choices
    ]


@login_required
def index(request):
    me = _planner(request)
    plan = active_plan_of(me)
    context = {"history": plan_history(employee=me), "stages": STAGES}
    if plan is None:
        form = _goal_form(None)
        return render(
            request, "plans/start.html", context | {"form": form, "choices": _choices(form)}
        )
    plan_area_request(plan=plan)
    state = plan_state(plan=plan)
    language = draft_language(me, request.GET.get("draft"))
    context |= {
        "plan": plan,
        "state": state,
        "steps": {s["key"]: s for s in state["steps"]},
        **_helper_groups(helpers(plan=plan, actor=request.user)),
        "reach": reach_in_area(plan=plan),
        "area_pending": plan.area_at is None,
        "draft": plan.message or draft_message(plan=plan, language=language),
        "draft_is_own": bool(plan.message),
        "draft_language": language,
        "note_limit": LINKEDIN_NOTE_LIMIT,
        "reminders_form": RemindersForm(initial={"reminders": plan.reminders}),
        "introductions": introductions_since(plan=plan),
        "goal_help": GOAL_HELP[plan.goal],
        "questions": QUESTIONS[plan.goal],
    }
    return render(request, "plans/index.html", context)


def _helper_groups(rows: list[dict]) -> dict:
    """The ranked helpers, each with its tier in words, and which kinds the list holds."""
    for h in rows:
        h["tier_label"] = _(TIER_TEXT[h["tier"]]) if h["tier"] in TIER_TEXT else ""
    return {
        "helpers": rows,
        "has_own": any(h["via"] == "own" for h in rows),
        "has_colleagues": any(h["via"] != "own" for h in rows),
        "intro_url": reverse("introductions:new"),
    }


@login_required
def goal(request):
    me = _planner(request)
    plan = active_plan_of(me)
    form = _goal_form(plan, request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            plan_set(
                employee=me,
                goal=data["goal"],
                targets=data["targets"],
                reminders=data["reminders"],
                actor=request.user,
            )
        except ServiceError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Your plan is set. Take it one step at a time."))
            return redirect("plans:index")
    template = "plans/start.html" if plan is None else "plans/goal.html"
    return render(request, template, {"form": form, "choices": _choices(form), "plan": plan})


@login_required
@require_POST
def tick(request, key: str):
    me = _planner(request)
    try:
        plan = plan_tick(employee=me, step_key=key, done=request.POST.get("done", "1") != "0")
    except ServiceError as exc:
        if request.htmx:
            raise PermissionDenied(str(exc)) from None
        messages.error(request, str(exc))
        return redirect("plans:index")
    if not request.htmx:
        return redirect("plans:index")
    state = plan_state(plan=plan)
    step = next(s for s in state["steps"] if s["key"] == key)
    return render(request, "plans/_tick.html", {"s": step, "state": state, "oob": True})


@login_required
@require_POST
def message(request):
    me = _planner(request)
    form = MessageForm(request.POST)
    saved = False
    if form.is_valid():
        try:
            plan_message_save(employee=me, message=form.cleaned_data["message"])
            saved = True
        except ServiceError as exc:
            messages.error(request, str(exc))
    if request.htmx:
        return render(request, "plans/_saved.html", {"saved": saved, "form": form})
    if saved:
        messages.success(request, _("Your message is saved."))
    return redirect("plans:index")


@login_required
@require_POST
def reminders(request):
    me = _planner(request)
    form = RemindersForm(request.POST)
    if form.is_valid():
        try:
            plan_reminders_set(employee=me, reminders=form.cleaned_data["reminders"])
        except ServiceError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Your reminder setting is saved."))
    return redirect("plans:index")
