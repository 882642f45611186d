"""What a plan page, ``GET /api/plan`` and ``weakties plan show`` read.

* :func:`plan_state`: the goal, the steps with whether each is done, and the
  progress (ticks, and the steps that are done by themselves);
* :func:`reach_in_area`: the colleagues with the most reach in the target
  area, from the count kept on the plan (:mod:`.services.area`), or, without
  target companies or sectors, from the last analysis (``EmployeeInsight``);
* :func:`plan_json`: all of it as one dictionary (the CLI and API contract).

Everything here is for the plan's owner alone (:mod:`weakties.plans.rules`).
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from weakties.accounts.models import Employee
from weakties.expertise.models import Profile
from weakties.insights.models import EmployeeInsight
from weakties.insights.selectors import stored_run
from weakties.introductions.models import IntroductionRequest
from weakties.plans.drafts import draft_language, draft_message
from weakties.plans.helpers import colleagues_knowing, helpers, purpose_of
from weakties.plans.models import Plan, Tick
from weakties.plans.steps import STAGES, STEPS
from weakties.plans.targets import classify

__all__ = [
    "plan_state",
    "reach_in_area",
    "plan_history",
    "plan_report",
    "introductions_since",
    "REACH_SHOWN",
]

#: Colleagues shown for "the most reach in your target area".
REACH_SHOWN = 5


def _profile_done(employee: Employee) -> dict[str, bool]:
    profile = Profile.objects.filter(employee=employee).first()
    if profile is None:
        return {"profile": False, "focus": False}
    return {
        "profile": bool(profile.skills.strip() and profile.blurb.strip()),
        "focus": bool(profile.focus_topics.strip()),
    }


def _asked_since(plan: Plan) -> bool:
    """Whether the owner requested an introduction in the app since the plan began."""
    return IntroductionRequest.objects.filter(
        requester=plan.employee, created_at__gte=plan.created_at
    ).exists()


def plan_state(*, plan: Plan) -> dict[str, Any]:
    """``{"goal", "goal_label", "purpose", "targets", "reminders", "steps", "progress", "next"}``.

    Each step: ``{"key", "stage", "stage_title", "title", "how", "done", "ticked", "auto",
    "by_itself", "tickable"}``; ``done`` is a tick or, for the ``auto`` steps (done by
    themselves when weakties sees it), ``by_itself``.
    """
    ticked = set(Tick.objects.filter(plan=plan).values_list("step", flat=True))
    seen = _profile_done(plan.employee) | {"goal": True, "ask": _asked_since(plan)}
    steps = []
    for s in STEPS:
        by_itself = bool(s.auto and seen.get(s.key))
        steps.append(
            {
                "key": s.key,
                "stage": s.stage,
                "stage_title": str(STAGES[s.stage]),
                "title": str(s.title),
                "how": str(s.how),
                "done": s.key in ticked or by_itself,
                "ticked": s.key in ticked,
                "auto": s.auto,
                "by_itself": by_itself,
                "tickable": s.tickable,
            }
        )
    done = sum(1 for s in steps if s["done"])
    total = len(steps)
    return {
        "id": plan.pk,
        "goal": plan.goal,
        "goal_label": str(plan.get_goal_display()),
        "purpose": purpose_of(plan.goal),
        "targets": list(plan.targets),
        "reminders": plan.reminders,
        "created": plan.created_at.isoformat(),
        "steps": steps,
        "progress": {"done": done, "total": total, "percent": round(100 * done / total)},
        "next": next((s["key"] for s in steps if not s["done"]), None),
    }


def _colleague(e: Employee, people: int | None, reason: str) -> dict[str, Any]:
    return {
        "email": e.email,
        "name": e.full_name or e.email,
        "department": e.department,
        "job_title": e.job_title,
        "people": people,
        "why": reason,
    }


def _from_area(plan: Plan) -> list[dict[str, Any]]:
    counts = [(pk, n) for pk, n in plan.area.get("reach", [])]
    found = Employee.objects.filter(
        pk__in=[pk for pk, _n in counts], organisation_id=plan.employee.organisation_id, active=True
    ).in_bulk()
    return [
        _colleague(
            found[pk],
            n,
            _("Knows %(n)s people at your target companies and sectors.") % {"n": n},
        )
        for pk, n in counts
        if pk in found
    ][:REACH_SHOWN]


def _from_topics(plan: Plan, topics: tuple[str, ...]) -> list[dict[str, Any]]:
    return [
        _colleague(c, None, reason)
        for c, _topic, reason in colleagues_knowing(plan.employee, topics)[:REACH_SHOWN]
    ]


def _from_insights(plan: Plan) -> list[dict[str, Any]]:
    run = stored_run(organisation=plan.employee.organisation)
    if run is None:
        return []
    rows = (
        EmployeeInsight.objects.filter(run=run, employee__active=True)
        .exclude(employee_id=plan.employee_id)
        .select_related("employee")
        .order_by("-reach", "employee_id")[:REACH_SHOWN]
    )
    return [
        _colleague(
            i.employee,
            i.reach,
            _("Reaches %(n)s people through their network: the widest in the organisation.")
            % {"n": i.reach},
        )
        for i in rows
        if i.reach > 0
    ]


def reach_in_area(*, plan: Plan) -> list[dict[str, Any]]:
    """Colleagues with the most reach in the target area: ``[{"email", "name", "department",
    "job_title", "people", "why"}]``, no contact of theirs named."""
    targets = classify(plan.targets)
    if targets.companies or targets.sectors:
        return _from_area(plan)
    if targets.topics:
        return _from_topics(plan, targets.topics)
    return _from_insights(plan)


def introductions_since(*, plan: Plan, limit: int = 10) -> list[IntroductionRequest]:
    """The owner's introduction requests since the plan began, newest first: whom to thank."""
    return list(
        IntroductionRequest.objects.filter(requester=plan.employee, created_at__gte=plan.created_at)
        .select_related("introducer", "person")
        .order_by("-created_at")[:limit]
    )


def plan_history(*, employee: Employee) -> list[Plan]:
    """The employee's earlier plans, newest first."""
    return list(Plan.objects.filter(employee=employee, active=False).order_by("-created_at")[:20])


def plan_report(*, plan: Plan, actor: Any = None, language: str | None = None) -> dict[str, Any]:
    """The whole plan for its owner: :func:`plan_state` with ``helpers``, ``reach`` and ``message``.

    The CLI (``weakties plan show --json``) and ``GET /api/plan`` return it.
    ``helpers`` carry contact details (``email``, ``phone``) only for the
    owner's own contacts, never for a colleague's.
    """
    report = plan_state(plan=plan)
    for s in report["steps"]:
        del s["stage_title"]
    chosen = draft_language(plan.employee, language)
    report["helpers"] = helpers(plan=plan, actor=actor)
    report["reach"] = reach_in_area(plan=plan)
    report["message"] = {
        "text": plan.message or draft_message(plan=plan, language=chosen),
        "own": bool(plan.message),
        "language": chosen,
    }
    return report
