"""Read-only queries of the meeting cycle: who the call goes to, and the results.

Results of an employer network are what the meetings achieved (seed 004:
pride keeps people taking part):

* **placements**: people placed through a match;
* **redundancies prevented**: surplus staff placed elsewhere;
* **vacancies filled**: vacancies with a placed match;
* **time to fill**: days from a vacancy's request to the placement (median).

Counts of people under ``WEAKTIES_MIN_GROUP`` (5) are hidden where they could
identify people: on the public page, and for organisations other than the
viewer's own (DESIGN.md, privacy).
"""

from __future__ import annotations

import datetime as dt
from statistics import median
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db.models import Count
from django.utils import timezone

from weakties.accounts.models import Employee, Federation, Organisation
from weakties.meetings.models import (
    HelpRequest,
    MailJob,
    Match,
    Meeting,
    Outcome,
    RequestKind,
    Stage,
)

if TYPE_CHECKING:
    from django.db.models import QuerySet

__all__ = [
    "invited_employees",
    "federation_results",
    "organisation_results",
    "hide_small",
    "call_state",
    "mail_jobs",
    "calls_not_sent",
    "CallState",
]


def invited_employees(meeting: Meeting) -> QuerySet[Employee]:
    """Everyone the call goes to: active employees of the member organisations."""
    return (
        Employee.objects.filter(organisation__in=meeting.federation.members.all(), active=True)
        .exclude(email="")
        .select_related("organisation")
        .order_by("organisation__name", "email")
    )


def hide_small(n: int | None) -> int | None:
    """``None`` for 1..MIN_GROUP-1 people: too few to show without identifying them."""
    if n is None or n == 0:
        return n
    return n if n >= settings.WEAKTIES_MIN_GROUP else None


def _summary(matches: list[Match], requests: QuerySet[HelpRequest]) -> dict[str, Any]:
    placed = [m for m in matches if m.stage == Stage.PLACED]
    placements = sum(m.placed for m in placed)
    prevented = sum(m.placed for m in placed if m.supply.kind == RequestKind.SURPLUS)
    filled = {m.demand_id for m in placed if m.demand.kind == RequestKind.VACANCY}
    days = [max(0, (m.placed_at - m.demand.created_at).days) for m in placed if m.placed_at]
    by_kind = dict(requests.values_list("kind").annotate(n=Count("id")).order_by())
    by_outcome = dict(
        requests.exclude(outcome="").values_list("outcome").annotate(n=Count("id")).order_by()
    )
    stages = {s: 0 for s in Stage.values}
    for m in matches:
        stages[m.stage] += 1
    return {
        "placements": placements,
        "redundancies_prevented": prevented,
        "vacancies_filled": len(filled),
        "time_to_fill_days": round(median(days), 1) if days else None,
        "requests": sum(by_kind.values()),
        "requests_by_kind": {k: by_kind.get(k, 0) for k in RequestKind.values},
        "outcomes": {k: by_outcome.get(k, 0) for k in Outcome.values},
        "pipeline": stages,
        "matches": len(matches),
    }


def _by_meeting(matches: list[Match], meetings: QuerySet[Meeting]) -> list[dict[str, Any]]:
    per = {
        m.pk: {
            "meeting": m.pk,
            "date": m.date.isoformat(),
            "placements": 0,
            "prevented": 0,
            "requests": m.n,
        }
        for m in meetings
    }
    for m in matches:
        if m.stage == Stage.PLACED and m.meeting_id in per:
            per[m.meeting_id]["placements"] += m.placed
            if m.supply.kind == RequestKind.SURPLUS:
                per[m.meeting_id]["prevented"] += m.placed
    return sorted(per.values(), key=lambda r: r["date"])


