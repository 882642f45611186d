"""REST API of networking plans: same tokens and the same rules as the pages.

Each route acts on the caller's own plan (:mod:`weakties.plans.rules`): there
is no address of anyone else's plan.  The body of ``GET /api/plan`` is the
same as ``weakties plan show --json``.  A ``ServiceError`` becomes a 422 in
the one handler of :mod:`weakties.api.routes`.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja.errors import HttpError
from pydantic import Field

from weakties.accounts.models import Employee
from weakties.plans import rules
from weakties.plans.models import Goal, Plan, Reminders
from weakties.plans.selectors import plan_report
from weakties.plans.services.plans import (
    active_plan_of,
    plan_area_request,
    plan_set,
    plan_tick,
)
from weakties.plans.steps import STEPS
from weakties.plans.targets import MAX_TARGETS

from .inputs import In, one_of

router = Router(tags=["networking plans"])


class StepOut(Schema):
    key: str
    stage: int
    title: str
    how: str
    done: bool
    ticked: bool
    auto: bool
    by_itself: bool
    tickable: bool


class Progress(Schema):
    done: int
    total: int
    percent: int


class Person(Schema):
    id: int | None = None
    name: str
    company: str
    position: str
    #: Only on the caller's own contacts (``via="own"``).
    email: str | None = None
    phone: str | None = None
    department: str | None = None


class Introducer(Schema):
    email: str
    name: str


class HelperOut(Schema):
    rank: int
    via: Literal["own", "introduction", "colleague"]
    person: Person
    introducer: Introducer | None = None
    colleague: dict[str, str] | None = None
    target: str
    strength: float | None
    tier: str
    score: float
    why: str


class ReachOut(Schema):
    email: str
    name: str
    department: str
    job_title: str
    people: int | None
    why: str


class MessageOut(Schema):
    text: str
    own: bool
    language: str


class PlanOut(Schema):
    id: int
    goal: str
    goal_label: str
    purpose: str
    targets: list[str]
    reminders: str
    created: str
    steps: list[StepOut]
    progress: Progress
    next: str | None
    helpers: list[HelperOut]
    reach: list[ReachOut]
    message: MessageOut


class PlanIn(In):
    goal: Goal
    targets: Annotated[list[str], Field(max_length=MAX_TARGETS)] | None = None
    reminders: Reminders | None = None


def _me(request: HttpRequest) -> Employee:
    """The active employee the token acts for; 403 for anyone else (a superuser included)."""
    if not rules.may_have_plan(request.user):
        raise HttpError(403, _("only an active employee has a networking plan"))
    return rules.planner_of(request.user)  # type: ignore[return-value]


def _report(request: HttpRequest, plan: Plan, language: str | None = None) -> dict[str, Any]:
    """The plan as ``weakties plan show --json`` gives it; an old reach count is asked again."""
    plan_area_request(plan=plan)
    return plan_report(plan=plan, actor=request.user, language=language)


@router.get("/plan", response=PlanOut, summary="My networking plan")
def plan_get(request: HttpRequest, language: Literal["nl", "en"] | None = None):
    """The caller's current plan: goal, steps, progress, ranked helpers (with why), reach, message.

    404 before the caller has set a goal.  ``language`` picks the language of
    the message draft (default: the caller's own).
    """
    me = _me(request)
    plan = active_plan_of(me)
    if plan is None:
        raise HttpError(404, _("no networking plan yet: PUT /api/plan with a goal"))
    return _report(request, plan, language)


@router.put("/plan", response=PlanOut, summary="Set my goal")
def plan_put(request: HttpRequest, body: PlanIn):
    """Set the goal (and targets, reminders): another goal starts a new plan, the old one is kept."""
    me = _me(request)
    plan = plan_set(
        employee=me,
        goal=body.goal.value,
        targets=body.targets,
        reminders=body.reminders.value if body.reminders else None,
        actor=request.user,
    )
    return _report(request, plan)


@router.post("/plan/steps/{key}/tick", response=PlanOut, summary="Tick a step off")
def plan_step_tick(
    request: HttpRequest,
    key: Annotated[str, one_of(s.key for s in STEPS if s.tickable)],
    done: bool = True,
):
    """Tick a step of the current plan off (``?done=false`` undoes the tick)."""
    me = _me(request)
    if active_plan_of(me) is None:
        raise HttpError(404, _("no networking plan yet: PUT /api/plan with a goal"))
    plan = plan_tick(employee=me, step_key=key, done=done)
    return _report(request, plan)
