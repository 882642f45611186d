"""``weakties request add|import|list|outcome``: help requests for a meeting."""

from pathlib import Path

from weakties.cli.base import CommandError, WeaktiesCommand
from weakties.meetings.models import HelpRequest, Outcome, RequestKind
from weakties.services.help_requests import add_request, import_requests, request_dict
from weakties.services.meetings import get_meeting
from weakties.services.organisations import ServiceError
from weakties.services.outcomes import record_outcome


class Command(WeaktiesCommand):
    help = "Help requests: add one, import a CSV/XLSX sheet, list them, record an outcome."

    def add_options(self, parser):
        parser.add_argument("action", choices=["add", "import", "list", "outcome"])
        parser.add_argument("target", nargs="?", help="FILE (import) or request ID (outcome)")
        parser.add_argument("--meeting", help="meeting id")
        parser.add_argument("--org", help="the member organisation asking")
        parser.add_argument("--kind", choices=RequestKind.values)
        parser.add_argument("--title")
        parser.add_argument("--skills", default="", help="comma-separated: a,b")
        parser.add_argument("--region", default="")
        parser.add_argument("--level", default="")
        parser.add_argument("--count", type=int, default=1)
        parser.add_argument("--date", help="YYYY-MM-DD: surplus from / vacancy opens")
        parser.add_argument("--months-ahead", type=int, help="an expected vacancy: in N months")
        parser.add_argument("--text", default="")
        parser.add_argument("--email", default="", help="requester's email (gets the feedback)")
        parser.add_argument("--outcome", choices=Outcome.values)
        parser.add_argument("--note", default="", help="what happened (outcome)")
        parser.add_argument("--next-step", default="", help="what the requester does next (outcome)")

    def run(self, *, action, target, meeting, org, kind, title, skills, region, level, count, date, months_ahead, text, email, outcome, note, next_step, **options):
        if action == "outcome":
            if not target or not outcome:
                raise CommandError("request outcome needs a request ID and --outcome")
            r = HelpRequest.objects.select_related("organisation", "meeting").filter(pk=int(target) if target.isdigit() else -1).first()
            if r is None:
                raise CommandError(f"no help request with id {target}")
            r = record_outcome(r, outcome=outcome, note=note, next_step=next_step, actor_label="cli")
            return {"id": r.pk, "outcome": r.outcome, "requester": r.requester_email or None}
        if not meeting:
            raise CommandError(f"request {action} needs --meeting ID")
        m = get_meeting(meeting)
        if action == "add":
            missing = [n for n, v in (("--org", org), ("--kind", kind), ("--title", title)) if not v]
            if missing:
                raise CommandError(f"request add needs {', '.join(missing)}")
            r = add_request(m, org=org, kind=kind, title=title, text=text, skills=skills, region=region, level=level, count=count, date=date, months_ahead=months_ahead, email=email)
            return request_dict(r)
        if action == "import":
            if not target:
                raise CommandError("request import needs a FILE")
            path = Path(target)
            if not path.is_file():
                raise ServiceError(f"{target}: no such file")
            created = import_requests(m, path)
            return {"file": path.name, "meeting": m.pk, "imported": len(created), "ids": [r.pk for r in created]}
        return [request_dict(r) for r in m.requests.select_related("organisation")]

    def show(self, result):
        if isinstance(result, list):
            if not result:
                self.console.print("No help requests yet.")
            for r in result:
                self.console.print(f"{r['id']:>5}  {r['kind']:<16} {r['org']}: {r['title']}" + (f"  [{r['outcome']}]" if r["outcome"] else ""))
        elif "imported" in result:
            self.console.print(f"{result['file']}: imported {result['imported']} help requests into meeting {result['meeting']}")
        elif "outcome" in result and "title" not in result:
            self.console.print(f"Request {result['id']}: {result['outcome']}" + (f"; feedback goes to {result['requester']}" if result["requester"] else "; no requester email, no feedback sent"))
        else:
            self.console.print(f"Added request {result['id']}: {result['kind']} {result['title']} ({result['org']})")
