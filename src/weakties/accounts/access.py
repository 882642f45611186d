"""How the pages refuse a login that is no employee (DESIGN.md, privacy by design).

The rules themselves are named predicates in the owning app
(:mod:`weakties.accounts.rules`, :mod:`weakties.people.rules`); this module
only finds the signed-in employee for a request, or refuses with 403. It sits
in ``accounts`` so that every app's pages (``web``, ``insights``) can use it.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from weakties.accounts.models import Employee


def current_employee(request) -> Employee:
    """The employee the signed-in user is; 403 for a login that is linked to none."""
    employee = getattr(request.user, "employee", None)
    if employee is None:
        raise PermissionDenied(_("This login is not linked to an employee."))
    return employee
