"""Who may exercise or handle which privacy right (DESIGN.md, privacy by design).

Named predicates, asked alike by the pages, the API and the CLI (``--as``):

* every signed-in employee exports their *own* data, nobody else's;
* an organisation's admin exports and erases an employee of *their*
  organisation (never themselves: another admin or the operator does that),
  and an external person only where their organisation holds something about
  them (:func:`weakties.privacy.services.subjects.held_by`); elsewhere the
  person is "not found", as an unknown one;
* an admin handles the objection requests that concern their organisation, or
  no organisation at all; a superuser who is no employee handles every one;
* anonymous visitors file objection requests and nothing else.
"""

from __future__ import annotations

from typing import Any

from weakties.accounts.models import Employee, Organisation
from weakties.accounts.rules import employee_of, is_admin, is_org_admin
from weakties.privacy.services.subjects import Subject, held_by

__all__ = [
    "may_export_own",
    "may_handle_privacy",
    "may_erase_employee",
    "may_handle_subject",
    "scope_of",
]


def _me(actor: Any) -> Employee | None:
    """The employee acting: a signed-in user's, or the employee itself (CLI ``--as``)."""
    return actor if isinstance(actor, Employee) else employee_of(actor)


def _is_admin(actor: Any) -> bool:
    if isinstance(actor, Employee):
        return actor.active and actor.is_admin
    return is_admin(actor)


def may_export_own(actor: Any) -> bool:
    """A signed-in employee (active or not: a leaver still has the right of access)."""
    return _me(actor) is not None


def scope_of(actor: Any) -> Organisation | None:
    """The organisation an admin acts for; ``None`` for an operator who is no employee."""
    me = _me(actor)
    return me.organisation if me is not None else None


def may_handle_privacy(actor: Any) -> bool:
    """Admins (of an organisation) and superusers: the privacy requests pages and API."""
    return _is_admin(actor)


def may_erase_employee(actor: Any, employee: Employee) -> bool:
    """An admin of the employee's organisation, or the operator; never the admin themselves."""
    me = _me(actor)
    if me is not None and me.pk == employee.pk:
        return False
    if isinstance(actor, Employee):
        return _is_admin(actor) and actor.organisation_id == employee.organisation_id
    return is_org_admin(actor, employee.organisation)


def may_handle_subject(actor: Any, subject: Subject) -> bool:
    """An admin whose organisation holds something about the subject, or the operator."""
    if not _is_admin(actor):
        return False
    scope = scope_of(actor)
    return scope is None or held_by(subject, scope)
