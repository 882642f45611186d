"""Marking notices read: one (also when its link is followed) or all of them."""

from __future__ import annotations

from django.utils import timezone

from weakties.accounts.models import Employee
from weakties.notifications.models import Notice

__all__ = ["notice_mark_read", "notices_mark_all_read"]


def notice_mark_read(notice: Notice) -> Notice:
    """Mark ``notice`` read (once: the first moment stays); the caller checked it is the reader's."""
    if notice.read_at is None:
        now = timezone.now()
        Notice.objects.filter(pk=notice.pk, read_at__isnull=True).update(read_at=now)
        notice.read_at = now
    return notice


def notices_mark_all_read(*, employee: Employee) -> int:
    """Mark every unread notice of ``employee`` read; how many there were."""
    return Notice.objects.filter(employee=employee, read_at__isnull=True).update(
        read_at=timezone.now()
    )
