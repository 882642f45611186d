"""``weakties intro``: who can introduce you (the ranked search), and introduction requests.

The search, as before::

    weakties intro (--company NAME | --person URL_OR_EMAIL | --role TEXT)
                   [--purpose job|sales|info] [--limit N | --all] [--org NAME] [--json]

Introduction requests (issue 10), each acting as the user named by ``--from``
or ``--as``, with exactly that user's permissions (the predicates of
:mod:`weakties.introductions.rules`); a refused action exits non-zero with one line::

    weakties intro request --from EMAIL --via EMAIL --person ID --reason TEXT [--question TEXT]... [--json]
    weakties intro answer ID (--accept | --decline | --snooze) [--reason TEXT] [--until DATE] --as EMAIL [--json]
    weakties intro sent ID --as EMAIL [--json]
    weakties intro outcome ID --result met|deal|hire|nothing --as EMAIL [--json]
    weakties intro list [--for EMAIL] [--side all|asked|mine] [--json]
    weakties intro sweep [--json]

``ID`` for ``--person`` is the person id that ``weakties export ties`` shows.
The contact's email and phone appear only in what the introducer sees
(``intro list --for`` the introducer). ``sweep`` closes expired requests,
brings snoozed ones back and sends due thank-you reminders (the background
worker does it by itself; a cron line can too).
"""

import argparse
import datetime as dt

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rich.table import Table

from weakties.accounts.models import Employee
from weakties.accounts.services.organisations import organisation_get
from weakties.cli.base import (
    CommandError,
    WeaktiesCommand,
    acting_employee,
    add_acting_option,
    add_page_options,
    page_limit,
    show_count,
)
from weakties.introductions import selectors
from weakties.introductions.models import IntroductionRequest, Outcome
from weakties.introductions.services.answers import (
    introduction_answer,
    introduction_mark_sent,
    introduction_outcome,
)
from weakties.introductions.services.lifecycle import requests_close_due
from weakties.introductions.services.requests import introduction_request

ACTIONS = ("request", "answer", "sent", "outcome", "list", "sweep")

#: ``--purpose``: the search's ``INTRO_PURPOSES``, spelled out here because the search module
#: (numpy, the network's scores) is imported only when a search runs, not for ``intro list`` or
#: ``--help`` (issue 11); ``tests/cli/test_startup.py`` checks that the two agree.
PURPOSES = ("job", "sales", "info")


def _json_option(parser) -> None:
    # SUPPRESS: ``weakties intro --json list`` keeps the --json given before the action.
    parser.add_argument(
        "--json",
        action="store_true",
        default=argparse.SUPPRESS,
        help=gettext_lazy("machine-readable output"),
    )


def _acting_option(parser, *names: str, required: bool = True) -> None:
    add_acting_option(
        parser,
        *names,
        required=required,
        help=gettext_lazy("act as this employee, with their permissions"),
    )


def _add_request_actions(sub) -> None:
    p = sub.add_parser("request", help=str(gettext_lazy("ask a colleague for an introduction")))
    _acting_option(p, "--from", "--as")
    p.add_argument("--via", required=True, metavar="EMAIL", help=gettext_lazy("the colleague"))
    p.add_argument(
        "--person",
        dest="person_id",
        type=int,
        required=True,
        metavar="ID",
        help=gettext_lazy("the person id that `weakties export ties` shows"),
    )
    p.add_argument("--reason", required=True, help=gettext_lazy("why you ask"))
    p.add_argument(
        "--question",
        dest="questions",
        action="append",
        default=[],
        help=gettext_lazy("a concrete question (repeat for more)"),
    )
    p.add_argument("--blurb", default="", help=gettext_lazy("a few lines about you"))
    _json_option(p)

    p = sub.add_parser("answer", help=str(gettext_lazy("accept, decline or snooze a request")))
    p.add_argument("id", type=int, help=gettext_lazy("the request's id"))
    answer = p.add_mutually_exclusive_group(required=True)
    for name, text in (
        ("accept", gettext_lazy("accept: you will introduce them")),
        ("decline", gettext_lazy("decline: the reason stays between the two of you")),
        ("snooze", gettext_lazy("answer later")),
    ):
        answer.add_argument(
            f"--{name}", dest="answer", action="store_const", const=name, default=None, help=text
        )
    p.add_argument("--reason", default="", help=gettext_lazy("why you decline (optional)"))
    p.add_argument(
        "--until", type=dt.date.fromisoformat, help=gettext_lazy("snooze until YYYY-MM-DD")
    )
    _acting_option(p, "--as", "--from")
    _json_option(p)


