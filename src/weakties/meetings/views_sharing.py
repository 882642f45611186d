"""The page where an employee, and an admin for the organisation, lend networks to the employer network.

Thin: it shows the consent texts and the two states, and calls
:mod:`weakties.meetings.services.network_sharing` (issue 12 §6).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from weakties.accounts.rules import employee_of
from weakties.core.errors import ServiceError
from weakties.meetings import rules
from weakties.meetings.services.network_sharing import (
    CONSENT_TEXT,
    ORGANISATION_TEXT,
    network_sharing_give,
    network_sharing_state,
    network_sharing_withdraw,
)


@login_required
def network_sharing(request):
    """GET: the texts and the states; POST ``scope`` (employee, organisation) and ``give`` (1, 0)."""
    me = employee_of(request.user)
    if me is None:
        raise Http404
    organisation = me.organisation
    admin = rules.may_share_organisation_networks(request.user, organisation)
    if request.method == "POST":
        scope = request.POST.get("scope")
        employee = me if scope == "employee" else None
        change = (
            network_sharing_give if request.POST.get("give") == "1" else network_sharing_withdraw
        )
        try:
            change(organisation=organisation, employee=employee, actor=request.user, via="web")
        except ServiceError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Saved."))
        return redirect("meetings:network_sharing")
    return render(
        request,
        "meetings/network_sharing.html",
        {
            "state": network_sharing_state(employee=me),
            "consent_text": CONSENT_TEXT,
            "organisation_text": ORGANISATION_TEXT,
            "organisation": organisation,
            "admin": admin,
        },
    )
