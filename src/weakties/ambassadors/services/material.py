"""Ambassador material: admins publish short posts; employees say when they shared one.

Seed 000: management gives its ambassadors *material* and explains why it
matters. A post is a link with a suggested text in Dutch and English that
employees copy to their own channels. weakties never posts on anyone's
behalf: a share is recorded only when the employee ticks "I shared it", and
they can untick it.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils import timezone
from django.utils.translation import gettext as _

from weakties.accounts.models import Employee, Organisation
from weakties.accounts.services.audit import audit
from weakties.core.errors import ServiceError

from ..models import Post, Share

__all__ = ["post_publish", "post_archive", "post_get", "share_mark"]


def post_publish(
    *,
    organisation: Organisation,
    title_nl: str,
    link: str,
    text_nl: str,
    title_en: str = "",
    text_en: str = "",
    published_by: Employee | None = None,
    actor: Any = None,
) -> Post:
    """Publish a post: a Dutch title and text are required, English ones are welcome."""
    link = (link or "").strip()
    try:
        URLValidator(schemes=["http", "https"])(link)
    except ValidationError:
        raise ServiceError(
            _("{link} is not a web address (https://…).").format(link=repr(link))
        ) from None
    if not (title_nl or "").strip() or not (text_nl or "").strip():
        raise ServiceError(_("A post needs a Dutch title and a suggested text."))
    post = Post.objects.create(
        organisation=organisation,
        title_nl=title_nl.strip()[:200],
        title_en=(title_en or "").strip()[:200],
        link=link,
        text_nl=text_nl.strip(),
        text_en=(text_en or "").strip(),
        published_by=published_by,
    )
    audit("ambassadors.post_publish", actor=actor, organisation=organisation.pk, post=post.pk)
    return post


def post_get(*, organisation: Organisation, post_id: int) -> Post:
    """A post of this organisation (another organisation's is "not found")."""
    post = Post.objects.filter(organisation=organisation, pk=post_id).first()
    if post is None:
        raise ServiceError(_("There is no such post."))
    return post


def post_archive(*, post: Post, actor: Any = None) -> Post:
    """Take a post off the employees' list (its shares stay counted)."""
    if post.archived_at is None:
        post.archived_at = timezone.now()
        post.save(update_fields=["archived_at"])
        audit(
            "ambassadors.post_archive", actor=actor, organisation=post.organisation_id, post=post.pk
        )
    return post


def share_mark(*, post: Post, employee: Employee, shared: bool = True) -> bool:
    """The employee says they shared the post (or takes it back); returns the new state."""
    if post.organisation_id != employee.organisation_id or post.archived_at is not None:
        raise ServiceError(_("There is no such post."))
    if shared:
        Share.objects.get_or_create(post=post, employee=employee)
    else:
        Share.objects.filter(post=post, employee=employee).delete()
    return shared
