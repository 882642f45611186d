"""Template context shared by every page."""

from __future__ import annotations

from weakties.accounts.rules import employee_of, is_admin


def navigation(request):
    """``me`` (the signed-in employee, or None) and ``may_administer`` (the admin menu)."""
    user = getattr(request, "user", None)
    return {"me": employee_of(user), "may_administer": is_admin(user)}