def federation_results(
    federation: Federation, *, public: bool = False, viewer_org: int | None = None
) -> dict[str, Any]:
    """Figures for a federation, its meetings and its member organisations.

    ``public``: no personal data and small groups hidden everywhere;
    otherwise small groups are hidden for organisations other than ``viewer_org``.
    """
    matches = list(
        Match.objects.filter(meeting__federation=federation).select_related(
            "supply", "demand", "meeting"
        )
    )
    requests = HelpRequest.objects.filter(meeting__federation=federation)
    summary = _summary(matches, requests)
    meetings = federation.meetings.annotate(n=Count("requests")).order_by("date")
    by_meeting = _by_meeting(matches, meetings)
    orgs = []
    for org in federation.members.order_by("name"):
        placed_from = sum(
            m.placed
            for m in matches
            if m.stage == Stage.PLACED and m.supply.organisation_id == org.pk
        )
        placed_into = sum(
            m.placed
            for m in matches
            if m.stage == Stage.PLACED and m.demand.organisation_id == org.pk
        )
        row = {
            "organisation": org.name,
            "id": org.pk,
            "placed_from": placed_from,
            "placed_into": placed_into,
            "requests": requests.filter(organisation=org).count(),
        }
        if public or org.pk != viewer_org:
            row["placed_from"], row["placed_into"] = (
                hide_small(placed_from),
                hide_small(placed_into),
            )
        orgs.append(row)
    if public:
        # Every count on the public page is a group of people or of their requests (issue 12).
        for key in ("placements", "redundancies_prevented", "vacancies_filled", "requests"):
            summary[key] = hide_small(summary[key])
        summary["requests_by_kind"] = {
            k: hide_small(n) for k, n in summary["requests_by_kind"].items()
        }
        summary["pipeline"] = {k: hide_small(n) for k, n in summary["pipeline"].items()}
        for row in orgs:
            row["requests"] = hide_small(row["requests"])
        if summary["placements"] is None:
            summary["time_to_fill_days"] = None
        for row in by_meeting:
            row["placements"], row["prevented"] = (
                hide_small(row["placements"]),
                hide_small(row["prevented"]),
            )
            if "requests" in row:
                row["requests"] = hide_small(row["requests"])
    return {
        "federation": federation.name,
        "members": federation.members.count(),
        "meetings": len(by_meeting),
        **summary,
        "by_meeting": by_meeting,
        "organisations": orgs,
        "min_group": settings.WEAKTIES_MIN_GROUP,
    }


def organisation_results(
    organisation: Organisation, *, federation: Federation | None = None
) -> dict[str, Any]:
    """Figures for one organisation across its federations (or one of them)."""
    matches = Match.objects.filter(stage=Stage.PLACED).select_related("supply", "demand", "meeting")
    requests = HelpRequest.objects.filter(organisation=organisation)
    if federation is not None:
        matches = matches.filter(meeting__federation=federation)
        requests = requests.filter(meeting__federation=federation)
    mine = [
        m
        for m in matches
        if organisation.pk in (m.supply.organisation_id, m.demand.organisation_id)
    ]
    outgoing = [m for m in mine if m.supply.organisation_id == organisation.pk]
    incoming = [m for m in mine if m.demand.organisation_id == organisation.pk]
    days = [max(0, (m.placed_at - m.demand.created_at).days) for m in incoming if m.placed_at]
    by_kind = dict(requests.values_list("kind").annotate(n=Count("id")).order_by())
    return {
        "organisation": organisation.name,
        "placed_elsewhere": sum(m.placed for m in outgoing),
        "redundancies_prevented": sum(
            m.placed for m in outgoing if m.supply.kind == RequestKind.SURPLUS
        ),
        "hired_through_network": sum(m.placed for m in incoming),
        "vacancies_filled": len(
            {m.demand_id for m in incoming if m.demand.kind == RequestKind.VACANCY}
        ),
        "time_to_fill_days": round(median(days), 1) if days else None,
        "requests": sum(by_kind.values()),
        "requests_by_kind": {k: by_kind.get(k, 0) for k in RequestKind.values},
    }


#: A queued sending not run this long after it was due: the background worker is not running.
WORKER_GRACE = dt.timedelta(minutes=10)


