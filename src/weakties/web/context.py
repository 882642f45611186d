"""Template context shared by every page."""

from __future__ import annotations


def navigation(request):
    employee = (
        getattr(getattr(request, "user", None), "employee", None)
        if getattr(request, "user", None) and request.user.is_authenticated
        else None
    )
    return {"me": employee}
