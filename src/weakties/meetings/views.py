"""Pages of the employer networks.  Thin: they check who may, call a service, render."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from weakties.accounts.models import Organisation
from weakties.accounts.services.audit import audit
from weakties.core.errors import ServiceError
from weakties.meetings import rules
from weakties.meetings.mail import read_request_token
from weakties.meetings.selectors import (
    call_state,
    federation_results,
    invited_employees,
    mail_jobs,
    organisation_results,
)
from weakties.meetings.services import meetings as meeting_services  # views share its names
from weakties.meetings.services.brief import brief_build, brief_pdf
from weakties.meetings.services.contacts import (
    contact_owners_ask,
    contacts_suggest,
    suggestion_answer,
)
from weakties.meetings.services.federations import (
    federation_invite,
    invitation_accept,
    invitation_decline,
)
from weakties.meetings.services.help_requests import help_request_add, help_requests_import
from weakties.meetings.services.outcomes import outcome_record
from weakties.meetings.services.proposals import match_set_stage
from weakties.meetings.services.public import public_results_switch

from . import access
from .forms import HelpRequestForm, ImportForm, InviteForm, MeetingForm, OutcomeForm, StageForm
from .models import (
    ContactSuggestion,
    FederationInvitation,
    HelpRequest,
    MailJob,
    Match,
    Meeting,
    PublicResults,
    RequestKind,
)


@login_required
def index(request):
    federations = rules.federations_of(request.user).prefetch_related("members")
    me = getattr(request.user, "employee", None)
    invitations = []
    if me is not None:
        invitations = FederationInvitation.objects.filter(
            organisation=me.organisation, status=FederationInvitation.Status.OPEN
        ).select_related("federation")
    mine = (
        HelpRequest.objects.filter(requester=me)
        .select_related("meeting__federation")
        .order_by("-created_at")[:50]
        if me
        else []
    )
    return render(
        request,
        "meetings/index.html",
        {"federations": federations, "invitations": invitations, "mine": mine},
    )


@login_required
def federation(request, pk: int):
    f = access.federation_for(request, pk)
    context = {
        "federation": f,
        "members": f.members.order_by("name"),
        "delegates": f.delegates.select_related("employee__organisation").order_by(
            "role", "employee__last_name"
        ),
        "meetings": f.meetings.select_related("host").order_by("-date"),
        "is_coordinator": rules.is_coordinator(request.user, f),
        "is_representative": rules.is_representative(request.user, f),
        "published": PublicResults.objects.filter(federation=f).first(),
        "open_invitations": f.invitations.filter(
            status=FederationInvitation.Status.OPEN
        ).select_related("organisation"),
    }
    if rules.may_invite_members(request.user, f):
        context["invite_form"] = InviteForm(federation=f)
    return render(request, "meetings/federation.html", context)


@login_required
@require_POST
def invite(request, pk: int):
    f = access.federation_for(request, pk)
    access.require(rules.may_invite_members(request.user, f), access.ONLY_COORDINATOR)
    form = InviteForm(request.POST, federation=f)
    if form.is_valid():
        try:
            federation_invite(f, organisation=form.cleaned_data["organisation"], actor=request.user)
        except ServiceError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(
                request, _("%(org)s is invited.") % {"org": form.cleaned_data["organisation"].name}
            )
    else:
        messages.error(request, " ".join(form.errors.get("organisation", [])))
    return redirect("meetings:federation", pk=f.pk)


@login_required
def invitation(request, token: str):
    """A representative (or admin) of the invited organisation accepts or declines."""
    inv = get_object_or_404(
        FederationInvitation.objects.select_related("federation", "organisation"), token=token
    )
    if not rules.may_see_invitation(request.user, inv):
        raise Http404
    if request.method == "POST" and inv.status == FederationInvitation.Status.OPEN:
        if not rules.may_answer_invitation(request.user, inv):
            raise PermissionDenied(
                _("Only an admin or representative of %(org)s may answer.")
                % {"org": inv.organisation.name}
            )
        if request.POST.get("answer") == "accept":
            invitation_accept(
                federation=inv.federation,
                organisation=inv.organisation,
                token=token,
                representative=request.user.employee,
                actor=request.user,
            )
            messages.success(
                request,
                _("%(org)s joined %(fed)s.")
                % {"org": inv.organisation.name, "fed": inv.federation.name},
            )
            return redirect("meetings:federation", pk=inv.federation_id)
        invitation_decline(
            federation=inv.federation,
            organisation=inv.organisation,
            token=token,
            actor=request.user,
        )
        return redirect("meetings:index")
    return render(request, "meetings/invitation.html", {"invitation": inv})


@login_required
def meeting_create(request, pk: int):
    f = access.federation_for(request, pk)
    access.require(rules.may_plan_meetings(request.user, f), access.ONLY_COORDINATOR)
    form = MeetingForm(request.POST or None, federation=f)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            m = meeting_services.meeting_create(
                federation=f,
                date=data["date"],
                call_days=data["call_days"],
                place=data["place"],
                host=data["host"].name if data["host"] else None,
                agenda=data["agenda"],
                start_time=data["start_time"],
                end_time=data["end_time"],
                actor=request.user,
            )
        except ServiceError as exc:
            form.add_error(None, str(exc))
        else:
            if m.call_at <= timezone.now():
                text = _("The meeting is planned. Its call for help requests goes out now.")
            else:
                text = _(
                    "The meeting is planned. The call for help requests goes out on %(day)s."
                ) % {"day": date_format(localtime(m.call_at), "SHORT_DATE_FORMAT")}
            messages.success(request, text)
            return redirect("meetings:meeting", pk=m.pk)
    return render(request, "meetings/meeting_form.html", {"federation": f, "form": form})


@login_required
def meeting_edit(request, pk: int):
    m = access.meeting_for(request, pk)
    access.require(rules.may_plan_meetings(request.user, m.federation), access.ONLY_COORDINATOR)
    initial = {
        f: getattr(m, f)
        for f in ("date", "start_time", "end_time", "place", "host", "agenda", "call_days")
    }
    form = MeetingForm(request.POST or None, federation=m.federation, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            meeting_services.meeting_update(m, actor=request.user, **form.cleaned_data)
        except ServiceError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request, _("The meeting is changed; calendars are updated when the call goes out.")
            )
            return redirect("meetings:meeting", pk=m.pk)
    return render(
        request,
        "meetings/meeting_form.html",
        {"federation": m.federation, "form": form, "meeting": m},
    )


@login_required
def meeting(request, pk: int):
    m = access.meeting_for(request, pk)
    sees_all = rules.may_see_requests(request.user, m.federation)
    context = {
        "meeting": m,
        "federation": m.federation,
        "is_representative": sees_all,
        "is_coordinator": rules.may_plan_meetings(request.user, m.federation),
        "mine": rules.own_requests(request.user, m),
        "invited": invited_employees(m).count(),
        "call": call_state(m),
        "mail_jobs": mail_jobs(m),
    }
    if sees_all:
        context["requests"] = m.requests.select_related("organisation", "requester").order_by(
            "kind", "organisation__name", "id"
        )
        context["outcome_orgs"] = rules.representative_orgs(request.user, m.federation)
    return render(request, "meetings/meeting.html", context)


@login_required
@require_POST
def send_call_now(request, pk: int):
    """Send the call (or reminder) now; a mail server that is down is reported, never a crash."""
    m = access.meeting_for(request, pk)
    access.require(rules.may_plan_meetings(request.user, m.federation), access.ONLY_COORDINATOR)
    kind = request.POST.get("kind") if request.POST.get("kind") in ("call", "reminder") else "call"
    try:
        job = meeting_services.call_send_now(m, kind=kind)
    except ServiceError as exc:
        messages.error(request, str(exc))
    else:
        _tell_mail_state(request, job)
    return redirect(reverse("meetings:meeting", args=[m.pk]) + "#mail")


def _tell_mail_state(request, job: MailJob) -> None:
    """One flash message saying how a sending went (or that it is on its way)."""
    if job.status == MailJob.Status.SENT:
        messages.success(request, _("Sent: %(n)s emails.") % {"n": job.sent})
    elif job.status == MailJob.Status.RETRYING:
        messages.error(
            request,
            _(
                "Sending failed: the mail server could not be reached (%(error)s). "
                "It is tried again automatically at %(time)s."
            )
            % {"error": job.error, "time": date_format(localtime(job.due_at), "TIME_FORMAT")},
        )
    elif job.status == MailJob.Status.FAILED:
        messages.error(
            request,
            _(
                "Sending failed: the mail server could not be reached (%(error)s). "
                "Try again later; the meeting page shows what went out."
            )
            % {"error": job.error},
        )
    else:
        messages.success(
            request, _("The emails are queued and go out in a moment; see below how it went.")
        )


def _ask(request, m: Meeting, employee, *, org_ids: set[int], closed: bool, token: str | None):
    """The help-request form, for a signed-in colleague or through the link in the call."""
    orgs = Organisation.objects.filter(pk__in=org_ids).order_by("name")
    form = HelpRequestForm(
        request.POST or None, organisations=orgs, initial={"organisation": employee.organisation_id}
    )
    if request.method == "POST" and not closed and form.is_valid():
        data = form.cleaned_data
        try:
            r = help_request_add(
                meeting=m,
                org=data["organisation"],
                kind=data["kind"],
                title=data["title"],
                text=data["text"],
                skills=data["skills"],
                region=data["region"],
                level=data["level"],
                count=data["count"],
                date=data["date"],
                months_ahead=data["months_ahead"],
                requester=employee,
                source=HelpRequest.Source.WEB,
            )
        except ServiceError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request,
                _(
                    "Thank you. Your request “%(title)s” goes to the meeting; you hear what came of it right after."
                )
                % {"title": r.title},
            )
            return redirect(request.path)
    mine = m.requests.filter(requester=employee).select_related("organisation") if employee else []
    return render(
        request,
        "meetings/ask.html",
        {
            "meeting": m,
            "form": form,
            "mine": mine,
            "closed": closed,
            "token": token,
            "employee": employee,
        },
    )


@login_required
def ask(request, pk: int):
    m = access.meeting_for(request, pk)
    me = getattr(request.user, "employee", None)
    if me is None:
        raise PermissionDenied("This login is not linked to an employee.")
    return _ask(
        request,
        m,
        me,
        org_ids=rules.request_organisations(request.user, m.federation),
        closed=not rules.may_add_requests_now(request.user, m),
        token=None,
    )


def ask_token(request, pk: int, token: str):
    """The link in the call: works without a login, for the employee it was sent to."""
    m = get_object_or_404(Meeting.objects.select_related("federation"), pk=pk)
    employee = read_request_token(m, token)
    if employee is None or not m.federation.members.filter(pk=employee.organisation_id).exists():
        raise Http404
    return _ask(
        request,
        m,
        employee,
        org_ids={employee.organisation_id},
        closed=not m.is_open_for_requests,
        token=token,
    )


@login_required
def brief(request, pk: int):
    m = access.meeting_for(request, pk)
    access.require(rules.may_see_brief(request.user, m), access.ONLY_REPRESENTATIVES)
    context = brief_build(m)
    context["outcome_orgs"] = rules.representative_orgs(request.user, m.federation)
    context["stages"] = Match._meta.get_field("stage").choices
    return render(request, "meetings/brief.html", context)


@login_required
def brief_pdf_view(request, pk: int):
    m = access.meeting_for(request, pk)
    access.require(rules.may_see_brief(request.user, m), access.ONLY_REPRESENTATIVES)
    audit("brief_exported", actor=request.user, meeting=m.pk)
    response = HttpResponse(brief_pdf(m), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="brief-{m.date:%Y-%m-%d}.pdf"'
    return response


@login_required
def import_sheet(request, pk: int):
    m = access.meeting_for(request, pk)
    access.require(rules.may_import_requests(request.user, m), access.ONLY_REPRESENTATIVES)
    form = ImportForm(request.POST or None, request.FILES or None)
    errors = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        orgs = rules.representative_orgs(request.user, m.federation)
        me = getattr(request.user, "employee", None)
        try:
            created = help_requests_import(
                meeting=m,
                path=upload.name,
                data=upload.read(),
                file_name=upload.name,
                default_org=me.organisation if me and me.organisation_id in orgs else None,
                only_orgs=orgs,
            )
        except ServiceError as exc:
            errors = getattr(exc, "errors", None) or [{"line": None, "message": str(exc)}]
        else:
            messages.success(request, _("Imported %(n)s help requests.") % {"n": len(created)})
            return redirect("meetings:meeting", pk=m.pk)
    return render(request, "meetings/import.html", {"meeting": m, "form": form, "errors": errors})


@login_required
def outcome(request, pk: int):
    r = access.help_request_for(request, pk)
    if not rules.may_record_outcome(request.user, r):
        raise PermissionDenied(
            _("Only the representative of %(org)s or the coordinator records this outcome.")
            % {"org": r.organisation.name}
        )
    form = OutcomeForm(
        request.POST or None,
        initial={"outcome": r.outcome, "note": r.outcome_note, "next_step": r.next_step},
    )
    if request.method == "POST" and form.is_valid():
        outcome_record(
            request=r,
            outcome=form.cleaned_data["outcome"],
            note=form.cleaned_data["note"],
            next_step=form.cleaned_data["next_step"],
            actor=request.user,
        )
        if r.requester_email:
            messages.success(
                request,
                _("Outcome recorded; %(email)s is told straight away.")
                % {"email": r.requester_email},
            )
        else:
            messages.success(
                request,
                _("Outcome recorded. This request has no requester email, so nobody is told."),
            )
        return redirect(reverse("meetings:brief", args=[r.meeting_id]) + f"#request-{r.pk}")
    return render(request, "meetings/outcome.html", {"request_obj": r, "form": form})


@login_required
@require_POST
def stage(request, pk: int):
    m = access.match_for(request, pk)
    if not rules.may_move_match(request.user, m):
        raise PermissionDenied(_("Only representatives of the two organisations move this match."))
    form = StageForm(request.POST)
    if form.is_valid():
        try:
            match_set_stage(
                m,
                stage=form.cleaned_data["stage"],
                placed=form.cleaned_data["placed"],
                actor=request.user,
            )
        except ServiceError as exc:
            messages.error(request, str(exc))
    return redirect(reverse("meetings:brief", args=[m.meeting_id]) + f"#match-{m.pk}")


@login_required
@require_POST
def contacts(request, pk: int):
    r = access.help_request_for(request, pk)
    if not rules.may_suggest_contacts(request.user, r):
        raise PermissionDenied(
            _("Only the representative of %(org)s or the coordinator may do this.")
            % {"org": r.organisation.name}
        )
    try:
        found = contacts_suggest(demand=r, actor=request.user)
    except ServiceError as exc:
        messages.error(request, str(exc))
    else:
        messages.info(
            request,
            _(
                "%(n)s contacts found; their colleagues are asked whether this is something for them."
            )
            % {"n": len(found)},
        )
        _tell_mail_state(request, contact_owners_ask(r))
    return redirect(reverse("meetings:brief", args=[r.meeting_id]) + f"#request-{r.pk}")


def contact_answer(request, token: str):
    """The employee answers "is this something for your contact?" (the link in their email)."""
    s = get_object_or_404(
        ContactSuggestion.objects.select_related("demand__organisation", "person", "employee"),
        token=token,
    )
    if request.method == "POST":
        try:
            suggestion_answer(s, answer=request.POST.get("answer", ""))
        except ServiceError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Thank you."))
        return redirect(request.path)
    return render(request, "meetings/contact_answer.html", {"suggestion": s})


@login_required
def results(request, pk: int):
    f = access.federation_for(request, pk)
    me = getattr(request.user, "employee", None)
    data = federation_results(f, viewer_org=me.organisation_id if me else None)
    return render(
        request,
        "meetings/results.html",
        {
            "federation": f,
            "results": data,
            "chart": json.dumps(data["by_meeting"]),
            "public": False,
            "published": PublicResults.objects.filter(federation=f).first(),
        },
    )


def public_results(request, token: str):
    """The connected organisations' showcase: figures only, no login, no personal data.

    Only while the coordinator has it switched on, at its unguessable address;
    groups smaller than ``WEAKTIES_MIN_GROUP`` are hidden.
    """
    published = get_object_or_404(PublicResults.objects.select_related("federation"), token=token)
    f = published.federation
    data = federation_results(f, public=True)
    return render(
        request,
        "meetings/results.html",
        {"federation": f, "results": data, "chart": json.dumps(data["by_meeting"]), "public": True},
    )


@login_required
@require_POST
def public_switch(request, pk: int):
    """The coordinator publishes the results page, or takes it down."""
    f = access.federation_for(request, pk)
    access.require(rules.is_coordinator(request.user, f), access.ONLY_COORDINATOR)
    on = request.POST.get("public") == "on"
    public_results_switch(f, on=on, actor=request.user)
    messages.success(
        request,
        _("The results page is public now; share its address.")
        if on
        else _("The results page is no longer public; its address no longer works."),
    )
    return redirect("meetings:federation", pk=f.pk)


@login_required
def organisation_results_view(request, pk: int):
    org = get_object_or_404(Organisation, pk=pk)
    if not rules.may_see_organisation_results(request.user, org):
        raise Http404
    data = organisation_results(org)
    labels = dict(RequestKind.choices)
    kinds = [[str(labels[k]), n] for k, n in data["requests_by_kind"].items()]
    return render(
        request,
        "meetings/org_results.html",
        {
            "organisation": org,
            "results": data,
            "federations": org.federations.all(),
            "kinds": kinds,
        },
    )
