"""An employee's own contribution: reach, introductions, referrals and material shared."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from .. import access, rules
from ..selectors.contribution import contribution as contribution_of
from ..selectors.contribution import labelled


@login_required
def contribution(request):
    me = access.member(request)
    access.require(rules.may_see_contribution(request.user, me))
    figures = contribution_of(employee=me)
    return render(
        request,
        "ambassadors/contribution.html",
        {
            "c": figures,
            "words": labelled(figures),
            "admin": rules.may_see_funnel(request.user, me.organisation),
            "tab": "contribution",
        },
    )
