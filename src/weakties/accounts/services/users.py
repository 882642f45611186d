"""Logins and roles of an organisation's employees, managed by its administrators (issue 11).

* :func:`login_create` gives an employee a login (username = work email) without a
  password: the edge then emails a link to choose one (the first-login flow);
* :func:`role_set` changes an employee's role;
* :func:`employee_deactivate` / :func:`employee_reactivate`: a deactivated employee
  cannot sign in and administers nothing.

An organisation never loses its last active administrator through these
(nobody locks the organisation out). No app role makes a login Django staff:
Django's ``/admin/`` stays for superusers. Every change writes an audit line.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.translation import gettext as _

from weakties.accounts.models import Employee, Role
from weakties.accounts.services.audit import audit
from weakties.core.errors import ServiceError

__all__ = ["login_create", "role_set", "employee_deactivate", "employee_reactivate", "login_state"]

_ADMIN = str(Role.ADMIN)


def login_state(employee: Employee) -> str:
    """``none`` (no login), ``invited`` (no password chosen yet), ``active`` or ``inactive``."""
    user = employee.user
    if not employee.active or (user is not None and not user.is_active):
        return "inactive"
    if user is None:
        return "none"
    return "active" if user.has_usable_password() else "invited"


def _other_active_admins(employee: Employee) -> bool:
    """Another active admin of the organisation; their rows stay locked until the change commits,
    so two admins demoting each other at once cannot both succeed."""
    admins = (
        Employee.objects.select_for_update()
        .filter(organisation_id=employee.organisation_id, role=_ADMIN, active=True)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    return any(pk != employee.pk for pk in admins)


def _keep_an_admin(employee: Employee) -> None:
    if employee.role == _ADMIN and employee.active and not _other_active_admins(employee):
        raise ServiceError(
            _(
                "{name} is the last active administrator of {org}; make someone else "
                "an administrator first"
            ).format(name=employee.full_name or employee.email, org=employee.organisation.name)
        )


@transaction.atomic
def login_create(*, employee: Employee, actor: Any = None) -> Any:
    """A login for the employee (username = work email), without a usable password yet.

    An existing login of the employee is returned as it is; a login with that
    username that belongs to nobody is linked.
    """
    employee = (
        Employee.objects.select_for_update(of=("self",)).select_related("user").get(pk=employee.pk)
    )
    if not employee.active:
        raise ServiceError(_("{email} is deactivated").format(email=employee.email))
    if employee.user is not None:
        return employee.user
    User = get_user_model()
    user = User.objects.filter(username__iexact=employee.email).first()
    if user is not None and Employee.objects.filter(user=user).exists():
        raise ServiceError(
            _("the login {username} belongs to another employee").format(username=user.username)
        )
    if user is None:
        user = User(username=employee.email)
        user.set_unusable_password()
    user.email = employee.email
    user.first_name, user.last_name = employee.first_name[:150], employee.last_name[:150]
    user.is_active = True
    user.save()
    employee.user = user
    employee.save(update_fields=["user"])
    audit(
        "login_created", actor=actor, employee=employee.email, organisation=employee.organisation_id
    )
    return user


@transaction.atomic
def role_set(*, employee: Employee, role: str, actor: Any = None) -> Employee:
    """Give the employee ``role`` (one of :class:`Role`)."""
    if role not in Role.values:
        raise ServiceError(_("unknown role {role}").format(role=repr(role)))
    employee = (
        Employee.objects.select_for_update(of=("self",))
        .select_related("organisation")
        .get(pk=employee.pk)
    )
    if employee.role == role:
        return employee
    if role != _ADMIN:
        _keep_an_admin(employee)
    before = employee.role
    employee.role = role
    employee.save(update_fields=["role"])
    audit(
        "role_changed",
        actor=actor,
        employee=employee.email,
        organisation=employee.organisation_id,
        before=before,
        after=role,
    )
    return employee


@transaction.atomic
def employee_deactivate(*, employee: Employee, actor: Any = None) -> Employee:
    """The employee can no longer sign in; their data stays."""
    employee = (
        Employee.objects.select_for_update(of=("self",))
        .select_related("organisation", "user")
        .get(pk=employee.pk)
    )
    if not employee.active:
        return employee
    _keep_an_admin(employee)
    employee.active = False
    employee.save(update_fields=["active"])
    if employee.user is not None:
        employee.user.is_active = False
        employee.user.save(update_fields=["is_active"])
    audit(
        "employee_deactivated",
        actor=actor,
        employee=employee.email,
        organisation=employee.organisation_id,
    )
    return employee


@transaction.atomic
def employee_reactivate(*, employee: Employee, actor: Any = None) -> Employee:
    """Undo :func:`employee_deactivate`: the employee (and their login) is active again."""
    employee = (
        Employee.objects.select_for_update(of=("self",)).select_related("user").get(pk=employee.pk)
    )
    if employee.active and (employee.user is None or employee.user.is_active):
        return employee
    employee.active = True
    employee.save(update_fields=["active"])
    if employee.user is not None:
        employee.user.is_active = True
        employee.user.save(update_fields=["is_active"])
    audit(
        "employee_reactivated",
        actor=actor,
        employee=employee.email,
        organisation=employee.organisation_id,
    )
    return employee
