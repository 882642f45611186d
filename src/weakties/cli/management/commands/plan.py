"""``weakties plan show|set|tick --as EMAIL`` and ``weakties plan remind``: the personal networking plan.

* ``plan show --as EMAIL [--language nl|en] [--json]``: goal, steps (key, title,
  done), progress, the ranked helpers with why (a colleague's contact without
  contact details), reach and the message draft;
* ``plan set --as EMAIL --goal GOAL [--target TEXT]... [--reminders R] [--json]``;
* ``plan tick --as EMAIL STEP [--undo] [--json]``;
* ``plan remind [--json]``: send the reminders that are due (idempotent; run it daily).

The command acts as the employee named by ``--as``, with exactly their
permissions (:mod:`weakties.plans.rules`): their own plan, nobody else's.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rich.table import Table

from weakties.accounts.models import Employee
from weakties.cli.base import CommandError, WeaktiesCommand, acting_employee, add_acting_option
from weakties.notifications.services.notify import in_language_of
from weakties.plans import rules
from weakties.plans.models import Goal, Reminders
from weakties.plans.selectors import plan_report
from weakties.plans.services.area import area_fresh
from weakties.plans.services.plans import active_plan_of, plan_set, plan_tick
from weakties.plans.services.reminders import reminders_send
from weakties.plans.steps import STEP_KEYS
from weakties.plans.tasks import schedule_reminder_run


def _planner(email: str | None) -> Employee:
    """The employee ``--as`` names, who may have a plan; a one-line refusal otherwise."""
    me = acting_employee(email, required=True, active=False)
    if not rules.may_have_plan(me):
        raise CommandError(_("only an active employee has a networking plan"))
    return me


class Command(WeaktiesCommand):
    help = gettext_lazy(
        "Your personal networking plan: show it, set the goal, tick a step off; "
        "'remind' sends the reminders that are due."
    )

    def add_options(self, parser):
        parser.add_argument(
            "action",
            choices=["show", "set", "tick", "remind"],
            help=gettext_lazy("show the plan, set its goal, tick a step, or send due reminders"),
        )
        parser.add_argument("step", nargs="?", help=gettext_lazy("the step to tick off (tick)"))
        add_acting_option(parser)
        parser.add_argument(
            "--goal", choices=Goal.values, help=gettext_lazy("the plan's goal (set)")
        )
        parser.add_argument(
            "--target",
            action="append",
            default=None,
            help=gettext_lazy("a target company, sector or topic (repeat for more)"),
        )
        parser.add_argument(
            "--reminders", choices=Reminders.values, help=gettext_lazy("how often to be reminded")
        )
        parser.add_argument(
            "--undo", action="store_true", help=gettext_lazy("tick: the step is not done after all")
        )
        parser.add_argument(
            "--language", choices=["nl", "en"], help=gettext_lazy("language of the message draft")
        )

    def run(self, *, action, step, acting, goal, target, reminders, undo, language, **options):
        if action == "remind":
            result = reminders_send()
            schedule_reminder_run()  # the worker's daily chain goes on from here
            return result
        me = _planner(acting)
        with in_language_of(me):
            if action == "set":
                if not goal:
                    raise CommandError(_("plan set needs --goal GOAL"))
                plan = plan_set(
                    employee=me, goal=goal, targets=target, reminders=reminders, actor=None
                )
            elif action == "tick":
                if not step:
                    raise CommandError(
                        _("plan tick needs a STEP: {keys}").format(keys=", ".join(STEP_KEYS))
                    )
                plan = plan_tick(employee=me, step_key=step, done=not undo)
            else:
                plan = active_plan_of(me)
                if plan is None:
                    raise CommandError(
                        _(
                            "{email} has no networking plan yet: "
                            "weakties plan set --as {email} --goal GOAL"
                        ).format(email=me.email)
                    )
            return plan_report(plan=area_fresh(plan=plan), language=language)

    def show(self, result):
        if "reminded" in result:
            self.console.print(
                _("{reminded} reminders sent ({finished} finished plans left alone)").format(
                    **result
                )
            )
            return
        p = result["progress"]
        self.console.print(f"[bold]{result['goal_label']}[/bold]  {', '.join(result['targets'])}")
        self.console.print(
            _("{done} of {total} steps done").format(done=p["done"], total=p["total"])
        )
        steps = Table("", _("step"), _("key"))
        for s in result["steps"]:
            steps.add_row("✓" if s["done"] else "·", s["title"], s["key"])
        self.console.print(steps)
        helpers = Table("#", _("who"), _("through"), _("why"))
        for h in result["helpers"]:
            who = " · ".join(x for x in (h["person"]["name"], h["person"]["company"]) if x)
            helpers.add_row(str(h["rank"]), who, _through(h), h["why"])
        self.console.print(helpers)


def _through(helper: dict) -> str:
    if helper["via"] == "introduction":
        return helper["introducer"]["name"] or helper["introducer"]["email"]
    return _("you know them") if helper["via"] == "own" else _("a colleague")
