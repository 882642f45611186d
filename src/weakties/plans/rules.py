"""Who may have and see a networking plan (DESIGN.md, privacy by design).

A plan is personal: its goal, its list of helpers (with the owner's own
contacts' details) and its draft messages are for its owner alone.  Nobody
else sees it: not a colleague, not an administrator, not a superuser, and
nobody of another organisation.  Every edge (pages, API, CLI) acts on the
signed-in employee's own plan only and asks these predicates.
"""

from __future__ import annotations

from weakties.accounts.models import Employee
from weakties.accounts.rules import employee_of
from weakties.plans.models import Plan

__all__ = ["planner_of", "may_have_plan", "may_see_plan", "may_change_plan"]


def planner_of(user_or_employee) -> Employee | None:
    """The employee acting: a signed-in user's employee, or the employee itself (CLI ``--as``)."""
    if isinstance(user_or_employee, Employee):
        return user_or_employee
    return employee_of(user_or_employee)


def may_have_plan(user_or_employee) -> bool:
    """Every active employee, whatever their role, may follow a plan of their own."""
    me = planner_of(user_or_employee)
    return me is not None and me.active


def may_see_plan(user_or_employee, plan: Plan) -> bool:
    """Only the plan's owner, while active, sees it (admins and superusers do not)."""
    me = planner_of(user_or_employee)
    return me is not None and me.active and plan.employee_id == me.pk


def may_change_plan(user_or_employee, plan: Plan) -> bool:
    """Only the owner changes and ticks their plan, and only the current one."""
    return may_see_plan(user_or_employee, plan) and plan.active
