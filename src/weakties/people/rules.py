"""Who may see an employee's network (DESIGN.md, privacy by design).

Named predicates: they take a *user* and answer ``True`` or ``False``; the
pages (:mod:`weakties.web.views`, :mod:`weakties.insights.views`) ask them
and refuse at their edge.

* an employee's network (whom they know) is visible to that employee and to
  the administrators of their organisation; colleagues see counts only;
* the contact details on the ties are for the owner alone, not for admins;
* an import's progress is for the one who uploaded it and for admins.
"""

from __future__ import annotations

from weakties.accounts.models import Employee
from weakties.accounts.rules import employee_of, is_org_admin
from weakties.people.models import ImportBatch

__all__ = ["may_see_network", "may_see_contact_details", "may_see_import"]


def may_see_network(user, employee: Employee) -> bool:
    """Whom an employee knows is visible to that employee and to their organisation's admins."""
    me = employee_of(user)
    if me is not None and me.pk == employee.pk:
        return True
    return is_org_admin(user, employee.organisation)


def may_see_contact_details(user, employee: Employee) -> bool:
    """The contact details on an employee's ties are for that employee alone, not for admins."""
    me = employee_of(user)
    return me is not None and me.pk == employee.pk


def may_see_import(user, batch: ImportBatch) -> bool:
    """An import is visible to the employee who uploaded it and to their organisation's admins."""
    me = employee_of(user)
    return (me is not None and batch.owner_id == me.pk) or is_org_admin(user, batch.organisation)
