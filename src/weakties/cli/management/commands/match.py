"""``weakties match --meeting ID --json``: supply against demand across member organisations."""

from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from weakties.cli.base import CommandError, WeaktiesCommand, label
from weakties.meetings.models import Match, Stage
from weakties.meetings.services.contacts import contacts_suggest
from weakties.meetings.services.delivery import ask_owners
from weakties.meetings.services.meetings import meeting_get
from weakties.meetings.services.proposals import match_dict, match_set_stage, matches_propose


class Command(WeaktiesCommand):
    help = gettext_lazy(
        "Proposed matches of a meeting, best first; or move a match along the pipeline."
    )

    def add_options(self, parser):
        parser.add_argument("--meeting", help=gettext_lazy("meeting id"))
        parser.add_argument(
            "--stage",
            nargs=2,
            metavar=("MATCH_ID", "STAGE"),
            help=format_lazy(
                gettext_lazy("move a match: {stages}"), stages=" | ".join(Stage.values)
            ),
        )
        parser.add_argument(
            "--placed", type=int, help=gettext_lazy("people placed (with --stage ID placed)")
        )
        parser.add_argument(
            "--contacts",
            action="store_true",
            help=gettext_lazy(
                "match the meeting's vacancies against colleagues' contacts and ask those colleagues (never the contacts)"
            ),
        )

    def run(self, *, meeting, stage, placed, contacts, **options):
        if stage:
            match_id, new_stage = stage
            m = (
                Match.objects.select_related("supply__organisation", "demand__organisation")
                .filter(pk=int(match_id) if match_id.isdigit() else -1)
                .first()
            )
            if m is None:
                raise CommandError(_("no match with id {id}").format(id=match_id))
            return match_dict(match_set_stage(m, stage=new_stage, placed=placed, actor_label="cli"))
        if not meeting:
            raise CommandError(_("match needs --meeting ID"))
        if contacts:
            return self._contacts(meeting_get(meeting))
        matches = matches_propose(meeting=meeting_get(meeting))
        # The JSON contract: exactly these keys (ids and stages: `weakties brief --json`).
        return [
            {k: d[k] for k in ("supply", "demand", "score", "why")}
            for d in map(match_dict, matches)
        ]

    def _contacts(self, meeting):
        from weakties.matching import DEMAND_KINDS

        out = []
        for demand in meeting.requests.filter(kind__in=DEMAND_KINDS).select_related(
            "organisation", "meeting"
        ):
            found = contacts_suggest(demand=demand, actor_label="cli")
            out.append(
                {
                    "request": demand.pk,
                    "title": demand.title,
                    "suggestions": len(found),
                    "asked": ask_owners(demand.pk),
                }
            )
        return {"meeting": meeting.pk, "contacts": out}

    def show(self, result):
        if isinstance(result, dict) and "contacts" in result:
            for row in result["contacts"]:
                self.console.print(
                    _("{title}: {suggestions} fitting contacts; {asked} colleagues asked").format(
                        title=row["title"], suggestions=row["suggestions"], asked=row["asked"]
                    )
                )
            return
        if isinstance(result, dict):
            self.console.print(
                _("Match {id}: {stage}").format(
                    id=result["id"], stage=label(Stage, result["stage"])
                )
            )
            return
        if not result:
            self.console.print(
                _(
                    "No matches: the meeting needs both supply (candidates, surplus) and demand (vacancies, work experience)."
                )
            )
        for m in result:
            s, d = m["supply"], m["demand"]
            self.console.print(
                f"{m['score']:.2f}  {s['title']} ({s['org']}) → {d['title']} ({d['org']})\n      {m['why']}"
            )
