"""Ambassador material: the posts an employee sees, and how often each was shared.

weakties records a share only when the employee ticks "I shared it"; it never
posts on anybody's behalf and never checks. The counts an admin sees are
aggregates over people, so a count below ``WEAKTIES_MIN_GROUP`` is shown as
"fewer than N" (DESIGN.md, privacy): who shared what stays with each employee.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db.models import Count, Exists, OuterRef, QuerySet

from weakties.accounts.models import Employee, Organisation

from ..models import Post, Share

__all__ = ["posts_for", "post_share_counts", "shared_by"]


def posts_for(*, employee: Employee, limit: int = 50) -> QuerySet[Post]:
    """The organisation's published posts, newest first, each with ``shared`` for this employee."""
    return (
        Post.objects.filter(organisation_id=employee.organisation_id, archived_at__isnull=True)
        .annotate(
            shared=Exists(Share.objects.filter(post_id=OuterRef("pk"), employee_id=employee.pk))
        )
        .order_by("-published_at", "-id")[:limit]
    )


def post_share_counts(*, organisation: Organisation, limit: int = 50) -> list[dict[str, Any]]:
    """Every post (archived ones too) with its share count, small counts hidden."""
    minimum = settings.WEAKTIES_MIN_GROUP
    rows = []
    for post in (
        Post.objects.filter(organisation=organisation)
        .annotate(n=Count("shares"))
        .order_by("-published_at", "-id")[:limit]
    ):
        rows.append({"post": post, "shares": post.n if post.n == 0 or post.n >= minimum else None})
    return rows


def shared_by(*, employee: Employee) -> QuerySet[Share]:
    """What this employee said they shared, newest first (their own contribution)."""
    return (
        Share.objects.filter(employee=employee).select_related("post").order_by("-shared_at", "-id")
    )
