"""Who may do what with campaigns, targets, material and contributions (DESIGN.md, privacy by design).

Named predicates: each takes a *user* (not a request), or an
:class:`~weakties.accounts.models.Employee` (the CLI's ``--as``), and answers
``True`` or ``False``. The pages (:mod:`weakties.ambassadors.views`), the API
(:mod:`weakties.api.ambassadors`) and the CLI (``weakties invite --as``) all
ask them; refusing is the edge's business.

* an **administrator** of the organisation runs the campaigns, sees the
  funnel, the sync status and the white spots, keeps the target list and
  publishes material;
* every **active employee** of the organisation (any role) sees the material
  and says when they shared a post;
* an employee's **contribution** is for that employee alone: nobody else,
  admins included, sees it on this page;
* a **personal link** acts for the employee it was made for: it works without
  a login, but a colleague signed in with their own login cannot answer
  someone else's invitation with it.
"""

from __future__ import annotations

from weakties.accounts.models import Employee, Organisation
from weakties.accounts.rules import employee_of, is_org_admin

from .models import Invitation, Post

__all__ = [
    "is_active_member",
    "may_run_campaigns",
    "may_see_funnel",
    "may_edit_targets",
    "may_publish_material",
    "may_see_material",
    "may_mark_shared",
    "may_see_contribution",
    "may_answer_invitation",
]


def _employee(subject) -> Employee | None:
    """The employee a user is linked to, or the employee itself."""
    return subject if isinstance(subject, Employee) else employee_of(subject)


def _active_admin(subject, organisation: Organisation) -> bool:
    if isinstance(subject, Employee):
        return subject.active and subject.is_admin and subject.organisation_id == organisation.pk
    me = employee_of(subject)
    return is_org_admin(subject, organisation) and (me is None or me.active)


def is_active_member(user, organisation: Organisation) -> bool:
    """An active employee of this organisation, whatever their role."""
    me = _employee(user)
    return me is not None and me.active and me.organisation_id == organisation.pk


def may_run_campaigns(user, organisation: Organisation) -> bool:
    """Invite colleagues and send a campaign's reminder: the organisation's admins."""
    return _active_admin(user, organisation)


def may_see_funnel(user, organisation: Organisation) -> bool:
    """The funnel, each employee's sync status and the white spots: the organisation's admins."""
    return _active_admin(user, organisation)


def may_edit_targets(user, organisation: Organisation) -> bool:
    """The organisation's target companies and sectors: its admins."""
    return _active_admin(user, organisation)


def may_publish_material(user, organisation: Organisation) -> bool:
    """Publish and archive ambassador material: the organisation's admins."""
    return _active_admin(user, organisation)


def may_see_material(user, organisation: Organisation) -> bool:
    """The organisation's material: its active employees (and its admins)."""
    return is_active_member(user, organisation) or _active_admin(user, organisation)


def may_mark_shared(user, post: Post) -> bool:
    """Say "I shared it": an active employee of the post's organisation, while it is published."""
    return post.archived_at is None and is_active_member(user, post.organisation)


def may_see_contribution(user, employee: Employee) -> bool:
    """An employee's contribution page is their own; nobody else sees it."""
    me = _employee(user)
    return me is not None and me.active and me.pk == employee.pk


def may_answer_invitation(user, invitation: Invitation) -> bool:
    """The holder of the personal link, unless signed in as somebody else."""
    if not invitation.employee.active:
        return False
    me = _employee(user)
    return me is None or me.pk == invitation.employee_id
