"""Who administers an organisation (DESIGN.md, privacy by design).

Named predicates: they take a *user* (not a request) and answer ``True`` or
``False``. Pages, the API and the CLI all ask them, so each rule lives here
once. Refusing (403, 404, a message) is the edge's business.

* an **administrator** is an active employee with the admin role, or a superuser;
  an admin who has left (inactive) administers nothing;
* an administrator acts for their own organisation only; a superuser who is
  not linked to an employee acts for any organisation.
"""

from __future__ import annotations

from weakties.accounts.models import Employee, Organisation

__all__ = ["employee_of", "is_admin", "is_org_admin"]


def employee_of(user) -> Employee | None:
    """The employee a signed-in user is linked to, or ``None``."""
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    return getattr(user, "employee", None)


def is_admin(user) -> bool:
    """A superuser, or an active employee with the admin role (of whichever organisation)."""
    if user is not None and getattr(user, "is_superuser", False):
        return True
    me = employee_of(user)
    return me is not None and me.active and me.is_admin


def is_org_admin(user, organisation: Organisation) -> bool:
    """An admin employee of this organisation, or a superuser not employed by another one."""
    me = employee_of(user)
    return is_admin(user) and (me is None or me.organisation_id == organisation.pk)
