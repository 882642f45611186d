"""Who may see what (DESIGN.md, privacy by design)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from weakties.accounts.models import Employee


def current_employee(request) -> Employee:
    employee = getattr(request.user, "employee", None)
    if employee is None:
        raise PermissionDenied(_("This login is not linked to an employee."))
    return employee


def is_admin(request) -> bool:
    employee = getattr(request.user, "employee", None)
    return request.user.is_superuser or (employee is not None and employee.is_admin)


def can_see_network(request, employee: Employee) -> bool:
    """An employee's own network is visible to that employee and to admins only."""
    me = getattr(request.user, "employee", None)
    if me is not None and me.pk == employee.pk:
        return True
    return is_admin(request) and (me is None or me.organisation_id == employee.organisation_id)
