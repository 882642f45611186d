"""Read-only queries of introduction requests: the two parties' lists, one request, contributions.

Every dict built here goes through :func:`request_dict`, the one place that
decides whether the contact's email and phone show: for the introducer, who
owns the tie, and nobody else (``rules.may_see_contact_details``). The
requester sees the contact's name, company and position.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q, QuerySet

from weakties.accounts.models import Employee
from weakties.introductions import rules
from weakties.introductions.models import IntroductionRequest, Outcome, Status
from weakties.introductions.services.drafts import mailto_link
from weakties.people.models import Person

__all__ = [
    "SIDES",
    "STATUS_ORDER",
    "request_for",
    "requests_of",
    "request_dict",
    "request_detail",
    "by_status",
    "previous_blurb",
    "introducer_for",
    "person_for",
    "earlier_request",
    "contribution",
]

#: Which requests of an employee: both sides, those asked of them, or their own.
SIDES = ("all", "asked", "mine")
#: How the list page orders its groups: what waits for someone first.
STATUS_ORDER: tuple[str, ...] = (
    "requested",
    "snoozed",
    "accepted",
    "introduced",
    "declined",
    "expired",
)


def _with_parts(qs: QuerySet[IntroductionRequest]) -> QuerySet[IntroductionRequest]:
    return qs.select_related("requester", "introducer", "person__company", "tie", "organisation")


def request_for(*, employee: Employee | None, pk: int) -> IntroductionRequest | None:
    """The request, if the employee is one of its two parties; ``None`` otherwise (a 404)."""
    request = _with_parts(IntroductionRequest.objects.filter(pk=pk)).first()
    if request is None or not rules.may_see_request(employee, request):
        return None
    return request


def requests_of(*, employee: Employee | None, side: str = "all") -> QuerySet[IntroductionRequest]:
    """The employee's requests, newest first: asked of them, made by them, or both."""
    if not rules.is_active(employee):
        return IntroductionRequest.objects.none()
    where = {
        "asked": Q(introducer=employee),
        "mine": Q(requester=employee),
    }.get(side, Q(introducer=employee) | Q(requester=employee))
    return _with_parts(IntroductionRequest.objects.filter(where))


def _person(request: IntroductionRequest, viewer: Employee | None) -> dict[str, Any]:
    person = request.person
    out: dict[str, Any] = {
        "id": person.pk,
        "name": person.name,
        "company": person.company.name if person.company else "",
        "position": person.position,
    }
    if rules.may_see_contact_details(viewer, request) and request.tie is not None:
        out["email"] = request.tie.email
        out["phone"] = request.tie.phone
    return out


def request_dict(request: IntroductionRequest, *, viewer: Employee | None) -> dict[str, Any]:
    """``{"id", "requester", "introducer", "person": {"id", "name", "company", "position"}, "status", "created", "outcome"}``.

    ``person`` gains ``"email"`` and ``"phone"`` for the introducer alone.
    """
    return {
        "id": request.pk,
        "requester": request.requester.email,
        "introducer": request.introducer.email,
        "person": _person(request, viewer),
        "status": request.status,
        "created": request.created_at.isoformat(),
        "outcome": request.outcome or None,
    }


def _iso(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def request_detail(request: IntroductionRequest, *, viewer: Employee | None) -> dict[str, Any]:
    """:func:`request_dict` and what the two parties see of it; the draft for the introducer."""
    out = request_dict(request, viewer=viewer)
    out.update(
        reason=request.reason,
        questions=request.question_list,
        blurb=request.blurb,
        decline_reason=request.decline_reason,
        snoozed_until=_iso(request.snoozed_until),
        expires=_iso(request.expires_at),
        answered=_iso(request.answered_at),
        sent=_iso(request.sent_at),
        outcome_at=_iso(request.outcome_at),
    )
    if rules.is_introducer(viewer, request) and request.draft:
        email = out["person"].get("email", "")
        out["draft"] = {
            "subject": request.draft_subject,
            "body": request.draft,
            "mailto": mailto_link(
                to=email,
                cc=request.requester.email,
                subject=request.draft_subject,
                body=request.draft,
            ),
        }
    return out


def by_status(requests: list[IntroductionRequest]) -> list[tuple[str, str, list]]:
    """``[(status, label, requests)]`` in :data:`STATUS_ORDER`, empty groups left out."""
    groups: dict[str, list[IntroductionRequest]] = {}
    for r in requests:
        groups.setdefault(r.status, []).append(r)
    return [(s, str(Status(s).label), groups[s]) for s in STATUS_ORDER if s in groups]


def previous_blurb(*, requester: Employee) -> str:
    """The blurb of the requester's last request: a prefill, so they write it once."""
    return (
        IntroductionRequest.objects.filter(requester=requester)
        .exclude(blurb="")
        .order_by("-created_at", "-pk")
        .values_list("blurb", flat=True)
        .first()
        or ""
    )


def introducer_for(*, requester: Employee | None, email: str = "", pk: int | None = None):
    """The colleague (by work email or id) in the requester's organisation; ``None`` if none."""
    if requester is None or not (email or pk):
        return None
    qs = Employee.objects.select_related("organisation").filter(
        organisation_id=requester.organisation_id
    )
    qs = qs.filter(pk=pk) if pk else qs.filter(email__iexact=email.strip())
    return qs.first()


def person_for(*, pk: int | None) -> Person | None:
    if not pk:
        return None
    return Person.objects.select_related("company").filter(pk=pk).first()


def earlier_request(*, requester: Employee, introducer: Employee, person: Person):
    """The requester's last request to this colleague about this person, if any (a warning)."""
    return (
        IntroductionRequest.objects.filter(
            requester=requester, introducer=introducer, person=person
        )
        .order_by("-created_at", "-pk")
        .first()
    )


def contribution(*, employee: Employee) -> dict[str, Any]:
    """The employee's part in introductions, for their contribution page (issue 10, part 6).

    ``{"asked_of_me", "accepted", "introduced", "outcomes": {"met", "deal", "hire",
    "nothing"}, "requested_by_me"}``: requests made to them, those they accepted
    (sent or not), those they sent, what came of the ones they sent, and the
    requests they made. Counts only, no contact and no colleague named.
    """
    asked = IntroductionRequest.objects.filter(introducer=employee)
    made_by_status = asked.aggregate(
        asked_of_me=Count("pk"),
        accepted=Count("pk", filter=Q(status__in=(Status.ACCEPTED, Status.INTRODUCED))),
        introduced=Count("pk", filter=Q(status=Status.INTRODUCED)),
    )
    outcomes = {o: 0 for o in Outcome.values}
    for outcome, n in (
        asked.filter(status=Status.INTRODUCED)
        .exclude(outcome="")
        .values_list("outcome")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        outcomes[outcome] = n
    return {
        **made_by_status,
        "outcomes": outcomes,
        "requested_by_me": IntroductionRequest.objects.filter(requester=employee).count(),
    }
