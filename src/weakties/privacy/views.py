"""Pages of the privacy rights: my data, the public objection form, and the admin's requests.

Thin: each parses the request, asks :mod:`weakties.privacy.rules` and calls a
service.  Another organisation's employee or an external person their
organisation holds nothing about answers as "not found", never as "forbidden".
"""

from __future__ import annotations

import json
import time

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from weakties.accounts.access import current_employee
from weakties.accounts.models import Employee
from weakties.core.errors import ServiceError
from weakties.privacy import rules
from weakties.privacy.forms import DecideForm, EraseConfirmForm, LookupForm, ObjectionForm
from weakties.privacy.models import ObjectionRequest
from weakties.privacy.services.erasure import employee_erase, subject_erase
from weakties.privacy.services.exports import as_zip, employee_export, subject_export
from weakties.privacy.services.objections import (
    PRIVACY_PAGE,
    may_decide,
    objection_confirm,
    objection_decide,
    objection_submit,
    objections_for,
)
from weakties.privacy.services.subjects import subject_find

#: The sections of an export and the kinds of an erasure's counts, in words.
LABELS = {
    "employee": gettext_lazy("your details"),
    "consents": gettext_lazy("consents"),
    "ties": gettext_lazy("ties with your contacts"),
    "imports": gettext_lazy("imported files"),
    "forgotten_contacts": gettext_lazy("counts of contacts compared and forgotten, per import"),
    "introduction_requests": gettext_lazy("introduction requests"),
    "referrals": gettext_lazy("referrals"),
    "vacancy_suggestions": gettext_lazy("contacts suggested for vacancies"),
    "plans": gettext_lazy("networking plans"),
    "profile": gettext_lazy("profile"),
    "target_lists": gettext_lazy("target lists"),
    "notifications": gettext_lazy("notifications"),
    "invitations": gettext_lazy("ambassador invitations"),
    "help_requests": gettext_lazy("help requests"),
    "contact_suggestions": gettext_lazy("contacts suggested for help requests"),
    "audit": gettext_lazy("audit entries by or about you"),
    "notices": gettext_lazy("notifications"),
    "meetings": gettext_lazy("employer-network rows"),
    "interactions_seen": gettext_lazy("counted messages"),
    "contacts_only_they_knew": gettext_lazy("contacts nobody else knew"),
    "colleagues_ties": gettext_lazy("colleagues' ties to them"),
    "colleagues_notices": gettext_lazy("colleagues' notifications naming them"),
    "audit_entries_anonymised": gettext_lazy("audit entries anonymised"),
    "help_request_contacts": gettext_lazy("addresses on help requests"),
    "target_lines": gettext_lazy("lines on target lists"),
}


#: An erasure's counts where the export's words would mislead ("your contacts").
ERASED_LABELS = {
    "ties": gettext_lazy("ties to them"),
    "forgotten_contacts": gettext_lazy("digests kept by compare and forget"),
}


def labelled(counts: dict, words: dict | None = None) -> list[tuple[str, int]]:
    """``(words, number)`` for each key of ``counts`` (the key itself where no words are known)."""
    known = {**LABELS, **(words or {})}
    return [(str(known.get(k, k)), v) for k, v in counts.items()]


#: Objection forms one client may send an hour (``PRIVACY_REQUESTS_PER_HOUR``).
REQUESTS_PER_HOUR = 10


def _download(data: dict, name: str, fmt: str) -> HttpResponse:
    stamp = timezone.localdate().isoformat()
    if fmt == "zip":
        response = HttpResponse(as_zip(data), content_type="application/zip")
        response["Content-Disposition"] = f'attachment; filename="{name}-{stamp}.zip"'
        return response
    body = json.dumps(data, ensure_ascii=False, indent=2, default=str)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}-{stamp}.json"'
    return response


@login_required
def my_data(request: HttpRequest) -> HttpResponse:
    """The signed-in employee's own data: what there is, and the JSON or CSV download."""
    me = current_employee(request)
    if not rules.may_export_own(request.user):
        raise PermissionDenied
    fmt = request.GET.get("format", "")
    data = employee_export(employee=me, actor=request.user)
    if fmt in ("json", "zip"):
        return _download(data, "my-data", fmt)
    counts = labelled({k: len(v) for k, v in data.items() if isinstance(v, list)})
    return render(request, "privacy/my_data.html", {"counts": counts, "privacy_page": PRIVACY_PAGE})


def _over_limit(request: HttpRequest) -> bool:
    limit = int(getattr(settings, "PRIVACY_REQUESTS_PER_HOUR", REQUESTS_PER_HOUR))
    client = request.META.get("REMOTE_ADDR") or "?"
    key = f"weakties:privacy-form:{client}:{int(time.time() // 3600)}"
    cache.add(key, 0, 3700)
    try:
        count = cache.incr(key)
    except ValueError:
        cache.set(key, 1, 3700)
        count = 1
    return count > limit


def object_form(request: HttpRequest) -> HttpResponse:
    """The public objection form: no login; the same answer whatever is known (no oracle)."""
    form = ObjectionForm(request.POST or None)
    context = {"form": form, "privacy_page": PRIVACY_PAGE, "done": False}
    if request.method == "POST":
        if _over_limit(request):
            context["limited"] = True
            return render(request, "privacy/object.html", context, status=429)
        if form.is_valid():
            data = form.cleaned_data
            try:
                objection_submit(
                    kind=data["kind"],
                    email=data["email"],
                    linkedin_url=data["linkedin_url"],
                    reason=data["reason"],
                    language=translation.get_language() or "",
                )
            except ServiceError as exc:
                form.add_error(None, str(exc))
            else:
                context["done"] = True
    return render(request, "privacy/object.html", context)