class CallState:
    """Where the call for help requests of a meeting stands (:func:`call_state`)."""

    #: It went out (to ``sent`` colleagues).
    SENT = "sent"
    #: Its moment is still to come.
    SCHEDULED = "scheduled"
    #: Queued and due: the worker sends it in a moment.
    SENDING = "sending"
    #: Sending failed; the task tries again at the job's ``due_at``.
    RETRYING = "retrying"
    #: Sending failed for good (every try spent, or no retry possible).
    FAILED = "failed"
    #: Queued, due, and not run long after: the background worker is not running.
    STUCK = "stuck"
    #: Its moment passed and it was never queued.
    NOT_QUEUED = "not-queued"
    #: The meeting has passed and its call never went out.
    MISSED = "missed"

    #: The states somebody has to act on (``weakties meeting check`` reports them).
    PROBLEMS = (FAILED, STUCK, NOT_QUEUED, MISSED)


def _job_of(meeting: Meeting, kind: str) -> MailJob | None:
    return MailJob.objects.filter(meeting=meeting, kind=kind, request__isnull=True).first()


def _unsent_state(meeting: Meeting, job: MailJob | None, now: dt.datetime) -> str:
    """The state of a call that has not gone out."""
    if meeting.date < timezone.localdate(now):
        return CallState.MISSED
    if job is not None and job.status == MailJob.Status.RETRYING:
        return CallState.RETRYING
    if job is not None and job.status == MailJob.Status.FAILED:
        return CallState.FAILED
    if meeting.call_at > now:
        return CallState.SCHEDULED
    if job is not None and job.status == MailJob.Status.QUEUED:
        due = job.due_at or job.updated_at
        return CallState.SENDING if due > now - WORKER_GRACE else CallState.STUCK
    return CallState.NOT_QUEUED


def call_state(meeting: Meeting, *, now: dt.datetime | None = None) -> dict[str, Any]:
    """``{"state": a CallState, "sent": colleagues who had it, "job": its MailJob or None,
    "past": the meeting has passed}``: what the meeting page says about the call."""
    now = now or timezone.now()
    job = _job_of(meeting, "call")
    sent = meeting.deliveries.filter(kind="call").count()
    state = CallState.SENT if meeting.call_sent_at else _unsent_state(meeting, job, now)
    return {
        "state": state,
        "sent": sent,
        "job": job,
        "past": meeting.date < timezone.localdate(now),
        "problem": state in CallState.PROBLEMS,
    }


def mail_jobs(meeting: Meeting) -> list[MailJob]:
    """Every queued mail of the meeting and how it went: the call first, then by kind and request."""
    order = {k: i for i, k in enumerate(MailJob.Kind.values)}
    jobs = list(MailJob.objects.filter(meeting=meeting).select_related("request"))
    return sorted(jobs, key=lambda j: (order.get(j.kind, 99), j.request_id or 0, j.pk))


def calls_not_sent(*, now: dt.datetime | None = None) -> list[dict[str, Any]]:
    """Calls whose moment has passed without going out, and mail that failed or is stuck.

    One row per problem, oldest meeting first: ``{"meeting", "kind", "state",
    "job"}`` where ``state`` is a :class:`CallState` (for the call) or a
    :class:`MailJob.Status` (*failed*, *retrying*, *stuck*: queued long past
    its moment) of another mail.
    """
    now = now or timezone.now()
    rows: list[dict[str, Any]] = []
    for meeting in (
        Meeting.objects.filter(call_sent_at__isnull=True)
        .select_related("federation")
        .order_by("date", "pk")
    ):
        if meeting.call_at > now:
            continue
        state = call_state(meeting, now=now)
        if state["state"] in (*CallState.PROBLEMS, CallState.RETRYING):
            rows.append({"meeting": meeting, "kind": "call", **state})
    others = (
        MailJob.objects.exclude(kind="call", request__isnull=True)
        .exclude(status=MailJob.Status.SENT)
        .select_related("meeting__federation", "request")
        .order_by("meeting__date", "meeting_id", "kind", "pk")
    )
    for job in others:
        status = job.status
        if status == MailJob.Status.QUEUED:
            if (job.due_at or job.updated_at) > now - WORKER_GRACE:
                continue
            status = CallState.STUCK
        rows.append({"meeting": job.meeting, "kind": job.kind, "state": status, "job": job})
    return rows
