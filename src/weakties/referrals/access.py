"""How the pages refuse: 404 for what a user may not know exists, 403 for what they may not do.

The rules themselves are the predicates in :mod:`weakties.referrals.rules`.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from weakties.accounts.models import Employee
from weakties.referrals import rules
from weakties.referrals.models import Referral, Vacancy


def require(allowed: bool, message: str) -> None:
    """Refuse with 403 and the message unless the predicate allowed it."""
    if not allowed:
        raise PermissionDenied(message)


def me_of(request) -> Employee:
    """The signed-in active employee; the referral pages are an organisation's own."""
    me = rules.actor_employee(request.user)
    if me is None:
        raise PermissionDenied(_("This login is not linked to an active employee."))
    return me


def vacancy_for(request, pk: int) -> Vacancy:
    """A vacancy the user may see; 404 for others (its existence is not revealed)."""
    vacancy = Vacancy.objects.select_related("organisation", "created_by").filter(pk=pk).first()
    if vacancy is None or not rules.may_see_vacancy(request.user, vacancy):
        raise Http404
    return vacancy


def referral_for(request, pk: int) -> Referral:
    """A referral the user may see (recruiters, or its referrer); 404 for others."""
    referral = (
        Referral.objects.select_related("vacancy__organisation", "referrer").filter(pk=pk).first()
    )
    if referral is None or not rules.may_see_referral(request.user, referral):
        raise Http404
    return referral


def only_recruiters() -> str:
    return _("Only the organisation's recruiters and admins may do this.")
