"""How the pages refuse: 403 for what a user may not do, 404 for what they may not know exists.

The rules are the predicates of :mod:`weakties.ambassadors.rules`; these
helpers find the signed-in employee (or the invitation a personal link names)
and turn a refused predicate into ``PermissionDenied`` or ``Http404``.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from weakties.accounts.access import current_employee
from weakties.accounts.models import Employee, Organisation

from . import rules
from .mail import read_token
from .models import Campaign, Invitation

__all__ = ["admin_organisation", "campaign_for", "invitation_for", "member", "require"]


def require(allowed: bool) -> None:
    """Refuse with 403 unless the predicate allowed it."""
    if not allowed:
        raise PermissionDenied(_("You may not do this."))


def member(request) -> Employee:
    """The signed-in, active employee; 403 for a login that is none (or one who left)."""
    me = current_employee(request)
    if not me.active:
        raise PermissionDenied(_("Your account is no longer active."))
    return me


def admin_organisation(request) -> Organisation:
    """The organisation the signed-in admin runs; 403 for everyone else."""
    me = member(request)
    if not rules.may_see_funnel(request.user, me.organisation):
        raise PermissionDenied(_("Only the organisation's administrators may see this."))
    return me.organisation


def campaign_for(request, pk: int) -> Campaign:
    """A campaign of the admin's own organisation; 404 for any other."""
    organisation = admin_organisation(request)
    campaign = Campaign.objects.filter(organisation=organisation, pk=pk).first()
    if campaign is None:
        raise Http404
    return campaign


def invitation_for(token: str) -> Invitation:
    """The invitation a personal link names; 404 when forged, expired or for someone who left."""
    invitation = read_token(token)
    if invitation is None or not invitation.employee.active:
        raise Http404(_("This link is not valid (any more)."))
    return invitation
