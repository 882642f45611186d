"""Pages.  Thin: they check permissions, call a service and render."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from weakties.accounts.access import current_employee
from weakties.accounts.models import Employee
from weakties.accounts.rules import is_org_admin
from weakties.ambassadors.selectors import campaigns_overview, sync_summary
from weakties.core.errors import ServiceError
from weakties.core.progress import read_progress
from weakties.insights.forms import IntroForm
from weakties.insights.selectors import dashboard_figures, employee_page, stored_run
from weakties.insights.services.tie_ratings import tie_rate
from weakties.minimisation.selectors import forgotten_per_import
from weakties.minimisation.services.forget import forgotten_count
from weakties.people.models import ImportBatch
from weakties.people.rules import may_see_contact_details, may_see_import, may_see_network
from weakties.people.selectors.network import strongest_ties
from weakties.people.selectors.reach import (
    employee_counts,
    employee_reach,
    organisation_reach,
    tie_sources_live,
)
from weakties.people.services.consent import consent_withdraw
from weakties.people.services.uploads import upload_queue

from .forms import UploadForm


@login_required
def dashboard(request):
    """The figures, and the next step: who can introduce me; for an admin, invitations and analysis."""
    me = current_employee(request)
    stored = dashboard_figures(organisation=me.organisation)
    if stored is None:
        # Before the first analysis (a new organisation): counted live.
        stored = {
            "reach": organisation_reach(organisation=me.organisation),
            "sources": tie_sources_live(organisation=me.organisation),
        }
    reach = stored["reach"]
    share = int(100 * reach["employees_sharing"] / reach["employees"]) if reach["employees"] else 0
    admin = is_org_admin(request.user, me.organisation)
    context = {
        "org": me.organisation,
        "reach": reach,
        "share": share,
        "by_source": stored["sources"],
        "analysed_at": stored.get("analysed_at"),
        "changes": stored.get("changes"),
        "admin": admin,
        "sharing": me.has_consent(),
        "intro_form": IntroForm(),
    }
    if admin:
        context["invitations"] = _invitations_state(me.organisation)
        analysed_at = stored.get("analysed_at")
        context["analysed_just_now"] = bool(
            analysed_at and timezone.now() - analysed_at < dt.timedelta(minutes=1)
        )
    return render(request, "weakties/dashboard.html", context)


def _invitations_state(organisation) -> dict:
    """How far colleagues are invited and share: the latest campaign's funnel and who shares."""
    latest = campaigns_overview(organisation=organisation, limit=1)
    return {
        "sync": sync_summary(organisation=organisation),
        "latest": latest[0] if latest else None,
    }


@login_required
def employees(request):
    me = current_employee(request)
    qs = Employee.objects.filter(organisation=me.organisation, active=True).order_by(
        "last_name", "first_name", "id"
    )
    q = request.GET.get("q", "").strip()
    if q:
        qs = qs.filter(
            Q(first_name__icontains=q)
            | Q(last_name__icontains=q)
            | Q(department__icontains=q)
            | Q(job_title__icontains=q)
        )
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    # Ties and consent of this page's colleagues only: the page costs the same in any organisation.
    page.object_list = employee_counts(employees=list(page.object_list))
    return render(request, "weakties/employees.html", {"page": page, "q": q})


@login_required
def employee(request, pk: int):
    me = current_employee(request)
    person = get_object_or_404(
        Employee.objects.select_related("organisation"), pk=pk, organisation=me.organisation
    )
    visible = may_see_network(request.user, person)
    sharing = person.has_consent()
    context = {
        "employee": person,
        "reach": employee_reach(employee=person, sharing=sharing and person.active),
        "visible": visible,
        "is_me": person.pk == me.pk,
        "sharing": sharing,
    }
    if visible:
        q = request.GET.get("q", "").strip()
        # Strongest first (as the last analysis measured them), then ties not measured yet.
        ties = strongest_ties(employee=person, q=q)
        context["page"] = Paginator(ties, 50).get_page(request.GET.get("page"))
        context["q"] = q
        context["show_contact_details"] = may_see_contact_details(request.user, person)
        context["imports"] = ImportBatch.objects.filter(owner=person)[:20]
        context["insight"] = employee_page(
            run=stored_run(organisation=me.organisation), employee=person
        )
    return render(request, "weakties/employee.html", context)


@login_required
@require_POST
def rate(request, pk: int):
    """The owner rates one of their own ties (htmx: answers with the updated select)."""
    me = current_employee(request)
    try:
        tie = tie_rate(owner=me, tie_id=pk, rating=request.POST.get("rating", ""))
    except ServiceError as exc:
        return HttpResponseBadRequest(str(exc))
    if request.htmx:
        return render(request, "weakties/_rating.html", {"t": tie})
    return redirect("employee", pk=me.pk)


@login_required
def import_page(request):
    me = current_employee(request)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            batch = upload_queue(
                owner=me,
                upload=form.cleaned_data["file"],
                consent=form.cleaned_data["consent"],
                format=form.cleaned_data["format"],
            )
        except ServiceError as exc:
            form.add_error(None, str(exc))
        else:
            return redirect("import_status", pk=batch.pk)
    recent = list(ImportBatch.objects.filter(owner=me).select_related("retention_flag")[:10])
    # Per import, how many of its contacts compare and forget kept only as digests (their owner's).
    per_import = forgotten_per_import(employee=me)
    for batch in recent:
        batch.forgotten = per_import.get(batch.pk, 0)
    return render(
        request,
        "weakties/import.html",
        {
            "form": form,
            "recent": recent,
            "sharing": me.has_consent(),
            # Compare and forget keeps the contacts that match nothing as a count (issue 12).
            "forgotten": forgotten_count(me),
        },
    )


@login_required
def import_status(request, pk: int):
    me = current_employee(request)  # a login without an employee gets 403 before any lookup
    batch = get_object_or_404(ImportBatch, pk=pk)
    if not may_see_import(request.user, batch):
        # The same answer as a missing import: its existence cannot be probed (issue 12).
        raise Http404
    # How many of its contacts were compared and forgotten: for the owner only, not for admins.
    forgotten = (
        forgotten_per_import(employee=me).get(batch.pk, 0) if batch.owner_id == me.pk else None
    )
    progress = read_progress(f"import-{batch.pk}")
    finished = batch.status in (
        ImportBatch.Status.DONE,
        ImportBatch.Status.FAILED,
        ImportBatch.Status.WITHDRAWN,
    )
    template = "weakties/_import_status.html" if request.htmx else "weakties/import_status.html"
    return render(
        request,
        template,
        {"batch": batch, "progress": progress, "finished": finished, "forgotten": forgotten},
    )


@login_required
@require_POST
def withdraw(request):
    me = current_employee(request)
    removed = consent_withdraw(employee=me)
    messages.success(
        request,
        _("Your consent is withdrawn and your network (%(n)s ties) is removed.")
        % {"n": removed["ties_removed"]},
    )
    return redirect("employee", pk=me.pk)
