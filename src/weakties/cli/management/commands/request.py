"""``weakties request add|import|list|outcome``: help requests for a meeting."""

from pathlib import Path

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rich.markup import escape

from weakties.cli.base import CommandError, WeaktiesCommand, label
from weakties.core.errors import ServiceError
from weakties.meetings.models import HelpRequest, Outcome, RequestKind
from weakties.meetings.services.help_requests import (
    help_request_add,
    help_requests_import,
    request_dict,
)
from weakties.meetings.services.meetings import meeting_get
from weakties.meetings.services.outcomes import outcome_record


class Command(WeaktiesCommand):
    help = gettext_lazy(
        "Help requests: add one, import a CSV/XLSX sheet, list them, record an outcome."
    )

    def add_options(self, parser):
        parser.add_argument(
            "action", choices=["add", "import", "list", "outcome"], help=gettext_lazy("what to do")
        )
        parser.add_argument(
            "target", nargs="?", help=gettext_lazy("FILE (import) or request ID (outcome)")
        )
        parser.add_argument("--meeting", help=gettext_lazy("meeting id"))
        parser.add_argument("--org", help=gettext_lazy("the member organisation asking"))
        parser.add_argument(
            "--kind", choices=RequestKind.values, help=gettext_lazy("what the request is (add)")
        )
        parser.add_argument("--title", help=gettext_lazy("a short title, e.g. the job (add)"))
        parser.add_argument("--skills", default="", help=gettext_lazy("comma-separated: a,b"))
        parser.add_argument("--region", default="", help=gettext_lazy("where: a region or town"))
        parser.add_argument(
            "--level",
            default="",
            help=gettext_lazy("education or job level, e.g. mbo, hbo, senior"),
        )
        parser.add_argument(
            "--count",
            type=int,
            default=1,
            help=gettext_lazy("number of people (default %(default)s)"),
        )
        parser.add_argument("--date", help=gettext_lazy("YYYY-MM-DD: surplus from / vacancy opens"))
        parser.add_argument(
            "--months-ahead", type=int, help=gettext_lazy("an expected vacancy: in N months")
        )
        parser.add_argument("--text", default="", help=gettext_lazy("a longer description"))
        parser.add_argument(
            "--email", default="", help=gettext_lazy("requester's email (gets the feedback)")
        )
        parser.add_argument(
            "--outcome", choices=Outcome.values, help=gettext_lazy("what came of it (outcome)")
        )
        parser.add_argument("--note", default="", help=gettext_lazy("what happened (outcome)"))
        parser.add_argument(
            "--next-step", default="", help=gettext_lazy("what the requester does next (outcome)")
        )

    def run(
        self,
        *,
        action,
        target,
        meeting,
        org,
        kind,
        title,
        skills,
        region,
        level,
        count,
        date,
        months_ahead,
        text,
        email,
        outcome,
        note,
        next_step,
        **options,
    ):
        if action == "outcome":
            if not target or not outcome:
                raise CommandError(_("request outcome needs a request ID and --outcome"))
            r = (
                HelpRequest.objects.select_related("organisation", "meeting")
                .filter(pk=int(target) if target.isdigit() else -1)
                .first()
            )
            if r is None:
                raise CommandError(_("no help request with id {id}").format(id=target))
            r = outcome_record(
                request=r, outcome=outcome, note=note, next_step=next_step, actor_label="cli"
            )
            return {"id": r.pk, "outcome": r.outcome, "requester": r.requester_email or None}
        if not meeting:
            raise CommandError(_("request {action} needs --meeting ID").format(action=action))
        m = meeting_get(meeting)
        if action == "add":
            missing = [
                n for n, v in (("--org", org), ("--kind", kind), ("--title", title)) if not v
            ]
            if missing:
                raise CommandError(
                    _("request add needs {options}").format(options=", ".join(missing))
                )
            r = help_request_add(
                meeting=m,
                org=org,
                kind=kind,
                title=title,
                text=text,
                skills=skills,
                region=region,
                level=level,
                count=count,
                date=date,
                months_ahead=months_ahead,
                email=email,
            )
            return request_dict(r)
        if action == "import":
            if not target:
                raise CommandError(_("request import needs a FILE"))
            path = Path(target)
            if not path.is_file():
                raise ServiceError(_("{file}: no such file").format(file=target))
            created = help_requests_import(meeting=m, path=path)
            return {
                "file": path.name,
                "meeting": m.pk,
                "imported": len(created),
                "ids": [r.pk for r in created],
            }
        return [request_dict(r) for r in m.requests.select_related("organisation")]

    def show(self, result):
        if isinstance(result, list):
            if not result:
                self.console.print(_("No help requests yet."))
            for r in result:
                outcome = "  " + escape(f"[{label(Outcome, r['outcome'])}]") if r["outcome"] else ""
                self.console.print(
                    f"{r['id']:>5}  {label(RequestKind, r['kind']):<16} {r['org']}: {r['title']}{outcome}"
                )
        elif "imported" in result:
            self.console.print(
                _("{file}: imported {count} help requests into meeting {meeting}").format(
                    file=result["file"], count=result["imported"], meeting=result["meeting"]
                )
            )
        elif "outcome" in result and "title" not in result:
            outcome = label(Outcome, result["outcome"])
            if result["requester"]:
                line = _("Request {id}: {outcome}; feedback goes to {email}").format(
                    id=result["id"], outcome=outcome, email=result["requester"]
                )
            else:
                line = _("Request {id}: {outcome}; no requester email, no feedback sent").format(
                    id=result["id"], outcome=outcome
                )
            self.console.print(line)
        else:
            self.console.print(
                _("Added request {id}: {kind} {title} ({org})").format(
                    id=result["id"],
                    kind=label(RequestKind, result["kind"]),
                    title=result["title"],
                    org=result["org"],
                )
            )
