"""Who may use the expertise finder, edit a profile and work with target lists (issue 10, part 5).

Named predicates: each takes a *user* (a login, as pages and the API have)
or an :class:`~weakties.accounts.models.Employee` (as the CLI's ``--as`` has)
and answers ``True`` or ``False``.  Pages, the API and the CLI all ask these;
refusing (403, 404, a one-line error) is the edge's business.

* **expertise finder**: every active employee searches their own
  organisation's colleagues (the connected organisation, seed ``001_*``:
  everyone can use everyone's knowledge).  Results name colleagues and
  counts of whom they know, never a contact.
* **profile**: an employee edits their own skills, focus topics and blurb;
  nobody else edits it (not even an admin: it is what the employee says of
  themself).  Colleagues of the same organisation read it in the finder.
* **target lists**: sales people, recruiters and admins build lists of
  target companies or people and see the paths to them (seed ``000_*``:
  marketing and recruiting reach people *through* colleagues).  Other roles
  (employee, representative, coordinator) use the finder and "who can
  introduce me", not lists of targets.
* a list is its **owner's**: only they change it, watch it or delete it.
  Admins of the organisation may also see (not change) every list of their
  organisation, to know what is being prospected.  Nobody of another
  organisation sees it, nor learns that it exists.

Inactive employees (who left) may do none of it.
"""

from __future__ import annotations

from typing import Any

from weakties.accounts.models import Employee, Role
from weakties.accounts.rules import employee_of

__all__ = [
    "TARGET_LIST_ROLES",
    "acting_employee",
    "may_use_finder",
    "may_edit_profile",
    "may_use_target_lists",
    "may_see_target_list",
    "may_change_target_list",
]

#: The roles that work with target lists.
TARGET_LIST_ROLES = frozenset({Role.SALES, Role.RECRUITER, Role.ADMIN})


def acting_employee(actor: Any) -> Employee | None:
    """The active employee a user (or an employee, from the CLI) acts as; ``None`` if none."""
    me = actor if isinstance(actor, Employee) else employee_of(actor)
    if me is None or not me.active:
        return None
    return me


def may_use_finder(actor: Any) -> bool:
    """Every active employee searches their organisation's colleagues."""
    return acting_employee(actor) is not None


def may_edit_profile(actor: Any, employee: Employee) -> bool:
    """Only the employee themself (while active) edits their profile."""
    me = acting_employee(actor)
    return me is not None and me.pk == employee.pk


def may_use_target_lists(actor: Any) -> bool:
    """Active sales people, recruiters and admins build and watch target lists."""
    me = acting_employee(actor)
    return me is not None and me.role in TARGET_LIST_ROLES


def may_see_target_list(actor: Any, target_list: Any) -> bool:
    """The list's owner (while they may use lists) and the admins of its organisation."""
    me = acting_employee(actor)
    if me is None or me.organisation_id != target_list.organisation_id:
        return False
    if me.role == Role.ADMIN:
        return True
    return me.pk == target_list.owner_id and may_use_target_lists(me)


def may_change_target_list(actor: Any, target_list: Any) -> bool:
    """Only the owner changes, watches or deletes their list (while they may use lists)."""
    me = acting_employee(actor)
    return (
        me is not None
        and me.pk == target_list.owner_id
        and me.organisation_id == target_list.organisation_id
        and may_use_target_lists(me)
    )
