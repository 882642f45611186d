"""Who may read which part of the audit log (issue 12; DESIGN.md, privacy by design).

* an employee reads who looked up or asked about *their own* contacts;
* an organisation's admin reads that organisation's log (never another's);
* nobody else reads anything of it.
"""

from __future__ import annotations

from weakties.accounts.models import Employee, Organisation
from weakties.accounts.rules import employee_of, is_org_admin

__all__ = ["may_see_own_lookups", "may_see_organisation_log"]


def may_see_own_lookups(user) -> Employee | None:
    """The signed-in active employee whose contacts' lookups may be shown, or ``None``."""
    me = employee_of(user)
    return me if me is not None and me.active else None


def may_see_organisation_log(user, organisation: Organisation | None) -> bool:
    return organisation is not None and is_org_admin(user, organisation)
