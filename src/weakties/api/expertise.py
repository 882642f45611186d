"""REST API of the connected organisation: profile, expertise finder, target lists and watch.

Same bearer tokens and the same rules as the pages (the predicates of
:mod:`weakties.expertise.rules`).  A ``ServiceError`` becomes a 422 in the one
handler of :mod:`weakties.api.routes`.
"""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja.errors import HttpError

from weakties.accounts.models import Employee
from weakties.expertise import rules
from weakties.expertise.models import Profile
from weakties.expertise.services.profiles import profile_of, profile_update

router = Router(tags=["expertise and target lists"])


def _me(request: HttpRequest) -> Employee:
    """The active employee the token acts for; 403 for anyone else."""
    me = rules.acting_employee(request.user)
    if me is None:
        raise HttpError(403, _("this token's user is not an active employee"))
    return me


class ProfileOut(Schema):
    employee: str
    skills: list[str]
    focus_topics: list[str]
    blurb: str
    updated_at: dt.datetime | None


class ProfileIn(Schema):
    skills: list[str] | None = None
    focus_topics: list[str] | None = None
    blurb: str | None = None


def _profile(profile: Profile, employee: Employee) -> dict:
    return {
        "employee": employee.email,
        "skills": Profile.split(profile.skills),
        "focus_topics": Profile.split(profile.focus_topics),
        "blurb": profile.blurb,
        "updated_at": profile.updated_at,
    }


@router.get("/profile", response=ProfileOut, summary="My profile")
def profile_get(request: HttpRequest):
    """The caller's own skills, focus topics and blurb (empty lists before they write them)."""
    me = _me(request)
    return _profile(profile_of(me), me)


@router.put("/profile", response=ProfileOut, summary="Change my profile")
def profile_put(request: HttpRequest, body: ProfileIn):
    """Change the fields given (a field left out stays as it is); only one's own profile."""
    me = _me(request)
    if not rules.may_edit_profile(request.user, me):
        raise HttpError(403, _("only the employee edits their profile"))
    profile = profile_update(
        employee=me, skills=body.skills, focus_topics=body.focus_topics, blurb=body.blurb
    )
    return _profile(profile, me)
