"""``weakties meeting create --federation NAME --date YYYY-MM-DD``, ``list``, ``show``, ``call``, ``check``.

``check`` finds the calls whose moment passed without going out (never
queued, queued while no worker runs, failed, or a meeting that passed
without its call) and every other meeting email that failed; it exits
with status 1 when it finds any, for cron or monitoring.
"""

from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from weakties.accounts.services.organisations import organisation_get
from weakties.cli.base import CommandError, WeaktiesCommand, label
from weakties.meetings.models import CallDelivery, MailJob, Meeting
from weakties.meetings.selectors import CallState, calls_not_sent
from weakties.meetings.services.delivery import send_call
from weakties.meetings.services.federations import federation_get
from weakties.meetings.services.mail_jobs import MAIL_ERRORS, mail_error_text
from weakties.meetings.services.meetings import (
    DEFAULT_CALL_DAYS,
    meeting_create,
    meeting_get,
    meeting_update,
    parse_date,
)


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
    help = gettext_lazy(
        "Meetings of an employer network: create, update, list, show; send the call (or reminder) now; check for calls that did not go out."
    )

    def add_options(self, parser):
        parser.add_argument(
            "action",
            choices=["create", "update", "list", "show", "call", "remind", "check"],
            help=gettext_lazy("what to do"),
        )
        parser.add_argument(
            "id", nargs="?", help=gettext_lazy("meeting id (update, show, call, remind)")
        )
        parser.add_argument("--federation", help=gettext_lazy("federation name or id"))
        parser.add_argument("--date", help=gettext_lazy("YYYY-MM-DD"))
        parser.add_argument(
            "--call-days",
            type=int,
            help=format_lazy(
                gettext_lazy("days before the meeting the call goes out (default {days})"),
                days=DEFAULT_CALL_DAYS,
            ),
        )
        parser.add_argument("--place", help=gettext_lazy("where the meeting is held"))
        parser.add_argument("--host", help=gettext_lazy("host organisation (a member)"))
        parser.add_argument("--agenda", help=gettext_lazy("the agenda, as plain text"))

    def run(self, *, action, id, federation, date, call_days, place, host, agenda, **options):
        if action == "create":
            if not federation or not date:
                raise CommandError(
                    _("meeting create needs --federation NAME and --date YYYY-MM-DD")
                )
            m = meeting_create(
                federation=federation,
                date=date,
                call_days=DEFAULT_CALL_DAYS if call_days is None else call_days,
                place=place or "",
                host=host,
                agenda=agenda or "",
                actor_label="cli",
            )
            return meeting_dict(m)
        if action == "check":
            return self.check()
        if action == "list":
            qs = Meeting.objects.select_related("federation", "host").order_by("date")
            if federation:
                qs = qs.filter(federation=federation_get(federation))
            return [meeting_dict(m) for m in qs]
        if not id:
            raise CommandError(_("meeting {action} needs a meeting ID").format(action=action))
        m = meeting_get(id)
        if action == "show":
            return meeting_dict(m)
        if action == "update":
            changes = {
                "date": parse_date(date) if date else None,
                "call_days": call_days,
                "place": place,
                "agenda": agenda,
                "host": organisation_get(name=host) if host else None,
            }
            return meeting_dict(meeting_update(m, **changes))
        try:
            return send_call(m, kind="call" if action == "call" else "reminder")
        except MAIL_ERRORS as exc:
            raise CommandError(
                _(
                    "the mail server could not be reached ({error}); what went out before is "
                    "recorded. Try again later, or see `weakties meeting check`."
                ).format(error=mail_error_text(exc))
            ) from None

    def check(self):
        rows = [_problem_dict(row) for row in calls_not_sent()]
        if self.as_json:
            self.emit_json(rows)
        elif not rows:
            self.console.print(_("Every call went out; no meeting email failed."))
        for row in [] if self.as_json else rows:
            self.console.print(_problem_text(row), soft_wrap=True)
        if rows:
            raise CommandError(
                _("{n} meeting emails need attention").format(n=len(rows)), returncode=1
            )
        return None

    def show(self, result):
        if isinstance(result, list):
            if not result:
                self.console.print(_("No meetings planned."))
            for m in result:
                self.console.print(
                    _("{id:>4}  {date}  {federation}  {place}  ({requests} requests)").format(
                        id=m["id"],
                        date=m["date"],
                        federation=m["federation"],
                        place=m["place"],
                        requests=m["requests"],
                    )
                )
        elif "sent" in result:
            self.console.print(
                _("{kind}: sent {sent}, already sent before {skipped}").format(
                    kind=label(CallDelivery.Kind, result["kind"]),
                    sent=result["sent"],
                    skipped=result["skipped"],
                )
            )
        else:
            self.console.print(
                _(
                    "Meeting {id} of {federation} on {date}; the call goes out {call_at}, requests until {deadline}"
                ).format(
                    id=result["id"],
                    federation=result["federation"],
                    date=result["date"],
                    call_at=result["call_at"][:10],
                    deadline=result["deadline"],
                )
            )


def _problem_dict(row: dict) -> dict:
    m, job = row["meeting"], row.get("job")
    return {
        "meeting": m.pk,
        "federation": m.federation.name,
        "date": m.date.isoformat(),
        "kind": row["kind"],
        "request": job.request_id if job is not None else None,
        "state": row["state"],
        "due_at": (job.due_at.isoformat() if job is not None and job.due_at else None)
        if row["kind"] != "call" or row["state"] != CallState.NOT_QUEUED
        else m.call_at.isoformat(),
        "call_at": m.call_at.isoformat(),
        "attempts": job.attempts if job is not None else 0,
        "error": job.error if job is not None else "",
    }


def _problem_text(row: dict) -> str:
    head = _("Meeting {id} of {federation} on {date}").format(
        id=row["meeting"], federation=row["federation"], date=row["date"]
    )
    what = label(MailJob.Kind, row["kind"])
    texts = {
        CallState.MISSED: _(
            "the meeting has passed and its call, due on {call_at}, was never sent"
        ),
        CallState.NOT_QUEUED: _(
            "the call was due on {call_at} and was never queued; send it with "
            "`weakties meeting call {id}`"
        ),
        CallState.STUCK: _(
            "the {what} was due on {due_at} and is still queued: is the worker running "
            "(`weakties serve` starts it, or `weakties worker`)?"
        ),
        CallState.FAILED: _("the {what} failed after {attempts} tries: {error}"),
        CallState.RETRYING: _("the {what} failed ({error}); it is tried again at {due_at}"),
    }
    text = texts.get(row["state"], texts[CallState.FAILED])
    if row["error"] == "meeting-passed":
        text = _("the {what} was not sent: the meeting had passed")
    return f"{head}: " + text.format(
        what=what,
        id=row["meeting"],
        call_at=(row["call_at"] or "")[:10],
        due_at=(row["due_at"] or "")[:16].replace("T", " "),
        attempts=row["attempts"],
        error=row["error"],
    )
