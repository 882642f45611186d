"""The representative's brief: every request of a meeting, grouped, with the proposed matches.

Meetings open with an exchange of candidates, vacancies and work-experience
places (seed 004); the brief lists them by kind and organisation, with the
matches the network proposes and why.  As a web page and as PDF (WeasyPrint).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from weakties.meetings.models import ContactSuggestion, HelpRequest, Match, Meeting, RequestKind
from weakties.meetings.services.help_requests import request_dict
from weakties.meetings.services.proposals import match_dict, matches_propose, why_text

__all__ = ["brief_build", "brief_dict", "brief_html", "brief_pdf"]


def brief_build(meeting: Meeting, *, refresh: bool = True) -> dict[str, Any]:
    """``{"meeting", "groups": [{"kind", "label", "orgs": [{"org", "requests"}]}], "matches"}``."""

    matches = (
        matches_propose(meeting=meeting)
        if refresh
        else list(
            Match.objects.filter(meeting=meeting).select_related(
                "supply__organisation", "demand__organisation"
            )
        )
    )
    for m in matches:
        m.why_display = why_text(m)
    by_request: dict[int, list[Match]] = {}
    for m in matches:
        by_request.setdefault(m.supply_id, []).append(m)
        by_request.setdefault(m.demand_id, []).append(m)
    requests = list(
        HelpRequest.objects.filter(meeting=meeting)
        .select_related("organisation", "requester")
        .order_by("organisation__name", "id")
    )
    suggestions: dict[int, list[ContactSuggestion]] = {}
    for s in ContactSuggestion.objects.filter(demand__meeting=meeting).select_related(
        "employee", "person", "person__company"
    ):
        suggestions.setdefault(s.demand_id, []).append(s)
    groups = []
    for kind, label in RequestKind.choices:
        of_kind = [r for r in requests if r.kind == kind]
        if not of_kind:
            continue
        orgs: dict[str, list[HelpRequest]] = {}
        for r in of_kind:
            r.proposed = by_request.get(r.pk, [])
            r.contacts = suggestions.get(r.pk, [])
            orgs.setdefault(r.organisation.name, []).append(r)
        groups.append(
            {
                "kind": kind,
                "label": label,
                "orgs": [{"org": o, "requests": rs} for o, rs in orgs.items()],
            }
        )
    return {"meeting": meeting, "groups": groups, "matches": matches, "count": len(requests)}


def brief_dict(meeting: Meeting) -> dict[str, Any]:
    """The brief as JSON (``weakties brief --json``): requests by kind and organisation, matches."""
    brief = brief_build(meeting)
    return {
        "meeting": {
            "id": meeting.pk,
            "federation": meeting.federation.name,
            "date": meeting.date.isoformat(),
            "place": meeting.place,
        },
        "groups": [
            {
                "kind": g["kind"],
                "orgs": [
                    {"org": o["org"], "requests": [request_dict(r) for r in o["requests"]]}
                    for o in g["orgs"]
                ],
            }
            for g in brief["groups"]
        ],
        "matches": [match_dict(m) for m in brief["matches"]],
    }


def brief_html(meeting: Meeting, *, for_pdf: bool = False) -> str:
    """The brief as a printable page (the PDF's source)."""
    with translation.override(translation.get_language() or settings.LANGUAGE_CODE):
        return render_to_string(
            "meetings/brief_print.html", {**brief_build(meeting), "for_pdf": for_pdf}
        )


def brief_pdf(meeting: Meeting) -> bytes:
    """The brief as a PDF document (WeasyPrint)."""
    from weasyprint import HTML

    return HTML(
        string=brief_html(meeting, for_pdf=True), base_url=settings.WEAKTIES_BASE_URL
    ).write_pdf()
