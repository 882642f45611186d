"""Who may see and change notices (pages, API and CLI ask these).

A notice belongs to one employee: only they see it, mark it read, or change
how they are emailed.  Nobody else does, not a colleague, not an admin of
their organisation, not anyone of another organisation: a notice may say
whom its reader asked for an introduction.
"""

from __future__ import annotations

from weakties.accounts.models import Employee
from weakties.accounts.rules import employee_of
from weakties.notifications.models import Notice

__all__ = ["has_notices", "may_see_notice"]


def has_notices(user) -> bool:
    """A signed-in user linked to an employee: they have a list of notices and settings."""
    return employee_of(user) is not None


def may_see_notice(user_or_employee, notice: Notice) -> bool:
    """Only the employee the notice was made for (a user, or the employee the CLI acts as)."""
    me = (
        user_or_employee
        if isinstance(user_or_employee, Employee)
        else employee_of(user_or_employee)
    )
    return me is not None and notice.employee_id == me.pk
