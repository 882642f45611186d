"""Insights pages: the organisation dashboard, the introduction search, the ego map.  Thin."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from weakties.accounts.access import current_employee
from weakties.accounts.models import Employee
from weakties.accounts.rules import is_org_admin
from weakties.core.errors import ServiceError
from weakties.core.progress import clear_progress, read_progress
from weakties.insights.forms import IntroForm
from weakties.insights.selectors import ego_network, organisation_page
from weakties.insights.services.analytics import latest_run
from weakties.insights.services.introductions import by_introducer, introductions
from weakties.insights.tasks import run_analytics
from weakties.people.rules import may_see_network
from weakties.people.selectors.ranked_ties import company_suggestions


def _admin_employee(request) -> Employee:
    me = current_employee(request)
    if not is_org_admin(request.user, me.organisation):
        raise PermissionDenied(_("Only administrators see the organisation's network analytics."))
    return me


@login_required
def overview(request):
    me = _admin_employee(request)
    run = latest_run(organisation=me.organisation)
    context = {"org": me.organisation, "page": organisation_page(run=run) if run else None}
    return render(request, "insights/overview.html", context)


@login_required
@require_POST
def refresh(request):
    me = _admin_employee(request)
    clear_progress(
        f"analytics-{me.organisation.id}"
    )  # the last run's "up to date" is not this one's
    run_analytics.enqueue(me.organisation.id)
    return redirect("insights:overview") if not request.htmx else refresh_status(request)


@login_required
def refresh_status(request):
    me = _admin_employee(request)
    progress = read_progress(f"analytics-{me.organisation.id}")
    return render(request, "insights/_refresh_status.html", {"progress": progress})


@login_required
def intro(request):
    me = current_employee(request)
    form = IntroForm(request.GET or None)
    page = None
    if form.is_bound and form.is_valid():
        d = form.cleaned_data
        target = {d["target"]: d["query"]}
        try:
            page = introductions(
                organisation=me.organisation,
                purpose=d["purpose"],
                limit=d["limit"] or 20,
                cursor=request.GET.get("cursor"),
                actor=request.user,
                **target,
            )
        except ServiceError as exc:
            form.add_error("query", str(exc))
    context = {
        "form": form,
        "results": page.rows if page else None,
        "page": page,
        "groups": _named(by_introducer(page.rows), me) if page else [],
        "matched": sorted({r["matched"] for r in page.rows if r.get("matched")}) if page else [],
        "next_query": _with_cursor(request, page.next_cursor) if page and page.next_cursor else "",
    }
    template = "insights/_intro_results.html" if request.htmx else "insights/intro.html"
    return render(request, template, context)


def _named(groups: list[dict], me) -> list[dict]:
    """Each introducer's name next to their address (one query for the page's colleagues)."""
    emails = [g["introducer"] for g in groups]
    names = {
        e.email: e.full_name or e.email
        for e in Employee.objects.filter(organisation=me.organisation, email__in=emails).only(
            "email", "first_name", "last_name"
        )
    }
    return [{**g, "name": names.get(g["introducer"], g["introducer"])} for g in groups]


@login_required
def companies(request):
    """``<option>``s for the company box: the companies a few typed letters may mean."""
    current_employee(request)  # an employee of an organisation, as for the search itself
    found = company_suggestions(request.GET.get("query", "")[:100])
    return render(request, "insights/_company_options.html", {"companies": found})


def _with_cursor(request, cursor: str) -> str:
    query = request.GET.copy()
    query["cursor"] = cursor
    return query.urlencode()


@login_required
def ego(request, pk: int):
    me = current_employee(request)
    employee = get_object_or_404(Employee, pk=pk, organisation=me.organisation)
    if not may_see_network(request.user, employee):
        raise PermissionDenied(
            _("Only this colleague and the administrators can see whom they know.")
        )
    return JsonResponse(ego_network(employee=employee))
