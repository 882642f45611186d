"""How the pages refuse: 404 for a list a user may not know exists, 403 for what they may not do.

The rules are the predicates of :mod:`weakties.expertise.rules`; these
helpers find the signed-in employee or the asked list for a request and turn
a refused predicate into ``PermissionDenied`` or ``Http404``.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from weakties.accounts.access import current_employee
from weakties.accounts.models import Employee
from weakties.expertise import rules
from weakties.expertise.models import Target, TargetList


def finder_user(request) -> Employee:
    me = current_employee(request)
    if not rules.may_use_finder(request.user):
        raise PermissionDenied(_("Only active employees search their colleagues."))
    return me


def list_user(request) -> Employee:
    """An employee who may work with target lists (sales, recruiters, admins); 403 for others."""
    me = current_employee(request)
    if not rules.may_use_target_lists(request.user):
        raise PermissionDenied(_("Target lists are for sales people, recruiters and admins."))
    return me


def target_list_for(request, pk: int, *, change: bool = False) -> TargetList:
    """A list the user may see (or change); 404 for lists of others they may not see."""
    current_employee(request)
    found = TargetList.objects.select_related("owner").filter(pk=pk).first()
    if found is None or not rules.may_see_target_list(request.user, found):
        raise Http404
    if change and not rules.may_change_target_list(request.user, found):
        raise PermissionDenied(_("Only the owner of this list may change it."))
    return found


def target_for(request, list_pk: int, pk: int) -> tuple[TargetList, Target]:
    target_list = target_list_for(request, list_pk)
    target = Target.objects.filter(target_list=target_list, pk=pk).first()
    if target is None:
        raise Http404
    return target_list, target
