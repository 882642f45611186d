"""The audit pages: an employee's "who looked up my contacts", the admin's log and its CSV."""

from __future__ import annotations

import json

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from weakties.accounts.models import Organisation
from weakties.accounts.rules import employee_of
from weakties.auditlog.forms import LogFilter
from weakties.auditlog.rules import may_see_organisation_log, may_see_own_lookups
from weakties.auditlog.selectors import (
    LOOKUP_WINDOW_DAYS,
    actions_of,
    actors_of,
    contact_lookups,
    event_rows,
    organisation_events,
)
from weakties.core.tables_out import table_response

PAGE_SIZE = 50
#: The CSV holds at most this many events: narrow the filter for more.
EXPORT_LIMIT = 100_000


@login_required
def mine(request: HttpRequest) -> HttpResponse:
    me = may_see_own_lookups(request.user)
    if me is None:
        raise Http404
    return render(
        request,
        "auditlog/mine.html",
        {"lookups": contact_lookups(me), "window_days": LOOKUP_WINDOW_DAYS},
    )


def _organisation(request: HttpRequest) -> Organisation:
    me = employee_of(request.user)
    organisation = me.organisation if me is not None else None
    if not may_see_organisation_log(request.user, organisation):
        raise PermissionDenied(_("Only the organisation's administrators read its audit log."))
    assert organisation is not None
    return organisation


def _filtered(request: HttpRequest, organisation: Organisation):
    form = LogFilter(
        request.GET or None, actors=actors_of(organisation), actions=actions_of(organisation)
    )
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    events = organisation_events(
        organisation,
        actor=data.get("actor"),
        action=data.get("action") or "",
        since=data.get("since"),
        until=data.get("until"),
    )
    return form, events


@login_required
def log(request: HttpRequest) -> HttpResponse:
    organisation = _organisation(request)
    form, events = _filtered(request, organisation)
    page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "auditlog/log.html",
        {
            "form": form,
            "page": page,
            "rows": event_rows(organisation, list(page.object_list)),
            "query": query.urlencode(),
            "organisation": organisation,
        },
    )


@login_required
def export(request: HttpRequest) -> HttpResponse:
    organisation = _organisation(request)
    _form, events = _filtered(request, organisation)
    rows = event_rows(organisation, list(events[:EXPORT_LIMIT]))
    table = [[_("when"), _("who"), _("action"), _("detail")]]
    table += [
        [
            timezone.localtime(r.at).isoformat(timespec="seconds"),
            r.actor,
            r.action,
            json.dumps(r.detail, ensure_ascii=False, sort_keys=True),
        ]
        for r in rows
    ]
    return table_response(table, "csv", name=f"audit-{organisation.name}")
