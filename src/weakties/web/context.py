"""Template context shared by every page."""

from __future__ import annotations

from django.conf import settings

from weakties.accounts.rules import employee_of, is_admin


def navigation(request):
    """``me`` (the signed-in employee, or None), ``may_administer`` (the admin menu) and
    ``outbox`` (the demo's Outbox link: administrators, in demo mode)."""
    user = getattr(request, "user", None)
    admin = is_admin(user)
    return {
        "me": employee_of(user),
        "may_administer": admin,
        "outbox": admin and bool(getattr(settings, "WEAKTIES_DEMO", False)),
    }
