"""Create and find organisations, and find their employees."""

from __future__ import annotations

from django.utils.translation import gettext as _

from weakties.accounts.models import Employee, Organisation
from weakties.core.errors import ServiceError

__all__ = ["organisation_create", "organisation_get", "employee_find"]


def organisation_create(*, name: str, domain: str = "") -> Organisation:
    name = " ".join(name.split())
    if not name:
        raise ServiceError(_("an organisation needs a name"))
    if Organisation.objects.filter(name__iexact=name).exists():
        raise ServiceError(_("organisation {name} already exists").format(name=repr(name)))
    return Organisation.objects.create(name=name, domain=domain.lower().strip())


def organisation_get(*, name: str | None = None) -> Organisation:
    """The named organisation, or the only one when no name is given."""
    if name:
        org = Organisation.objects.filter(name__iexact=name.strip()).first()
        if org is None:
            raise ServiceError(
                _("no organisation named {name}; create it with `weakties org create NAME`").format(
                    name=repr(name)
                )
            )
        return org
    orgs = list(Organisation.objects.all()[:2])
    if not orgs:
        raise ServiceError(
            _("there is no organisation yet; create one with `weakties org create NAME`")
        )
    if len(orgs) > 1:
        raise ServiceError(_("there are several organisations; say which with --org NAME"))
    return orgs[0]


def employee_find(*, email: str, organisation: Organisation | None = None) -> Employee:
    """The employee with this work email; the owner of an import must be in the directory."""
    qs = Employee.objects.select_related("organisation", "person").filter(
        email__iexact=email.strip()
    )
    if organisation is not None:
        qs = qs.filter(organisation=organisation)
    found = list(qs[:2])
    if not found:
        raise ServiceError(
            _(
                "{email} is not in the directory; import the HR directory first "
                "with `weakties import directory FILE --org NAME`"
            ).format(email=email)
        )
    if len(found) > 1:
        raise ServiceError(
            _("{email} works at several organisations; say which with --org NAME").format(
                email=email
            )
        )
    return found[0]
