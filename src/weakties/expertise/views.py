"""Pages of the connected organisation: profile, expertise finder, target lists.  Thin."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from weakties.accounts.access import current_employee
from weakties.core.errors import ServiceError
from weakties.expertise import access, rules
from weakties.expertise.forms import (
    FinderForm,
    ProfileForm,
    TargetListForm,
    TargetListSettingsForm,
)
from weakties.expertise.models import Profile
from weakties.expertise.selectors.coverage import coverage, specs_of
from weakties.expertise.selectors.finder import expertise_search
from weakties.expertise.selectors.lists import target_introductions, visible_lists
from weakties.expertise.services.profiles import profile_of, profile_update
from weakties.expertise.services.target_lists import (
    target_lines,
    target_list_create,
    target_list_delete,
    target_list_replace,
    target_list_update,
)
from weakties.insights.services.introductions import by_introducer


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
    me = access.finder_user(request)
    form = FinderForm(request.GET or None)
    hits = None
    limit = 20
    if form.is_bound and form.is_valid():
        limit = form.cleaned_data["limit"] or limit
        try:
            hits = expertise_search(
                organisation=me.organisation,
                query=form.cleaned_data["q"],
                searcher=me,
                actor=request.user,
                limit=limit,
            )
        except ServiceError as exc:
            form.add_error("q", str(exc))
    profiles = {}
    if hits:
        ids = [h.employee["id"] for h in hits]
        profiles = {p.employee_id: p for p in Profile.objects.filter(employee_id__in=ids)}
    results = [{"hit": h, "profile": profiles.get(h.employee["id"])} for h in hits or []]
    context = {
        "form": form,
        "results": results if hits is not None else None,
        "limit": limit,
        "may_use_lists": rules.may_use_target_lists(request.user),
        "has_profile": Profile.objects.filter(employee=me).exists(),
    }
    return render(request, "expertise/index.html", context)


@login_required
def targets(request):
    """The user's target lists (admins: every list of the organisation) and a new list."""
    me = access.list_user(request)
    form = TargetListForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            upload = d.get("file")
            lines = (
                target_lines(data=upload.read(), file_name=upload.name)
                if upload
                else target_lines(text=d["text"])
            )
            created = target_list_create(
                owner=me, name=d["name"], lines=lines, purpose=d["purpose"], watched=d["watched"]
            )
        except ServiceError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The list is saved."))
            return redirect("expertise:target_list", pk=created.pk)
    lists = visible_lists(me).annotate(n=Count("targets"))
    return render(request, "expertise/targets.html", {"form": form, "lists": lists, "me": me})


@login_required
def target_list(request, pk: int):
    """A list's coverage: the summary and, per target, the best paths."""
    found = access.target_list_for(request, pk)
    may_change = rules.may_change_target_list(request.user, found)
    result = coverage(
        organisation=found.organisation, targets=specs_of(found), show_urls=may_change
    )
    status = request.GET.get("status", "")
    shown = [t for t in result["targets"] if not status or t["status"] == status]
    context = {
        "target_list": found,
        "summary": result["summary"],
        "targets": shown,
        "status": status,
        "may_change": may_change,
        "settings_form": TargetListSettingsForm(
            initial={"name": found.name, "purpose": found.purpose, "watched": found.watched}
        ),
        "replace_form": TargetListForm(prefix="replace"),
    }
    return render(request, "expertise/target_list.html", context)


@login_required
@require_POST
def target_list_settings(request, pk: int):
    found = access.target_list_for(request, pk, change=True)
    form = TargetListSettingsForm(request.POST)
    if form.is_valid():
        try:
            target_list_update(
                target_list=found, actor=current_employee(request), **form.cleaned_data
            )
        except ServiceError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("The list is saved."))
    return redirect("expertise:target_list", pk=found.pk)


@login_required
@require_POST
def target_list_watch(request, pk: int):
    """Watch or stop watching (``watch=1`` / ``watch=0``)."""
    found = access.target_list_for(request, pk, change=True)
    watched = request.POST.get("watch") == "1"
    target_list_update(target_list=found, actor=current_employee(request), watched=watched)
    messages.success(
        request,
        _("You will be told when an import creates a path to one of these targets.")
        if watched
        else _("You no longer watch this list."),
    )
    return redirect("expertise:target_list", pk=found.pk)


@login_required
@require_POST
def target_list_replace_view(request, pk: int):
    found = access.target_list_for(request, pk, change=True)
    form = TargetListForm(request.POST, request.FILES, prefix="replace", replacing=True)
    if form.is_valid():
        upload = form.cleaned_data.get("file")
        try:
            lines = (
                target_lines(data=upload.read(), file_name=upload.name)
                if upload
                else target_lines(text=form.cleaned_data["text"])
            )
            target_list_replace(target_list=found, lines=lines, actor=current_employee(request))
        except ServiceError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("The targets are replaced."))
    else:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect("expertise:target_list", pk=found.pk)


@login_required
@require_POST
def target_list_delete_view(request, pk: int):
    found = access.target_list_for(request, pk, change=True)
    target_list_delete(target_list=found, actor=current_employee(request))
    messages.success(request, _("The list is deleted."))
    return redirect("expertise:targets")


@login_required
def target(request, list_pk: int, pk: int):
    """One target: every colleague who can introduce, ranked for the list's purpose."""
    found, one = access.target_for(request, list_pk, pk)
    me = current_employee(request)
    page = target_introductions(target=one, target_list=found, actor=request.user, limit=50)
    context = {
        "target_list": found,
        "target": one,
        "page": page,
        "groups": by_introducer(page.rows),
        "may_change": rules.may_change_target_list(request.user, found),
        "me": me,
    }
    return render(request, "expertise/target.html", context)