def _add_follow_up_actions(sub) -> None:
    p = sub.add_parser("sent", help=str(gettext_lazy("the introducer sent the introduction")))
    p.add_argument("id", type=int, help=gettext_lazy("the request's id"))
    _acting_option(p, "--as", "--from")
    _json_option(p)

    p = sub.add_parser("outcome", help=str(gettext_lazy("what came of the introduction")))
    p.add_argument("id", type=int, help=gettext_lazy("the request's id"))
    p.add_argument(
        "--result",
        required=True,
        choices=Outcome.values,
        help=gettext_lazy("what came of the introduction"),
    )
    _acting_option(p, "--as", "--from")
    _json_option(p)

    p = sub.add_parser("list", help=str(gettext_lazy("introduction requests")))
    _acting_option(p, "--for", "--as", required=False)
    p.add_argument(
        "--side",
        choices=selectors.SIDES,
        default="all",
        help=gettext_lazy("the requests asked of you, yours, or all"),
    )
    _json_option(p)

    p = sub.add_parser(
        "sweep", help=str(gettext_lazy("close expired requests, send due reminders"))
    )
    _json_option(p)


class Command(WeaktiesCommand):
    help = gettext_lazy(
        "Who can introduce you to a company, a person or a role: ranked, with reasons; "
        "and introduction requests (request, answer, sent, outcome, list)."
    )

    def add_options(self, parser):
        target = parser.add_mutually_exclusive_group()
        target.add_argument(
            "--company", help=gettext_lazy("a company name (normalised: 'Stripe, Inc.' = 'Stripe')")
        )
        target.add_argument("--person", help=gettext_lazy("a LinkedIn URL or an email address"))
        target.add_argument(
            "--role", help=gettext_lazy("a role in free text, matched against contacts' positions")
        )
        parser.add_argument(
            "--purpose",
            choices=PURPOSES,
            default="info",
            help=gettext_lazy(
                "job leads and information prefer moderately weak ties, sales strong ones"
            ),
        )
        add_page_options(parser, default=20)
        parser.add_argument(
            "--org", help=gettext_lazy("the organisation (needed when there are several)")
        )
        sub = parser.add_subparsers(dest="action", metavar="{" + ",".join(ACTIONS) + "}")
        _add_request_actions(sub)
        _add_follow_up_actions(sub)

    def run(self, *, action=None, company=None, person=None, role=None, **options):
        self.action = action
        if action is None:
            if not (company or person or role):
                raise CommandError(
                    _("give --company, --person or --role, or one of: {actions}").format(
                        actions=", ".join(ACTIONS)
                    )
                )
            return self._search(company=company, person=person, role=role, **options)
        if company or person or role:
            raise CommandError(
                _(
                    "--company, --person and --role are for the search, not for intro {action}"
                ).format(action=action)
            )
        return getattr(self, f"_{action}")(**options)

    # The ranked search -------------------------------------------------------------------------

    def _search(self, *, company, person, role, purpose, limit, all, org, **options):
        from weakties.insights.services.introductions import introductions  # see PURPOSES

        page = introductions(
            organisation=organisation_get(name=org),
            company=company,
            person=person,
            role=role,
            purpose=purpose,
            limit=page_limit(limit, every=all),
            actor_label="cli",
        )
        self.total = page.total
        return page.rows

    # Introduction requests ----------------------------------------------------------------------

    def _employee(self, email: str, org: str | None) -> Employee:
        organisation = organisation_get(name=org) if org else None
        return acting_employee(email, organisation=organisation, required=True, active=False)

    def _party_request(self, pk: int, me: Employee) -> IntroductionRequest:
        requests_close_due(employee=me)  # the check on read
        found = selectors.request_for(employee=me, pk=pk)
        if found is None:  # who is no party learns nothing, not even that it exists
            raise CommandError(_("no introduction request with id {id}").format(id=pk))
        return found

    def _request(self, *, acting, via, person_id, reason, questions, blurb, org, **options):
        me = self._employee(acting, org)
        introducer = selectors.introducer_for(requester=me, email=via)
        if introducer is None:
            raise CommandError(_("{email} is no colleague of {me}").format(email=via, me=me.email))
        person = selectors.person_for(pk=person_id)
        if person is None:
            raise CommandError(
                _("no person with id {id}; `weakties export ties` shows the ids").format(
                    id=person_id
                )
            )
        made = introduction_request(
            requester=me,
            introducer=introducer,
            person=person,
            reason=reason,
            questions=questions,
            blurb=blurb,
            actor_label="cli",
        )
        return {"id": made.pk, "status": made.status}

    def _answer(self, *, id, answer, reason, until, acting, org, **options):
        me = self._employee(acting, org)
        found = self._party_request(id, me)
        done = introduction_answer(
            found, actor=me, answer=answer, reason=reason, until=until, actor_label="cli"
        )
        return {"id": done.pk, "status": done.status}

    def _sent(self, *, id, acting, org, **options):
        me = self._employee(acting, org)
        done = introduction_mark_sent(self._party_request(id, me), actor=me, actor_label="cli")
        return {"id": done.pk, "status": done.status}

    def _outcome(self, *, id, result, acting, org, **options):
        me = self._employee(acting, org)
        done = introduction_outcome(
            self._party_request(id, me), actor=me, outcome=result, actor_label="cli"
        )
        return {"id": done.pk, "status": done.status, "outcome": done.outcome}

    def _list(self, *, acting, side, org, **options):
        if acting:
            me = self._employee(acting, org)
            requests_close_due(employee=me)
            found = selectors.requests_of(employee=me, side=side)
            return [selectors.request_dict(r, viewer=me) for r in found]
        # No one named: every request (of the organisation), and nobody's contact details.
        requests_close_due()
        found = IntroductionRequest.objects.select_related(
            "requester", "introducer", "person__company"
        )
        if org:
            found = found.filter(organisation=organisation_get(name=org))
        return [selectors.request_dict(r, viewer=None) for r in found]

    def _sweep(self, **options):
        return requests_close_due()

    # Output ------------------------------------------------------------------------------------

    def show(self, result):
        if self.action is None:
            return self._show_search(result)
        if self.action == "list":
            return self._show_list(result)
        if self.action == "sweep":
            self.console.print(
                _("{expired} expired, {woken} back from a snooze, {reminded} reminded").format(
                    **result
                )
            )
            return None
        line = _("introduction request {id}: {status}").format(**result)
        if result.get("outcome"):
            line += f" ({result['outcome']})"
        self.console.print(line)
        return None

    def _show_list(self, rows):
        if not rows:
            self.console.print(_("No introduction requests."))
            return
        table = Table("#", _("requester"), _("introducer"), _("contact"), _("status"), _("asked"))
        for r in rows:
            p = r["person"]
            contact = f"{p['name']}\n{p['position']} · {p['company']}"
            if "email" in p:
                contact += "\n" + " · ".join(x for x in (p["email"], p["phone"]) if x)
            status = r["status"] + (f" ({r['outcome']})" if r["outcome"] else "")
            table.add_row(
                str(r["id"]), r["requester"], r["introducer"], contact, status, r["created"][:10]
            )
        self.console.print(table)

    def _show_search(self, rows):
        if not rows:
            self.console.print(_("Nobody who shares their network knows a fitting contact yet."))
            return
        table = Table("#", _("introducer"), _("contact"), _("tier"), _("score"), _("why"))
        for i, r in enumerate(rows, 1):
            c = r["contact"]
            table.add_row(
                str(i),
                r["introducer"],
                f"{c['name']}\n{c['position']} · {c['company']}",
                r["tier"],
                f"{r['score']:.3f}",
                r["why"],
            )
        self.console.print(table)
        show_count(self.console, shown=len(rows), total=self.total)
