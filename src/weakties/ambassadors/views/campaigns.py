"""The admin's pages: campaigns and their funnel, the sync status, targets and white spots."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from weakties.accounts.models import Employee
from weakties.core.errors import ServiceError

from .. import access, rules
from ..forms import CampaignForm, TargetForm
from ..models import Target
from ..selectors import campaigns_overview, sync_rows, sync_summary, white_spots
from ..selectors.campaigns import (
    campaign_funnel,
    campaign_invitations,
    decline_reasons,
    reminder_allowed_at,
)
from ..selectors.sync import files_of
from ..services.campaigns import campaign_create, campaign_remind
from ..services.targets import target_add, target_remove
from ..tasks import send_campaign_mail

SKIP_TEXT = {
    "unknown": gettext_lazy("not a colleague"),
    "inactive": gettext_lazy("no longer works here"),
    "declined": gettext_lazy("declined earlier"),
    "recently_invited": gettext_lazy("invited recently"),
    "answered": gettext_lazy("answered already"),
}


def _departments(organisation) -> list[str]:
    return list(
        Employee.objects.filter(organisation=organisation, active=True)
        .exclude(department="")
        .values_list("department", flat=True)
        .distinct()
        .order_by("department")
    )


def _say_result(request, result) -> None:
    counts = result.as_dict()
    messages.success(
        request,
        _("Invited: %(invited)s. Already sharing: %(sharing)s. Skipped: %(skipped)s.")
        % {
            "invited": counts["invited"],
            "sharing": counts["already_sharing"],
            "skipped": counts["skipped"],
        },
    )
    if result.skipped:
        shown = ", ".join(f"{a} ({SKIP_TEXT.get(r, r)})" for a, r in result.skipped[:20])
        more = len(result.skipped) - 20
        messages.warning(
            request,
            _("Skipped: %(list)s") % {"list": shown}
            + (_(" and %(n)s more") % {"n": more} if more > 0 else ""),
        )


@login_required
def index(request):
    """Admins: campaigns and their funnel. Everyone else: their own contribution."""
    me = access.member(request)
    if not rules.may_see_funnel(request.user, me.organisation):
        return redirect("ambassadors:contribution")
    organisation = me.organisation
    departments = _departments(organisation)
    form = CampaignForm(request.POST or None, request.FILES or None, departments=departments)
    if request.method == "POST" and form.is_valid():
        access.require(rules.may_run_campaigns(request.user, organisation))
        try:
            result = campaign_create(
                organisation=organisation,
                scope=form.cleaned_data["scope"],
                department=form.cleaned_data["department"],
                emails=form.addresses(),
                message=form.cleaned_data["message"],
                created_by=me,
                actor=request.user,
            )
        except ServiceError as exc:
            form.add_error(None, str(exc))
        else:
            _say_result(request, result)
            return redirect("ambassadors:index")
    return render(
        request,
        "ambassadors/index.html",
        {
            "org": organisation,
            "form": form,
            "campaigns": campaigns_overview(organisation=organisation),
            "sync": sync_summary(organisation=organisation),
            "tab": "campaigns",
        },
    )


@login_required
def campaign(request, pk: int):
    c = access.campaign_for(request, pk)
    reminder_at = reminder_allowed_at(c)
    invitations = Paginator(campaign_invitations(campaign=c), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "ambassadors/campaign.html",
        {
            "campaign": c,
            "funnel": campaign_funnel(campaign=c),
            "page": invitations,
            "reasons": decline_reasons(campaign=c),
            "reminder_at": reminder_at,
            "reminder_open": reminder_at is not None and reminder_at <= timezone.now(),
            "tab": "campaigns",
        },
    )


@login_required
@require_POST
def remind(request, pk: int):
    c = access.campaign_for(request, pk)
    access.require(rules.may_run_campaigns(request.user, c.organisation))
    try:
        result = campaign_remind(campaign=c, actor=request.user)
    except ServiceError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            _("The reminder goes to %(n)s colleagues who have not answered.")
            % {"n": len(result.invited)},
        )
    return redirect("ambassadors:campaign", pk=c.pk)


@login_required
@require_POST
def send_again(request, pk: int):
    """Try the mail server again for what is not sent yet (after a failure)."""
    c = access.campaign_for(request, pk)
    access.require(rules.may_run_campaigns(request.user, c.organisation))
    kind = "reminder" if c.reminder_sent_at else "invitation"
    result = send_campaign_mail.enqueue(c.pk, kind, 1)
    messages.info(request, _("Sending again (%(id)s).") % {"id": result.id[:8]})
    return redirect("ambassadors:campaign", pk=c.pk)


@login_required
def sync(request):
    organisation = access.admin_organisation(request)
    status = request.GET.get("status", "")
    q = request.GET.get("q", "").strip()
    page = Paginator(sync_rows(organisation=organisation, status=status, q=q), 50).get_page(
        request.GET.get("page")
    )
    files = files_of(list(page.object_list))
    rows = [{"employee": e, "files": files.get(e.pk, [])} for e in page.object_list]
    return render(
        request,
        "ambassadors/sync.html",
        {
            "page": page,
            "rows": rows,
            "status": status,
            "q": q,
            "summary": sync_summary(organisation=organisation),
            "tab": "sync",
        },
    )


@login_required
def targets(request):
    organisation = access.admin_organisation(request)
    form = TargetForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        access.require(rules.may_edit_targets(request.user, organisation))
        try:
            target_add(
                organisation=organisation,
                kind=form.cleaned_data["kind"],
                name=form.cleaned_data["name"],
                actor=request.user,
            )
        except ServiceError as exc:
            form.add_error("name", str(exc))
        else:
            return redirect("ambassadors:targets")
    return render(
        request,
        "ambassadors/targets.html",
        {"form": form, "sector_names": TargetForm.sector_names(), "tab": "targets"},
    )


@login_required
def white_spots_part(request):
    """The white-spot table (htmx: loaded after the page, so the page itself never waits)."""
    organisation = access.admin_organisation(request)
    return render(
        request,
        "ambassadors/_white_spots.html",
        {"spots": white_spots(organisation=organisation)},
    )


@login_required
@require_POST
def target_delete(request, pk: int):
    organisation = access.admin_organisation(request)
    access.require(rules.may_edit_targets(request.user, organisation))
    if not Target.objects.filter(organisation=organisation, pk=pk).exists():
        raise Http404
    try:
        target_remove(organisation=organisation, target_id=pk, actor=request.user)
    except ServiceError as exc:
        messages.error(request, str(exc))
    return redirect("ambassadors:targets")
