"""Who may see and do what with vacancies and referrals (DESIGN.md, privacy by design).

The named predicates here are the one home of these rules: the pages
(:mod:`weakties.referrals.views`), the API (:mod:`weakties.api.referrals`)
and the CLI (``weakties vacancy``, ``weakties refer`` with ``--as``) all ask
them.  Each takes an *actor*: a signed-in user, or an
:class:`~weakties.accounts.models.Employee` (the CLI's ``--as``).  Refusing
(403, 404, a one-line error) is the edge's business.

* a **recruiter** is an active employee with the recruiter or admin role; a
  superuser not employed by another organisation counts as one everywhere;
* every active employee of the organisation sees its open vacancies, forwards
  them with their own referral link, and sees the stage of their own referrals;
* recruiters enter, import, change and close vacancies, see the contacts who
  may fit (name, company, position and who knows them; never an email or a
  phone), ask colleagues, and see and move the referred candidates;
* an organisation's admins switch the leaderboard on and set how long a
  referral is valid; the leaderboard, when on, is for every employee;
* another organisation sees nothing, not even that a vacancy exists.
"""

from __future__ import annotations

from typing import Any

from weakties.accounts.models import Employee, Organisation, Role
from weakties.accounts.rules import employee_of
from weakties.referrals.models import Referral, Vacancy

__all__ = [
    "actor_employee",
    "is_member",
    "is_recruiter",
    "may_see_vacancy",
    "may_manage_vacancies",
    "may_see_candidates",
    "may_see_referral",
    "may_move_referral",
    "may_refer",
    "may_change_settings",
]

#: Roles that run recruitment.
RECRUITING_ROLES = (Role.RECRUITER, Role.ADMIN)


def _superuser(actor: Any) -> bool:
    return not isinstance(actor, Employee) and bool(getattr(actor, "is_superuser", False))


def actor_employee(actor: Any) -> Employee | None:
    """The active employee an actor is (a user's employee, or the employee itself)."""
    me = actor if isinstance(actor, Employee) else employee_of(actor)
    return me if me is not None and me.active else None


def _free_superuser(actor: Any, organisation_id: int) -> bool:
    """A superuser who is not an employee of another organisation."""
    if not _superuser(actor):
        return False
    me = employee_of(actor)
    return me is None or me.organisation_id == organisation_id


def is_member(actor: Any, organisation: Organisation | int) -> bool:
    """An active employee of the organisation (or a superuser not employed elsewhere)."""
    org_id = organisation if isinstance(organisation, int) else organisation.pk
    me = actor_employee(actor)
    return (me is not None and me.organisation_id == org_id) or _free_superuser(actor, org_id)


def is_recruiter(actor: Any, organisation: Organisation | int) -> bool:
    """An active recruiter or admin of the organisation (or a superuser not employed elsewhere)."""
    org_id = organisation if isinstance(organisation, int) else organisation.pk
    me = actor_employee(actor)
    if me is not None and me.organisation_id == org_id and me.role in RECRUITING_ROLES:
        return True
    return _free_superuser(actor, org_id)


def may_see_vacancy(actor: Any, vacancy: Vacancy) -> bool:
    """Recruiters see every vacancy of their organisation; colleagues the open ones."""
    if is_recruiter(actor, vacancy.organisation_id):
        return True
    return is_member(actor, vacancy.organisation_id) and vacancy.is_open


def may_manage_vacancies(actor: Any, organisation: Organisation | int) -> bool:
    """Enter, import, change, close and delete vacancies: the organisation's recruiters."""
    return is_recruiter(actor, organisation)


def may_see_candidates(actor: Any, vacancy: Vacancy) -> bool:
    """The contacts who may fit, and the referred candidates: the organisation's recruiters."""
    return is_recruiter(actor, vacancy.organisation_id)


def may_see_referral(actor: Any, referral: Referral) -> bool:
    """A referral's details are for recruiters; the referrer sees that it exists and its stage."""
    if is_recruiter(actor, referral.vacancy.organisation_id):
        return True
    me = actor_employee(actor)
    return me is not None and referral.referrer_id == me.pk


def may_move_referral(actor: Any, referral: Referral) -> bool:
    """Only the organisation's recruiters move a referral through the pipeline."""
    return is_recruiter(actor, referral.vacancy.organisation_id)


def may_refer(actor: Any, vacancy: Vacancy) -> bool:
    """An active employee of the organisation forwards an open vacancy with their own link."""
    me = actor_employee(actor)
    return me is not None and me.organisation_id == vacancy.organisation_id and vacancy.is_open


def may_change_settings(actor: Any, organisation: Organisation | int) -> bool:
    """The leaderboard switch and the validity of referrals: the organisation's admins."""
    org_id = organisation if isinstance(organisation, int) else organisation.pk
    me = actor_employee(actor)
    if me is not None and me.organisation_id == org_id and me.role == Role.ADMIN:
        return True
    return _free_superuser(actor, org_id)
