"""Ambassador material: employees copy a post's text and say when they shared it; admins publish."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from weakties.core.errors import ServiceError

from .. import access, rules
from ..forms import PostForm
from ..models import Post
from ..selectors import post_share_counts, posts_for
from ..services.material import post_archive, post_publish, share_mark


@login_required
def material(request):
    me = access.member(request)
    admin = rules.may_publish_material(request.user, me.organisation)
    form = PostForm(request.POST or None) if admin else None
    if request.method == "POST":
        access.require(admin)
        if form is not None and form.is_valid():
            try:
                post_publish(
                    organisation=me.organisation,
                    published_by=me,
                    actor=request.user,
                    **form.cleaned_data,
                )
            except ServiceError as exc:
                form.add_error(None, str(exc))
            else:
                return redirect("ambassadors:material")
    return render(
        request,
        "ambassadors/material.html",
        {
            "posts": posts_for(employee=me),
            "form": form,
            "admin": admin,
            "counts": post_share_counts(organisation=me.organisation) if admin else [],
            "minimum": settings.WEAKTIES_MIN_GROUP,
            "tab": "material",
        },
    )


def _post(request, pk: int) -> Post:
    me = access.member(request)
    post = Post.objects.filter(pk=pk, organisation_id=me.organisation_id).first()
    if post is None:
        raise Http404
    return post


@login_required
@require_POST
def shared(request, pk: int):
    """Tick or untick "I shared it" (htmx answers with the updated button)."""
    post = _post(request, pk)
    access.require(rules.may_mark_shared(request.user, post))
    me = access.member(request)
    state = share_mark(post=post, employee=me, shared=request.POST.get("shared", "1") == "1")
    if request.htmx:
        return render(request, "ambassadors/_shared.html", {"p": post, "shared": state})
    return redirect("ambassadors:material")


@login_required
@require_POST
def archive(request, pk: int):
    post = _post(request, pk)
    access.require(rules.may_publish_material(request.user, post.organisation))
    post_archive(post=post, actor=request.user)
    messages.success(request, post.title)
    return redirect("ambassadors:material")
