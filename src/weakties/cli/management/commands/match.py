"""``weakties match --meeting ID --json``: supply against demand across member organisations."""

from weakties.cli.base import CommandError, WeaktiesCommand
from weakties.meetings.models import Match, Stage
from weakties.services.meetings import get_meeting
from weakties.services.proposals import match_dict, propose_matches, set_stage


class Command(WeaktiesCommand):
    help = "Proposed matches of a meeting, best first; or move a match along the pipeline."

    def add_options(self, parser):
        parser.add_argument("--meeting", help="meeting id")
        parser.add_argument("--stage", nargs=2, metavar=("MATCH_ID", "STAGE"), help=f"move a match: {' | '.join(Stage.values)}")
        parser.add_argument("--placed", type=int, help="people placed (with --stage ID placed)")

    def run(self, *, meeting, stage, placed, **options):
        if stage:
            match_id, new_stage = stage
            m = Match.objects.select_related("supply__organisation", "demand__organisation").filter(pk=int(match_id) if match_id.isdigit() else -1).first()
            if m is None:
                raise CommandError(f"no match with id {match_id}")
            return match_dict(set_stage(m, new_stage, placed=placed, actor_label="cli"))
        if not meeting:
            raise CommandError("match needs --meeting ID")
        matches = propose_matches(get_meeting(meeting))
        # The JSON contract: exactly these keys (ids and stages: `weakties brief --json`).
        return [{k: d[k] for k in ("supply", "demand", "score", "why")} for d in map(match_dict, matches)]

    def show(self, result):
        if isinstance(result, dict):
            self.console.print(f"Match {result['id']}: {result['stage']}")
            return
        if not result:
            self.console.print("No matches: the meeting needs both supply (candidates, surplus) and demand (vacancies, work experience).")
        for m in result:
            s, d = m["supply"], m["demand"]
            self.console.print(f"{m['score']:.2f}  {s['title']} ({s['org']}) → {d['title']} ({d['org']})\n      {m['why']}")