def object_confirm(request: HttpRequest, token: str) -> HttpResponse:
    """The link from the mail: a button (a mail scanner's GET confirms nothing), then done."""
    found = ObjectionRequest.objects.filter(token=token).first()
    if found is None:
        raise Http404
    confirmed = False
    if request.method == "POST":
        objection_confirm(token=token)
        confirmed = True
    return render(
        request,
        "privacy/object_confirm.html",
        {
            "confirmed": confirmed or found.status != ObjectionRequest.Status.UNCONFIRMED,
            "privacy_page": PRIVACY_PAGE,
        },
    )


def _require_admin(request: HttpRequest) -> None:
    if not rules.may_handle_privacy(request.user):
        raise PermissionDenied(_("Only the organisation's admins handle privacy requests."))


@login_required
def requests_list(request: HttpRequest) -> HttpResponse:
    _require_admin(request)
    pending = list(objections_for(request.user))
    decided = ObjectionRequest.objects.filter(
        status__in=[ObjectionRequest.Status.CONFIRMED, ObjectionRequest.Status.REJECTED]
    )
    if rules.scope_of(request.user) is not None:
        decided = decided.filter(decided_by__employee__organisation=rules.scope_of(request.user))
    return render(
        request,
        "privacy/requests.html",
        {
            "pending": pending,
            "decided": decided[:50],
            "lookup": LookupForm(),
            "decide": DecideForm(),
        },
    )


@login_required
@require_POST
def request_decide(request: HttpRequest, pk: int) -> HttpResponse:
    _require_admin(request)
    found = get_object_or_404(ObjectionRequest, pk=pk)
    if not may_decide(request.user, found):
        raise Http404
    form = DecideForm(request.POST)
    if form.is_valid():
        try:
            objection_decide(
                request=found,
                accept=form.cleaned_data["decision"] == "confirm",
                actor=request.user,
                answer=form.cleaned_data["answer"],
            )
        except ServiceError as exc:
            from django.contrib import messages

            messages.error(request, str(exc))
    return redirect("privacy:requests")


def _subject_for(request: HttpRequest, *queries: str):
    """The subject named by ``queries``, if this admin may handle them; ``None`` (not found) else."""
    try:
        return subject_find(
            *queries,
            actor=request.user,
            may_see=lambda subject: rules.may_handle_subject(request.user, subject),
        )
    except ServiceError:
        return None


@login_required
def people(request: HttpRequest) -> HttpResponse:
    """Find an external person by address or URL (POST: nothing in the logs); show or download."""
    _require_admin(request)
    form = LookupForm(request.POST or None)
    context: dict = {"lookup": form, "data": None, "searched": False}
    if request.method == "POST" and form.is_valid():
        query, also = form.cleaned_data["q"], form.cleaned_data["q2"]
        context["searched"] = True
        subject = _subject_for(request, *form.queries())
        if subject is not None:
            data = subject_export(
                subject=subject, organisation=rules.scope_of(request.user), actor=request.user
            )
            fmt = request.POST.get("format", "")
            if fmt in ("json", "zip"):
                return _download(data, "person", fmt)
            context["data"] = data if data["found"] else None
        context["query"], context["also"] = query, also
    return render(request, "privacy/people.html", context)


@login_required
@require_POST
def person_erase_view(request: HttpRequest) -> HttpResponse:
    """Erase an external person: a confirmation step first (type ERASE), then everywhere."""
    _require_admin(request)
    query, also = request.POST.get("q", ""), request.POST.get("q2", "")
    subject = _subject_for(request, query, also)
    if subject is None:
        raise Http404
    form = EraseConfirmForm(request.POST if "confirm" in request.POST else None)
    result = None
    if form.is_bound and form.is_valid():
        try:
            result = subject_erase(subject=subject, actor=request.user)
        except ServiceError as exc:
            form.add_error(None, str(exc))
    return render(
        request,
        "privacy/person_erase.html",
        {
            "query": query,
            "also": also,
            "form": form,
            "result": result,
            "removed": labelled(result["removed"], ERASED_LABELS) if result else [],
            "person": subject.person,
        },
    )


@login_required
def employee_erase_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Erase an employee of the admin's organisation, after a confirmation step."""
    _require_admin(request)
    employee = get_object_or_404(Employee.objects.select_related("organisation"), pk=pk)
    me = getattr(request.user, "employee", None)
    if me is not None and me.pk == employee.pk:
        raise PermissionDenied(_("You cannot erase yourself; ask another admin."))
    if not rules.may_erase_employee(request.user, employee):
        raise Http404
    form = EraseConfirmForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        result = employee_erase(employee=employee, actor=request.user)
        return render(
            request,
            "privacy/employee_erased.html",
            {"result": result, "removed": labelled(result["removed"])},
        )
    held = {
        "ties": employee.ties.count(),
        "imports": employee.imports.count(),
        "requests": employee.intro_requests_made.count() + employee.intro_requests_received.count(),
        "referrals": employee.referrals_made.count(),
        "plans": employee.plans.count(),
    }
    return render(
        request, "privacy/employee_erase.html", {"employee": employee, "form": form, "held": held}
    )


@login_required
@require_POST
def employee_lookup(request: HttpRequest) -> HttpResponse:
    """From the requests page: an employee of this organisation by work address."""
    _require_admin(request)
    email = request.POST.get("email", "").strip()
    rows = Employee.objects.filter(email__iexact=email)
    scope = rules.scope_of(request.user)
    if scope is not None:
        rows = rows.filter(organisation=scope)
    found = rows.first()
    if found is None:
        from django.contrib import messages

        messages.error(request, _("No employee of your organisation has that address."))
        return redirect("privacy:requests")
    return redirect("privacy:employee_erase", pk=found.pk)
