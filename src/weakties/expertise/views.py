"""Pages of the connected organisation: profile, expertise finder, target lists.  Thin."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from weakties.accounts.access import current_employee
from weakties.core.errors import ServiceError
from weakties.expertise import rules
from weakties.expertise.forms import ProfileForm
from weakties.expertise.services.profiles import profile_of, profile_update


@login_required
def profile(request):
    """The signed-in employee's own profile: skills, focus topics and blurb."""
    me = current_employee(request)
    if not rules.may_edit_profile(request.user, me):
        raise PermissionDenied(_("Only active employees edit their profile."))
    current = profile_of(me)
    initial = {
        "skills": current.skills,
        "focus_topics": current.focus_topics,
        "blurb": current.blurb,
    }
    form = ProfileForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            profile_update(employee=me, **form.cleaned_data)
        except ServiceError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Your profile is saved."))
            return redirect("expertise:profile")
    return render(request, "expertise/profile.html", {"form": form, "profile": current})


@login_required
def index(request):
    """The expertise finder: colleagues by skill, focus topic, job, or whom they know."""
    me = current_employee(request)
    if not rules.may_use_finder(request.user):
        raise PermissionDenied(_("Only active employees search their colleagues."))
    query = request.GET.get("q", "").strip()
    return render(request, "expertise/index.html", {"me": me, "query": query, "results": None})
