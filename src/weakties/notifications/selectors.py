"""Reading notices: an employee's own list, the unread count, one notice.

Every function takes the employee whose notices it reads; none reads
another employee's notices (:mod:`weakties.notifications.rules`).
"""

from __future__ import annotations

from django.db.models import Case, IntegerField, QuerySet, Value, When

from weakties.accounts.models import Employee
from weakties.notifications.models import Notice

__all__ = ["notices_of", "unread_count", "notice_of", "notice_dict"]


def notices_of(*, employee: Employee, unread: bool = False) -> QuerySet[Notice]:
    """The employee's notices: unread first, then newest first (``unread``: only unread ones)."""
    qs = Notice.objects.filter(employee=employee)
    if unread:
        return qs.filter(read_at__isnull=True).order_by("-created_at", "-pk")
    unread_first = Case(
        When(read_at__isnull=True, then=Value(0)), default=Value(1), output_field=IntegerField()
    )
    return qs.order_by(unread_first, "-created_at", "-pk")


def unread_count(*, employee: Employee) -> int:
    """How many of the employee's notices are unread (the number in the menu)."""
    return Notice.objects.filter(employee=employee, read_at__isnull=True).count()


def notice_of(*, employee: Employee, notice_id: int | str) -> Notice | None:
    """The employee's own notice with this id; None for another's or one that does not exist."""
    try:
        pk = int(notice_id)
    except (TypeError, ValueError):
        return None
    return Notice.objects.filter(employee=employee, pk=pk).first()


def notice_dict(notice: Notice, *, url: str) -> dict:
    """A notice for the API and ``--json`` (``url``: where it points, absolute)."""
    return {
        "id": notice.pk,
        "kind": notice.kind,
        "subject": notice.subject,
        "body": notice.body,
        "link": notice.link,
        "url": url,
        "created": notice.created_at.isoformat(),
        "read": notice.read_at is not None,
        "read_at": notice.read_at.isoformat() if notice.read_at else None,
        "emailed_at": notice.emailed_at.isoformat() if notice.emailed_at else None,
    }
