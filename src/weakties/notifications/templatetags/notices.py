"""``{% unread_notices me as n %}``: the number in the menu (one COUNT on an indexed column)."""

from __future__ import annotations

from django import template

from weakties.notifications.selectors import unread_count

register = template.Library()


@register.simple_tag
def unread_notices(employee) -> int:
    """How many unread notices ``employee`` has; 0 without an employee."""
    if employee is None:
        return 0
    return unread_count(employee=employee)
