"""The "new employer network" page (issue 11): an organisation's administrator founds a
federation from the web, with their organisation as its first member and a coordinator from
it; the coordinator then invites the other organisations on the federation's page.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from weakties.accounts.access import current_employee
from weakties.accounts.models import Employee
from weakties.accounts.rules import is_org_admin
from weakties.core.errors import ServiceError
from weakties.meetings.services.federations import federation_create


class FederationForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Name of the network"), max_length=200)
    coordinator = forms.ModelChoiceField(
        label=gettext_lazy("Coordinator"),
        queryset=Employee.objects.none(),
        help_text=gettext_lazy("Runs the network: invites organisations and plans meetings."),
    )

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["coordinator"].queryset = Employee.objects.filter(
            organisation=organisation, active=True
        ).order_by("last_name", "first_name")


@login_required
def federation_new(request):
    """Only an administrator of an organisation founds a network for it."""
    me = current_employee(request)
    if not is_org_admin(request.user, me.organisation):
        raise PermissionDenied(_("Only an administrator of your organisation may start a network."))
    form = FederationForm(
        request.POST or None, organisation=me.organisation, initial={"coordinator": me.pk}
    )
    if request.method == "POST" and form.is_valid():
        try:
            federation = federation_create(
                name=form.cleaned_data["name"],
                members=[me.organisation.name],
                coordinator=form.cleaned_data["coordinator"].email,
                actor=request.user,
            )
        except ServiceError as exc:
            form.add_error("name", str(exc))
        else:
            messages.success(
                request,
                _("%(name)s is started. Invite the other organisations below.")
                % {"name": federation.name},
            )
            return redirect("meetings:federation", pk=federation.pk)
    return render(request, "meetings/federation_new.html", {"form": form, "org": me.organisation})
