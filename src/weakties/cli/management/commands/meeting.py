"""``weakties meeting create --federation NAME --date YYYY-MM-DD``, ``list``, ``show``, ``call``."""

from weakties.cli.base import CommandError, WeaktiesCommand
from weakties.meetings.models import Meeting
from weakties.services.federations import get_federation
from weakties.services.meetings import (
    DEFAULT_CALL_DAYS,
    create_meeting,
    get_meeting,
    parse_date,
    send_call,
    update_meeting,
)
from weakties.services.organisations import get_organisation


def meeting_dict(m: Meeting) -> dict:
    return {
        "id": m.pk,
        "federation": m.federation.name,
        "date": m.date.isoformat(),
        "place": m.place,
        "host": m.host.name if m.host else None,
        "agenda": m.agenda,
        "call_days": m.call_days,
        "call_at": m.call_at.isoformat(),
        "deadline": m.deadline.isoformat(),
        "call_sent_at": m.call_sent_at.isoformat() if m.call_sent_at else None,
        "requests": m.requests.count(),
    }


class Command(WeaktiesCommand):
    help = "Meetings of an employer network: create, update, list, show; send the call (or reminder) now."

    def add_options(self, parser):
        parser.add_argument("action", choices=["create", "update", "list", "show", "call", "remind"])
        parser.add_argument("id", nargs="?", help="meeting id (update, show, call, remind)")
        parser.add_argument("--federation", help="federation name or id")
        parser.add_argument("--date", help="YYYY-MM-DD")
        parser.add_argument("--call-days", type=int, help=f"days before the meeting the call goes out (default {DEFAULT_CALL_DAYS})")
        parser.add_argument("--place")
        parser.add_argument("--host", help="host organisation (a member)")
        parser.add_argument("--agenda")

    def run(self, *, action, id, federation, date, call_days, place, host, agenda, **options):
        if action == "create":
            if not federation or not date:
                raise CommandError("meeting create needs --federation NAME and --date YYYY-MM-DD")
            m = create_meeting(
                federation=federation, date=date, call_days=DEFAULT_CALL_DAYS if call_days is None else call_days,
                place=place or "", host=host, agenda=agenda or "", actor_label="cli",
            )
            return meeting_dict(m)
        if action == "list":
            qs = Meeting.objects.select_related("federation", "host").order_by("date")
            if federation:
                qs = qs.filter(federation=get_federation(federation))
            return [meeting_dict(m) for m in qs]
        if not id:
            raise CommandError(f"meeting {action} needs a meeting ID")
        m = get_meeting(id)
        if action == "show":
            return meeting_dict(m)
        if action == "update":
            changes = {"date": parse_date(date) if date else None, "call_days": call_days, "place": place, "agenda": agenda,
                       "host": get_organisation(host) if host else None}
            return meeting_dict(update_meeting(m, **changes))
        return send_call(m, kind="call" if action == "call" else "reminder")

    def show(self, result):
        if isinstance(result, list):
            if not result:
                self.console.print("No meetings planned.")
            for m in result:
                self.console.print(f"{m['id']:>4}  {m['date']}  {m['federation']}  {m['place']}  ({m['requests']} requests)")
        elif "sent" in result:
            self.console.print(f"{result['kind']}: sent {result['sent']}, already sent before {result['skipped']}")
        else:
            self.console.print(f"Meeting {result['id']} of {result['federation']} on {result['date']}; the call goes out {result['call_at'][:10]}, requests until {result['deadline']}")
